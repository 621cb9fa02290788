import Inventory
import LPM
import Testing
@testable import Traffic

/// The aggregator's fast path (flat tables keyed by integers, plans decided once per workload
/// class, time-window sweeps) against the straightforward one it replaced: on seeded random
/// records over the demo Snapshot, every grouping and every count must come out the same.
@Suite struct FastAggregationTests {
    static let snapshot = DemoBundle.load().snapshot

    /// A small deterministic generator (SplitMix64).
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }
    }

    /// Cluster-side addresses the Snapshot knows (pods, gateways, nodes, ENIs, Elastic IPs, NAT
    /// gateways) and a few it does not.
    static func clusterAddresses() -> [IPAddress] {
        var addresses = Set<IPAddress>()
        for pod in snapshot.cluster.pods { if let ip = pod.podIP { addresses.insert(ip) } }
        for node in snapshot.cluster.nodes { addresses.formUnion(node.internalIPs) }
        for eni in snapshot.aws.networkInterfaces {
            if let ip = eni.privateIPAddress { addresses.insert(ip) }
            for address in eni.privateIPAddresses { addresses.insert(address.address) }
        }
        for eip in snapshot.aws.elasticIPs { addresses.insert(eip.publicIP) }
        for nat in snapshot.aws.natGateways {
            for address in nat.addresses {
                if let ip = address.publicIP { addresses.insert(ip) }
                if let ip = address.privateIP { addresses.insert(ip) }
            }
        }
        for text in ["10.0.99.99", "10.0.1.250", "fd00::10"] { if let ip = IPAddress(parsing: text) { addresses.insert(ip) } }
        return addresses.sorted()
    }

    /// Destinations: an address inside every policy rule's destination, and some others.
    static func remoteAddresses() -> [IPAddress] {
        var addresses = Set<IPAddress>()
        for policy in snapshot.cluster.policies {
            for rule in policy.rules {
                let prefix = rule.effectiveDestination
                if case .v4(let network) = prefix.address {
                    addresses.insert(.v4(IPv4Address(network.value | (prefix.length < 32 ? 7 : 0))))
                }
            }
        }
        for text in ["1.1.1.1", "8.8.8.8", "103.47.244.10", "172.16.0.7", "52.94.0.1", "2600::1"] {
            if let ip = IPAddress(parsing: text) { addresses.insert(ip) }
        }
        return addresses.sorted()
    }

    static func records(seed: UInt64, count: Int) -> [FlowLogRecord] {
        var rng = Seeded(state: seed)
        let cluster = clusterAddresses()
        let remote = remoteAddresses()
        var interfaces = snapshot.aws.networkInterfaces.compactMap { NetworkInterfaceID($0.networkInterfaceID) }
        interfaces.append(NetworkInterfaceID("eni-0fffffffffffffff0")!)
        var time: Int64 = 1_796_572_800
        var records: [FlowLogRecord] = []
        for _ in 0..<count {
            // Mostly forward in time, some records late by up to 10 minutes, now and then a jump of hours.
            time += Int64(rng.below(20))
            if rng.below(500) == 0 { time += 3 * 3600 }
            let start = time - (rng.below(10) == 0 ? Int64(rng.below(600)) : 0)
            var record = FlowLogRecord()
            record.version = 5
            record.interfaceID = rng.below(20) == 0 ? nil : rng.pick(interfaces)
            let inside = rng.pick(cluster)
            let outside = rng.below(30) == 0 ? rng.pick(cluster) : rng.pick(remote)
            let outbound = rng.below(2) == 0
            record.sourceAddress = outbound ? inside : outside
            record.destinationAddress = outbound ? outside : inside
            if rng.below(2) == 0 {
                let real = rng.below(3) == 0 ? rng.pick(cluster) : inside
                record.packetSourceAddress = outbound ? real : outside
                record.packetDestinationAddress = outbound ? outside : real
            }
            let ephemeral = UInt16(40_000 + rng.below(6))
            let service = rng.pick([443, 23, 53, 992] as [UInt16])
            record.sourcePort = outbound ? ephemeral : service
            record.destinationPort = outbound ? service : ephemeral
            record.ipProtocol = rng.below(8) == 0 ? 17 : 6
            record.packets = rng.below(1000)
            record.bytes = rng.below(10_000_000)
            record.start = start
            record.end = start + Int64(rng.below(120))
            record.action = rng.below(10) == 0 ? .reject : .accept
            record.logStatus = .ok
            records.append(record)
        }
        return records
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func theFastPathReportsWhatTheStraightforwardOneDoes(seed: UInt64) {
        let records = Self.records(seed: seed, count: 20_000)
        let fast = TrafficAggregator(snapshot: Self.snapshot, since: 1_796_572_900)
        let reference = StraightforwardTrafficAggregator(snapshot: Self.snapshot, since: 1_796_572_900)
        for record in records {
            fast.add(record)
            reference.add(record)
        }
        #expect(fast.sources == reference.sources)
        #expect(fast.sources.duplicates > 0 && fast.sources.natTranslated > 0 && fast.sources.notEgress > 0)
        for grouping in TrafficGrouping.allCases {
            let (a, b) = (fast.report(by: grouping), reference.report(by: grouping))
            #expect(a == b, "by \(grouping)")
            #expect(a.rows.count > 1)
        }
    }

    /// Records are counted in batches; whatever reads the aggregator sees every record added so far.
    @Test func everyRecordAddedShowsBeforeItsBatchIsFull() {
        let records = Self.records(seed: 21, count: 40)
        let fast = TrafficAggregator(snapshot: Self.snapshot)
        let reference = StraightforwardTrafficAggregator(snapshot: Self.snapshot)
        for (index, record) in records.enumerated() {
            fast.add(record)
            reference.add(record)
            #expect(fast.report(by: .namespace) == reference.report(by: .namespace), "after record \(index)")
            #expect(fast.sources == reference.sources, "after record \(index)")
        }
        #expect(TrafficAggregator.batchSize > 1 && records.count % TrafficAggregator.batchSize != 0)
    }

    @Test func classPlansAttributeAsDecidingEveryWorkload() {
        let fast = TrafficAttributor(snapshot: Self.snapshot, ownership: SnapshotOwnership(snapshot: Self.snapshot))
        let every = TrafficAttributor(snapshot: Self.snapshot, ownership: SnapshotOwnership(snapshot: Self.snapshot),
                                      decidesEveryWorkload: true)
        var attributed = 0
        for address in Self.clusterAddresses() {
            for destination in Self.remoteAddresses() {
                let a = fast.attribution(address, destination: destination, time: nil)
                #expect(a == every.attribution(address, destination: destination, time: nil), "\(address) → \(destination)")
                if a != nil { attributed += 1 }
            }
        }
        #expect(attributed > 10)
    }

    @Test func theConnectionTableIsSweptByRecordTime() {
        let aggregator = TrafficAggregator(snapshot: Self.snapshot)
        let records = Self.records(seed: 9, count: 5_000)
        for record in records { aggregator.add(record) }
        // Hours later, one more record: everything idle past the horizon is forgotten.
        var late = FlowLogRecord()
        late.interfaceID = NetworkInterfaceID("eni-07a93e423b3ff6908")
        late.sourceAddress = IPAddress(parsing: "10.0.250.10")
        late.destinationAddress = IPAddress(parsing: "1.1.1.1")
        late.sourcePort = 50_000
        late.destinationPort = 443
        late.ipProtocol = 6
        late.bytes = 1000
        late.start = (records.compactMap(\.start).max() ?? 0) + 4 * TrafficAggregator.connectionHorizon
        late.end = late.start.map { $0 + 60 }
        late.action = .accept
        late.logStatus = .ok
        let before = aggregator.connectionCount
        aggregator.add(late)
        #expect(before > 20)
        #expect(aggregator.connectionCount <= 1)
    }
}
