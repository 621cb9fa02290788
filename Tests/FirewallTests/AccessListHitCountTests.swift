import Testing
import Firewall

/// `show access-list` output (`NAME.acl`): hit counts per line and per element, the capture
/// time, malformed lines located and skipped, and the join to the config (issue #17).
@Suite("show access-list hit counts")
struct AccessListHitCountTests {
    static let config = FirewallConfig.parse("""
        object-group network WEB
         network-object host 192.0.2.10
         network-object host 192.0.2.11
        access-list OUT remark published web servers
        access-list OUT extended permit tcp any4 object-group WEB eq 443 log
        access-list OUT extended deny udp any4 any4 eq tftp inactive
        access-list OUT extended deny ip any any
        """)

    static let dump = """
        2026-11-25T14:00:00Z
        asa# show access-list
        access-list cached ACL log flows: total 0, denied 0 (deny-flow-max 4096)
                    alert-interval 300
        access-list OUT; 4 elements; name hash: 0x1a2b3c4d
        access-list OUT line 1 remark published web servers
        access-list OUT line 2 extended permit tcp any4 object-group WEB eq https log informational interval 300 (hitcnt=12) 0x00aa11bb
          access-list OUT line 2 extended permit tcp any4 host 192.0.2.10 eq https log informational interval 300 (hitcnt=7) 0x01
          access-list OUT line 2 extended permit tcp any4 host 192.0.2.11 eq https log informational interval 300 (hitcnt=5) 0x02
        access-list OUT line 3 extended deny udp any4 any4 eq tftp inactive (hitcnt=0) (inactive) 0x03
        access-list OUT line 4 extended deny ip any any (hitcnt=130) 0x04
        """

    @Test func readsHeaderLinesCountsAndElements() throws {
        let counts = AccessListHitCounts.parse(Self.dump, file: "fw.acl")
        #expect(counts.diagnostics.isEmpty, "\(counts.diagnostics)")
        #expect(counts.accessListOrder == ["OUT"])
        #expect(counts.headers["OUT"]?.elementCount == 4)
        #expect(counts.headers["OUT"]?.nameHash == "0x1a2b3c4d")
        #expect(counts.lines(of: "OUT").map(\.lineNumber) == [1, 2, 3, 4])
        #expect(counts.line(1, of: "OUT")?.kind == .remark("published web servers"))
        let entry = try #require(counts.line(2, of: "OUT"))
        #expect(entry.kind == .entry(type: "extended"))
        #expect(entry.hitCount == 12)
        #expect(entry.hash == "0x00aa11bb")
        #expect(entry.elements.map(\.hitCount) == [7, 5])
        #expect(entry.elements.map(\.fileLine) == [8, 9])
        #expect(entry.text == "extended permit tcp any4 object-group WEB eq https log informational interval 300")
        #expect(counts.line(3, of: "OUT")?.isInactive == true)
        #expect(counts.line(4, of: "OUT")?.hitCount == 130)
    }

    @Test func readsTheCaptureTime() throws {
        let iso = AccessListHitCounts.parse(Self.dump)
        #expect(iso.capturedAt == (try EvaluationTime.parseISO8601("2026-11-25T14:00:00Z")))
        let clock = AccessListHitCounts.parse("14:03:22.123 UTC Wed Nov 25 2026\n" + "access-list A; 0 elements; name hash: 0x1")
        #expect(clock.capturedAt == .deviceLocal(local(2026, 11, 25, 14, 3, 22)))
        #expect(AccessListHitCounts.parse("access-list A; 0 elements; name hash: 0x1").capturedAt == nil)
    }

