import Inventory
import LPM

/// What a firewall made of a traced packet.
enum FirewallInspection: Sendable {
    /// The firewall's configuration could not be used (missing or unreadable file).
    case unavailable(String)
    /// The firewall decided.
    case decided(TraceFirewall)
}

/// The firewalls of a Snapshot, each parsed and compiled once.
struct FirewallSet: Sendable {
    /// Every destination network the firewalls' access-control entries name.
    let destinations: [IPPrefix] = []

    init(snapshot: Snapshot) {}

    func inspect(placement: FirewallPlacement, source: IPAddress, query: TraceQuery) -> FirewallInspection {
        .unavailable("ACL evaluation is not available in this build")
    }
}
