import Simulator

/// An access-control entry of the Rules view, as a detail page target: its firewall, list and
/// line, and the Simulation whose reverse index holds it (compared by identity), so the page can
/// list the classes it decides and trace one of them.
public struct RuleEntryReference: Hashable, Sendable {
    /// The firewall placement's name.
    public let firewall: String
    /// The access list.
    public let accessList: String
    /// The `show access-list` line number.
    public let line: Int
    /// The position of the entry in `simulation.rulesIndex().entries`.
    let index: Int
    /// The Simulation the index was built on.
    let simulation: Simulation

    init(firewall: String, accessList: String, line: Int, index: Int, simulation: Simulation) {
        self.firewall = firewall
        self.accessList = accessList
        self.line = line
        self.index = index
        self.simulation = simulation
    }

    /// Equal when they name the same line of the same Simulation.
    public static func == (lhs: RuleEntryReference, rhs: RuleEntryReference) -> Bool {
        lhs.firewall == rhs.firewall && lhs.accessList == rhs.accessList && lhs.line == rhs.line
            && lhs.index == rhs.index && lhs.simulation === rhs.simulation
    }

    /// Hashes the line and the Simulation's identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(firewall)
        hasher.combine(accessList)
        hasher.combine(line)
        hasher.combine(index)
        hasher.combine(ObjectIdentifier(simulation))
    }
}
