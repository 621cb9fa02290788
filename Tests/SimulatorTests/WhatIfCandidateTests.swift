import Inventory
import Simulator
import Testing

/// What-if candidates load the same way for the command line and the console.
@Suite struct WhatIfCandidateTests {
    static let policy = Array("""
    apiVersion: projectcalico.org/v3
    kind: EgressGatewayPolicy
    metadata: {name: corp}
    spec:
      rules:
      - destination: {cidr: 172.16.0.0/24}
    """.utf8)

    @Test func policiesReplaceThoseOfTheSameName() throws {
        let candidate = try WhatIfCandidate.policies(path: "p.yaml", read: { _ in Self.policy })
        let applied = candidate.apply(to: Scenario().snapshot)
        #expect(applied.policiesByName["corp"]?.rules.count == 1)
        #expect(candidate.label == "policy p.yaml")
    }

    @Test func aFileWithoutAPolicyOrUnreadableIsRefused() {
        #expect(throws: WhatIfLoadError("p.yaml: no EgressGatewayPolicy in the file")) {
            try WhatIfCandidate.policies(path: "p.yaml", read: { _ in Array("kind: Namespace\nmetadata: {name: x}\n".utf8) })
        }
        #expect(throws: WhatIfLoadError("cannot read nope.yaml")) {
            try WhatIfCandidate.policies(path: "nope.yaml", read: { _ in nil })
        }
    }

    @Test func aFirewallMustBeNamedWhenSeveralArePlaced() throws {
        var scenario = Scenario()
        scenario.firewalls = [FirewallPlacement(name: "a", config: "firewall/a.cfg", interface: "inside", targets: []),
                              FirewallPlacement(name: "b", config: "firewall/b.cfg", interface: "inside", targets: [])]
        let snapshot = scenario.snapshot
        #expect(throws: WhatIfLoadError("say which firewall as NAME=FILE (placed: a, b)")) {
            try WhatIfCandidate.firewall("x.cfg", in: snapshot, read: { _ in [] })
        }
        let named = try WhatIfCandidate.firewall("b=x.cfg", in: snapshot, read: { _ in Array("hostname b\n".utf8) })
        #expect(named.changes == [.firewall(path: "firewall/b.cfg", text: "hostname b\n")])
        #expect(named.label == "firewall b=x.cfg")
    }
}
