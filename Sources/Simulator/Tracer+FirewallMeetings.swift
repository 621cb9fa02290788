import Inventory
import LPM

extension Tracer {
    /// A placed firewall one path of a packet meets, the source address it sees there, and the
    /// path's source (its gateway, when the packet leaves through one).
    struct FirewallMeeting {
        let firewall: PreparedFirewall
        let seen: IPAddress
        let source: PreparedSource

        /// The placement met.
        var placement: FirewallPlacement { firewall.placement }
        /// The gateway of the path (nil when the packet bypasses the gateways).
        var gateway: TraceGateway? { source.path.gateway }
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
    ///
    /// Each source's environment is numbered once; the memo keeps the sources it numbered, so
    /// their identities stay theirs while it lives.
    struct MeetingMemo {
        fileprivate var environmentOf: [ObjectIdentifier: Int] = [:]
        fileprivate var numbered: [PreparedSource] = []
        fileprivate var environments: [Environment: Int] = [:]
        fileprivate var shared: [SharedKey: Shared] = [:]

        /// An empty memo.
        init() {}

        /// The number of `source`'s environment; nil for a source without an address (its paths
        /// are followed one by one).
        fileprivate mutating func environment(of source: PreparedSource) -> Int? {
            let id = ObjectIdentifier(source)
            if let known = environmentOf[id] { return known < 0 ? nil : known }
            let number: Int
            if let environment = Environment(source) {
                if let known = environments[environment] {
                    number = known
                } else {
                    number = environments.count
                    environments[environment] = number
                }
            } else {
                number = -1
            }
            numbered.append(source)
            environmentOf[id] = number
            return number < 0 ? nil : number
        }
    }

    fileprivate struct SharedKey: Hashable {
        var environment: Int
        var destination: IPAddress
    }

    fileprivate enum Shared {
        /// No firewall decides the packet on this path.
        case none
        /// This firewall, seeing the path's source address.
        case meets(PreparedFirewall)
        /// A firewall that sees public addresses: follow each source.
        case perSource
    }

    fileprivate struct Environment: Hashable {
        var routeTable: ObjectIdentifier?
        var subnet: String?
        var securityGroups: PathDecision.Steps.Key.Filter
        var networkAcl: PathDecision.Steps.Key.Filter
        var family: IPFamily
        var hasElasticIP: Bool

        /// Nil for a source without an address.
        init?(_ source: PreparedSource) {
            guard let address = source.path.sourceIP else { return nil }
            routeTable = source.routeTable.map(ObjectIdentifier.init)
            subnet = source.path.subnet
            securityGroups = PathDecision.Steps.Key.Filter(source.securityGroups)
            networkAcl = PathDecision.Steps.Key.Filter(source.networkAcl)
            family = address.family
            hasElasticIP = source.elasticIP != nil
        }
    }

    /// The firewalls the paths of a TCP/443 packet from `sender` to `destination` meet, path by
    /// path, as `decide` finds them (paths meeting none are left out), with paths of the same
    /// environment followed once (see `MeetingMemo`).
    func firewallMeetings(_ sender: SenderInfo, destination: IPAddress, memo: inout MeetingMemo) -> [FirewallMeeting] {
        var pathMemo = PathMemo()
        var query: TraceQuery?
        switch depart(sender, destination: destination).1 {
        case .dropped:
            return []
        case .direct(let source):
            return meeting(source, sender: sender, destination: destination, query: &query, memo: &memo,
                           pathMemo: &pathMemo).map { [$0] } ?? []
        case .gateways(let step):
            var found: [FirewallMeeting] = []
            found.reserveCapacity(step.chosen.count)
            for candidate in step.chosen {
                if let meeting = meeting(candidate.source, sender: sender, destination: destination, query: &query,
                                         memo: &memo, pathMemo: &pathMemo) {
                    found.append(meeting)
                }
            }
            return found
        }
    }

    /// The meeting of one path (`query` is made the first time a path is followed).
    private func meeting(_ source: PreparedSource, sender: SenderInfo, destination: IPAddress, query: inout TraceQuery?,
                         memo: inout MeetingMemo, pathMemo: inout PathMemo) -> FirewallMeeting? {
        let key = memo.environment(of: source).map { SharedKey(environment: $0, destination: destination) }
        if let key, let known = memo.shared[key], let address = source.path.sourceIP {
            switch known {
            case .none: return nil
            case .meets(let firewall): return FirewallMeeting(firewall: firewall, seen: address, source: source)
            case .perSource: break
            }
        }
        let made = query ?? TraceQuery(sender: .pod(namespace: sender.namespace, name: sender.name),
                                       destination: destination, destinationPort: 443)
        query = made
        let path = follow(source, query: made, memo: &pathMemo)
        guard case .decided(let placed, _, let seen) = path.firewall else {
            if let key, memo.shared[key] == nil { memo.shared[key] = Shared.none }
            return nil
        }
        if let key, memo.shared[key] == nil {
            memo.shared[key] = placed.placement.sees == .public ? .perSource : .meets(placed)
        }
        return FirewallMeeting(firewall: placed, seen: seen, source: source)
    }
}
