#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Inventory
import LPM

/// A month of history for benchmarks (the budgets): a cluster of `pods` pods in 20
/// namespaces on 100 nodes, recorded once, then one pod replaced every second — the old one
/// vanishes, a new one (next generation, creation time that second) takes the next address of a
/// rotating range (60,000 by default, from 10.64.0.0), so addresses are reused — written `eventsPerTransaction` seconds per
/// transaction, as the recorder's one-second flush would at that rate. With `networkInterfaces`
/// ENIs, EC2 churns too: every `pollInterval` seconds (an EC2 poll) one ENI's secondary addresses
/// move to the next ones of a range from 10.96.0.0.
///
/// Measured on 2026-12-07 by `gatewatch-bench history` (release build, 2 shared and loaded cores,
/// the default month of 2,592,000 replacements plus 600 ENIs churning every 30 s, on disk):
/// 11,398 events per CPU-second through this write path (1,000 events/s = 8.8 % of a core);
/// 999 MB on disk (371 bytes per version); address history median 0.3 ms, p99 1.2 ms; state at T
/// rebuilt and loaded 0.52-0.68 s (+ 25-41 ms to prepare its Simulation); a 10k-pod bundle
/// imported into a new journal 0.78 s. `JournalRecorder` handed full 10,000-pod states
/// (`gatewatch record`'s path) costs more: 15.1 % of a core at 1,000 events/s.
public enum JournalSynthesizer {
    /// The pod of `slot` in generation `generation`, with the `address`-th address from 10.64.0.0,
    /// created at `created` (milliseconds since 1970).
    public static func pod(slot: Int, generation: Int, address: Int, created: Int64) -> Pod {
        let namespace = "team-\(slot % 20)"
        let name = "service-\(slot / 50)-\(String(generation, radix: 36))-\(String(slot % 50, radix: 36))"
        let time = JournalTime.format(milliseconds: created)
        let ip = IPAddress.v4(IPv4Address(UInt32(10 << 24) | UInt32(64 << 16) + UInt32(address)))
        return Pod(
            metadata: ObjectMeta(name: name, namespace: namespace,
                                 labels: ["app": "service-\(slot / 50)", "pod-template-hash": "7d9f8c6b5\(generation % 10)",
                                          "app.kubernetes.io/part-of": namespace],
                                 annotations: ["cni.projectcalico.org/podIP": "\(ip)/32"],
                                 resourceVersion: String(created / 1000), creationTimestamp: time),
            nodeName: "ip-10-0-\(slot % 100)-\(slot % 7 + 10).ec2.internal", serviceAccountName: "default",
            containerPortNames: ["http", "metrics"], phase: "Running", podIP: ip,
            hostIP: .v4(IPv4Address(10, 0, UInt8(slot % 100), UInt8(slot % 7 + 10))), ready: true, startTime: time)
    }

    /// The ENI `index` with two secondary addresses from the `generation`-th pair of its range.
    public static func networkInterface(index: Int, generation: Int) -> NetworkInterface {
        func address(_ offset: Int) -> IPAddress {
            .v4(IPv4Address(UInt32(10 << 24) | UInt32(96 << 16) + UInt32((index * 64 + offset) % 65_536)))
        }
        let primary = address(0)
        let secondary = [address(1 + (generation * 2) % 62), address(2 + (generation * 2) % 62)]
        return NetworkInterface(networkInterfaceID: "eni-\(String(0x1000_0000 + index, radix: 16))", subnetID: "subnet-0a1",
                                vpcID: "vpc-0a1", availabilityZone: "us-east-1a", description: "aws-K8S-i-\(index)",
                                privateIPAddress: primary,
                                privateIPAddresses: [.init(address: primary, primary: true)]
                                    + secondary.map { .init(address: $0, primary: false) },
                                attachedInstanceID: "i-\(String(0x2000_0000 + index, radix: 16))")
    }

    /// Records the initial cluster at `start`, then `events` replacements one second apart (and
    /// an ENI change every `pollInterval` seconds when `networkInterfaces` > 0).
    /// Returns what changed in all.
    @discardableResult
    public static func synthesize(into journal: Journal, pods: Int = 10_000, events: Int = 2_592_000, start: Date,
                                  addressRange: Int = 60_000, eventsPerTransaction: Int = 1000,
                                  networkInterfaces: Int = 0, pollInterval: Int = 30) throws(JournalError)
        -> JournalChanges {
        let range = max(addressRange, pods + 1)
        let origin = JournalTime.milliseconds(start)
        let initial = (0..<pods).map { slot in pod(slot: slot, generation: 0, address: slot % range, created: origin) }
        let namespaces = (0..<20).map { Namespace(metadata: ObjectMeta(name: "team-\($0)")) }
        let nodes = (0..<100).map { index in
            Node(metadata: ObjectMeta(name: "ip-10-0-\(index)-\(index % 7 + 10).ec2.internal"),
                 internalIPs: [.v4(IPv4Address(10, 0, UInt8(index), UInt8(index % 7 + 10)))])
        }
        var aws = AWSState()
        aws.networkInterfaces = (0..<max(0, networkInterfaces)).map { networkInterface(index: $0, generation: 0) }
        var eniGeneration = [Int](repeating: 0, count: max(0, networkInterfaces))
        let snapshot = Snapshot(source: .bundle(path: "synthetic"),
                                cluster: ClusterState(namespaces: namespaces, pods: initial, nodes: nodes), aws: aws)
        var total = try journal.apply(Observation.objects(of: snapshot), at: origin, refine: false)
        var generation = [Int](repeating: 0, count: pods)
        var current = initial.map { ObjectIdentity(kind: .pod, key: $0.qualifiedName) }
        var batch: [(observed: ObservedChanges, time: Int64)] = []
        batch.reserveCapacity(eventsPerTransaction)
        guard events > 0 else { return total }
        for event in 1...events {
            let slot = event % pods
            generation[slot] += 1
            let time = origin + Int64(event) * 1000
            let replacement = pod(slot: slot, generation: generation[slot], address: (pods + event) % range, created: time)
            let object = BundleObject(replacement)
            let observed = ObservedObject(
                object: object, contentHash: ContentHash.of(object.contents),
                addresses: [.init(ip: replacement.podIP?.description ?? "", role: .pod)], created: time, deleted: nil)
            var objects = [observed]
            if networkInterfaces > 0, pollInterval > 0, event % pollInterval == 0 {
                let index = (event / pollInterval) % networkInterfaces
                eniGeneration[index] += 1
                let eni = networkInterface(index: index, generation: eniGeneration[index])
                let eniObject = BundleObject(eni)
                let addresses = Set(eni.privateIPAddresses.map {
                    ObservedObject.OwnedAddress(ip: $0.address.description, role: .networkInterface)
                }).sorted()
                objects.append(ObservedObject(object: eniObject, contentHash: ContentHash.of(eniObject.contents),
                                              addresses: addresses, created: nil, deleted: nil))
            }
            batch.append((ObservedChanges(objects: objects, removals: [current[slot]], completeKinds: []), time))
            current[slot] = ObjectIdentity(kind: .pod, key: replacement.qualifiedName)
            if batch.count == eventsPerTransaction || event == events {
                let changes = try journal.apply(batch, refine: false)
                total.opened += changes.opened
                total.closed += changes.closed
                batch.removeAll(keepingCapacity: true)
            }
        }
        return total
    }
}
