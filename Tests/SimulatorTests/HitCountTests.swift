import Firewall
import Inventory
import LPM
import Simulator
import Testing

/// `show access-list` hit counts in `check` (`unused-ace`, `stale-ace` evidence) and `whatif`.
@Suite struct HitCountTests {
    private static let acl = """
    access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 443
    access-list inside_in extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 8443
    access-list inside_in extended permit tcp host 10.0.41.99 172.16.0.0 255.255.255.0 eq 22
    access-list inside_in extended deny ip any4 any4
    """

    /// Line 1 (443) counted `hits443`, line 2 (8443) `hits8443`, the stale line 3 none, line 4 some.
    private static func capture(hits443: Int = 120, hits8443: Int = 0, time: String? = "2026-11-25T14:03:22Z") -> String {
        let header: [String] = time.map { [$0] } ?? []
        return (header + [
            "access-list inside_in; 4 elements; name hash: 0x1a2b3c4d",
            "access-list inside_in line 1 extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq https (hitcnt=\(hits443)) 0x11111111",
            "access-list inside_in line 2 extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 8443 (hitcnt=\(hits8443)) 0x22222222",
            "access-list inside_in line 3 extended permit tcp host 10.0.41.99 172.16.0.0 255.255.255.0 eq ssh (hitcnt=0) 0x33333333",
            "access-list inside_in line 4 extended deny ip any4 any4 (hitcnt=9) 0x44444444",
        ]).joined(separator: "\n") + "\n"
    }

    private func scenario(capture: String?, acl: String = HitCountTests.acl) -> Scenario {
        var scenario = Scenario()
        scenario.firewalls = [FirewallPlacement(name: "fw", config: "firewall/fw.cfg", interface: "inside", targets: ["tgw-1"])]
        scenario.firewallConfigs = [FirewallConfigFile(path: "firewall/fw.cfg", text: """
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        \(acl)
        access-group inside_in in interface inside
        """, accessListText: capture)]
        return scenario
    }

    private func findings(_ scenario: Scenario, _ code: Finding.Code) -> [Finding] {
        Linter(snapshot: scenario.snapshot).findings().filter { $0.code == code }
    }

    @Test func aPermitWithZeroHitsIsAnUnusedEntry() throws {
        let unused = findings(scenario(capture: Self.capture()), .unusedACE)
        #expect(unused.map(\.objects) == [["firewall/fw", "access-list/inside_in", "line/2"]])
        #expect(unused.first?.severity == .info)
        #expect(unused.first?.message.contains("2026-11-25T14:03:22Z") == true)
    }

    @Test func aPermitWithOneHitIsNotUnused() {
        #expect(findings(scenario(capture: Self.capture(hits8443: 1)), .unusedACE).isEmpty)
    }

    @Test func withoutACaptureNothingIsUnused() {
        #expect(findings(scenario(capture: nil), .unusedACE).isEmpty)
    }

    @Test func aCaptureOfAnotherConfigVersionCountsNothing() {
        // The capture's line 2 says 8443; this config's line 2 says 9443.
        let acl = Self.acl.replacing("eq 8443", with: "eq 9443")
        let all = Linter(snapshot: scenario(capture: Self.capture(), acl: acl).snapshot).findings()
        #expect(!all.contains { $0.code == .unusedACE })
        let mismatch = all.filter { $0.objects.contains("file/firewall/fw.acl") }
        #expect(mismatch.map(\.code) == [.firewallConfig])
        #expect(mismatch.first?.severity == .warning)
    }

    @Test func aMatchingCaptureRaisesNoConfigWarning() {
        let all = Linter(snapshot: scenario(capture: Self.capture()).snapshot).findings()
        #expect(!all.contains { $0.objects.contains("file/firewall/fw.acl") })
    }

    @Test func anUnreadableCaptureLineIsAConfigWarning() {
        let all = Linter(snapshot: scenario(capture: Self.capture() + "garbage here\n").snapshot).findings()
        #expect(all.filter { $0.objects.contains("file/firewall/fw.acl") }.map(\.code) == [.firewallConfig])
    }

    @Test func theStaleEntryCarriesItsHitCountAndIsNotAlsoUnused() throws {
        let all = Linter(snapshot: scenario(capture: Self.capture()).snapshot).findings()
        let stale = try #require(all.first { $0.code == .staleACE })
        #expect(stale.objects.last == "line/3")
        #expect(stale.message.contains("0 hits since"))
        #expect(!all.contains { $0.code == .unusedACE && $0.objects.last == "line/3" })
    }

    @Test func aCaptureWithoutTimeStillGivesTheCount() throws {
        let stale = try #require(findings(scenario(capture: Self.capture(time: nil)), .staleACE).first)
        #expect(stale.message.contains("0 hits"))
        #expect(!stale.message.contains("since"))
    }

    @Test func theDemoCaptureMatchesTheDemoConfigLineForLine() throws {
        let file = try #require(DemoBundle.load().snapshot.firewallConfigs.first { $0.path == "firewall/ftd-egress.cfg" })
        let counts = AccessListHitCounts.parse(try #require(file.accessListText), file: file.accessListPath)
        #expect(counts.diagnostics.isEmpty)
        #expect(counts.capturedAt != nil)
        let join = counts.joined(to: FirewallConfig.parse(file.text))
        let problems = join.mismatches.filter {
            if case .notModelled = $0.problem { return false }  // the standard ACL MGMT_SPLIT
            return true
        }
        #expect(problems.isEmpty, "\(problems)")
        #expect(join.lines.filter { $0.dump.accessList == "inside_access_in" }.count == 21)
        #expect(join.line(3, of: "inside_access_in")?.elements.count == 2)
        #expect(join.line(19, of: "inside_access_in")?.elements.count == 6)
    }

    @Test func theDemoHasNoUnusedEntryButItsStaleLineShowsZeroHits() throws {
        let findings = Linter(snapshot: DemoBundle.load().snapshot).findings()
        #expect(!findings.contains { $0.code == .unusedACE }, "line 5 is shadowed, 7 stale, 13 inactive")
        #expect(!findings.contains { $0.objects.contains("file/firewall/ftd-egress.acl") }, "the capture matches its config")
        let stale = try #require(findings.first { $0.code == .staleACE })
        #expect(stale.message.contains("0 hits since"))
    }

    @Test func whatIfNamesTheHitCountsOfTheLinesWhoseOutcomeChanges() throws {
        let before = scenario(capture: Self.capture()).snapshot
        let candidate = before.replacing(firewallConfig: "firewall/fw.cfg", text: """
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        access-list inside_in extended deny ip any4 any4
        access-group inside_in in interface inside
        """)
        let report = Simulation(snapshot: before).whatIf(Simulation(snapshot: candidate)).compare(port: 443)
        let firewall = try #require(report.changes.flatMap(\.differences).first { $0.hasPrefix("firewall ") })
        #expect(firewall == "firewall permit line 1 (120 hits) → deny line 1")
    }

    @Test func whatIfWithoutCaptureNamesNoCounts() throws {
        let before = scenario(capture: nil).snapshot
        let candidate = before.replacing(firewallConfig: "firewall/fw.cfg", text: """
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        access-list inside_in extended deny ip any4 any4
        access-group inside_in in interface inside
        """)
        let report = Simulation(snapshot: before).whatIf(Simulation(snapshot: candidate)).compare(port: 443)
        let firewall = try #require(report.changes.flatMap(\.differences).first { $0.hasPrefix("firewall ") })
        #expect(firewall == "firewall permit line 1 → deny line 1")
    }
}
