import Testing
import LPM
import TestSupport
@testable import Firewall

/// The compiled classifier against the linear reference on randomized configs: every verdict
/// must be identical (action, list, line, element, flags, notes).
@Suite("Compiled classifier agrees with the linear reference")
struct CompiledAgreementPropertyTests {
    static let times: [EvaluationTime?] = [
        nil, .deviceLocal(local(2026, 6, 10, 9, 30)), .deviceLocal(local(2026, 6, 10, 20, 0)),
        .deviceLocal(local(2027, 2, 1, 12, 0)),
    ]

    @Test(arguments: 0..<48)
    func randomConfigsAgree(seed: UInt64) {
        var generator = RandomACLGenerator(seed: 0xF1EE_0000 &+ seed)
        let text = generator.config(entries: 5 + Int(seed % 7) * 9)
        let config = FirewallConfig.parse(text)
        let classifier = FirewallClassifier(config: config)
        for index in 0..<300 {
            let packet = generator.packet()
            let time = CompiledAgreementPropertyTests.times[index % 4]
            let compiled = classifier.classify(packet, at: time, engine: .compiled)
            let linear = classifier.classify(packet, at: time, engine: .linear)
            #expect(compiled == linear, "seed \(seed) packet \(index): \(packet)")
            if compiled != linear { return }
        }
    }

    @Test(arguments: 0..<16)
    func perListFirstMatchAgrees(seed: UInt64) throws {
        var generator = RandomACLGenerator(seed: 0xACE0_0000 &+ seed)
        let config = FirewallConfig.parse(generator.config(entries: 60))
        let list = try #require(config.accessLists["acl_out"])
        let expanded = ExpandedAccessList(list, in: config)
        let compiled = CompiledAccessList(expanded)
        let linear = LinearAccessList(expanded)
        var matched = 0
        for index in 0..<400 {
            let packet = generator.packet()
            let time = CompiledAgreementPropertyTests.times[index % 4]?.localTime(utcOffsetMinutes: 0)
            let a = compiled.firstMatch(packet, at: time)
            #expect(a == linear.firstMatch(packet, at: time), "seed \(seed) packet \(index): \(packet)")
            #expect(compiled.firstMatchingEntryIndex(packet, at: time) == linear.firstMatchingEntryIndex(packet, at: time))
            if a != nil { matched += 1 }
        }
        // The generator is only useful if lines actually match.
        #expect(matched > 20, "seed \(seed): only \(matched) packets matched a line")
    }

