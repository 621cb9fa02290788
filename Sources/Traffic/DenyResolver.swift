import Firewall
import Inventory
import LPM
import Simulator

/// Resolves a firewall deny to the entry of the placed firewall's configuration that denies the
/// logged packet (classified as the firewall saw it: its interface, addresses and ports), and to
/// a workload pod whose trace to the destination leaves as observed (the trace Enter opens).
/// 106023 names the ACL, 106100 the ACL and hashes; both are checked against the classifier's
/// verdict, so a configuration that no longer matches the device says so (no entry). When the
/// firewall's `show access-list` capture sits beside its config, the message's first hash (the
/// entry's, docs/cisco-firewall.md §9) names the entry the device used: a deny line of the capture
/// that joins to the config wins over the classifier (the device knows what it did).
public struct DenyResolver {
    /// Pods tried per namespace when looking for the sender of a deny.
    public static let senderCandidateLimit = 64
    /// (cluster address, destination) pairs whose sender is kept.
    public static let senderCacheLimit = 4096

    private struct Placed {
        let placement: FirewallPlacement
        let classifier: FirewallClassifier
        /// The deny entries of the capture beside the config that join to it, by the hash of the
        /// line and of each of its elements.
        let deniesByHash: [UInt32: ObservedACE]
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
        var captures: [String: AccessListHitCountJoin] = [:]
        var placed: [Placed] = []
        for placement in snapshot.config.firewalls {
            if classifiers[placement.config] == nil,
               let file = snapshot.firewallConfigs.first(where: { $0.path == placement.config }) {
                let classifier = FirewallClassifier(config: FirewallConfig.parse(file.text))
                classifiers[placement.config] = classifier
                captures[placement.config] = file.accessListText.map {
                    AccessListHitCounts.parse($0, file: file.accessListPath).joined(to: classifier.config)
                }
            }
            if let classifier = classifiers[placement.config] {
                let denies = captures[placement.config].map { Self.deniesByHash($0, firewall: placement.name) } ?? [:]
                placed.append(Placed(placement: placement, classifier: classifier, deniesByHash: denies))
            }
        }
        self.placed = placed
    }

    /// The deny entries of `capture` by the hashes `show access-list` printed for them.
    private static func deniesByHash(_ capture: AccessListHitCountJoin, firewall: String) -> [UInt32: ObservedACE] {
        var denies: [UInt32: ObservedACE] = [:]
        for line in capture.lines {
            guard case .entry(let entry) = line.configLine, entry.action == .deny else { continue }
            let ace = ObservedACE(firewall: firewall, accessList: line.dump.accessList, line: line.dump.lineNumber, text: entry.text)
            for hash in [line.dump.hash] + line.dump.elements.map(\.hash) {
                if let value = hash.flatMap(Self.hashValue), value != 0 { denies[value] = ace }
            }
        }
        return denies
    }

    /// A hash as the ASA prints it (`0x3f0331e6`, leading zeros sometimes dropped) as a number.
    public static func hashValue(_ text: String) -> UInt32? {
        let digits = text.lowercased().hasPrefix("0x") ? text.dropFirst(2) : Substring(text)
        return digits.isEmpty ? nil : UInt32(digits, radix: 16)
    }

    /// The entry that denies `message`'s packet on the firewall that logged it (by header host
    /// when placements name hosts), nil when no placed configuration denies it with the named list.
    public func entry(for message: AsaSyslogMessage, host: String?, at time: Int64?) -> ObservedACE? {
        guard let source = message.source ?? message.endpoints.first,
              let destination = message.destination ?? message.endpoints.dropFirst().first else { return nil }
        let byHost = placed.filter { $0.placement.hostname != nil && $0.placement.hostname == host }
        let logged = message.hashes.first.flatMap(Self.hashValue)
        for candidate in byHost.isEmpty ? placed : byHost {
            if let logged, let known = candidate.deniesByHash[logged], message.accessList.map({ $0 == known.accessList }) ?? true {
                return known
            }
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
