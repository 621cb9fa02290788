import Firewall
import Inventory
import LPM

/// `object-drift`: a placed firewall's `object-group network` whose name follows the export
/// convention (`EGW-<namespace>-<name>[-PUBLIC]`) but whose members differ from the current
/// gateways' addresses. A group under another name is not Gatewatch's to judge.
///
/// Members are read as the group writes them: `network-object host A` (and a /32 or /128 network)
/// is an address; any other member (a network, an object, a nested group) is extra as written.
struct ObjectGroupDrift {
    let context: SimulationContext
    let firewalls: FirewallSet
    /// The groups `export asa-objects` writes for the current gateways.
    let exported: GatewayObjectGroups

    init(context: SimulationContext, firewalls: FirewallSet) {
        self.context = context
        self.firewalls = firewalls
        exported = GatewayObjectGroups(context: context)
    }

    func findings() -> [Finding] {
        var findings: [Finding] = []
        var audited = Set<String>()
        for placement in context.snapshot.config.firewalls where !audited.contains(placement.config) {
            audited.insert(placement.config)
            guard let config = firewalls.classifiers[placement.config]?.config else { continue }
            for group in exported.groups {
                guard let placed = config.objectGroups[group.name], placed.kind == .network else { continue }
                var addresses = Set<IPAddress>()
                var others: [String] = []
                for entry in placed.entries {
                    switch entry.member {
                    case .network(let spec):
                        if let address = ObjectGroupDrift.hostAddress(spec) {
                            addresses.insert(address)
                        } else {
                            others.append(spec.description)
                        }
                    case .group(let name): others.append("group-object \(name)")
                    default: continue
                    }
                }
                let current = Set(group.members)
                let missing = current.subtracting(addresses).sorted()
                let extra = addresses.subtracting(current).sorted().map(\.description) + others
                guard !missing.isEmpty || !extra.isEmpty else { continue }
                var parts: [String] = []
                if !missing.isEmpty { parts.append("missing " + missing.map(\.description).joined(separator: ", ")) }
                if !extra.isEmpty { parts.append("extra " + extra.joined(separator: ", ")) }
                let what = group.addresses == .public ? "the Elastic IPs of" : "the gateways of"
                findings.append(Finding(.warning, .objectDrift,
                    "firewall \(placement.name): object-group \(group.name) differs from \(what) "
                        + "\(group.owner.rawValue) \(group.namespace)/\(group.gateway): " + parts.joined(separator: "; ")
                        + " (gatewatch export asa-objects writes the current group)",
                    objects: ["firewall/\(placement.name)", "object-group/\(group.name)"]))
            }
        }
        return findings
    }

    /// The single address a member names (`host A`, or a network of one address).
    static func hostAddress(_ spec: AddressSpecifier) -> IPAddress? {
        switch spec {
        case .host(let address): return address
        case .network(let address, let mask) where mask.value == UInt32.max: return .v4(address)
        case .ipv6Prefix(let prefix) where prefix.length == 128: return prefix.address
        default: return nil
        }
    }
}
