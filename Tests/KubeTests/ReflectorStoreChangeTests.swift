@testable import Kube
import Foundation
import Inventory
import LPM
import Testing
import TestSupport

/// `ReflectorStore` knows which objects the watch events since the last take touched, by the
/// journal's keys (an IPAMBlock by its CIDR, not its Kubernetes name), as client-go's handlers do.
@Suite struct ReflectorStoreChangeTests {
    private func pod(_ name: String, version: String) -> Pod {
        Pod(metadata: ObjectMeta(name: name, namespace: "shop", labels: ["version": version]), nodeName: "node-a")
    }

    @Test func watchEventsReportTheKeysTheyTouched() throws {
        let store = ReflectorStore<Pod>(bundleKey: { $0.bundleKey })
        store.replace(["shop/a": pod("a", version: "1"), "shop/b": pod("b", version: "1")])
        let listed = store.take()
        #expect(listed.touched == nil)  // a list: anything may have changed
        #expect(listed.values.map(\.name) == ["a", "b"])

        store.apply([("shop/a", pod("a", version: "2")), ("shop/b", nil), ("shop/c", pod("c", version: "1"))])
        let watched = store.take()
        #expect(watched.touched == ["shop/a", "shop/b", "shop/c"])
        #expect(watched.values.map(\.name) == ["a", "c"])
        #expect(watched.values.first?.metadata.labels["version"] == "2")

        let quiet = store.take()
        #expect(quiet.touched == [])
        #expect(quiet.values.map(\.name) == ["a", "c"])
    }

    @Test func keysAreTheJournalsNotTheKubernetesNames() throws {
        let store = ReflectorStore<IPAMBlock>(bundleKey: { $0.bundleKey })
        store.replace([:])
        _ = store.take()
        let json = #"{"metadata": {"name": "10-64-0-0-26"}, "spec": {"cidr": "10.64.0.0/26", "affinity": "host:node-a"}}"#
        let block = try JSONDecoder().decode(IPAMBlock.self, from: Data(json.utf8))
        store.apply([("10-64-0-0-26", block)])
        #expect(store.take().touched == ["10.64.0.0/26"])
        store.apply([("10-64-0-0-26", nil)])
        #expect(store.take().touched == ["10.64.0.0/26"])
    }

    @Test("random watch events: the store kept in order per event equals a sort from scratch, and names what changed")
    func perEventOrderEqualsAFullSort() {
        var random: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            random ^= random << 13
            random ^= random >> 7
            random ^= random << 17
            return Int(random % UInt64(bound))
        }
        let store = ReflectorStore<Pod>(bundleKey: { $0.bundleKey }, same: { $0 == $1 })
        var reference: [String: Pod] = [:]
        for index in 0..<50 { reference["shop/p\(index)"] = pod("p\(index)", version: "0") }
        store.replace(reference)
        _ = store.take()
        for round in 0..<200 {
            var operations: [(String, Pod?)] = []
            var expected = Set<String>()
            for _ in 0..<(1 + next(8)) {
                let name = "p\(next(80))"
                let key = "shop/\(name)"
                let object: Pod? = next(3) == 0 ? nil : pod(name, version: "\(next(3))")
                operations.append((key, object))
            }
            // What changed, worked out from the reference: an event leaving the object equal touches nothing.
            for (key, object) in operations {
                let old = reference[key]
                if old != object { expected.insert(key) }
                reference[key] = object
            }
            store.apply(operations)
            let taken = store.take()
            #expect(taken.values == reference.sorted { $0.key < $1.key }.map(\.value), "round \(round)")
            // A key touched and put back as it was may be named too; every real change is named.
            #expect(expected.isSubset(of: taken.touched ?? []), "round \(round)")
            #expect(store.count == reference.count)
        }
    }

    @Test("random watch events in stable positions: each delivery is one a Snapshot derives, equal to one built whole")
    func stablePositionsDeliverWhatASnapshotDerives() throws {
        var rng = SplitMix64(seed: 0x5EED_0F_5107)
        func next(_ bound: Int) -> Int { rng.below(bound) }
        func addressed(_ name: String, version: Int) -> Pod {
            var made = pod(name, version: "\(version)")
            made.podIP = version == 0 ? nil : .v4(IPv4Address(0x0A00_0000 | UInt32(next(40))))
            return made
        }
        let store = ReflectorStore<Pod>(bundleKey: { $0.bundleKey }, same: { $0 == $1 }, order: .stablePositions)
        var reference: [String: Pod] = [:]
        for index in 0..<30 { reference["shop/p\(index)"] = addressed("p\(index)", version: 1) }
        store.replace(reference)
        var delivered = store.take().values
        #expect(delivered.map(\.qualifiedName) == reference.keys.sorted())  // a list sorts
        var snapshot = Snapshot(source: .demo, cluster: ClusterState(pods: delivered), aws: AWSState())
        var derivedCount = 0
        for round in 0..<300 {
            var operations: [(String, Pod?)] = []
            for _ in 0..<(1 + next(3)) {
                let name = "p\(next(45))"
                operations.append(("shop/\(name)", next(3) == 0 ? nil : addressed(name, version: next(3))))
            }
            for (key, object) in operations { reference[key] = object }
            store.apply(operations)
            let taken = store.take()
            let touched = taken.touched ?? []
            #expect(taken.values.sorted { $0.qualifiedName < $1.qualifiedName } == reference.sorted { $0.key < $1.key }.map(\.value),
                    "round \(round)")
            // An untouched pod stays where it was, or moves from the last positions into a touched one's.
            for (position, pod) in delivered.enumerated() where !touched.contains(pod.qualifiedName) {
                let now = taken.values.firstIndex { $0.qualifiedName == pod.qualifiedName }
                #expect(now == position || position >= delivered.count - operations.count, "round \(round)")
            }
            let cluster = ClusterState(pods: taken.values)
            let whole = Snapshot(source: .demo, cluster: cluster, aws: AWSState())
            // No pod here is a gateway, so a delivery is derived unless a pod was added and
            // deleted again within it (then it is in neither array, and the Snapshot is built whole).
            let present = Set((delivered + taken.values).map(\.qualifiedName))
            let transient = !touched.isSubset(of: present)
            let derived = snapshot.updating(cluster: cluster, changedPods: touched)
            #expect((derived == nil) == transient, "round \(round)")
            if let derived {
                derivedCount += 1
                for name in (delivered + taken.values).map(\.qualifiedName) {
                    #expect(derived.podsByQualifiedName[name] == whole.podsByQualifiedName[name], "round \(round)")
                }
                for address in 0..<40 as Range<UInt32> {
                    let ip = IPAddress.v4(IPv4Address(0x0A00_0000 | address))
                    #expect(derived.podsByIP.value(for: ip) == whole.podsByIP.value(for: ip), "round \(round)")
                }
                snapshot = derived
            } else {
                snapshot = whole
            }
            delivered = taken.values
        }
        #expect(derivedCount > 250)
    }

    @Test func anEventThatChangesNothingTouchesNothing() {
        let store = ReflectorStore<Pod>(bundleKey: { $0.bundleKey }, same: { $0 == $1 })
        store.replace(["shop/a": pod("a", version: "1")])
        _ = store.take()
        store.apply([("shop/a", pod("a", version: "1"))])
        #expect(!store.hasChanges)
        #expect(store.take().touched == [])
    }

    @Test func aStoreWithoutKeysReportsAnyChange() {
        let store = ReflectorStore<Pod>()
        store.replace([:])
        _ = store.take()
        store.apply([("shop/a", pod("a", version: "1"))])
        #expect(store.take().touched == nil)
    }
}
