import Inventory
import LPM

/// Everything a trace looks up, prepared once per Snapshot so that each query is a handful of
/// longest-prefix matches and dictionary lookups: policy rules by destination, the gateways each
/// selection picks, route tables by subnet.
final class SimulationContext: Sendable {
    let snapshot: Snapshot
    /// Per policy name: its rule table and the gateways each rule picks.
    let policies: [String: PreparedPolicy]
    /// Per annotation selection (with its client namespace): the pods it picks.
    let selectionGateways: [SelectionKey: [Pod]]
    /// `selectionGateways` as prepared candidates.
    let selectionCandidates: [SelectionKey: [GatewayCandidate]]
    /// Works out gateway sources.
    let sources: SourceResolver
    /// Every pod as a sender, with its configuration, POD phase and prepared policy.
    let senders: SenderTable
    /// The pods named in any gateway candidate list (of a policy rule or an annotation selection).
    let candidateNames: Set<String>
    /// The pool a hypothetical pod is taken to get its address from (the first enabled, not AWS-backed).
    let defaultPodPool: IPPool?
    /// Per subnet id: the route table it uses (explicit association, else the VPC's main table).
    var routeTables: [String: PreparedRouteTable] { sources.routeTables }
    /// Pods with an IP, not finished, by namespace (gateway candidates).
    let gatewayCandidates: NamespacedPods
    /// Each namespace's egress annotations, reduced once.
    let namespaceSpecs: [String: EgressAnnotations]
    /// The cluster's egress support mode.
    let egressIPSupport: EgressIPSupport
    /// IP pools by CIDR.
    let pools: CompiledPrefixTable<IPPool>
    /// Node names by address.
    let nodeAddresses: CompiledPrefixTable<String>
    /// `pools` and `nodeAddresses` as one table: where no gateway applies.
    let egressExclusions: EgressExclusions
    /// Subnets by CIDR.
    let subnets: CompiledPrefixTable<Subnet>
    /// Every address a workload can leave with: pod, node, instance, Elastic IP and NAT addresses.
    let knownAddresses: KnownAddresses
    /// The VPC CIDRs and IP pool CIDRs: addresses inside them belong to this cluster's network.
    let clusterNetworks: CompiledPrefixTable<Bool>
    /// The transit gateways (attachments' subnets and appliance mode for the zone checks).
    let transitGateways: PreparedTransitGateways

    /// An annotation selection and the namespace of the client it applies to.
    struct SelectionKey: Hashable, Sendable {
        let selection: EgressGatewaySelection
        let clientNamespace: String
    }

