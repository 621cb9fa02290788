import Inventory
import LPM
import Simulator
import TestSupport

/// Route simulator: single traces on a synthetic cluster against a naive evaluation (linear rule
/// scan, gateway selectors evaluated over every pod per query), and a full what-if.
enum SimulatorBenchmark {
    static let suite = BenchmarkSuite(
        name: "simulator",
        summary: "traces/s vs a naive linear evaluation; whatif over all workload classes × destinations",
        run: { _, report in run(&report) })

    static func run(_ report: inout BudgetReport) {
        report.section("simulator: 10,000 pods in 200 namespaces, 50 policies × 40 rules, 300 gateways, "
            + "security groups of 50 rules, network ACLs of 40 entries per subnet")
        var cluster = SyntheticCluster()
        let clock = ContinuousClock()
        var snapshot: Snapshot?
        let buildTime = clock.measure { snapshot = cluster.snapshot() }
        guard let snapshot else { return }
        report.figure("snapshot build (indexes, derived views)", Format.milliseconds(buildTime.seconds))

        var tracer: Tracer?
        let prepareTime = clock.measure { tracer = Tracer(snapshot: snapshot) }
        guard let tracer else { return }
        report.figure("tracer preparation", Format.milliseconds(prepareTime.seconds))

        let queries = makeQueries(snapshot: snapshot, destinations: cluster.ruleDestinations, count: 200_000)
        var checksum = 0
        // A trace decides every step (policy rule, gateways, source, route, firewall); describing
        // it as packet-tracer phases with notes is measured apart.
        let decideTime = clock.measure {
            for query in queries {
                if let decision = try? tracer.decide(query) {
                    checksum &+= decision.gatewayCount &+ (decision.ruleIndex ?? 0) &+ (decision.verdict == .allow ? 1 : 0)
                }
            }
        }
        let tracesPerSecond = Double(queries.count) / decideTime.seconds
        report.budget("traces/s (one thread, no cross-query cache)", Format.millions(tracesPerSecond, " traces/s"),
                      budget: "≥ 1 M/s", passed: tracesPerSecond >= 1_000_000)
        let describeTime = clock.measure {
            for query in queries {
                if let result = try? tracer.trace(query) { checksum &+= result.gateways.count &+ result.phases.count }
            }
        }
        let describedPerSecond = Double(queries.count) / describeTime.seconds
        report.budget("described traces/s (decide + describe: phase outlines; notes built when read)",
                      Format.millions(describedPerSecond, " traces/s"), budget: "≥ 1 M/s",
                      passed: describedPerSecond >= 1_000_000)
        // A described trace builds a phase's note and text when it is read: what reading every
        // phase's reason and details (as `trace -o json` does) costs on top.
        let read = queries.prefix(50_000)
        let readTime = clock.measure {
            for query in read {
                guard let result = try? tracer.trace(query) else { continue }
                for phase in result.phases { checksum &+= phase.reason.utf8.count &+ phase.details.count }
            }
        }
        report.figure("described traces/s read in full (every phase's reason and details)",
                      Format.millions(Double(read.count) / readTime.seconds, " traces/s"))

        // The same cluster without security groups and network ACLs: what those phases cost.
        var plainCluster = SyntheticCluster()
        plainCluster.securityGroupRules = 0
        plainCluster.networkAclRules = 0
        let plainTracer = Tracer(snapshot: plainCluster.snapshot())
        let plainTime = clock.measure {
            for query in queries {
                if let decision = try? plainTracer.decide(query) { checksum &+= decision.gatewayCount }
            }
        }
        report.figure("traces/s without security groups and ACLs",
                      Format.millions(Double(queries.count) / plainTime.seconds, " traces/s"))

        let naive = NaiveTracer(snapshot: snapshot)
        let sample = Array(queries.prefix(2_000))
        var agree = 0
        let naiveTime = clock.measure {
            for query in sample where naive.summary(query) == (try? tracer.trace(query)).map(NaiveTracer.summary) { agree += 1 }
        }
        let naivePerSecond = Double(sample.count) / naiveTime.seconds
        report.figure("naive traces/s (linear scans, per-pod selectors)", Format.millions(naivePerSecond, " traces/s"))
        report.budget("tracer agrees with the naive evaluation", "\(agree)/\(sample.count)", budget: "all",
                      passed: agree == sample.count)
        report.figure("ratio tracer / naive", "\(Format.fixed(tracesPerSecond / naivePerSecond, 1))×")

        // What-if: five policies get ten rules re-pointed at other gateways.
        var policies = Array(snapshot.cluster.policies.prefix(5))
        for p in policies.indices {
            for r in 0..<10 where policies[p].rules[r].gateway != nil {
                policies[p].rules[r].gateway?.selector = "k8s-app == 'egw-\((p + r) % 30)'"
                policies[p].rules[r].gateway?.namespaceSelector = "projectcalico.org/name == 'egw-\((p + r) % 30)'"
            }
        }
        let candidate = snapshot.replacing(policies: policies)
        var whatIfReport: WhatIfReport?
        let whatIfTime = clock.measure { whatIfReport = WhatIf(before: snapshot, after: candidate).compare() }
        if let whatIfReport {
            report.figure("whatif size", "\(whatIfReport.classes.count) classes × \(whatIfReport.destinations.count) destinations, "
                + "\(whatIfReport.comparisons) compared, \(whatIfReport.changes.count) changes")
        }
        report.budget("whatif over all classes × destinations", Format.milliseconds(whatIfTime.seconds), budget: "≤ 1 s",
                      passed: whatIfTime.seconds <= 1)

        // Incremental: one rule of one policy re-pointed, against the Simulation the console and
        // live mode keep prepared; the candidate Snapshot is built first (`whatif` reads it).
        let simulation = Simulation(snapshot: snapshot)
        simulation.prepare()
        var edited = snapshot.cluster.policies[0]
        if let r = edited.rules.firstIndex(where: { $0.gateway != nil }) {
            edited.rules[r].gateway?.selector = "k8s-app == 'egw-29'"
            edited.rules[r].gateway?.namespaceSelector = "projectcalico.org/name == 'egw-29'"
        }
        var oneRule: Snapshot?
        let candidateTime = clock.measure { oneRule = snapshot.replacing(policies: [edited]) }
        if let oneRule {
            var incremental: WhatIfReport?
            let incrementalTime = clock.measure { incremental = simulation.whatIf(Simulation(snapshot: oneRule)).compare() }
            // The same comparison with both sides prepared from scratch must agree.
            let full = WhatIf(before: Tracer(snapshot: snapshot), after: Tracer(snapshot: oneRule)).compare()
            report.figure("one-rule candidate Snapshot (indexes)", Format.milliseconds(candidateTime.seconds))
            report.figure("one-rule whatif", "\(incremental?.comparisons ?? 0) compared, \(incremental?.changes.count ?? 0) changes")
            report.budget("one-rule policy whatif (prepared Simulation)", Format.milliseconds(incrementalTime.seconds),
                          budget: "≤ 50 ms", passed: incrementalTime.seconds <= 0.05)
            report.budget("incremental whatif equals full recomputation", incremental == full ? "equal" : "differs",
                          budget: "equal", passed: incremental == full)
        }
        otherWhatIfKinds(snapshot: snapshot, cluster: &cluster, report: &report)
        report.figure("checksum", "\(checksum)")
    }