    @Test func malformedLinesAreLocatedAndTheRestIsRead() {
        let counts = AccessListHitCounts.parse("""
            access-list OUT; 2 elements; name hash: 0x1
            access-list OUT line two extended permit ip any any (hitcnt=1) 0x2
              access-list OUT line 9 extended permit ip host 1.1.1.1 any (hitcnt=1) 0x3
            access-list OUT line 1 extended permit ip any any 0x4
            garbage here
            access-list OUT line 2 extended deny ip any any (hitcnt=3) 0x5
            access-list OUT line 2 extended deny ip any any (hitcnt=4) 0x6
            """, file: "fw.acl")
        #expect(counts.diagnostics.map(\.line) == [2, 3, 4, 5, 7])
        #expect(counts.diagnostics.map(\.severity) == [.error, .error, .warning, .error, .error])
        #expect(counts.diagnostics.first?.problem == .expected("'line N' after the access-list name", found: "two"))
        #expect(counts.diagnostics.dropFirst(2).first?.problem
            == .expected("'(hitcnt=N)' or '(inactive)' at the end of the entry", found: "0x4"))
        #expect(counts.located(counts.diagnostics[3]).hasPrefix("fw.acl:5: error: expected an 'access-list' line"))
        #expect(counts.line(2, of: "OUT")?.hitCount == 3)
        // A line without a count keeps its number.
        #expect(counts.line(1, of: "OUT")?.hitCount == nil)
        #expect(counts.line(1, of: "OUT")?.fileLine == 4)
    }

    @Test func joinsLinesAndElementsToTheConfig() throws {
        let join = AccessListHitCounts.parse(Self.dump).joined(to: Self.config)
        #expect(join.mismatches.isEmpty, "\(join.mismatches)")
        #expect(join.lines.map(\.dump.lineNumber) == [1, 2, 3, 4])
        let web = try #require(join.line(2, of: "OUT"))
        #expect(web.configLine.configLine == 5)
        #expect(web.elements.map(\.elementIndex) == [0, 1])
        #expect(web.elements.map(\.dump.hitCount) == [7, 5])
        #expect(web.elements.last?.element.destination == .prefix(prefix("192.0.2.11/32")))
    }

    @Test func reportsWhatDoesNotMatch() {
        let dump = """
            access-list OUT line 1 remark another remark
            access-list OUT line 2 extended permit tcp any4 object-group WEB eq 8443 (hitcnt=1) 0x1
            access-list OUT line 3 extended deny udp any4 any4 eq tftp inactive (hitcnt=0) (inactive) 0x2
              access-list OUT line 3 extended deny udp host 10.9.9.9 any4 eq tftp (hitcnt=0) 0x6
            access-list OUT line 9 extended deny ip any any (hitcnt=0) 0x3
            access-list STD line 1 standard permit any4 (hitcnt=0) 0x4
            access-list GONE line 1 extended permit ip any any (hitcnt=0) 0x5
            """
        let join = AccessListHitCounts.parse(dump).joined(to: Self.config)
        let problems = join.mismatches.map { ($0.accessList, $0.lineNumber, $0.problem) }
        #expect(problems.count == 7)
        #expect(problems.contains { $0.0 == "OUT" && $0.1 == 1 && {
            if case .textDiffers = $0.2 { return true } else { return false } }($0) })
        #expect(problems.contains { $0.0 == "OUT" && $0.1 == 2 && {
            if case .textDiffers = $0.2 { return true } else { return false } }($0) })
        #expect(problems.contains { $0.0 == "OUT" && $0.1 == 3
            && $0.2 == .elementNotInConfig("extended deny udp host 10.9.9.9 any4 eq tftp") })
        #expect(problems.contains { $0.0 == "OUT" && $0.1 == 9 && $0.2 == .lineNotConfigured })
        #expect(problems.contains { $0.0 == "OUT" && $0.1 == 4 && $0.2 == .lineNotInDump })
        #expect(problems.contains { $0.0 == "STD" && $0.2 == .notModelled(type: "standard") })
        #expect(problems.contains { $0.0 == "GONE" && $0.2 == .accessListNotConfigured })
        #expect(join.lines.map(\.dump.lineNumber) == [3])
    }

    @Test(.enabled(if: RealWorldCorpus.isAvailable, Comment(rawValue: RealWorldCorpus.absenceMessage)))
    func genieGoldenOutputJoinsToItsReconstructedConfig() throws {
        let dumpText = try #require(RealWorldCorpus.asa("CiscoTestAutomation__genieparser__ShowAccessList_golden_output.txt"))
        let configText = try #require(RealWorldCorpus.asa("derived/recon_genie1.cfg"))
        let counts = AccessListHitCounts.parse(dumpText)
        // The fixture's last element names another access list: reported, and the rest is read.
        #expect(counts.diagnostics.map(\.line) == [55])
        #expect(counts.line(3, of: "acl1_default")?.hitCount == 60)
        #expect(counts.line(2, of: "acl1_default")?.elements.count == 4)
        let join = counts.joined(to: FirewallConfig.parse(configText))
        #expect(join.mismatches.isEmpty, "\(join.mismatches)")
        #expect(join.line(2, of: "acl1_default")?.elements.count == 4)
    }
}
