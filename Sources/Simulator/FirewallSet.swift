import Firewall
import Inventory
import LPM

/// What a firewall made of a traced packet.
enum FirewallInspection: Sendable {
    /// The firewall's configuration could not be used (its file is not in the Snapshot).
    case unavailable(String)
    /// The firewall decided.
    case decided(TraceFirewall)
}

/// The firewalls of a Snapshot, each parsed and compiled once, by configuration path.
struct FirewallSet: Sendable {
    let classifiers: [String: FirewallClassifier]
    /// Every destination network the firewalls' access-control entries name.
    let destinations: [IPPrefix]

    init(snapshot: Snapshot) {
        var classifiers: [String: FirewallClassifier] = [:]
        var destinations = Set<IPPrefix>()
        for placement in snapshot.config.firewalls where classifiers[placement.config] == nil {
            guard let file = snapshot.firewallConfigs.first(where: { $0.path == placement.config }) else { continue }
            let classifier = FirewallClassifier(config: FirewallConfig.parse(file.text))
            classifiers[placement.config] = classifier
            for list in classifier.config.orderedAccessLists {
                for entry in ExpandedAccessList(list, in: classifier.config).entries where entry.isActive {
                    for member in entry.destinations {
                        if case .prefix(let prefix) = member, prefix.length > 0 { destinations.insert(prefix) }
                    }
                }
            }
        }
        self.classifiers = classifiers
        self.destinations = destinations.sorted()
    }

    func inspect(placement: FirewallPlacement, source: IPAddress, query: TraceQuery) -> FirewallInspection {
        guard let classifier = classifiers[placement.config] else {
            return .unavailable("config file \(placement.config) is not in the bundle")
        }
        let packet = FirewallPacket(ingressInterface: placement.interface, ipProtocol: query.ipProtocol, source: source,
                                    sourcePort: query.sourcePort ?? 0, destination: query.destination,
                                    destinationPort: query.destinationPort ?? 0, icmpType: query.icmpType ?? 0,
                                    icmpCode: query.icmpCode ?? 0)
        let verdict = classifier.classify(packet, at: query.at)
        return .decided(TraceFirewall(name: placement.name, acl: verdict.accessList, line: verdict.lineNumber,
                                      action: verdict.action.rawValue, ace: verdict.ace, implicit: verdict.isImplicit,
                                      sourceSeen: source, timeRangeAssumedActive: verdict.timeRangeAssumedActive))
    }
}
