import Firewall
import Foundation
import Inventory
import LPM
import Presentation
import Simulator
import Testing

/// `gatewatch export asa-objects|fmc-dynamic-objects` end to end: goldens for the demo and for a
/// small bundle with several policies, and the round trip through our own firewall parser.
/// Run with `GATEWATCH_UPDATE_GOLDEN=1` to rewrite the goldens after an intended change.
@Suite struct ExportCommandTests {
    static var golden: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static var smallBundle: String { golden.appendingPathComponent("export-bundle").path }

    static let cases: [(name: String, arguments: [String])] = [
        ("export-asa-objects-demo.txt", ["export", "asa-objects", "--demo"]),
        ("export-asa-objects-demo.json", ["export", "asa-objects", "--demo", "-o", "json"]),
        ("export-fmc-dynamic-objects-demo.json", ["export", "fmc-dynamic-objects", "--demo", "-o", "json"]),
        ("export-asa-objects-bundle.txt", ["export", "asa-objects", "--from", smallBundle]),
        ("export-fmc-dynamic-objects-bundle.json", ["export", "fmc-dynamic-objects", "--from", smallBundle]),
    ]

    @Test(arguments: cases.map(\.name))
    func matchesItsGoldenFile(_ name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let result = try CommandRunner.run(arguments: arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let file = Self.golden.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["GATEWATCH_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: file)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(result.stdout == expected, "export output differs from Golden/\(name)")
    }

    @Test func fmcDynamicObjectsAreNameTypeAndMappings() throws {
        let result = try CommandRunner.run("export", "fmc-dynamic-objects", "--from", Self.smallBundle, "-o", "json")
        #expect(result.exitCode == 0, "\(result.stderr)")
        let objects = try #require(try CommandRunner.json(result.stdout) as? [[String: Any]])
        #expect(objects.map { $0["name"] as? String } == ["EGW-egw-db-db-egw", "EGW-egw-mf-mainframe-egw",
                                                          "EGW-egw-mf-mainframe-egw-PUBLIC"])
        #expect(objects.allSatisfy { $0["type"] as? String == "IP" && Set($0.keys) == ["name", "type", "mappings"] })
        #expect(objects[1]["mappings"] as? [String] == ["10.0.41.20", "10.0.41.21"])
    }

    @Test func fmcDynamicObjectsRefuseTextOutput() throws {
        let result = try CommandRunner.run("export", "fmc-dynamic-objects", "--demo", "-o", "text")
        #expect(result.exitCode == 2)
        #expect(result.stdout.isEmpty)
    }

    @Test func anUnknownKindIsAUsageError() throws {
        let result = try CommandRunner.run("export", "asa-groups", "--demo")
        #expect(result.exitCode == 2)
    }

    /// The exported text, one interface, and an ACL that permits each exported group.
    static func roundTripConfig(_ exported: String, groups: [String]) -> String {
        var lines = ["interface GigabitEthernet0/1", " nameif inside", " security-level 100",
                     " ip address 10.0.255.1 255.255.255.0", exported]
        for name in groups { lines.append("access-list EXPORTED extended permit ip object-group \(name) any") }
        lines.append("access-group EXPORTED in interface inside")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test(arguments: ["demo", "bundle"])
    func theExportedTextParsesAndPermitsEveryGatewayAddress(_ source: String) throws {
        let snapshot = source == "demo" ? DemoBundle.load().snapshot : try BundleLoader.load(directory: Self.smallBundle).snapshot
        let groups = GatewayObjectGroups(simulation: Simulation(snapshot: snapshot)).groups
        #expect(!groups.isEmpty)
        let config = FirewallConfig.parse(Self.roundTripConfig(GatewayObjectsOutput.asaText(groups), groups: groups.map(\.name)))
        #expect(config.errors.isEmpty, "\(config.errors)")
        let classifier = FirewallClassifier(config: config)
        for group in groups {
            let parsed = try #require(config.objectGroups[group.name])
            #expect(parsed.description == group.descriptionText)
            #expect(parsed.entries.map(\.member) == group.members.map { .network(.host($0)) })
            for address in group.members {
                let packet = FirewallPacket(ingressInterface: "inside", ipProtocol: 6, source: address, sourcePort: 40_000,
                                            destination: ip4("192.0.2.80"), destinationPort: 443)
                let verdict = classifier.classify(packet)
                #expect(verdict.action == .permit, "\(group.name) \(address)")
            }
        }
        // A near miss: an address in no group meets the implicit deny.
        let stranger = FirewallPacket(ingressInterface: "inside", ipProtocol: 6, source: ip4("10.0.41.99"), sourcePort: 40_000,
                                      destination: ip4("192.0.2.80"), destinationPort: 443)
        #expect(classifier.classify(stranger).action == .deny)
    }

    @Test func firewallTraceAcceptsTheExportedText() throws {
        let export = try CommandRunner.run("export", "asa-objects", "--from", Self.smallBundle)
        #expect(export.exitCode == 0, "\(export.stderr)")
        let names = export.stdout.split(separator: "\n").compactMap { line in
            line.hasPrefix("object-group network ") ? String(line.dropFirst("object-group network ".count)) : nil
        }
        #expect(names.count == 3)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-export-\(UUID().uuidString).cfg")
        try Data(Self.roundTripConfig(export.stdout, groups: names).utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        for (source, exit) in [("10.0.41.20", Int32(0)), ("10.0.41.21", 0), ("10.0.42.30", 0), ("203.0.113.10", 0),
                               ("10.0.41.22", 1)] {
            let trace = try CommandRunner.run("firewall", "trace", "--config", file.path, "--interface", "inside",
                                              "--proto", "tcp", "--src", source, "--dst", "192.0.2.80", "--dport", "443")
            #expect(trace.exitCode == exit, "\(source): \(trace.stdout) \(trace.stderr)")
        }
    }
}

private func ip4(_ text: String) -> IPAddress {
    IPAddress(parsing: text) ?? .v4(IPv4Address(0))
}
