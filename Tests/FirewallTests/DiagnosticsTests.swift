import Testing
import Firewall

/// Malformed input: reported with its line and what was expected, and never stopping the rest.
@Suite("Diagnostics")
struct DiagnosticsTests {
    let broken = fixtureConfig("broken.cfg")

    func diagnostic(at line: Int) -> ConfigDiagnostic? {
        broken.diagnostics.first { $0.line == line }
    }

    @Test func malformedLineReportsLineAndExpectation() throws {
        let d = try #require(diagnostic(at: 22))
        #expect(d.severity == .error)
        #expect(d.problem == .expected("a port number 0-65535 or a port name", found: "notaport"))
        #expect(d.text == "access-list acl_in extended permit tcp any host 10.1.1.1 eq notaport")
        #expect(d.description == "line 22: error: expected a port number 0-65535 or a port name, found 'notaport'")
    }

    @Test func badLineDoesNotStopTheRest() {
        // Lines after every broken one still load: the final permit and both access-groups.
        #expect(broken.accessLists["acl_in"]?.lines.count == 9)
        #expect(broken.accessGroups.count == 2)
        #expect(broken.hostname == "broken-asa")
    }

    @Test func outOfRangeSecurityLevelIsReported() {
        #expect(diagnostic(at: 4)?.problem == .expected("a security level 0-100", found: "250"))
    }

    @Test func invalidAddressInObjectIsReported() {
        #expect(diagnostic(at: 9)?.problem == .expected("an address", found: "10.1.1.300"))
    }

    @Test func objectWithoutAddressIsReported() {
        #expect(diagnostic(at: 10)?.problem
            == .incomplete("object network empty-object has no address (host, subnet, range or fqdn)"))
    }

    @Test func groupCycleIsDetectedAndReported() {
        let cycles = broken.diagnostics.compactMap { d -> [String]? in
            if case .groupCycle(let path) = d.problem { return path }
            return nil
        }
        #expect(cycles.contains(["loop-a", "loop-b", "loop-a"]))
    }

    @Test func cyclicGroupStillResolvesToItsMembers() {
        let classifier = FirewallClassifier(config: broken)
        let verdict = classifier.classify(tcp("192.0.2.1", "10.2.2.2", 22))
        #expect(verdict.lineNumber == 4)
    }

    @Test func unknownNestedGroupIsReportedAtItsLine() {
        #expect(diagnostic(at: 18)?.problem == .unknownName(kind: "object-group", name: "no-such-group"))
    }

    @Test func unknownObjectInEntryIsReportedAndNeverMatches() {
        #expect(diagnostic(at: 23)?.problem == .unknownName(kind: "network object", name: "missing-object"))
    }

    @Test func missingMaskIsReportedAsExpectation() {
        #expect(diagnostic(at: 25)?.problem == .expected("a network mask after 10.3.3.0", found: "eq"))
    }

    @Test func unknownActionIsReported() {
        #expect(diagnostic(at: 26)?.problem == .expected("permit or deny", found: "frobnicate"))
    }

    @Test func unknownTimeRangeIsReported() {
        #expect(diagnostic(at: 28)?.problem == .unknownName(kind: "time-range", name: "never-defined"))
    }

    @Test func accessGroupToUnknownListAndInterfaceIsReported() {
        let problems = broken.diagnostics.filter { $0.line == 31 }.map(\.problem)
        #expect(problems.contains(.unknownName(kind: "access-list", name: "missing_acl")))
        #expect(problems.contains(.unknownName(kind: "interface", name: "nowhere")))
    }

    @Test func unparsableEntryKeepsItsLineNumberAndNeverMatches() {
        let classifier = FirewallClassifier(config: broken)
        // Line 6 of acl_in (`frobnicate`) could have matched anything; line 9 decides, numbered as on the device.
        let verdict = classifier.classify(tcp("192.0.2.1", "10.9.9.9", 80))
        #expect(verdict.lineNumber == 9)
        #expect(verdict.notes.contains { $0.contains("line 6 could not be parsed") })
    }

    @Test func unknownCommandWithSubLinesIsCounted() {
        #expect(broken.skippedCommands["frobnicate"] == 2)
    }

    @Test func diagnosticsAreInLineOrder() {
        let lines = broken.diagnostics.map(\.line)
        #expect(lines == lines.sorted())
    }

    @Test func unknownPortGroupTypeMismatchIsReportedInDestination() {
        #expect(diagnostic(at: 27)?.severity == .error)
    }

    @Test func iosWildcardMaskIsWarnedAndStillMatchedBitwise() {
        let c = singleACL(["extended permit ip any4 10.0.1.0 0.0.0.255"])
        let warnings = c.config.diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.problem) == [.nonContiguousMask("0.0.0.255", looksLikeWildcard: true)])
        #expect(warnings.first?.text == "access-list acl_in extended permit ip any4 10.0.1.0 0.0.0.255")
        #expect(warnings.first?.message.hasPrefix("non-contiguous mask 0.0.0.255 — an IOS wildcard?") == true)
        // What the ASA does with such a mask: only the last octet is compared.
        #expect(line(c, tcp("1.1.1.1", "77.0.1.0", 80)) == 1)
        #expect(line(c, tcp("1.1.1.1", "10.0.1.7", 80)) == nil)
    }

    @Test func otherNonContiguousMasksAreNotedWithoutTheWildcardHint() {
        let parsed = config("access-list A extended permit tcp 10.0.0.0 255.0.255.0 any4 eq 80",
                            "object network odd", " subnet 10.0.0.0 255.0.0.192",
                            "object-group network g", " network-object 10.0.0.0 0.255.255.255")
        #expect(parsed.diagnostics.map(\.line) == [1, 3, 5])
        #expect(parsed.diagnostics.map(\.problem) == [
            .nonContiguousMask("255.0.255.0", looksLikeWildcard: false),
            .nonContiguousMask("255.0.0.192", looksLikeWildcard: false),
            .nonContiguousMask("0.255.255.255", looksLikeWildcard: true),
        ])
        #expect(parsed.diagnostics.map(\.severity) == [.note, .note, .warning])
    }
}
