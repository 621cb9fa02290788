import Foundation
import History
import Inventory
import Testing

/// `JournalRecorder` with the Live layer's change set (`SnapshotDelta`): objects no watch event
/// touched are neither encoded nor hashed again, and the journal is exactly what it is without
/// the change set.
@Suite struct RecorderChangeSetTests {
    /// A cluster that random events change, with the keys each step touched.
    private struct Churn {
        var pods: [String: Pod] = [:]
        var random: UInt64

        init(seed: UInt64, count: Int) {
            random = seed
            for index in 0..<count { let pod = Self.pod(index, version: 0); pods[pod.qualifiedName] = pod }
        }

        static func pod(_ index: Int, version: Int, ip: Int? = nil) -> Pod {
            Fixtures.pod("shop", "web-\(index)", ip: "10.0.\((ip ?? index) / 250).\((ip ?? index) % 250 + 1)",
                         annotations: ["cni.projectcalico.org/podIP": "v\(version)"])
        }

        mutating func next(_ bound: Int) -> Int {
            random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((random >> 33) % UInt64(bound))
        }

        /// One step of 1–5 events (add, modify, delete, address taken over), and the keys touched.
        mutating func step(_ number: Int) -> Set<String> {
            var touched = Set<String>()
            for _ in 0..<(1 + next(5)) {
                let index = next(60)
                let key = "shop/web-\(index)"
                switch next(4) {
                case 0: pods[key] = nil
                case 1: pods[key] = Self.pod(index, version: number)
                case 2: pods[key] = Self.pod(index, version: number, ip: next(60))
                default: pods[key] = pods[key].map { _ in Self.pod(index, version: number + 1) } ?? Self.pod(index, version: 0)
                }
                touched.insert(key)
            }
            return touched
        }

        var snapshot: Snapshot { Fixtures.snapshot(pods: pods.values.sorted { $0.qualifiedName < $1.qualifiedName }) }
    }