    /// Prepares the tables for `snapshot`; `firewalls` are its firewalls, parsed and compiled.
    init(snapshot: Snapshot, firewalls: FirewallSet) {
        self.snapshot = snapshot
        let pods = snapshot.cluster.pods
        let candidatePods = NamespacedPods(pods, positions: pods.indices.filter { pods[$0].podIP != nil && !pods[$0].isFinished },
                                           namespaces: snapshot.namespacesByName)
        gatewayCandidates = candidatePods
        namespaceSpecs = snapshot.namespacesByName.mapValues { EgressAnnotations($0.metadata.annotations) }
        egressIPSupport = snapshot.cluster.egressIPSupport
        var byTarget: [String: PreparedFirewall] = [:]
        for placement in snapshot.config.firewalls {
            let firewall = firewalls.prepared(placement)
            for target in placement.targets where byTarget[target] == nil { byTarget[target] = firewall }
        }
        var natAddresses: [String: IPAddress] = [:]
        for nat in snapshot.aws.natGateways {
            if let address = nat.addresses.first?.publicIP { natAddresses[nat.natGatewayID] = address }
        }
        var routeTables: [String: PreparedRouteTable] = [:]
        var listEntries: [String: [IPPrefix]] = [:]
        for entry in snapshot.aws.prefixListEntries { listEntries[entry.prefixListID, default: []].append(entry.cidr) }
        let transitGateways = PreparedTransitGateways(snapshot: snapshot, prefixListEntries: listEntries,
                                                      firewallByTarget: byTarget)
        self.transitGateways = transitGateways
        let prepared = snapshot.aws.routeTables.map {
            PreparedRouteTable($0, firewallByTarget: byTarget, natGatewayAddresses: natAddresses,
                               prefixListEntries: listEntries, transitGateways: transitGateways)
        }
        for subnet in snapshot.aws.subnets {
            let explicit = prepared.first { $0.table.subnetIDs.contains(subnet.subnetID) }
            let main = prepared.first { $0.table.isMain && $0.table.vpcID == subnet.vpcID }
            if let table = explicit ?? main { routeTables[subnet.subnetID] = table }
        }
        let resolver = SourceResolver(snapshot: snapshot, pools: snapshot.poolsByCIDR.compiled(),
                                      subnets: snapshot.subnetsByCIDR.compiled(), routeTables: routeTables,
                                      filters: PreparedPathFilters(snapshot: snapshot))
        sources = resolver
        pools = resolver.pools
        nodeAddresses = snapshot.nodesByIP.compiled()
        egressExclusions = EgressExclusions(pools: pools, nodeAddresses: nodeAddresses)
        subnets = resolver.subnets
        var known = Set<IPAddress>()
        Self.forEachKnownAddress(in: snapshot) { known.insert($0) }
        knownAddresses = KnownAddresses(known)
        var networks = PrefixTable<Bool>()
        for vpc in snapshot.aws.vpcs { for cidr in vpc.allCIDRs { networks.insert(true, for: cidr) } }
        for pool in snapshot.cluster.ipPools { networks.insert(true, for: pool.cidr) }
        clusterNetworks = networks.compiled()

        defaultPodPool = snapshot.cluster.ipPools.first { !$0.isAWSBacked && !$0.disabled }

        // Per policy: the rule table and the pods each rule's selection picks.
        var tables: [String: CompiledPrefixTable<Int>] = [:]
        var gateways: [String: [[Pod]]] = [:]
        var matched: [EgressGatewaySelection: [Pod]] = [:]
        for policy in snapshot.cluster.policies {
            var table = PrefixTable<Int>()
            for (index, rule) in policy.rules.enumerated() where table[rule.effectiveDestination] == nil {
                table.insert(index, for: rule.effectiveDestination)
            }
            tables[policy.name] = table.compiled()
            gateways[policy.name] = policy.rules.map { rule in
                guard let selection = rule.gateway else { return [] }
                // Many rules share a selection; maxNextHops does not change which pods match.
                let key = EgressGatewaySelection(namespaceSelector: selection.namespaceSelector, selector: selection.selector)
                if let known = matched[key] { return known }
                let pods = (try? GatewayMatcher(key)).map(candidatePods.selected(by:)) ?? []
                matched[key] = pods
                return pods
            }
        }

        var selections: [SelectionKey: [Pod]] = [:]
        let annotated = snapshot.cluster.namespaces.map { ($0.metadata.annotations, $0.name) }
            + snapshot.cluster.pods.map { ($0.metadata.annotations, $0.namespace) }
        for (annotations, namespace) in annotated {
            guard case .selection(let selection) = EgressAnnotations(annotations) else { continue }
            let key = SelectionKey(selection: selection, clientNamespace: namespace)
            guard selections[key] == nil, let matcher = try? GatewayMatcher(selection, clientNamespace: namespace) else { continue }
            selections[key] = candidatePods.selected(by: matcher)
        }
        selectionGateways = selections
        // One candidate object per gateway pod, shared by every list that names it.
        var shared: [String: GatewayCandidate] = [:]
        for pods in gateways.values.flatMap({ $0 }) + Array(selections.values) {
            for pod in pods where shared[pod.qualifiedName] == nil {
                shared[pod.qualifiedName] = GatewayCandidate(pod, resolver: resolver)
            }
        }
        selectionCandidates = selections.mapValues { pods in pods.compactMap { shared[$0.qualifiedName] } }
        candidateNames = Set(shared.keys)
        var policies: [String: PreparedPolicy] = [:]
        for policy in snapshot.policiesByName.values {
            let picked = gateways[policy.name] ?? []
            policies[policy.name] = PreparedPolicy(
                policy: policy, ruleTable: tables[policy.name] ?? PrefixTable<Int>().compiled(), gateways: picked,
                candidates: picked.map { pods in pods.compactMap { shared[$0.qualifiedName] } })
        }
        self.policies = policies

        var senders: [PodKey: SenderInfo] = [:]
        senders.reserveCapacity(snapshot.cluster.pods.count)
        for pod in snapshot.cluster.pods {
            senders[PodKey(namespace: pod.namespace, name: pod.name)] = Self.sender(
                pod, snapshot: snapshot, namespaceSpecs: namespaceSpecs, support: egressIPSupport, policies: policies,
                bypass: resolver.source(leaving: pod, hypothetical: false, defaultPool: nil))
        }
        self.senders = SenderTable(senders)
    }