    @Test(arguments: [1, 7, 64])
    func searchAcrossChunksAgrees(chunkSize: Int) throws {
        for seed in 0..<6 as Range<UInt64> {
            var generator = RandomACLGenerator(seed: 0xC4A2_0000 &+ seed &* 31 &+ UInt64(chunkSize))
            let config = FirewallConfig.parse(generator.config(entries: 70))
            let list = try #require(config.accessLists["acl_out"])
            let expanded = ExpandedAccessList(list, in: config)
            let chunked = CompiledAccessList(expanded, maximumChunkSize: chunkSize)
            #expect(chunked.chunkCount > 1)
            let linear = LinearAccessList(expanded)
            for index in 0..<250 {
                let packet = generator.packet()
                let time = CompiledAgreementPropertyTests.times[index % 4]?.localTime(utcOffsetMinutes: 0)
                #expect(chunked.firstMatch(packet, at: time) == linear.firstMatch(packet, at: time),
                        "chunk size \(chunkSize) seed \(seed) packet \(index): \(packet)")
            }
        }
    }

    @Test(arguments: [4, 16])
    func partitionedListsAgree(chunkSize: Int) throws {
        var partitioned = 0
        for seed in 0..<8 as Range<UInt64> {
            var generator = RandomACLGenerator(seed: 0x9A27_0000 &+ seed &* 131 &+ UInt64(chunkSize))
            let config = FirewallConfig.parse(generator.config(entries: 120))
            let list = try #require(config.accessLists["acl_out"])
            let expanded = ExpandedAccessList(list, in: config)
            let compiled = CompiledAccessList(expanded, maximumChunkSize: chunkSize)
            if compiled.partitionCount > 1 { partitioned += 1 }
            let linear = LinearAccessList(expanded)
            for index in 0..<300 {
                let packet = generator.packet()
                let time = CompiledAgreementPropertyTests.times[index % 4]?.localTime(utcOffsetMinutes: 0)
                #expect(compiled.firstMatch(packet, at: time) == linear.firstMatch(packet, at: time),
                        "chunk size \(chunkSize) seed \(seed) packet \(index): \(packet)")
            }
        }
        // Partitioning (by narrow sources, narrow destinations, the rest) is what is exercised.
        #expect(partitioned >= 6)
    }

    /// A plain list of hosts, subnets and `any4` (the case partitioning is for): packets aimed at
    /// random entries and random ones that mostly match nothing, in several partitions of several
    /// chunks each.
    @Test(arguments: 0..<4)
    func flatListsAgree(seed: UInt64) throws {
        var rng = SplitMix64(seed: 0xF1A7_0000 &+ seed)
        func address(_ rng: inout SplitMix64) -> IPv4Address {
            IPv4Address(UInt32(10) << 24 | UInt32(rng.below(4)) << 16 | UInt32(truncatingIfNeeded: rng.next()) & 0xFFFF)
        }
        var lines = ["interface GigabitEthernet0/0", " nameif outside"]
        var entries: [(IPv4Address, IPv4Address, UInt16)] = []
        for i in 0..<600 {
            let a = address(&rng)
            let b = IPv4Address(address(&rng).value & 0xFFFF_FF00)
            let port = UInt16(1 + rng.below(50))
            entries.append((a, b, port))
            switch i % 5 {
            case 0: lines.append("access-list flat extended permit tcp host \(a) \(b) 255.255.255.0 eq \(port)")
            case 1: lines.append("access-list flat extended permit tcp any4 host \(a) eq \(port)")
            case 2: lines.append("access-list flat extended deny udp \(b) 255.255.255.0 any4 range \(port) 60")
            case 3: lines.append("access-list flat extended permit ip 10.\(rng.below(4)).0.0 255.255.0.0 host \(a)")
            default: lines.append("access-list flat extended deny ip host \(a) host \(b)")
            }
        }
        if seed % 2 == 0 { lines.append("access-list flat extended permit tcp any4 any4 eq \(1 + rng.below(50))") }
        let config = FirewallConfig.parse(lines.joined(separator: "\n"))
        let list = try #require(config.accessLists["flat"])
        let expanded = ExpandedAccessList(list, in: config)
        let compiled = CompiledAccessList(expanded, maximumChunkSize: 32)
        #expect(compiled.partitionCount >= 2 && compiled.chunkCount > 10)
        let linear = LinearAccessList(expanded)
        var matched = 0
        for _ in 0..<2_000 {
            var source = address(&rng)
            var destination = address(&rng)
            var port = UInt16(1 + rng.below(60))
            if rng.chance(50) {
                let (a, b, p) = entries[rng.below(entries.count)]
                (source, destination, port) = rng.chance(50) ? (a, IPv4Address(b.value | 7), p) : (b, a, p)
            }
            let packet = FirewallPacket(ingressInterface: "outside", ipProtocol: rng.chance(70) ? 6 : 17,
                                        source: .v4(source), sourcePort: 40_000, destination: .v4(destination),
                                        destinationPort: port)
            let answer = compiled.firstMatchingEntryIndex(packet, at: nil)
            #expect(answer == linear.firstMatchingEntryIndex(packet, at: nil), "seed \(seed): \(packet)")
            if answer != nil { matched += 1 }
        }
        #expect(matched > 200)
    }

    /// Candidate buckets on the narrow field, full ones (size 1) and roomy ones, on random lists
    /// (ranges, masks, IPv6, ICMP, time ranges, `ifc`) and plain ones: the bucketed classifier
    /// answers as the linear reference does, and buckets are in use.
    @Test(arguments: [1, 3, 32])
    func candidateBucketsAgree(bucketSize: Int) throws {
        var bucketed = 0
        for seed in 0..<8 as Range<UInt64> {
            var generator = RandomACLGenerator(seed: 0xB0C4_0000 &+ seed &* 17 &+ UInt64(bucketSize))
            let config = FirewallConfig.parse(generator.config(entries: 150))
            let list = try #require(config.accessLists["acl_out"])
            let expanded = ExpandedAccessList(list, in: config)
            let compiled = CompiledAccessList(expanded, maximumChunkSize: 8, maximumBucketSize: bucketSize)
            bucketed += compiled.bucketCount
            let linear = LinearAccessList(expanded)
            for index in 0..<300 {
                let packet = generator.packet()
                let time = CompiledAgreementPropertyTests.times[index % 4]?.localTime(utcOffsetMinutes: 0)
                #expect(compiled.firstMatch(packet, at: time) == linear.firstMatch(packet, at: time),
                        "bucket size \(bucketSize) seed \(seed) packet \(index): \(packet)")
            }
        }
        #expect(bucketed > 0)

        // A plain list where the narrow fields nest (hosts inside /24s inside /16s), so that
        // buckets inherit rules and the smaller sizes overflow.
        var rng = SplitMix64(seed: 0xB0C4_F1A7 &+ UInt64(bucketSize))
        var lines = ["interface GigabitEthernet0/0", " nameif outside"]
        func address(_ rng: inout SplitMix64) -> IPv4Address {
            IPv4Address(UInt32(10) << 24 | UInt32(rng.below(2)) << 16 | UInt32(rng.below(4)) << 8 | UInt32(rng.below(32)))
        }
        for i in 0..<400 {
            let a = address(&rng)
            let b = address(&rng)
            let subnet = IPv4Address(a.value & 0xFFFF_FF00)
            let port = 1 + rng.below(8)
            switch i % 12 {
            case 0, 1: lines.append("access-list plain extended permit tcp host \(a) host \(b) eq \(port)")
            case 2: lines.append("access-list plain extended deny udp \(subnet) 255.255.255.0 any4 range \(port) 6")
            case 3, 4: lines.append("access-list plain extended permit ip any4 host \(b)")
            case 5 where i % 48 == 5:
                lines.append("access-list plain extended permit tcp 10.\(rng.below(2)).0.0 255.255.0.0 host \(b) neq \(port)")
            case 6, 7: lines.append("access-list plain extended deny ip host \(a) 10.0.0.0 255.0.255.0")
            case 8: lines.append("access-list plain extended permit icmp host \(a) any4 echo")
            default: lines.append("access-list plain extended deny ip host \(a) host \(b)")
            }
        }
        let config = FirewallConfig.parse(lines.joined(separator: "\n"))
        let list = try #require(config.accessLists["plain"])
        let expanded = ExpandedAccessList(list, in: config)
        let compiled = CompiledAccessList(expanded, maximumChunkSize: 16, maximumBucketSize: bucketSize)
        #expect(compiled.partitionCount >= 2 && compiled.bucketCount > 0)
        let linear = LinearAccessList(expanded)
        var matched = 0
        for _ in 0..<2_000 {
            let proto: UInt8 = [6, 6, 17, 1, 47][rng.below(5)]
            let packet = FirewallPacket(ingressInterface: "outside", ipProtocol: proto, source: .v4(address(&rng)),
                                        sourcePort: UInt16(rng.below(8)), destination: .v4(address(&rng)),
                                        destinationPort: UInt16(rng.below(10)), icmpType: rng.chance(50) ? 8 : 0)
            let answer = compiled.firstMatchingEntryIndex(packet, at: nil)
            #expect(answer == linear.firstMatchingEntryIndex(packet, at: nil), "bucket size \(bucketSize): \(packet)")
            if answer != nil { matched += 1 }
        }
        #expect(matched > 200)
    }

    @Test func randomConfigsParseWithoutErrorsExceptCycles() {
        for seed in 0..<20 as Range<UInt64> {
            var generator = RandomACLGenerator(seed: 0xF1EE_0000 &+ seed)
            let config = FirewallConfig.parse(generator.config(entries: 40))
            let unexpected = config.errors.filter {
                if case .groupCycle = $0.problem { return false }
                if case .unknownName(let kind, _) = $0.problem, kind == "object-group" { return false }
                return true
            }
            #expect(unexpected.isEmpty, "seed \(seed): \(unexpected)")
        }
    }
}
