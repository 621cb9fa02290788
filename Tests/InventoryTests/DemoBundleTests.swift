import Foundation
import Inventory
import LPM
import Testing

/// The demo bundle: embedded from the repository directory, and a consistent seed scenario.
@Suite struct DemoBundleTests {
    static let demo = DemoBundle.load()
    var snapshot: Snapshot { Self.demo.snapshot }

    private static var demoDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Inventory/Demo")
    }

    @Test func embedsExactlyTheFilesOfTheDemoDirectory() throws {
        let loaded = try BundleLoader.load(directory: Self.demoDirectory.path)
        var onDisk: [String: [UInt8]] = [:]
        let root = Self.demoDirectory.path
        let enumerator = try #require(FileManager.default.enumerator(atPath: root))
        for case let relative as String in enumerator {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory),
               !isDirectory.boolValue, relative != "README.md" {
                onDisk[relative] = try [UInt8](Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)))
            }
        }
        let embedded = Dictionary(uniqueKeysWithValues: DemoBundle.files.map { ($0.path, $0.contents) })
        #expect(Set(embedded.keys) == Set(onDisk.keys))
        for (path, bytes) in onDisk { #expect(embedded[path] == bytes, "\(path) differs from its embedded copy") }
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test func loadsWithoutDiagnostics() {
        #expect(Self.demo.diagnostics.isEmpty, "\(Self.demo.diagnostics)")
    }

    @Test func hasThreeGatewayNamespacesWithOneUnreadyGateway() {
        let byNamespace = Dictionary(grouping: snapshot.gateways, by: \.namespace)
        #expect(Set(byNamespace.keys) == ["dlp-service-egw", "corp-mainframe-egw", "corp-database-egw"])
        #expect(byNamespace.values.allSatisfy { (2...3).contains($0.count) })
        #expect(snapshot.gateways.filter { !$0.ready }.map(\.name) == ["dlp-service-egw-6d9f7c8b5-r8vtn"])
    }

    @Test func placesGatewaysAcrossZonesWithPoolENIAndElasticIP() throws {
        let gateway = try #require(snapshot.gateways.first { $0.ip == IPAddress(parsing: "10.0.41.20") })
        #expect(gateway.namespace == "dlp-service-egw")
        #expect(gateway.zone == "us-east-1a")
        #expect(gateway.pool == "dlp-use1a")
        #expect(gateway.networkInterfaceID == "eni-0510b72d69e7aab6c")
        #expect(gateway.elasticIP == IPAddress(parsing: "203.0.113.10"))
        #expect(gateway.deployment == "dlp-service-egw")
        #expect(Set(snapshot.gateways.compactMap(\.zone)) == ["us-east-1a", "us-east-1b", "us-east-1c"])
    }

    @Test func keepsEveryGatewayIPInsideItsPoolAndOnAnENI() {
        for gateway in snapshot.gateways {
            let pool = snapshot.cluster.ipPools.first { $0.name == gateway.pool }
            #expect(pool?.cidr.contains(gateway.ip ?? .v4(IPv4Address(0))) == true, "\(gateway.qualifiedName)")
            #expect(gateway.networkInterfaceID != nil, "\(gateway.qualifiedName)")
        }
    }

    @Test func coversEveryAddressSourceWithAWSBackedPools() {
        let aws = snapshot.pools.filter { $0.pool.isAWSBacked }
        // Dedicated subnet: the pool is the whole subnet.
        #expect(aws.contains { $0.subnet?.cidrBlock == $0.pool.cidr })
        // Shared subnet with a CIDR reservation.
        #expect(aws.contains { !$0.subnetReservations.isEmpty && $0.subnet?.cidrBlock != $0.pool.cidr })
        // Secondary VPC CIDR.
        let secondary = snapshot.aws.vpcs.flatMap(\.secondaryCIDRs)
        #expect(aws.contains { pool in secondary.contains { $0.contains(pool.pool.cidr) } })
    }

    @Test func countsPoolAllocationsFromIPAMBlocks() {
        let allocated = Dictionary(uniqueKeysWithValues: snapshot.pools.map { ($0.pool.name, $0.allocated) })
        #expect(allocated["dlp-use1a"] == 2)
        #expect(allocated["default-ipv4-ippool"] == 16)
        #expect(snapshot.pools.first { $0.pool.name == "mainframe-use1b" }?.capacity == 256)
        #expect(snapshot.orphanedBlocks.isEmpty)
    }

    @Test func classifiesEveryElasticIPStatus() {
        let statuses = Dictionary(uniqueKeysWithValues: snapshot.elasticIPBindings.map { ($0.elasticIP.publicIP.description, $0.status) })
        #expect(statuses["203.0.113.10"] == .bound)
        #expect(statuses["203.0.113.11"] == .bound)
        #expect(statuses["203.0.113.12"] == .idle)
        #expect(statuses["198.51.100.20"] == .mismatch)
        #expect(statuses["198.51.100.30"] == .notGateway)
    }

    @Test func modelsTheSeedPolicyAndWhoUsesIt() throws {
        let summary = try #require(snapshot.policies.first { $0.policy.name == "Cisco-Secure-Firewall" })
        #expect(summary.rules.map(\.cidr.description) == ["103.47.244.0/24", "172.16.0.0/24", "172.16.99.0/24", "10.0.0.0/8"])
        #expect(summary.rules.map(\.rule.description) == [
            "Gateway to Data Loss Prevention", "Gateway to Corporate Mainframe", "Gateway to Corporate Database",
            "Local: no gateway",
        ])
        #expect(summary.rules[0].gateways.count == 3 && summary.rules[0].readyCount == 2)
        #expect(summary.rules[3].rule.gateway == nil)
        #expect(summary.usedBy == ["checkout", "payments"])
    }

    @Test func hasRoutesTowardsTheFirewallTransitGatewayAndInternet() {
        let targets = snapshot.aws.routeTables.flatMap(\.routes).map(\.target)
        #expect(targets.contains(.vpcEndpoint("vpce-0a1b2c3d4e5f60718")))
        #expect(targets.contains(.transitGateway("tgw-0123456789abcdef0")))
        #expect(targets.contains { if case .internetGateway = $0 { return true } else { return false } })
        #expect(snapshot.firewall(forRouteTarget: "vpce-0a1b2c3d4e5f60718")?.name == "ftd-egress")
        #expect(snapshot.firewallConfigs.map(\.path) == ["firewall/ftd-egress.cfg"])
    }
}
