import Inventory
import LPM

extension Tracer {
    /// A placed firewall one path of a packet meets, the source address it sees there, and the
    /// gateway of the path (nil when the packet bypasses the gateways).
    struct FirewallMeeting {
        let placement: FirewallPlacement
        let seen: IPAddress
        let gateway: TraceGateway?
    }

    /// What `firewallMeetings` remembers across packets: per path environment and destination,
    /// whether the path meets a firewall that sees its own source address, and which.
    ///
    /// Whether and where a path meets a firewall depends on its source only through the source's
    /// environment: the route table and subnet (route, transit gateway zones), the security
    /// groups and network ACL (by identity), the address family and whether an Elastic IP is
    /// bound (an internet gateway drops the packet without one). A firewall that sees private
    /// addresses sees the source's own; one that sees public ones may see its Elastic IP, so
    /// those paths are followed source by source.
    struct MeetingMemo {
        fileprivate var shared: [Environment: Shared] = [:]

        /// An empty memo.
        init() {}
    }

    fileprivate enum Shared {
        /// No firewall decides the packet on this path.
        case none
        /// This firewall, seeing the path's source address.
        case meets(FirewallPlacement)
        /// A firewall that sees public addresses: follow each source.
        case perSource
    }

    fileprivate enum FilterKey: Hashable {
        case notRead
        case unknown
        case known(ObjectIdentifier)

        init<Prepared: AnyObject>(_ filter: PreparedSource.Filter<Prepared>) {
            switch filter {
            case .notRead: self = .notRead
            case .unknown: self = .unknown
            case .known(let prepared): self = .known(ObjectIdentifier(prepared))
            }
        }
    }

    fileprivate struct Environment: Hashable {
        var routeTable: ObjectIdentifier?
        var subnet: String?
        var securityGroups: FilterKey
        var networkAcl: FilterKey
        var family: IPFamily
        var hasElasticIP: Bool
        var destination: IPAddress

        /// Nil for a source without an address (its paths are followed one by one).
        init?(_ source: PreparedSource, destination: IPAddress) {
            guard let address = source.path.sourceIP else { return nil }
            routeTable = source.routeTable.map(ObjectIdentifier.init)
            subnet = source.path.subnet
            securityGroups = FilterKey(source.securityGroups)
            networkAcl = FilterKey(source.networkAcl)
            family = address.family
            hasElasticIP = source.elasticIP != nil
            self.destination = destination
        }
    }

    /// The firewalls the paths of a TCP/443 packet from `sender` to `destination` meet, path by
    /// path, as `decide` finds them (paths meeting none are left out), with paths of the same
    /// environment followed once (see `MeetingMemo`).
    func firewallMeetings(_ sender: SenderInfo, destination: IPAddress, memo: inout MeetingMemo) -> [FirewallMeeting] {
        let query = TraceQuery(sender: .pod(namespace: sender.namespace, name: sender.pod.name), destination: destination,
                               destinationPort: 443)
        var pathMemo = PathMemo()
        switch depart(sender, destination: destination).1 {
        case .dropped:
            return []
        case .direct(let source):
            return meeting(source, query: query, memo: &memo, pathMemo: &pathMemo).map { [$0] } ?? []
        case .gateways(let step):
            return step.chosen.compactMap { meeting($0.source, query: query, memo: &memo, pathMemo: &pathMemo) }
        }
    }

    private func meeting(_ source: PreparedSource, query: TraceQuery, memo: inout MeetingMemo,
                         pathMemo: inout PathMemo) -> FirewallMeeting? {
        let environment = Environment(source, destination: query.destination)
        if let environment, let known = memo.shared[environment], let address = source.path.sourceIP {
            switch known {
            case .none: return nil
            case .meets(let placement): return FirewallMeeting(placement: placement, seen: address, gateway: source.path.gateway)
            case .perSource: break
            }
        }
        let path = follow(source, query: query, memo: &pathMemo)
        guard case .decided(let placed, _, let seen) = path.firewall else {
            if let environment, memo.shared[environment] == nil { memo.shared[environment] = Shared.none }
            return nil
        }
        if let environment, memo.shared[environment] == nil {
            memo.shared[environment] = placed.placement.sees == .public ? .perSource : .meets(placed.placement)
        }
        return FirewallMeeting(placement: placed.placement, seen: seen, gateway: source.path.gateway)
    }
}
