import Firewall
import Inventory
import LPM

/// The firewalls of a Snapshot, each parsed and compiled once, by configuration path, with what
/// their parser reported.
struct FirewallSet: Sendable {
    let classifiers: [String: FirewallClassifier]
    /// Every destination network the firewalls' access-control entries name.
    let destinations: [IPPrefix]
    /// The parser's diagnostics of every placed config, in placement order.
    let diagnostics: [FirewallDiagnostic]
    /// By configuration path: the `show access-list` capture beside the config, joined to it.
    let hitCounts: [String: FirewallHitCounts]

    init(snapshot: Snapshot) {
        var classifiers: [String: FirewallClassifier] = [:]
        var destinations = Set<IPPrefix>()
        var diagnostics: [FirewallDiagnostic] = []
        var hitCounts: [String: FirewallHitCounts] = [:]
        for placement in snapshot.config.firewalls where classifiers[placement.config] == nil {
            guard let file = snapshot.firewallConfigs.first(where: { $0.path == placement.config }) else { continue }
            let classifier = FirewallClassifier(config: FirewallConfig.parse(file.text))
            classifiers[placement.config] = classifier
            hitCounts[placement.config] = file.accessListText.map {
                FirewallHitCounts(capture: $0, path: file.accessListPath, config: classifier.config)
            }
            diagnostics += classifier.config.diagnostics.map {
                FirewallDiagnostic(firewall: placement.name, path: placement.config, diagnostic: $0)
            }
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
        self.diagnostics = diagnostics
        self.hitCounts = hitCounts
    }

    /// The firewall at `placement`, with its classifier when its config file is in the Snapshot.
    func prepared(_ placement: FirewallPlacement) -> PreparedFirewall {
        PreparedFirewall(placement: placement, classifier: classifiers[placement.config])
    }

    /// What `classifier`, placed at `placement`, makes of the queried packet arriving from `source`.
    static func classify(_ classifier: FirewallClassifier, placement: FirewallPlacement, source: IPAddress,
                         query: TraceQuery) -> FirewallVerdict {
        let packet = FirewallPacket(ingressInterface: placement.interface, ipProtocol: query.ipProtocol, source: source,
                                    sourcePort: query.sourcePort ?? 0, destination: query.destination,
                                    destinationPort: query.destinationPort ?? 0, icmpType: query.icmpType ?? 0,
                                    icmpCode: query.icmpCode ?? 0)
        return classifier.classify(packet, at: query.at)
    }
}
