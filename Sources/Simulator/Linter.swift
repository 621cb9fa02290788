import Inventory
import LPM

/// `check`: the configuration mistakes that make egress traffic fail or surprise, each a Finding
/// with a stable code.
public struct Linter: Sendable {
    let context: SimulationContext
    let firewalls: FirewallSet

    /// Prepares a linter for `snapshot`. Where a `Simulation` exists, use its `findings()`.
    public init(snapshot: Snapshot) {
        self = Simulation(snapshot: snapshot).linter
    }

    init(context: SimulationContext, firewalls: FirewallSet) {
        self.context = context
        self.firewalls = firewalls
    }

    /// Every finding, errors first, then by code and message.
    public func findings() -> [Finding] {
        var findings: [Finding] = []
        findings += missingPolicies()
        findings += ruleFindings()
        findings += selectionFindings()
        findings += gatewayPoolFindings()
        findings += pressureFindings()
        findings += elasticIPFindings()
        findings += AccessListAudit(context: context, firewalls: firewalls).findings()
        findings += ObjectGroupDrift(context: context, firewalls: firewalls).findings()
        findings += CaptureMismatchAudit(context: context, firewalls: firewalls).findings()
        findings += firewallConfigFindings()
        findings += awsPathFindings()
        findings += gatewayOperationsFindings()
        return findings.sorted { ($0.severity, $0.code, $0.message) < ($1.severity, $1.code, $1.message) }
    }

    // MARK: - Firewall configs

    /// One finding per parser diagnostic of a placed firewall config: an unusable line makes the
    /// simulated verdicts doubtful (error), an assumption is worth a look (warning).
    private func firewallConfigFindings() -> [Finding] {
        firewalls.diagnostics.map { item in
            let severity: Finding.Severity
            switch item.diagnostic.severity {
            case .error: severity = .error
            case .warning: severity = .warning
            case .note: severity = .info
            }
            return Finding(severity, .firewallConfig,
                           "firewall \(item.firewall): \(item.location): \(item.diagnostic.message)",
                           objects: ["firewall/\(item.firewall)", "file/\(item.location)"])
        }
    }

    // MARK: - Policies and rules

    private func missingPolicies() -> [Finding] {
        let snapshot = context.snapshot
        let support = snapshot.cluster.egressIPSupport
        guard support != .disabled else { return [] }
        var findings: [Finding] = []
        for namespace in snapshot.cluster.namespaces {
            if case .policy(let name) = EgressAnnotations(namespace.metadata.annotations), snapshot.policiesByName[name] == nil {
                findings.append(Finding(.error, .missingPolicy,
                    "namespace \(namespace.name) names EgressGatewayPolicy \(name), which does not exist: its egress traffic is dropped",
                    objects: ["namespace/\(namespace.name)", "policy/\(name)"]))
            }
        }
        if support == .enabledPerNamespaceOrPerPod {
            for pod in snapshot.cluster.pods where !pod.isFinished {
                if case .policy(let name) = EgressAnnotations(pod.metadata.annotations), snapshot.policiesByName[name] == nil {
                    findings.append(Finding(.error, .missingPolicy,
                        "pod \(pod.qualifiedName) names EgressGatewayPolicy \(name), which does not exist",
                        objects: ["pod/\(pod.qualifiedName)", "policy/\(name)"]))
                }
            }
        }
        return findings
    }

    private func ruleFindings() -> [Finding] {
        let snapshot = context.snapshot
        var findings: [Finding] = []
        for policy in snapshot.cluster.policies {
            var seen: [IPPrefix: Int] = [:]
            for (index, rule) in policy.rules.enumerated() {
                let label = "policy \(policy.name) rule #\(index) (\(rule.effectiveDestination))"
                let objects = ["policy/\(policy.name)", "rule/\(index)"]
                if let first = seen[rule.effectiveDestination] {
                    findings.append(Finding(.error, .duplicateDestination,
                        "\(label) has the same destination as rule #\(first); Calico rejects the policy", objects: objects))
                } else {
                    seen[rule.effectiveDestination] = index
                }
                guard let selection = rule.gateway else { continue }
                findings += gatewaySetFindings(label: label, selection: selection, objects: objects,
                                               pods: context.ruleGateways(policy.name, index))
            }
        }
        return findings
    }

    private func selectionFindings() -> [Finding] {
        var findings: [Finding] = []
        for (key, pods) in context.selectionGateways.sorted(by: { $0.key.clientNamespace < $1.key.clientNamespace }) {
            let label = "selector annotations used in namespace \(key.clientNamespace)"
            findings += gatewaySetFindings(label: label, selection: key.selection, objects: ["namespace/\(key.clientNamespace)"],
                                           pods: pods)
        }
        return findings
    }

