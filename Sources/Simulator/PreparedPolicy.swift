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
    /// Per rule index: true when every candidate is ready (a trace then uses the list as is
    /// without visiting each candidate).
    let candidatesAllActive: [Bool]
    /// Each rule's destination (`0.0.0.0/0` for a rule without one), in spec order, as the
    /// EGRESS-POLICY note lists them when no rule covers a destination.
    let ruleDestinations: [IPPrefix]
    /// Per rule index: whether the rule names a gateway selection, and its gateway preference,
    /// so a trace reads a flag rather than copying the rule.
    let ruleHasGateway: [Bool]
    let rulePreferences: [GatewayPreference]

    init(policy: EgressGatewayPolicy, ruleTable: CompiledPrefixTable<Int>, gateways: [[Pod]],
         candidates: [[GatewayCandidate]]) {
        self.policy = policy
        self.ruleTable = ruleTable
        self.gateways = gateways
        self.candidates = candidates
        candidatesAllActive = candidates.map { $0.allSatisfy(\.isActive) }
        ruleDestinations = policy.rules.map(\.effectiveDestination)
        ruleHasGateway = policy.rules.map { $0.gateway != nil }
        rulePreferences = policy.rules.map(\.gatewayPreference)
    }
}