    /// Incremental what-if for the other kinds of candidate (issue #19 item 3): one changed ACE of
    /// a 5,000-entry firewall behind the transit gateway (`--firewall`), one security group
    /// (`--aws`), the gateways of one namespace lost (`--fail`); each against the full comparison
    /// of every class × destination, which must report the same changes.
    private static func otherWhatIfKinds(snapshot: Snapshot, cluster: inout SyntheticCluster, report: inout BudgetReport) {
        let clock = ContinuousClock()
        let config = RulesBenchmark.firewallConfig(destinations: cluster.ruleDestinations,
                                                   gatewayNamespaces: cluster.gatewayNamespaces,
                                                   gatewaysPerNamespace: cluster.gatewaysPerNamespace)
        let placed = cluster.snapshot(firewallConfig: config)
        // The firewall inspects the transit gateway's traffic only (172.16.0.0/12 in this VPC).
        let firewalled = Snapshot(source: placed.source, cluster: placed.cluster, aws: placed.aws,
                                  config: GatewatchConfig(firewalls: placed.config.firewalls.map { placement in
                                      var placement = placement
                                      placement.targets = ["tgw-0123456789abcdef0"]
                                      return placement
                                  }), firewallConfigs: placed.firewallConfigs)
        var lines = config.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let at = lines.firstIndex(where: { $0.contains(" permit tcp ") && $0.hasSuffix("eq https") }) {
            lines[at] = lines[at].replacingOccurrences(of: " permit ", with: " deny ")
        }
        let aceChanged = Snapshot(source: firewalled.source, cluster: firewalled.cluster, aws: firewalled.aws,
                                  config: firewalled.config, firewallConfigs: firewalled.firewallConfigs.map {
                                      FirewallConfigFile(path: $0.path, text: lines.joined(separator: "\n"))
                                  })
        var group = snapshot.aws.securityGroups.first { $0.groupID == "sg-gw-0" }
        group?.egress.removeFirst()
        let groupChanged = group.map { snapshot.replacing(awsObjects: AWSState(securityGroups: [$0])) } ?? snapshot
        let lost = GatewayFailure(targets: [.gateway(namespace: "egw-3", name: "egw-3-0"),
                                            .gateway(namespace: "egw-3", name: "egw-3-1")]).apply(to: snapshot)
        let cases: [(name: String, before: Snapshot, after: Snapshot)] = [
            ("--firewall (one ACE of 5,000)", firewalled, aceChanged),
            ("--aws (one security group)", snapshot, groupChanged),
            ("--fail (two gateways)", snapshot, lost),
        ]
        for entry in cases {
            let base = Simulation(snapshot: entry.before)
            base.prepare()
            let candidate = Simulation(snapshot: entry.after)
            candidate.prepare()
            let whatIf = WhatIf(before: base.tracer, after: candidate.tracer)
            var incremental: WhatIfReport?
            var full: WhatIfReport?
            let incrementalTime = clock.measure { incremental = whatIf.compare() }
            let fullTime = clock.measure { full = whatIf.compare(incremental: false) }
            report.figure("whatif \(entry.name)", "incremental \(Format.milliseconds(incrementalTime.seconds)) "
                + "(\(incremental?.comparisons ?? 0) compared), full \(Format.milliseconds(fullTime.seconds)) "
                + "(\(full?.comparisons ?? 0) compared), \(full?.changes.count ?? 0) changes")
            let equal = incremental?.changes == full?.changes
            report.budget("whatif \(entry.name): incremental equals full", equal ? "equal" : "differs", budget: "equal",
                          passed: equal)
        }
    }

