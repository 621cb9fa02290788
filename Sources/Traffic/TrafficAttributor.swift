import Inventory
import LPM
import Simulator

/// Who an egress flow belongs to: the workloads whose trace to the destination leaves with the
/// observed cluster-side address, and the gateway, rule, path and egress address of that trace.
public struct TrafficAttribution: Hashable, Sendable {
    /// The workloads' namespaces, sorted.
    public var namespaces: [String]
    /// The gateways (`namespace/name`) or nodes (`node/NAME`) the traffic leaves through, sorted.
    public var gateways: [String]
    /// The policy rules as `POLICY#INDEX`, sorted; empty when no rule applies.
    public var rules: [String]
    /// The address the outside saw.
    public var egressIP: IPAddress?
    /// The destination.
    public var destination: IPAddress
    /// The route target type of the path.
    public var path: TrafficPathType
    /// True when the gateway and the NAT gateway or endpoint it uses sit in different zones.
    public var crossesZone: Bool
    /// True when the destination is a public address (not private, not an internal network).
    public var publicDestination: Bool
}

/// Attributes cluster-side addresses and destinations to workloads through the Simulator's
/// Tracer (prepared once per Snapshot). Per destination, every workload pod is decided once and
/// its exits indexed by source and public address; attributions are cached per (address,
/// destination). Both caches are bounded.
final class TrafficAttributor {
    /// Destinations whose per-workload decisions are kept (each holds one entry per workload exit).
    static let planLimit = 4096
    /// (address, destination) pairs whose attribution is kept.
    static let attributionLimit = 500_000

    private struct Entry {
        let namespace: String
        let exit: TraceExit
        let rule: String?
    }

    private struct Plan {
        var bySource: [IPAddress: [Entry]] = [:]
        var byGateway: [String: [Entry]] = [:]
    }

    private struct Cached {
        let id: Int
        let interval: OwnerInterval
    }

    private struct PairKey: Hashable {
        let address: IPAddress
        let destination: IPAddress
    }

    let tracer: Tracer
    let ownership: any AddressOwnership
    let snapshot: Snapshot
    private let workloads: [Pod]
    private let privateNetworks: CompiledPrefixTable<Bool>
    private let natZones: [String: String]
    private let endpointZones: [String: String]
    /// Per GWLB endpoint id: the routes of its own subnet's table (where inspected traffic goes on).
    private let endpointRoutes: [String: CompiledPrefixTable<RouteTarget>]
    private let natPublicAddresses: [String: IPAddress]
    private var plans: [IPAddress: Plan] = [:]
    private var attributions: [PairKey: Cached] = [:]
    /// Interned attributions; ids index this array.
    private(set) var interned: [TrafficAttribution] = []
    private var internedIDs: [TrafficAttribution: Int] = [:]