    @Test("random event sequences: the journal with the change set equals the journal without it")
    func theChangeSetLeavesTheJournalAsItIs() throws {
        for seed in [UInt64(1), 7, 42] {
            let plain = try Journal.inMemory()
            let incremental = try Journal.inMemory()
            let plainRecorder = JournalRecorder(journal: plain, retention: .zero)
            let incrementalRecorder = JournalRecorder(journal: incremental, retention: .zero)
            var churn = Churn(seed: seed, count: 40)
            var generation = 1
            plainRecorder.observe(churn.snapshot, at: Fixtures.time(0))
            incrementalRecorder.observe(churn.snapshot, at: Fixtures.time(0),
                                        delta: SnapshotDelta(generation: generation, changes: .everything))
            for step in 1...40 {
                let touched = churn.step(step)
                generation += 1
                let changes = ObjectChanges([.pod: .keys(touched)])
                plainRecorder.observe(churn.snapshot, at: Fixtures.time(Double(step)))
                incrementalRecorder.observe(churn.snapshot, at: Fixtures.time(Double(step)),
                                            delta: SnapshotDelta(generation: generation, changes: changes))
                // Flushed at different rhythms: a batch of states is one transaction either way.
                if step % 3 == 0 { try plainRecorder.flush() }
                try incrementalRecorder.flush()
            }
            try plainRecorder.flush()
            for step in 0...40 {
                #expect(try incremental.bundleFiles(at: Fixtures.time(Double(step)))
                    == plain.bundleFiles(at: Fixtures.time(Double(step))), "seed \(seed), step \(step)")
            }
            #expect(try incremental.info().versions == plain.info().versions)
            for address in 0..<60 {
                let ip = "10.0.\(address / 250).\(address % 250 + 1)"
                #expect(try incremental.addressHistory(ip, around: Fixtures.time(20))
                    == plain.addressHistory(ip, around: Fixtures.time(20)), "seed \(seed), \(ip)")
            }
        }
    }

    @Test("objects no event touched are not encoded or hashed again")
    func untouchedObjectsAreNotEncodedAgain() throws {
        let journal = try Journal.inMemory()
        let recorder = JournalRecorder(journal: journal, retention: .zero)
        var churn = Churn(seed: 3, count: 50)
        recorder.observe(churn.snapshot, at: Fixtures.time(0), delta: SnapshotDelta(generation: 1, changes: .everything))
        try recorder.flush()
        let first = recorder.encodingCounts
        #expect(first.encoded == 52)  // 50 pods, the namespace, the node

        churn.pods["shop/web-7"] = Churn.pod(7, version: 1)
        churn.pods["shop/web-9"] = nil
        let changes = ObjectChanges([.pod: .keys(["shop/web-7", "shop/web-9"])])
        recorder.observe(churn.snapshot, at: Fixtures.time(1), delta: SnapshotDelta(generation: 2, changes: changes))
        let written = try recorder.flush()
        // Only the touched objects are looked at: none of them is unchanged.
        #expect(written == JournalChanges(opened: 1, closed: 2, unchanged: 0))
        let second = recorder.encodingCounts
        #expect(second.encoded - first.encoded == 1)        // web-7 only
        #expect(second.hashedModels == first.hashedModels)  // no model hashed to find what changed

        // The same state again without a change set: every model is hashed to find what changed;
        // only web-7's new model, which no by-model lookup has seen, is encoded.
        recorder.observe(churn.snapshot, at: Fixtures.time(2))
        #expect(try recorder.flush() == JournalChanges(opened: 0, closed: 0, unchanged: 51))
        let third = recorder.encodingCounts
        #expect(third.hashedModels - second.hashedModels == 51)
        #expect(third.encoded - second.encoded == 1)
    }

    @Test("a pod that becomes or stops being a gateway without an event of its own is recorded in its new role")
    func gatewayRolesFollowTheGateways() throws {
        // An operator EgressGateway whose template labels select web-1: removing it makes web-1 a plain pod.
        let gateway = EgressGateway(metadata: ObjectMeta(name: "egw", namespace: "shop"), templateLabels: ["app": "web-1"])
        let pods = (1...3).map { Churn.pod($0, version: 0) }
        func state(gateways: [EgressGateway]) -> Snapshot {
            var cluster = Fixtures.snapshot(pods: pods).cluster
            cluster.egressGateways = gateways
            return Snapshot(source: .bundle(path: "test"), cluster: cluster, aws: AWSState())
        }
        let with = state(gateways: [gateway])
        let without = state(gateways: [])
        #expect(Set(with.gatewaysByQualifiedName.keys) == ["shop/web-1"])
        #expect(without.gatewaysByQualifiedName.isEmpty)

        let plain = try Journal.inMemory()
        let incremental = try Journal.inMemory()
        let plainRecorder = JournalRecorder(journal: plain, retention: .zero)
        let incrementalRecorder = JournalRecorder(journal: incremental, retention: .zero)
        let touched = ObjectChanges([.egressGateway: .keys([gateway.bundleKey])])
        let states = [(with, ObjectChanges.everything), (without, touched), (with, touched)]
        for (step, (state, changes)) in states.enumerated() {
            plainRecorder.observe(state, at: Fixtures.time(Double(step)))
            incrementalRecorder.observe(state, at: Fixtures.time(Double(step)),
                                        delta: SnapshotDelta(generation: step + 1, changes: changes))
            try plainRecorder.flush()
            try incrementalRecorder.flush()
        }
        for step in 0..<states.count {
            #expect(try incremental.bundleFiles(at: Fixtures.time(Double(step))) == plain.bundleFiles(at: Fixtures.time(Double(step))))
        }
        let ip = try #require(pods[0].podIP?.description)
        let history = try incremental.addressHistory(ip, around: Fixtures.time(1))
        #expect(history == (try plain.addressHistory(ip, around: Fixtures.time(1))))
        #expect(history.map(\.kind) == [.egressGateway, .pod, .egressGateway])
    }

    @Test("a gap in the generations falls back to looking at every model")
    func aGapInTheGenerationsIsNotTrusted() throws {
        let journal = try Journal.inMemory()
        let recorder = JournalRecorder(journal: journal, retention: .zero)
        recorder.observe(Fixtures.snapshot(pods: [Churn.pod(1, version: 0)]), at: Fixtures.time(0),
                         delta: SnapshotDelta(generation: 1, changes: .everything))
        try recorder.flush()
        // Generation 2 was never observed: its change (web-1 modified) is not in generation 3's set.
        recorder.observe(Fixtures.snapshot(pods: [Churn.pod(1, version: 5)]), at: Fixtures.time(1),
                         delta: SnapshotDelta(generation: 3, changes: .none))
        let written = try recorder.flush()
        #expect(written.opened == 1)
        #expect(try Fixtures.state(journal, at: Fixtures.time(1)).cluster.pods.first?.metadata.annotations
            == ["cni.projectcalico.org/podIP": "v5"])
    }

    @Test("every Kubernetes model names itself as its BundleObject does")
    func bundleKeysMatchTheEncodedObjects() {
        let demo = DemoBundle.load().snapshot
        func check<Model: BundleIdentifiable>(_ models: [Model], _ make: (Model) -> BundleObject) {
            for model in models {
                let object = make(model)
                #expect(object.kind == Model.bundleKind)
                #expect(object.key == model.bundleKey)
            }
        }
        let cluster = demo.cluster
        #expect(!cluster.pods.isEmpty && !cluster.ipamBlocks.isEmpty && !cluster.blockAffinities.isEmpty)
        check(cluster.namespaces, BundleObject.init)
        check(cluster.nodes, BundleObject.init)
        check(cluster.pods, BundleObject.init)
        check(cluster.ipPools, BundleObject.init)
        check(cluster.ipReservations, BundleObject.init)
        check(cluster.policies, BundleObject.init)
        check(cluster.ipamBlocks, BundleObject.init)
        check(cluster.blockAffinities, BundleObject.init)
        check(cluster.felixConfigurations, BundleObject.init)
        check(cluster.egressGateways, BundleObject.init)
    }
}
