/// An `access-list NAME extended|advanced ...` line that could not be read.
///
/// The device accepted it (it is in the running config), so it takes its line number; the
/// classifier never matches it and says so when it precedes the deciding line.
public struct UnparsedAccessListLine: Hashable, Sendable {
    /// The access list it belongs to.
    public let accessList: String
    /// The line as configured.
    public let text: String
    /// The config-file line it came from.
    public let line: Int
    /// Why it could not be read.
    public let problem: ConfigDiagnostic.Problem

    /// Creates an unparsed line.
    public init(accessList: String, text: String, line: Int, problem: ConfigDiagnostic.Problem) {
        self.accessList = accessList
        self.text = text
        self.line = line
        self.problem = problem
    }
}
