import Firewall
import Inventory
import LPM
import Simulator

/// Resolves a firewall deny to the entry of the placed firewall's configuration that denies the
/// logged packet (classified as the firewall saw it: its interface, addresses and ports), and to
/// a workload pod whose trace to the destination leaves as observed (the trace Enter opens).
/// 106023 names the ACL, 106100 the ACL and hashes; both are checked against the classifier's
/// verdict, so a configuration that no longer matches the device says so (no entry).
public struct DenyResolver {
    /// Pods tried per namespace when looking for the sender of a deny.
    public static let senderCandidateLimit = 64
    /// (cluster address, destination) pairs whose sender is kept.
    public static let senderCacheLimit = 4096

    private struct Placed {
        let placement: FirewallPlacement
        let classifier: FirewallClassifier
    }

    private struct PairKey: Hashable {
        let address: IPAddress
        let destination: IPAddress
    }

    private let placed: [Placed]
    private let snapshot: Snapshot
    private let tracer: Tracer
    private var senders: [PairKey: String?] = [:]

    /// A resolver over `snapshot`'s placed firewalls (each configuration parsed once).
    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        tracer = Tracer(snapshot: snapshot)
        var classifiers: [String: FirewallClassifier] = [:]
        var placed: [Placed] = []
        for placement in snapshot.config.firewalls {
            if classifiers[placement.config] == nil,
               let file = snapshot.firewallConfigs.first(where: { $0.path == placement.config }) {
                classifiers[placement.config] = FirewallClassifier(config: FirewallConfig.parse(file.text))
            }
            if let classifier = classifiers[placement.config] {
                placed.append(Placed(placement: placement, classifier: classifier))
            }
        }
        self.placed = placed
    }

    /// The entry that denies `message`'s packet on the firewall that logged it (by header host
    /// when placements name hosts), nil when no placed configuration denies it with the named list.
    public func entry(for message: AsaSyslogMessage, host: String?, at time: Int64?) -> ObservedACE? {
        guard let source = message.source ?? message.endpoints.first,
              let destination = message.destination ?? message.endpoints.dropFirst().first else { return nil }
        let byHost = placed.filter { $0.placement.hostname != nil && $0.placement.hostname == host }
        for candidate in byHost.isEmpty ? placed : byHost {
            let isICMP = message.ipProtocol.map(IPProtocolTable.isICMP) ?? false
            let packet = FirewallPacket(
                ingressInterface: source.interface ?? candidate.placement.interface,
                ipProtocol: message.ipProtocol ?? 0, source: source.address,
                sourcePort: isICMP ? 0 : (source.port ?? 0), destination: destination.address,
                destinationPort: isICMP ? 0 : (destination.port ?? 0),
                icmpType: message.icmpType ?? (isICMP ? UInt8(truncatingIfNeeded: destination.port ?? 0) : 0),
                icmpCode: message.icmpCode ?? 0)
            let verdict = candidate.classifier.classify(packet, at: time.map { EvaluationTime.instant($0) })
            guard verdict.action == .deny else { continue }
            let list = verdict.accessList ?? message.accessList ?? "-"
            if let named = message.accessList, named != list { continue }
            return ObservedACE(firewall: candidate.placement.name, accessList: list, line: verdict.lineNumber,
                               text: verdict.ace ?? "implicit deny")
        }
        return nil
    }

    /// A workload pod (`namespace/name`) in `attribution`'s namespaces whose trace to the
    /// destination leaves with `clusterAddress` (or through the gateway owning it); the first
    /// workload of those namespaces when none does; the pod itself when the address is a pod's.
    public mutating func sender(for clusterAddress: IPAddress, attribution: TrafficAttribution?) -> String? {
        guard let attribution else { return nil }
        let key = PairKey(address: clusterAddress, destination: attribution.destination)
        if let known = senders[key] { return known }
        let found = findSender(clusterAddress, attribution: attribution)
        if senders.count >= Self.senderCacheLimit { senders.removeAll(keepingCapacity: true) }
        senders[key] = found
        return found
    }

    private func findSender(_ address: IPAddress, attribution: TrafficAttribution) -> String? {
        if let pod = snapshot.podsByIP.value(for: address),
           snapshot.gatewaysByQualifiedName[pod.qualifiedName] == nil, attribution.namespaces.contains(pod.namespace) {
            return pod.qualifiedName
        }
        var first: String?
        for namespace in attribution.namespaces {
            let pods = snapshot.cluster.pods
                .filter { $0.namespace == namespace && !$0.isFinished && snapshot.gatewaysByQualifiedName[$0.qualifiedName] == nil }
                .sorted { $0.name < $1.name }
                .prefix(Self.senderCandidateLimit)
            for pod in pods {
                if first == nil { first = pod.qualifiedName }
                guard let decision = try? tracer.decide(TraceQuery(sender: .pod(namespace: pod.namespace, name: pod.name),
                                                                   destination: attribution.destination)) else { continue }
                if decision.exits.contains(where: { exit in
                    if exit.sourceIP == address || exit.publicIP == address { return true }
                    if let gateway = exit.gateway { return attribution.gateways.contains(gateway) }
                    if let node = exit.node { return attribution.gateways.contains("node/" + node) }
                    return false
                }) {
                    return pod.qualifiedName
                }
            }
        }
        return first
    }
}
