import Inventory
import Synchronization

/// The simulator prepared for one Snapshot: the firewalls parsed and compiled once (with their
/// diagnostics), the lookup tables of traces and reverse lookups, and `check`'s findings, each
/// made at most once. `Tracer`, `ReverseLookup`, `Linter` and `WhatIf` are built from it.
///
/// Creating a Simulation parses the firewalls only; `prepare()` (or the first trace, lookup or
/// `findings()`) builds the rest. `Live` prepares one per published Snapshot off the UI thread, so
/// the console only swaps prepared values and runs single queries.
///
/// ```swift
/// let simulation = Simulation(snapshot: snapshot)
/// simulation.firewallDiagnostics.forEach { print($0) }
/// let result = try simulation.tracer.trace(query)
/// ```
public final class Simulation: Sendable {
    /// The Snapshot simulated.
    public let snapshot: Snapshot
    let firewalls: FirewallSet
    private let prepared = Mutex<SimulationContext?>(nil)
    private let linted = Mutex<[Finding]?>(nil)
    private let rules = Mutex<RulesIndex?>(nil)

    /// Parses and compiles the Snapshot's placed firewalls; the rest is prepared on first use.
    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        firewalls = FirewallSet(snapshot: snapshot)
    }

    /// The Simulation of `snapshot`, the Snapshot that follows `previous`'s: the firewalls are
    /// taken from `previous` when their files and placements are the same, and when `snapshot` was
    /// derived from `previous`'s by a few pods changed, added or removed and `previous` is
    /// prepared, the tables are prepared from its (`SimulationContext.init(updatingPodsOf:in:changes:)`)
    /// instead of from scratch. What `Live` does with each pod event.
    public init(snapshot: Snapshot, following previous: Simulation) {
        self.snapshot = snapshot
        let before = previous.snapshot
        firewalls = snapshot.firewallConfigs == before.firewallConfigs && snapshot.config == before.config
            ? previous.firewalls : FirewallSet(snapshot: snapshot)
        guard let derivation = snapshot.derivation, derivation.base == before.identity,
              let base = previous.prepared.withLock({ $0 }),
              let context = SimulationContext(updatingPodsOf: base, in: snapshot, changes: derivation.pods) else { return }
        prepared.withLock { $0 = context }
    }

    /// What the firewall parser reported for every placed config, in placement order.
    public var firewallDiagnostics: [FirewallDiagnostic] { firewalls.diagnostics }

    /// Builds every lookup table now (rule tables, gateway selections, senders, route tables).
    /// Idempotent; call it off the UI thread.
    public func prepare() {
        _ = context
    }

    /// The prepared tables (built once, on first use).
    var context: SimulationContext {
        prepared.withLock { slot in
            if let context = slot { return context }
            let made = SimulationContext(snapshot: snapshot, firewalls: firewalls)
            slot = made
            return made
        }
    }

    /// Traces packets on this Snapshot.
    public var tracer: Tracer { Tracer(context: context, firewalls: firewalls) }

    /// Answers "which workloads can appear as this address" on this Snapshot.
    public var reverseLookup: ReverseLookup { ReverseLookup(context: context) }

    /// Finds configuration mistakes on this Snapshot.
    public var linter: Linter { Linter(context: context, firewalls: firewalls) }

    /// `check`'s findings, computed once: errors first, then by code and message.
    public func findings() -> [Finding] {
        linted.withLock { slot in
            if let known = slot { return known }
            let made = linter.findings()
            slot = made
            return made
        }
    }

    /// The Rules view's reverse index (every applied access-control entry and the traffic classes
    /// it decides), computed once; call it off the UI thread first.
    public func rulesIndex() -> RulesIndex {
        rules.withLock { slot in
            if let known = slot { return known }
            let made = RulesIndexBuilder(context: context, firewalls: firewalls, tracer: tracer).build()
            slot = made
            return made
        }
    }

    /// Compares this Snapshot's outcomes with those of `candidate` (the same cluster with
    /// candidate policies, firewall configs or failed gateways), each prepared once.
    public func whatIf(_ candidate: Simulation) -> WhatIf {
        candidate.derive(from: self)
        return WhatIf(before: tracer, after: candidate.tracer)
    }

    /// When this Simulation is not prepared yet and its Snapshot differs from `base`'s in its
    /// policies only, prepares it from `base`'s context (see
    /// `SimulationContext.init(replacingPoliciesOf:in:)`) instead of from scratch.
    func derive(from base: Simulation) {
        guard base !== self, differsInPoliciesOnly(from: base.snapshot) else { return }
        let baseContext = base.context
        prepared.withLock { slot in
            if slot == nil { slot = SimulationContext(replacingPoliciesOf: baseContext, in: snapshot) }
        }
    }

    /// True when everything a context is prepared from, except the EgressGatewayPolicies, is the
    /// same in `other` (arrays a candidate shares with its base compare by identity first, so
    /// this is quick for `Snapshot.replacing(policies:)`).
    private func differsInPoliciesOnly(from other: Snapshot) -> Bool {
        var cluster = snapshot.cluster
        cluster.policies = other.cluster.policies
        return cluster == other.cluster && snapshot.aws == other.aws && snapshot.config == other.config
            && snapshot.firewallConfigs == other.firewallConfigs
    }
}
