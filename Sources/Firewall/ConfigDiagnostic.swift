/// A problem found in a firewall config: where it is and what was expected there.
///
/// Diagnostics are values; the parser never stops at one. One bad line is reported and the rest
/// of the config still loads.
public struct ConfigDiagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// How serious the problem is.
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// The line (or the reference) could not be used; verdicts may differ from the device.
        case error
        /// The line was used, but with an assumption Gatewatch made where Cisco's documentation is
        /// silent, or it had a part the parser skipped.
        case warning
        /// Worth knowing, changes nothing (e.g. an FQDN object that never matches offline).
        case note

        private var rank: Int { self == .error ? 0 : (self == .warning ? 1 : 2) }

        /// Errors first.
        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// What is wrong.
    public enum Problem: Hashable, Sendable {
        /// A token was missing or not what the grammar allows here.
        case expected(String, found: String?)
        /// A name that no definition of that kind carries.
        case unknownName(kind: String, name: String)
        /// A name defined with another kind than the position needs.
        case wrongKind(name: String, expected: String, found: String)
        /// `group-object` nesting that loops back; the path of group names.
        case groupCycle([String])
        /// An `fqdn` object: it cannot be resolved offline and never matches.
        case unresolvedFQDN(object: String, fqdn: String)
        /// A keyword the parser recognises but does not model; the rest of the line was used.
        case ignoredKeyword(String, reason: String)
        /// Gatewatch assumed a value or behaviour Cisco's documentation does not state; the text
        /// says what was assumed (e.g. "protocol alias 'ipsec' read as 50").
        case unconfirmed(String)
        /// A block with a required part missing (an object with no address).
        case incomplete(String)
        /// An object defined again with a conflicting kind or value.
        case conflictingDefinition(String)
        /// A `FirewallLimits` limit was exceeded by `subject` (e.g. `object-group NAME`); what
        /// lies beyond the limit is not used.
        case limitExceeded(FirewallLimits.Limit, subject: String)
        /// A network mask whose one bits are not contiguous (e.g. `0.0.0.255`, `255.0.255.0`). It is
        /// matched bit by bit, `(packet & mask) == (address & mask)`; `looksLikeWildcard` is true
        /// when its inverse is a netmask, i.e. it reads like an IOS wildcard.
        case nonContiguousMask(String, looksLikeWildcard: Bool)
    }

    /// The config-file line (1-based).
    public let line: Int
    /// How serious.
    public let severity: Severity
    /// What is wrong.
    public let problem: Problem
    /// The config line as written (trimmed).
    public let text: String

    /// Creates a diagnostic.
    public init(line: Int, severity: Severity, problem: Problem, text: String) {
        self.line = line
        self.severity = severity
        self.problem = problem
        self.text = text
    }

    /// The problem in words, without the location.
    public var message: String {
        switch problem {
        case .expected(let what, let found):
            return found.map { "expected \(what), found '\($0)'" } ?? "expected \(what), found end of line"
        case .unknownName(let kind, let name):
            return "unknown \(kind) '\(name)'"
        case .wrongKind(let name, let expected, let found):
            return "'\(name)' is \(found), expected \(expected)"
        case .groupCycle(let path):
            return "object-group nesting loops: \(path.joined(separator: " -> "))"
        case .unresolvedFQDN(let object, let fqdn):
            return "object \(object) is fqdn \(fqdn): unresolved offline, never matches"
        case .ignoredKeyword(let keyword, let reason):
            return "'\(keyword)' ignored: \(reason)"
        case .unconfirmed(let what):
            return "assumed \(what)"
        case .incomplete(let what):
            return what
        case .conflictingDefinition(let what):
            return what
        case .nonContiguousMask(let mask, let looksLikeWildcard):
            return "non-contiguous mask \(mask)" + (looksLikeWildcard ? " — an IOS wildcard?" : "")
                + " (matched bit by bit, as the ASA does)"
        case .limitExceeded(let limit, let subject):
            return "\(subject) exceeds the \(limit.rawValue) limit: expected at most \(limit.value) \(limit.unit); "
                + "not used"
        }
    }

    /// `line N: severity: message`.
    public var description: String {
        "line \(line): \(severity.rawValue): \(message)"
    }
}
