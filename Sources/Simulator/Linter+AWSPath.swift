import Inventory
import LPM

extension Linter {
    /// `sg-blocks-gateway` (error) and `nacl-blocks-return` (warning): for every policy rule
    /// that sends traffic through gateways, the security groups and subnet ACL of each gateway's
    /// source address, probed with a TCP packet to the rule's destination network. A probe has
    /// no port, so a rule restricted to ports counts as matching: only rules that let no TCP
    /// through at all are reported. The return is checked over the Linux ephemeral range.
    func awsPathFindings() -> [Finding] {
        var findings: [Finding] = []
        for name in context.policies.keys.sorted() {
            guard let prepared = context.policies[name] else { continue }
            for (index, rule) in prepared.policy.rules.enumerated() where rule.gateway != nil {
                guard prepared.candidates.indices.contains(index) else { continue }
                let destination = rule.effectiveDestination
                let probe = TraceQuery(sender: .hypothetical(namespace: "", labels: [:], node: nil),
                                       destination: destination.address, ipProtocol: 6)
                let ruleText = "policy \(name) rule #\(index) (\(destination))"
                for gateway in prepared.candidates[index] {
                    findings += pathFindings(for: gateway, probe: probe, destination: destination, rule: ruleText,
                                         policy: name)
                }
            }
        }
        return findings
    }

    private func pathFindings(for gateway: GatewayCandidate, probe: TraceQuery, destination: IPPrefix, rule: String,
                          policy: String) -> [Finding] {
        let source = gateway.source
        guard let address = source.sourceIP else { return [] }
        let who = "gateway \(gateway.qualifiedName) (\(address))"
        let pod = "pod/\(gateway.qualifiedName)"
        var findings: [Finding] = []
        if case .known(let set) = source.securityGroups, !set.isIncomplete,
           set.allowingRule(destination: probe.destination, query: probe) == nil {
            findings.append(Finding(.error, .sgBlocksGateway,
                                    "\(who): no egress rule of security groups \(set.groupIDs.joined(separator: ", ")) "
                                        + "allows tcp to \(destination), which \(rule) sends through it",
                                    objects: [pod, "policy/\(policy)"] + set.groupIDs.map { "security-group/\($0)" }))
        }
        guard case .known(let acl) = source.networkAcl else { return findings }
        let subnet = source.subnet ?? "?"
        let entry = acl.outboundEntry(destination: probe.destination, query: probe)
        if let entry, acl.outbound[entry].ruleAction == .allow {
            let back = acl.returnTraffic(from: probe.destination, query: probe)
            if !back.allowedAll {
                let number = back.decidingEntry.map { "rule \(acl.inbound[$0].ruleNumber)" } ?? "rule *"
                let ports = back.denied.map { "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ", ")
                let range = PreparedNetworkAcl.linuxEphemeralPorts
                findings.append(Finding(.warning, .naclBlocksReturn,
                                        "\(who): network ACL \(acl.acl.networkAclID) of subnet \(subnet) \(number) denies "
                                            + "the return from \(destination) to ports \(ports) of the ephemeral range "
                                            + "\(range.lowerBound)-\(range.upperBound) (\(rule))",
                                        objects: [pod, "policy/\(policy)", "network-acl/\(acl.acl.networkAclID)",
                                                  "subnet/\(subnet)"]))
            }
        } else if entry.map({ acl.outbound[$0].ports == .all }) ?? true {
            let number = entry.map { "rule \(acl.outbound[$0].ruleNumber)" } ?? "rule *"
            findings.append(Finding(.error, .sgBlocksGateway,
                                    "\(who): network ACL \(acl.acl.networkAclID) of subnet \(subnet) \(number) denies "
                                        + "traffic to \(destination), which \(rule) sends through it",
                                    objects: [pod, "policy/\(policy)", "network-acl/\(acl.acl.networkAclID)",
                                              "subnet/\(subnet)"]))
        }
        return findings
    }
}
