import Testing
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
