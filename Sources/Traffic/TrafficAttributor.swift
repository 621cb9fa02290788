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

    /// Workloads a plan decided as one: their namespaces and the rule they matched.
    private struct Unit {
        let namespaces: Namespaces
        let rule: String?
    }

    /// Namespaces as bits over `namespaceNames` (gathered without hashing strings; read in
    /// order, they come out sorted), and any namespace not numbered there.
    private struct Namespaces {
        var bits: [UInt64]
        var others: [String] = []
    }

    /// One exit of one unit: the unit's index and where the exit leaves.
    private struct Member {
        let unit: Int
        let gateway: String?
        let node: String?
    }

    /// What a plan knows of the workloads leaving with one address (or through one gateway): the
    /// first exit in workload order, and every (unit, exit) leaving with it. Namespaces, gateways
    /// and rules are gathered only when an attribution is computed.
    private struct Leaving {
        var first: Entry
        var members: [Member] = []

        init(first: Entry) { self.first = first }
    }

    private struct Plan {
        var units: [Unit] = []
        var bySource: [IPAddress: Leaving] = [:]
        var byGateway: [String: Leaving] = [:]

        /// Adds the exits of one unit: workloads of `namespaces`, the first of them in
        /// `namespace`. Units must come in workload order so each address keeps its first exit.
        mutating func add(_ exits: [TraceExit], rule: String?, namespace: String, namespaces: Namespaces) {
            let unit = units.count
            units.append(Unit(namespaces: namespaces, rule: rule))
            for exit in exits {
                let entry = Entry(namespace: namespace, exit: exit, rule: rule)
                let member = Member(unit: unit, gateway: exit.gateway, node: exit.node)
                if let source = exit.sourceIP { Self.add(entry, member, to: &bySource[source]) }
                if let gateway = exit.gateway { Self.add(entry, member, to: &byGateway[gateway]) }
                if let address = exit.publicIP, address != exit.sourceIP { Self.add(entry, member, to: &bySource[address]) }
            }
        }

        private static func add(_ entry: Entry, _ member: Member, to leaving: inout Leaving?) {
            if leaving == nil { leaving = Leaving(first: entry) }
            leaving?.members.append(member)
        }
    }

    /// Workloads that decide alike (`Tracer.senderClass`), split by their bypass path
    /// (`Tracer.bypassClass`) for destinations they reach without a gateway. Positions index
    /// `workloads`.
    private struct WorkloadClass {
        /// Some workloads of the class: the position of the first, and their namespaces.
        struct Subset {
            var first: Int
            var namespaces: Set<String>
            /// The bypass class's number (pods of one bypass class leave alike without a gateway).
            var bypass = -1
            /// The numbers of `namespaces` (`TrafficAttributor.namespaceNames`), set once the classes are built.
            var namespaceNumbers: [Int] = []
        }

        /// Every workload of the class.
        var representative: Subset
        /// The bypass subclasses in order of their first workload.
        var bypass: [Subset]
        /// The classes of one policy (or selection) whichever node their pods run on
        /// (`SenderClass.anyNode`) share a group number; they decide alike for a destination
        /// unless a PreferNodeLocal rule applies to it.
        var group = 0
    }

    /// One decision a plan made, for the workloads of one class or of a whole group.
    private struct Decided {
        /// Which decision (unit keys tell decisions apart by it).
        let number: Int
        /// Which rule (`rule`, numbered per plan; decisions with the same rule and bypass path
        /// leave alike).
        let ruleNumber: Int
        /// The workload decided.
        let position: Int
        let exits: [TraceExit]
        let rule: String?
        let usesGateway: Bool
    }

    /// Workloads whose exits come from one decision through the gateways (`bypass` -1), or from
    /// one bypass path under one rule (`decision` -1; decisions alike there: the same exits and
    /// rule): one unit of a plan.
    private struct UnitKey: Hashable {
        let decision: Int
        let rule: Int
        let bypass: Int
    }

    private struct Cached: FlatTableValue {
        let id: Int
        let interval: OwnerInterval

        static var vacant: Cached { Cached(id: -1, interval: .always) }
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
    /// True to decide every workload for every destination (the straightforward plan, for tests).
    let decidesEveryWorkload: Bool
    private let classes: [WorkloadClass]
    /// The workloads' namespaces, numbered by position: plans gather a unit's namespaces as bits.
    private let namespaceNames: [String]
    private let namespaceNumbers: [String: Int]
    private var plans: [IPAddress: Plan] = [:]
    private var attributions: [PairKey: Cached] = [:]
    /// Exempt from the runtime's exclusivity checks (probed once per record): an attributor is
    /// used from one thread at a time and `attribute` never overlaps two accesses to it.
    @exclusivity(unchecked) private var pairs = FlatTable<Cached>()
    /// Interned attributions; ids index this array.
    private(set) var interned: [TrafficAttribution] = []
    private var internedIDs: [TrafficAttribution: Int] = [:]

    init(snapshot: Snapshot, ownership: any AddressOwnership, decidesEveryWorkload: Bool = false) {
        self.snapshot = snapshot
        self.ownership = ownership
        self.decidesEveryWorkload = decidesEveryWorkload
        let tracer = Tracer(snapshot: snapshot)
        self.tracer = tracer
        let workloads = snapshot.cluster.pods
            .filter { !$0.isFinished && snapshot.gatewaysByQualifiedName[$0.qualifiedName] == nil }
            .sorted { $0.qualifiedName < $1.qualifiedName }
        self.workloads = workloads
        let namespaceNames = Set(workloads.map(\.namespace)).sorted()
        self.namespaceNames = namespaceNames
        var namespaceNumbers: [String: Int] = [:]
        for (number, name) in namespaceNames.enumerated() { namespaceNumbers[name] = number }
        self.namespaceNumbers = namespaceNumbers
        func numbered(_ subset: inout WorkloadClass.Subset) {
            subset.namespaceNumbers = subset.namespaces.compactMap { namespaceNumbers[$0] }
        }
        var classes = Self.classes(of: workloads, tracer: tracer)
        for index in classes.indices {
            numbered(&classes[index].representative)
            for subset in classes[index].bypass.indices { numbered(&classes[index].bypass[subset]) }
        }
        self.classes = classes
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
        if case .v4(let a) = address, case .v4(let d) = destination {
            // IPv4 pairs: one flat-table probe keyed by both address values.
            let key = FlatTable<Cached>.Key(a: UInt64(a.value) << 32 | UInt64(d.value), b: 0)
            if let slot = pairs.find(key) {
                let known = pairs[slot: slot]
                if known.interval.contains(time ?? 0) { return known.id < 0 ? nil : known.id }
            }
            let interval = ownership.ownerInterval(of: address, at: time ?? 0)
            let id = compute(address, destination: destination, time: time)
            if pairs.count >= Self.attributionLimit { pairs = FlatTable() }
            pairs.set(key, Cached(id: id ?? -1, interval: interval))
            return id
        }
        let key = PairKey(address: address, destination: destination)
        if let known = attributions[key], known.interval.contains(time ?? 0) { return known.id < 0 ? nil : known.id }
        let interval = ownership.ownerInterval(of: address, at: time ?? 0)
        let id = compute(address, destination: destination, time: time)
        if attributions.count >= Self.attributionLimit { attributions.removeAll(keepingCapacity: true) }
        attributions[key] = Cached(id: id ?? -1, interval: interval)
        return id
    }

    /// Where the cache slot `attribute(_:destination:time:)` probes first for the IPv4 pair
    /// `pair` (address << 32 | destination) lies: loaded from early, it is in the cache when
    /// asked. Valid until the attributor next changes.
    @inline(__always)
    func slotAddress(probing pair: UInt64) -> UnsafeRawPointer {
        let key = FlatTable<Cached>.Key(a: pair, b: 0)
        return pairs.slotAddress(probing: key, hash: FlatTable<Cached>.hash(key))
    }

    /// The addresses the workloads' traces to `destination` leave with (sources and public faces).
    func exitAddresses(to destination: IPAddress) -> [IPAddress] {
        Array(plan(for: destination).bySource.keys)
    }

    /// The attribution of traffic between `address` and `destination` at `time`, nil when none.
    func attribution(_ address: IPAddress, destination: IPAddress, time: Int64?) -> TrafficAttribution? {
        attribute(address, destination: destination, time: time).map { interned[$0] }
    }

    private static func rule(of decision: TraceDecision) -> String? {
        decision.ruleIndex.flatMap { index in decision.policyName.map { "\($0)#\(index)" } }
    }

    /// The workloads grouped by sender class, then by bypass class; each class and subclass
    /// knows its first position and its namespaces.
    private static func classes(of workloads: [Pod], tracer: Tracer) -> [WorkloadClass] {
        struct Key: Hashable {
            var sender: SenderClass
            var bypass: BypassClass
        }
        var classIndex: [SenderClass: Int] = [:]
        var groupNumbers: [SenderClass: Int] = [:]
        var bypassNumbers: [BypassClass: Int] = [:]
        var subsetIndex: [Key: Int] = [:]
        var classes: [WorkloadClass] = []
        var nextNumber = 0
        for (position, pod) in workloads.enumerated() {
            guard let sender = tracer.senderClass(namespace: pod.namespace, name: pod.name),
                  let bypass = tracer.bypassClass(namespace: pod.namespace, name: pod.name)
            else {
                // Not a sender the tracer knows: its own class, decided alone.
                let subset = WorkloadClass.Subset(first: position, namespaces: [pod.namespace], bypass: nextNumber)
                nextNumber += 1
                classes.append(WorkloadClass(representative: subset, bypass: [subset], group: -1 - classes.count))
                continue
            }
            let index: Int
            if let known = classIndex[sender] {
                index = known
                classes[index].representative.namespaces.insert(pod.namespace)
            } else {
                index = classes.count
                classIndex[sender] = index
                let group = groupNumbers[sender.anyNode] ?? groupNumbers.count
                groupNumbers[sender.anyNode] = group
                classes.append(WorkloadClass(representative: .init(first: position, namespaces: [pod.namespace]), bypass: [],
                                             group: group))
            }
            let number: Int
            if let known = bypassNumbers[bypass] {
                number = known
            } else {
                number = nextNumber
                bypassNumbers[bypass] = number
                nextNumber += 1
            }
            let key = Key(sender: sender, bypass: bypass)
            if let known = subsetIndex[key] {
                classes[index].bypass[known].namespaces.insert(pod.namespace)
            } else {
                subsetIndex[key] = classes[index].bypass.count
                classes[index].bypass.append(.init(first: position, namespaces: [pod.namespace], bypass: number))
            }
        }
        return classes
    }

    private func plan(for destination: IPAddress) -> Plan {
        if let known = plans[destination] { return known }
        var plan = Plan()
        if decidesEveryWorkload {
            for pod in workloads {
                guard let decision = try? tracer.decide(TraceQuery(sender: .pod(namespace: pod.namespace, name: pod.name),
                                                                   destination: destination)) else { continue }
                plan.add(decision.exits, rule: Self.rule(of: decision), namespace: pod.namespace,
                         namespaces: namespaces(pod.namespace))
            }
        } else {
            // One decision per group of classes, or per class when a PreferNodeLocal rule makes
            // it depend on the sender's node. A class that bypasses the gateways to this
            // destination leaves by its pods' bypass paths: one decision per bypass class, shared
            // by every class whose pods have it. Workloads with the same decision (and bypass
            // path) form one unit; units are added in workload order so each address keeps its
            // first exit.
            // A unit's namespaces are gathered as bits (one per `namespaceNames` entry): joining
            // thousands of classes then hashes no strings.
            var units: [(first: Int, namespaces: [UInt64], exits: [TraceExit], rule: String?)] = []
            let words = (namespaceNames.count + 63) / 64
            var unitIndexes: [UnitKey: Int] = [:]
            var bypassExits: [Int: [TraceExit]] = [:]
            var groupDecisions: [Int: Decided] = [:]
            var ruleNumbers: [String?: Int] = [:]
            var decisions = 0
            func join(_ key: UnitKey, _ subset: WorkloadClass.Subset, _ exits: [TraceExit], _ rule: String?) {
                let index: Int
                if let known = unitIndexes[key] {
                    index = known
                    units[index].first = min(units[index].first, subset.first)
                } else {
                    index = units.count
                    unitIndexes[key] = index
                    units.append((subset.first, [UInt64](repeating: 0, count: words), exits, rule))
                }
                for number in subset.namespaceNumbers { units[index].namespaces[number >> 6] |= 1 << UInt64(number & 63) }
            }
            for workloadClass in classes {
                let decided: Decided
                if let known = groupDecisions[workloadClass.group] {
                    decided = known
                } else {
                    let position = workloadClass.representative.first
                    guard let decision = decide(position, destination) else { continue }
                    decisions += 1
                    let rule = Self.rule(of: decision)
                    let ruleNumber = ruleNumbers[rule] ?? ruleNumbers.count
                    ruleNumbers[rule] = ruleNumber
                    decided = Decided(number: decisions, ruleNumber: ruleNumber,
                                      position: position, exits: decision.exits, rule: rule,
                                      usesGateway: decision.usesGateway)
                    if !decision.dependsOnSenderNode { groupDecisions[workloadClass.group] = decided }
                }
                if decided.usesGateway || decided.exits.isEmpty {
                    join(UnitKey(decision: decided.number, rule: -1, bypass: -1), workloadClass.representative,
                         decided.exits, decided.rule)
                    continue
                }
                for subset in workloadClass.bypass {
                    let exits: [TraceExit]
                    if let known = bypassExits[subset.bypass] {
                        exits = known
                    } else {
                        exits = subset.first == decided.position ? decided.exits : decide(subset.first, destination)?.exits ?? []
                        bypassExits[subset.bypass] = exits
                    }
                    // Every class of this rule leaving by this bypass path leaves alike: one unit.
                    join(UnitKey(decision: -1, rule: decided.ruleNumber, bypass: subset.bypass), subset, exits, decided.rule)
                }
            }
            units.sort { $0.first < $1.first }
            for unit in units {
                plan.add(unit.exits, rule: unit.rule, namespace: workloads[unit.first].namespace,
                         namespaces: Namespaces(bits: unit.namespaces))
            }
        }
        if plans.count >= Self.planLimit { plans.removeAll(keepingCapacity: true) }
        plans[destination] = plan
        return plan
    }

    /// The namespace `name` alone, as plans' units hold namespaces.
    private func namespaces(_ name: String) -> Namespaces {
        var set = Namespaces(bits: [UInt64](repeating: 0, count: (namespaceNames.count + 63) / 64))
        if let number = namespaceNumbers[name] { set.bits[number >> 6] |= 1 << UInt64(number & 63) } else { set.others = [name] }
        return set
    }

    private func decide(_ position: Int, _ destination: IPAddress) -> TraceDecision? {
        let pod = workloads[position]
        return try? tracer.decide(TraceQuery(sender: .pod(namespace: pod.namespace, name: pod.name), destination: destination))
    }

    private func compute(_ address: IPAddress, destination: IPAddress, time: Int64?) -> Int? {
        let owner = ownership.owner(of: address, at: time)
        var leaving: Leaving?
        var units: [Unit] = []
        switch owner {
        case .pod(let namespace, let name):
            // The pod that held the address then: its own trace (another pod may hold it now).
            if let decision = try? tracer.decide(TraceQuery(sender: .pod(namespace: namespace, name: name),
                                                            destination: destination)),
               let first = decision.exits.first {
                let rule = Self.rule(of: decision)
                units = [Unit(namespaces: namespaces(namespace), rule: rule)]
                var all = Leaving(first: Entry(namespace: namespace, exit: first, rule: rule))
                all.members = decision.exits.map { Member(unit: 0, gateway: $0.gateway, node: $0.node) }
                leaving = all
            }
        case .egressGateway(let namespace, let name):
            // The gateway that held the address then: its exits now, whatever address it has now.
            let plan = self.plan(for: destination)
            units = plan.units
            leaving = plan.byGateway["\(namespace)/\(name)"]
        case .elasticIP(_, let privateAddress?):
            let plan = self.plan(for: destination)
            units = plan.units
            leaving = plan.bySource[address]
            if let more = plan.bySource[privateAddress] {
                if leaving == nil { leaving = more } else { leaving?.members += more.members }
            }
        default:
            let plan = self.plan(for: destination)
            units = plan.units
            leaving = plan.bySource[address]
        }
        guard let found = leaving else { return nil }
        var namespaceBits = [UInt64](repeating: 0, count: (namespaceNames.count + 63) / 64)
        var otherNamespaces = Set<String>()
        var gatewaySet = Set<String>()
        var ruleSet = Set<String>()
        for member in found.members {
            let unit = units[member.unit]
            for (word, bits) in unit.namespaces.bits.enumerated() { namespaceBits[word] |= bits }
            otherNamespaces.formUnion(unit.namespaces.others)
            gatewaySet.insert(member.gateway ?? "node/\(member.node ?? "-")")
            if let rule = unit.rule { ruleSet.insert(rule) }
        }
        var sortedNamespaces: [String] = []
        for (word, bits) in namespaceBits.enumerated() where bits != 0 {
            for bit in 0..<64 where bits & (1 << UInt64(bit)) != 0 { sortedNamespaces.append(namespaceNames[word << 6 | bit]) }
        }
        if !otherNamespaces.isEmpty { sortedNamespaces = otherNamespaces.union(sortedNamespaces).sorted() }
        let gateways = gatewaySet.sorted()
        let rules = ruleSet.sorted()
        let isPublicFace: Bool
        switch owner {
        case .elasticIP, .natGateway: isPublicFace = isPublic(address)
        default: isPublicFace = false
        }
        let exit = found.first.exit
        let egress = isPublicFace ? address : (exit.publicIP ?? onwardPublicIP(exit, destination: destination)
            ?? exit.sourceIP ?? address)
        let attribution = TrafficAttribution(
            namespaces: sortedNamespaces, gateways: gateways, rules: rules, egressIP: egress, destination: destination,
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
