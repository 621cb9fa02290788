import Inventory
import LPM

/// An EgressGatewayPolicy prepared for tracing: the rule index by destination (the first rule
/// wins a duplicate destination) and, per rule, the gateways its selection picks.
final class PreparedPolicy: Sendable {
    let policy: EgressGatewayPolicy
    let ruleTable: CompiledPrefixTable<Int>
    /// Per rule index: the pods the rule's gateway selection picks (empty without a gateway).
    let gateways: [[Pod]]
    /// `gateways` as prepared candidates (shared objects, sources worked out).
    let candidates: [[GatewayCandidate]]
    /// Each rule's destination (`0.0.0.0/0` for a rule without one), in spec order, as the
    /// EGRESS-POLICY note lists them when no rule covers a destination.
    let ruleDestinations: [IPPrefix]

    init(policy: EgressGatewayPolicy, ruleTable: CompiledPrefixTable<Int>, gateways: [[Pod]],
         candidates: [[GatewayCandidate]]) {
        self.policy = policy
        self.ruleTable = ruleTable
        self.gateways = gateways
        self.candidates = candidates
        ruleDestinations = policy.rules.map(\.effectiveDestination)
    }
}