    /// A sending pod prepared: its configuration, POD phase and bypass path.
    private static func sender(_ pod: Pod, snapshot: Snapshot, namespaceSpecs: [String: EgressAnnotations],
                               support: EgressIPSupport, policies: [String: PreparedPolicy],
                               bypass: PreparedSource?) -> SenderInfo {
        let config = effectiveConfig(for: pod, namespaceSpecs: namespaceSpecs, support: support,
                                     policies: snapshot.policiesByName)
        let zone = pod.nodeName.flatMap { snapshot.nodesByName[$0]?.zone }
        let phase = TracePhase(.pod, .ok, .sender(label: pod.qualifiedName, node: pod.nodeName, zone: zone, ip: pod.podIP,
                                                  config: TraceNote.ConfigSummary(config, support: support,
                                                                                  podAnnotations: pod.metadata.annotations),
                                                  labels: pod.metadata.labels))
        return SenderInfo(pod: pod, label: pod.qualifiedName, config: config, phase: phase, bypass: bypass,
                          policies: policies)
    }

    /// The context of `candidate`, a Snapshot that differs from this context's in its
    /// EgressGatewayPolicies only (`Snapshot.replacing(policies:)`): everything else is shared
    /// with this context; only the policies that changed (added, removed or edited) are prepared
    /// again, with the senders that name them. What `whatif` does with a candidate policy file,
    /// in time proportional to the change rather than to the cluster.
    convenience init(replacingPoliciesOf base: SimulationContext, in candidate: Snapshot) {
        let old = base.snapshot.policiesByName
        let new = candidate.policiesByName
        let changed = Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }
        // Gateway candidates are per pod and do not depend on policies: reuse every one made.
        var shared: [String: GatewayCandidate] = [:]
        for prepared in base.policies.values {
            for list in prepared.candidates { for candidate in list { shared[candidate.qualifiedName] = candidate } }
        }
        for list in base.selectionCandidates.values { for candidate in list { shared[candidate.qualifiedName] = candidate } }
        var policies = base.policies.filter { !changed.contains($0.key) }
        for name in changed {
            guard let policy = new[name] else { continue }
            policies[name] = Self.prepare(policy, candidatePods: base.gatewayCandidates, shared: &shared,
                                          resolver: base.sources)
        }
        var senders = base.senders
        if !changed.isEmpty {
            // A sender changes when its pod or its namespace names a changed policy (whichever
            // of the two applies may change with it, as a named policy appears or disappears).
            func names(_ spec: EgressAnnotations?) -> String? {
                if case .policy(let name)? = spec { return name }
                return nil
            }
            var namespaceAffected: [String: Bool] = [:]
            for (namespace, spec) in base.namespaceSpecs { namespaceAffected[namespace] = names(spec).map(changed.contains) ?? false }
            for (key, info) in base.senders.all where !info.hypothetical {
                let pod = info.pod
                let podNames = pod.metadata.annotations.isEmpty ? nil : names(EgressAnnotations(pod.metadata.annotations))
                guard namespaceAffected[pod.namespace] == true || podNames.map(changed.contains) == true else { continue }
                senders[key] = Self.sender(info.pod, snapshot: candidate, namespaceSpecs: base.namespaceSpecs,
                                           support: base.egressIPSupport, policies: policies, bypass: info.bypass)
            }
        }
        self.init(sharing: base, snapshot: candidate, policies: policies, senders: senders,
                  candidateNames: base.candidateNames.union(shared.keys), gatewayCandidates: base.gatewayCandidates,
                  knownAddresses: base.knownAddresses)
    }

    /// The context of `candidate`, a Snapshot derived from this context's by a few pods changed,
    /// added, removed or moved (`Snapshot.updating(cluster:changedPods:)`, `changes`): everything
    /// is shared with this context except the touched pods' senders, prepared again, the gateway
    /// candidates' pod values and members, and the known addresses the touched pods gave or took.
    /// Nil when a touched pod is a gateway candidate here, a selection would pick a pod that
    /// becomes a candidate, a pod added or removed carries an annotation selection (candidate lists
    /// would change), or a pod joins a namespace that has no candidates: the context is then
    /// prepared whole.
    convenience init?(updatingPodsOf base: SimulationContext, in candidate: Snapshot, changes: PodPositionChanges) {
        let before = base.snapshot.cluster.pods
        let pods = candidate.cluster.pods
        let removed = changes.removed.map { before[$0] }
        let added = changes.added.map { pods[$0] }
        for pod in changes.changed.map({ pods[$0] }) + removed + added where base.candidateNames.contains(pod.qualifiedName) {
            return nil
        }
        for pod in removed + added {
            if case .selection = EgressAnnotations(pod.metadata.annotations) { return nil }
        }
        /// A pod gateway selections may pick: it has an address and is running.
        func isMember(_ pod: Pod) -> Bool { pod.podIP != nil && !pod.isFinished }
        var gatewayCandidates = base.gatewayCandidates.replacing(pods: pods)
        var lost: [IPAddress] = []
        var gained: [IPAddress] = []
        for (position, pod) in zip(changes.removed, removed) {
            if isMember(pod) { gatewayCandidates.remove(position: position, namespace: pod.namespace) }
            if let address = pod.podIP { lost.append(address) }
        }
        for move in changes.moved where isMember(pods[move.to]) {
            gatewayCandidates.move(from: move.from, to: move.to)
        }
        for position in changes.changed {
            let (old, new) = (before[position], pods[position])
            guard old.podIP != new.podIP else { continue }
            if let address = old.podIP { lost.append(address) }
            if let address = new.podIP { gained.append(address) }
            switch (isMember(old), isMember(new)) {
            case (true, false): gatewayCandidates.remove(position: position, namespace: old.namespace)
            case (false, true):
                guard !candidate.anyGatewaySelectionPicks(new), gatewayCandidates.insert(position: position) else { return nil }
            default: break
            }
        }
        for (position, pod) in zip(changes.added, added) {
            if let address = pod.podIP { gained.append(address) }
            if isMember(pod) {
                guard !candidate.anyGatewaySelectionPicks(pod), gatewayCandidates.insert(position: position) else { return nil }
            }
        }
        var knownAddresses = base.knownAddresses
        if !lost.isEmpty {
            // An address a pod gave up stays known while anything else holds it.
            var held = Set<IPAddress>()
            Self.forEachKnownAddress(in: candidate) { if lost.contains($0) { held.insert($0) } }
            for address in lost where !held.contains(address) { knownAddresses.remove(address) }
        }
        for address in gained { knownAddresses.insert(address) }
        var senders = base.senders
        for pod in removed { senders[PodKey(namespace: pod.namespace, name: pod.name)] = nil }
        for position in changes.changed + changes.added {
            let pod = pods[position]
            senders[PodKey(namespace: pod.namespace, name: pod.name)] = Self.sender(
                pod, snapshot: candidate, namespaceSpecs: base.namespaceSpecs, support: base.egressIPSupport,
                policies: base.policies, bypass: base.sources.source(leaving: pod, hypothetical: false, defaultPool: nil))
        }
        self.init(sharing: base, snapshot: candidate, policies: base.policies, senders: senders,
                  candidateNames: base.candidateNames, gatewayCandidates: gatewayCandidates, knownAddresses: knownAddresses)
    }

    /// Calls `body` with every address `snapshot` knows (pods, nodes, instances, Elastic IPs and
    /// NAT gateways), repeats included: what `knownAddresses` holds.
    private static func forEachKnownAddress(in snapshot: Snapshot, _ body: (IPAddress) -> Void) {
        for pod in snapshot.cluster.pods { if let ip = pod.podIP { body(ip) } }
        for node in snapshot.cluster.nodes {
            node.internalIPs.forEach(body)
            node.externalIPs.forEach(body)
        }
        for instance in snapshot.aws.instances {
            if let address = instance.privateIPAddress { body(address) }
            if let address = instance.publicIPAddress { body(address) }
        }
        for eip in snapshot.aws.elasticIPs { body(eip.publicIP) }
        for address in snapshot.aws.natGateways.lazy.flatMap(\.addresses) {
            if let ip = address.publicIP { body(ip) }
            if let ip = address.privateIP { body(ip) }
        }
    }

    /// A context of `snapshot` with `policies`, `senders`, `candidateNames` and `gatewayCandidates`,
    /// sharing every other table with `base` (the derived contexts above).
    private init(sharing base: SimulationContext, snapshot: Snapshot, policies: [String: PreparedPolicy],
                 senders: SenderTable, candidateNames: Set<String>, gatewayCandidates: NamespacedPods,
                 knownAddresses: KnownAddresses) {
        self.snapshot = snapshot
        self.policies = policies
        self.senders = senders
        self.candidateNames = candidateNames
        self.gatewayCandidates = gatewayCandidates
        selectionGateways = base.selectionGateways
        selectionCandidates = base.selectionCandidates
        sources = base.sources
        defaultPodPool = base.defaultPodPool
        namespaceSpecs = base.namespaceSpecs
        egressIPSupport = base.egressIPSupport
        pools = base.pools
        nodeAddresses = base.nodeAddresses
        egressExclusions = base.egressExclusions
        subnets = base.subnets
        self.knownAddresses = knownAddresses
        clusterNetworks = base.clusterNetworks
        transitGateways = base.transitGateways
    }

    /// One policy prepared on its own: its rule table and the candidates of each rule's selection.
    private static func prepare(_ policy: EgressGatewayPolicy, candidatePods: NamespacedPods,
                                shared: inout [String: GatewayCandidate], resolver: SourceResolver) -> PreparedPolicy {
        var table = PrefixTable<Int>()
        for (index, rule) in policy.rules.enumerated() where table[rule.effectiveDestination] == nil {
            table.insert(index, for: rule.effectiveDestination)
        }
        var matched: [EgressGatewaySelection: [Pod]] = [:]
        let gateways: [[Pod]] = policy.rules.map { rule in
            guard let selection = rule.gateway else { return [] }
            let key = EgressGatewaySelection(namespaceSelector: selection.namespaceSelector, selector: selection.selector)
            if let known = matched[key] { return known }
            let pods = (try? GatewayMatcher(key)).map(candidatePods.selected(by:)) ?? []
            matched[key] = pods
            return pods
        }
        let candidates = gateways.map { pods in
            pods.map { pod in
                if let known = shared[pod.qualifiedName] { return known }
                let made = GatewayCandidate(pod, resolver: resolver)
                shared[pod.qualifiedName] = made
                return made
            }
        }
        return PreparedPolicy(policy: policy, ruleTable: table.compiled(), gateways: gateways, candidates: candidates)
    }

    /// Per policy name and rule index: the pods the rule's gateway selection picks.
    func ruleGateways(_ policy: String, _ index: Int) -> [Pod] {
        guard let prepared = policies[policy], prepared.gateways.indices.contains(index) else { return [] }
        return prepared.gateways[index]
    }

    /// True when `address` is inside a VPC CIDR or an IP pool.
    func isPrivateToCluster(_ address: IPAddress) -> Bool {
        clusterNetworks.longestMatchIndex(address) != nil
    }

    /// The egress configuration of `pod`, with its namespace's annotations reduced once per Snapshot.
    func effectiveConfig(for pod: Pod) -> EffectiveEgressConfig {
        Self.effectiveConfig(for: pod, namespaceSpecs: namespaceSpecs, support: egressIPSupport,
                             policies: snapshot.policiesByName)
    }

    private static func effectiveConfig(for pod: Pod, namespaceSpecs: [String: EgressAnnotations], support: EgressIPSupport,
                                        policies: [String: EgressGatewayPolicy]) -> EffectiveEgressConfig {
        EffectiveEgressConfig.resolve(
            podSpec: support == .enabledPerNamespaceOrPerPod && !pod.metadata.annotations.isEmpty
                ? EgressAnnotations(pod.metadata.annotations) : .none,
            namespaceSpec: namespaceSpecs[pod.namespace] ?? .none, support: support, policies: policies)
    }

    /// The prepared candidates an annotation selection picks for a client in `namespace`.
    func candidates(for selection: EgressGatewaySelection, clientNamespace: String) -> [GatewayCandidate] {
        if let known = selectionCandidates[SelectionKey(selection: selection, clientNamespace: clientNamespace)] {
            return known
        }
        return gateways(for: selection, clientNamespace: clientNamespace).map { GatewayCandidate($0, resolver: sources) }
    }

    /// The gateways an annotation selection picks for a client in `namespace`.
    func gateways(for selection: EgressGatewaySelection, clientNamespace: String) -> [Pod] {
        if let known = selectionGateways[SelectionKey(selection: selection, clientNamespace: clientNamespace)] {
            return known
        }
        guard let matcher = try? GatewayMatcher(selection, clientNamespace: clientNamespace) else { return [] }
        return gatewayCandidates.selected(by: matcher)
    }
}