    init(snapshot: Snapshot, ownership: any AddressOwnership) {
        self.snapshot = snapshot
        self.ownership = ownership
        tracer = Tracer(snapshot: snapshot)
        workloads = snapshot.cluster.pods
            .filter { !$0.isFinished && snapshot.gatewaysByQualifiedName[$0.qualifiedName] == nil }
            .sorted { $0.qualifiedName < $1.qualifiedName }
        var networks = PrefixTable<Bool>()
        for text in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
                     "fc00::/7", "fe80::/10", "::1/128"] {
            if let prefix = try? IPPrefix(text) { networks.insert(true, for: prefix) }
        }
        for prefix in snapshot.config.internalNetworks { networks.insert(true, for: prefix) }
        privateNetworks = networks.compiled()
        var natZones: [String: String] = [:]
        for nat in snapshot.aws.natGateways {
            if let zone = nat.subnetID.flatMap({ snapshot.subnetsByID[$0]?.availabilityZone }) {
                natZones[nat.natGatewayID] = zone
            }
        }
        self.natZones = natZones
        var endpointZones: [String: String] = [:]
        var endpointRoutes: [String: CompiledPrefixTable<RouteTarget>] = [:]
        for eni in snapshot.aws.networkInterfaces where eni.interfaceType == "gateway_load_balancer_endpoint" {
            guard let description = eni.description, let range = description.range(of: "vpce-") else { continue }
            let endpoint = String(description[range.lowerBound...].prefix { !$0.isWhitespace })
            if let zone = eni.availabilityZone { endpointZones[endpoint] = zone }
            guard let subnet = eni.subnetID.flatMap({ snapshot.subnetsByID[$0] }) else { continue }
            let table = snapshot.aws.routeTables.first { $0.subnetIDs.contains(subnet.subnetID) }
                ?? snapshot.aws.routeTables.first { $0.isMain && $0.vpcID == subnet.vpcID }
            guard let table else { continue }
            var routes = PrefixTable<RouteTarget>()
            for route in table.routes where !route.isBlackhole {
                if let destination = route.destination { routes.insert(route.target, for: destination) }
            }
            endpointRoutes[endpoint] = routes.compiled()
        }
        self.endpointZones = endpointZones
        self.endpointRoutes = endpointRoutes
        var natPublic: [String: IPAddress] = [:]
        for nat in snapshot.aws.natGateways {
            if let address = nat.addresses.first?.publicIP { natPublic[nat.natGatewayID] = address }
        }
        natPublicAddresses = natPublic
    }

    /// True when `address` is not in a private range or an internal network.
    func isPublic(_ address: IPAddress) -> Bool {
        privateNetworks.longestMatchIndex(address) == nil
    }

    /// The interned attribution id for traffic between `address` (cluster side) and
    /// `destination`, nil when no workload's trace leaves with the address.
    /// The owner's interval around `time` bounds how long the answer is kept: a journal that
    /// gives the address another owner later gets another attribution.
    func attribute(_ address: IPAddress, destination: IPAddress, time: Int64?) -> Int? {
        let key = PairKey(address: address, destination: destination)
        if let known = attributions[key], known.interval.contains(time ?? 0) { return known.id < 0 ? nil : known.id }
        let interval = ownership.ownerInterval(of: address, at: time ?? 0)
        let id = compute(address, destination: destination, time: time)
        if attributions.count >= Self.attributionLimit { attributions.removeAll(keepingCapacity: true) }
        attributions[key] = Cached(id: id ?? -1, interval: interval)
        return id
    }

    /// The addresses the workloads' traces to `destination` leave with (sources and public faces).
    func exitAddresses(to destination: IPAddress) -> [IPAddress] {
        Array(plan(for: destination).bySource.keys)
    }

    /// The attribution of traffic between `address` and `destination` at `time`, nil when none.
    func attribution(_ address: IPAddress, destination: IPAddress, time: Int64?) -> TrafficAttribution? {
        attribute(address, destination: destination, time: time).map { interned[$0] }
    }

    /// The exits of `pod`'s trace to `destination`, with its namespace and rule.
    private func entries(_ namespace: String, _ name: String, to destination: IPAddress) -> [Entry] {
        guard let decision = try? tracer.decide(TraceQuery(sender: .pod(namespace: namespace, name: name),
                                                           destination: destination))
        else { return [] }
        let rule = decision.ruleIndex.flatMap { index in decision.policyName.map { "\($0)#\(index)" } }
        return decision.exits.map { Entry(namespace: namespace, exit: $0, rule: rule) }
    }

    private func plan(for destination: IPAddress) -> Plan {
        if let known = plans[destination] { return known }
        var plan = Plan()
        for pod in workloads {
            for entry in entries(pod.namespace, pod.name, to: destination) {
                if let source = entry.exit.sourceIP { plan.bySource[source, default: []].append(entry) }
                if let gateway = entry.exit.gateway { plan.byGateway[gateway, default: []].append(entry) }
                if let address = entry.exit.publicIP, address != entry.exit.sourceIP {
                    plan.bySource[address, default: []].append(entry)
                }
            }
        }
        if plans.count >= Self.planLimit { plans.removeAll(keepingCapacity: true) }
        plans[destination] = plan
        return plan
    }

    private func compute(_ address: IPAddress, destination: IPAddress, time: Int64?) -> Int? {
        let owner = ownership.owner(of: address, at: time)
        let plan = plan(for: destination)
        var entries: [Entry]
        if case .egressGateway(let namespace, let name) = owner {
            // The gateway that held the address then: its exits now, whatever address it has now.
            entries = plan.byGateway["\(namespace)/\(name)"] ?? []
        } else {
            entries = plan.bySource[address] ?? []
        }
        if case .elasticIP(_, let privateAddress?) = owner { entries += plan.bySource[privateAddress] ?? [] }
        if case .pod(let namespace, let name) = owner {
            // The pod that held the address then: its own trace (another pod may hold it now).
            entries = self.entries(namespace, name, to: destination)
        }
        guard let first = entries.first else { return nil }
        let namespaces = Set(entries.map(\.namespace)).sorted()
        let gateways = Set(entries.map { $0.exit.gateway ?? "node/\($0.exit.node ?? "-")" }).sorted()
        let rules = Set(entries.compactMap(\.rule)).sorted()
        let isPublicFace: Bool
        switch owner {
        case .elasticIP, .natGateway: isPublicFace = isPublic(address)
        default: isPublicFace = false
        }
        let exit = first.exit
        let egress = isPublicFace ? address : (exit.publicIP ?? onwardPublicIP(exit, destination: destination)
            ?? exit.sourceIP ?? address)
        let attribution = TrafficAttribution(
            namespaces: namespaces, gateways: gateways, rules: rules, egressIP: egress, destination: destination,
            path: TrafficPathType(exit.routeTarget), crossesZone: crossesZone(exit), publicDestination: isPublic(destination))
        if let id = internedIDs[attribution] { return id }
        interned.append(attribution)
        internedIDs[attribution] = interned.count - 1
        return interned.count - 1
    }

    /// The public address traffic carries after a GWLB endpoint: the endpoint subnet's route to
    /// `destination` leads to a NAT gateway (its address) or an internet gateway (the source's
    /// Elastic IP).
    private func onwardPublicIP(_ exit: TraceExit, destination: IPAddress) -> IPAddress? {
        guard case .vpcEndpoint(let endpoint)? = exit.routeTarget,
              let target = endpointRoutes[endpoint]?.value(for: destination) else { return nil }
        switch target {
        case .natGateway(let id): return natPublicAddresses[id]
        case .internetGateway: return exit.sourceIP.flatMap { snapshot.elasticIPsByPrivateIP[$0]?.publicIP }
        default: return nil
        }
    }

    /// True when the exit's node and the NAT gateway or endpoint its route names sit in different zones.
    private func crossesZone(_ exit: TraceExit) -> Bool {
        guard let node = exit.node, let zone = snapshot.nodesByName[node]?.zone else { return false }
        let other: String?
        switch exit.routeTarget {
        case .natGateway(let id)?: other = natZones[id]
        case .vpcEndpoint(let id)?: other = endpointZones[id]
        default: other = nil
        }
        guard let other else { return false }
        return other != zone
    }
}