    static func makeQueries(snapshot: Snapshot, destinations: [IPPrefix], count: Int) -> [TraceQuery] {
        var rng = SplitMix64(seed: 7)
        let clients = snapshot.cluster.pods.filter { $0.namespace.hasPrefix("app-") }
        let probes = WhatIf.probes(for: destinations)
        return (0..<count).map { _ in
            let pod = clients[Int(rng.next() % UInt64(clients.count))]
            let destination: IPAddress = rng.next() % 10 < 7
                ? probes[Int(rng.next() % UInt64(probes.count))]
                : .v4(IPv4Address(UInt32(truncatingIfNeeded: rng.next())))
            return TraceQuery(sender: .pod(namespace: pod.namespace, name: pod.name), destination: destination,
                              destinationPort: 443)
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}

/// The straightforward evaluation the tracer is measured against: a linear scan for the longest
/// matching rule, gateway selectors parsed and evaluated over every pod for each query, and a
/// linear scan of the route table.
struct NaiveTracer {
    let snapshot: Snapshot

    /// Rule index, gateway names and route target: what both evaluations must agree on.
    struct Summary: Equatable {
        var rule: Int?
        var gateways: [String]
        var target: String?
    }

    static func summary(_ result: TraceResult) -> Summary {
        Summary(rule: result.rule?.index, gateways: result.gateways.map { "\($0.namespace)/\($0.name)" },
                target: result.route?.target.id)
    }

    func summary(_ query: TraceQuery) -> Summary? {
        guard case .pod(let namespace, let name) = query.sender,
              let pod = snapshot.cluster.pods.first(where: { $0.namespace == namespace && $0.name == name }) else { return nil }
        if snapshot.cluster.ipPools.contains(where: { $0.cidr.contains(query.destination) }) {
            return Summary(rule: nil, gateways: [], target: route(from: pod.nodeName, gateways: [], to: query.destination))
        }
        guard case .policy(let policy, _) = snapshot.effectiveEgressConfig(for: pod) else { return nil }
        var best: (Int, EgressGatewayRule)?
        for (index, rule) in policy.rules.enumerated() where rule.effectiveDestination.contains(query.destination) {
            if best == nil || rule.effectiveDestination.length > (best?.1.effectiveDestination.length ?? -1) { best = (index, rule) }
        }
        guard let (index, rule) = best else {
            return Summary(rule: nil, gateways: [], target: route(from: pod.nodeName, gateways: [], to: query.destination))
        }
        guard let selection = rule.gateway, let matcher = try? GatewayMatcher(selection) else {
            return Summary(rule: index, gateways: [], target: route(from: pod.nodeName, gateways: [], to: query.destination))
        }
        var active = snapshot.cluster.pods.filter { candidate in
            candidate.podIP != nil && !candidate.isFinished
                && matcher.matches(candidate, in: snapshot.cluster.namespaces.first { $0.name == candidate.namespace })
        }.filter(\.isActive)
        if rule.gatewayPreference == .preferNodeLocal {
            let local = active.filter { $0.nodeName == pod.nodeName }
            if !local.isEmpty { active = local }
        }
        let names = active.map(\.qualifiedName).sorted()
        return Summary(rule: index, gateways: names,
                       target: names.isEmpty ? nil : route(from: pod.nodeName, gateways: active, to: query.destination))
    }

    private func route(from node: String?, gateways: [Pod], to destination: IPAddress) -> String? {
        var best: Route?
        for table in snapshot.aws.routeTables {
            for route in table.routes where route.destination?.contains(destination) == true {
                if (route.destination?.length ?? -1) > (best?.destination?.length ?? -1) { best = route }
            }
        }
        return best?.target.id
    }
}