    /// Findings about the gateways one selection picks.
    private func gatewaySetFindings(label: String, selection: EgressGatewaySelection, objects: [String], pods: [Pod]) -> [Finding] {
        var findings: [Finding] = []
        if let matcher = try? GatewayMatcher(selection), matcher.selectsWholeNamespaces {
            findings.append(Finding(.warning, .emptySelector,
                "\(label) has a namespaceSelector but an empty selector: every pod in the selected namespaces becomes a gateway",
                objects: objects))
        }
        guard !pods.isEmpty else {
            findings.append(Finding(.error, .noGatewayMatch,
                "\(label) selects no gateway pod (\(selection.selector ?? "-") in \(selection.namespaceSelector ?? "own namespace")): its traffic is dropped",
                objects: objects))
            return findings
        }
        let ready = pods.filter(\.isActive)
        let names = pods.map { "pod/\($0.qualifiedName)" }
        if ready.isEmpty {
            findings.append(Finding(.error, .noReadyGateway,
                "\(label): none of its \(pods.count) gateways is ready: its traffic is dropped", objects: objects + names))
        } else if selection.maxNextHops > 0 && ready.count < selection.maxNextHops {
            findings.append(Finding(.warning, .tooFewGateways,
                "\(label): \(ready.count) ready gateways, fewer than maxNextHops \(selection.maxNextHops)", objects: objects + names))
        }
        let zones = Set(pods.compactMap { $0.nodeName.flatMap { context.snapshot.nodesByName[$0]?.zone } })
        if zones.count == 1, let zone = zones.first, pods.allSatisfy({ $0.nodeName.flatMap { context.snapshot.nodesByName[$0]?.zone } != nil }) {
            findings.append(Finding(.warning, .singleAZ,
                "\(label): all \(pods.count) gateways sit in \(zone); losing that zone drops its traffic", objects: objects + names))
        }
        return findings
    }

    // MARK: - Pools and subnets

    private func gatewayPoolFindings() -> [Finding] {
        let snapshot = context.snapshot
        var findings: [Finding] = []
        for gateway in snapshot.gateways {
            guard let ip = gateway.ip else { continue }
            let objects = ["pod/\(gateway.qualifiedName)"]
            guard let pool = snapshot.poolsByCIDR.longestMatch(ip)?.value else {
                findings.append(Finding(.error, .gatewayOutsidePool,
                    "gateway \(gateway.qualifiedName) has IP \(ip), outside every IP pool", objects: objects))
                continue
            }
            if !pool.isAWSBacked {
                findings.append(Finding(.warning, .poolNotAWS,
                    "gateway \(gateway.qualifiedName) takes \(ip) from pool \(pool.name), which is not AWS-backed (no awsSubnetID)",
                    objects: objects + ["ippool/\(pool.name)"]))
            }
        }
        return findings
    }

    private func pressureFindings() -> [Finding] {
        var findings: [Finding] = []
        for usage in context.snapshot.pools {
            if let severity = Linter.pressure(usage.utilization) {
                findings.append(Finding(severity, .poolPressure,
                    "pool \(usage.pool.name) is \(Linter.percent(usage.utilization)) allocated (\(usage.allocated)/\(usage.capacity))",
                    objects: ["ippool/\(usage.pool.name)"]))
            }
            if let subnet = usage.subnet, let fill = usage.subnetUtilization, let severity = Linter.pressure(fill) {
                findings.append(Finding(severity, .subnetPressure,
                    "subnet \(subnet.subnetID) behind pool \(usage.pool.name) is \(Linter.percent(fill)) used "
                        + "(\(subnet.availableIpAddressCount ?? 0) addresses free)",
                    objects: ["subnet/\(subnet.subnetID)", "ippool/\(usage.pool.name)"]))
            }
        }
        return findings
    }

    /// Warning from 80 %, error from 95 % (`PoolPressure`).
    static func pressure(_ fraction: Double) -> Finding.Severity? {
        switch PoolPressure(utilization: fraction) {
        case .normal: return nil
        case .high: return .warning
        case .critical: return .error
        }
    }

    static func percent(_ fraction: Double) -> String {
        "\(Int((fraction * 100).rounded(.down)))%"
    }

    // MARK: - Elastic IPs

    private func elasticIPFindings() -> [Finding] {
        context.snapshot.elasticIPBindings.compactMap { binding in
            let eip = binding.elasticIP
            let objects = ["eip/\(eip.publicIP)"] + (eip.allocationID.map { ["eipalloc/\($0)"] } ?? [])
                + (binding.gateway.map { ["pod/\($0)"] } ?? [])
            switch binding.status {
            case .bound: return nil
            case .idle:
                return Finding(.warning, .idleEIP, "Elastic IP \(eip.publicIP) is \(binding.reason)", objects: objects)
            case .notGateway:
                return Finding(.info, .eipNotGateway, "Elastic IP \(eip.publicIP) is \(binding.reason)", objects: objects)
            case .mismatch:
                return Finding(.error, .eipMismatch, "Elastic IP \(eip.publicIP) is \(binding.reason)", objects: objects)
            }
        }
    }
}
