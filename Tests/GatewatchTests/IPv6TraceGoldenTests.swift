import Foundation
import Testing

/// IPv6 egress end to end (docs/aws-path.md §6): `trace` on Golden/ipv6-bundle (its README says
/// what each case shows), text and JSON compared with golden files. Run with
/// `GATEWATCH_UPDATE_GOLDEN=1` to rewrite them after an intended change.
@Suite struct IPv6TraceGoldenTests {
    static let frontend = "web/web-frontend-7d9c8b6f5-k2m4p"
    static let legacy = "web/web-legacy-5b7c9d8e6-x8q2w"
    static let cases: [(name: String, arguments: [String])] = [
        ("trace-ipv6-egress-only", ["--pod", frontend, "--dst", "[2606:4700:4700::1111]:443"]),
        ("trace-ipv6-egress-only-json", ["--pod", frontend, "--dst", "[2606:4700:4700::1111]:443", "-o", "json"]),
        ("trace-ipv6-acl-denies-ssh", ["--pod", frontend, "--dst", "[2606:4700:4700::1111]:22"]),
        ("trace-ipv6-sg-denies-udp", ["--pod", frontend, "--dst", "[2606:4700:4700::1111]:53", "--proto", "udp"]),
        ("trace-ipv6-no-address", ["--pod", legacy, "--dst", "[2606:4700:4700::1111]:443"]),
        ("trace-ipv4-to-egress-only", ["--pod", frontend, "--dst", "198.51.100.7:443"]),
    ]

    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    @Test(arguments: cases.map(\.name))
    func matchesItsGoldenFile(_ name: String) throws {
        let arguments = try #require(Self.cases.first { $0.name == name }).arguments
        let bundle = Self.directory.appendingPathComponent("ipv6-bundle").path
        let result = try CommandRunner.run(arguments: ["trace", "--from", bundle] + arguments)
        #expect(result.exitCode == 0, "\(result.stderr)")
        let file = Self.directory.appendingPathComponent("\(name).\(name.hasSuffix("-json") ? "json" : "txt")")
        if ProcessInfo.processInfo.environment["GATEWATCH_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: file)
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        #expect(result.stdout == golden, "trace output differs from Golden/\(file.lastPathComponent)")
    }

    /// The JSON of the allowed IPv6 path, read as a machine would.
    @Test func theEgressOnlyPathInJSON() throws {
        let bundle = Self.directory.appendingPathComponent("ipv6-bundle").path
        let result = try CommandRunner.run(arguments: ["trace", "--from", bundle, "--pod", Self.frontend,
                                                       "--dst", "[2606:4700:4700::1111]:443", "-o", "json"])
        let json = try #require(try CommandRunner.json(result.stdout) as? [String: Any])
        #expect(json["verdict"] as? String == "allow")
        let path = try #require((json["paths"] as? [[String: Any]])?.first)
        #expect(path["sourceIp"] as? String == "2600:1f18:4a3:6e01::50")
        #expect(path["publicIp"] as? String == "2600:1f18:4a3:6e01::50")
        let route = try #require(path["route"] as? [String: Any])
        #expect(route["target"] as? String == "eigw-0f6e6a1b2c3d40f01")
        #expect(route["destination"] as? String == "::/0")
    }

    /// The IPv6 data changes nothing for IPv4: the same pod's IPv4 trace in the bundle without
    /// its IPv6 fields gives the same output.
    @Test func ipv4TracesIgnoreTheIPv6Fields() throws {
        let bundle = Self.directory.appendingPathComponent("ipv6-bundle")
        let stripped = FileManager.default.temporaryDirectory.appendingPathComponent("ipv6-stripped-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: stripped) }
        try FileManager.default.copyItem(at: bundle, to: stripped)
        func strip(_ file: String, list: String, key: String) throws {
            let url = stripped.appendingPathComponent(file)
            var root = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let items = try #require(root[list] as? [[String: Any]])
            root[list] = items.map { item in item.filter { $0.key != key } }
            try JSONSerialization.data(withJSONObject: root).write(to: url)
        }
        try strip("aws/describe-subnets.json", list: "Subnets", key: "Ipv6CidrBlockAssociationSet")
        try strip("aws/describe-network-interfaces.json", list: "NetworkInterfaces", key: "Ipv6Addresses")
        let pods = stripped.appendingPathComponent("cluster/pods.yaml")
        let kept = try String(contentsOf: pods, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("podIPs:") && !$0.contains("- ip: ") }
        try kept.joined(separator: "\n").write(to: pods, atomically: true, encoding: .utf8)
        for destination in ["198.51.100.7:443", "10.0.1.99:443", "8.8.8.8:443"] {
            let full = try CommandRunner.run(arguments: ["trace", "--from", bundle.path, "--pod", Self.frontend,
                                                         "--dst", destination, "-o", "json"])
            let bare = try CommandRunner.run(arguments: ["trace", "--from", stripped.path, "--pod", Self.frontend,
                                                         "--dst", destination, "-o", "json"])
            #expect(bare.exitCode == 0, "\(bare.stderr)")
            #expect(full.stdout == bare.stdout, "\(destination)")
        }
    }
}
