/// A problem `check` found, with a stable code and the objects it names.
public struct Finding: Hashable, Sendable {
    /// How serious a finding is.
    public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
        case error
        case warning
        case info

        private var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }

        /// Errors first.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// How serious it is.
    public var severity: Severity
    /// The stable code; its raw value (`missing-policy`, `no-ready-gateway`…) is the contract.
    public var code: Code
    /// One line naming the objects and what is wrong.
    public var message: String
    /// The objects involved, as a user can look them up (`policy/NAME`, `pod/NS/NAME`, `eip/IP`…).
    public var objects: [String]

    /// Creates a finding.
    public init(_ severity: Severity, _ code: Code, _ message: String, objects: [String]) {
        self.severity = severity
        self.code = code
        self.message = message
        self.objects = objects
    }
}
