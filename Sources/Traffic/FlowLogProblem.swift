/// A flow-log line (or CloudWatch Logs event) that could not be read: where, and what was
/// expected. Never fatal: the parser counts it and goes on.
public struct FlowLogProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the parser expected.
    public enum Expected: Hashable, Sendable {
        /// As many fields as the format has columns.
        case fieldCount(expected: Int, found: Int)
        /// A value of `kind` for `field`.
        case value(field: FlowLogField, kind: String)
        /// A line no longer than `limit` bytes.
        case lineLength(limit: Int)
        /// A readable file: gzip data, or a CloudWatch Logs export (`{"events": [...]}`).
        case container(String)
    }

    /// The file, as given.
    public var file: String
    /// The line (1-based; the event's position for a CloudWatch Logs export; 0 for the whole file).
    public var line: Int
    /// What was expected.
    public var expected: Expected
    /// The text found (at most 80 characters).
    public var found: String

    /// A problem at `file:line`.
    public init(file: String, line: Int, expected: Expected, found: String) {
        self.file = file
        self.line = line
        self.expected = expected
        self.found = String(found.prefix(80))
    }

    /// `file:line: expected …, found …`.
    public var description: String {
        let what: String
        switch expected {
        case .fieldCount(let expected, let found): what = "expected \(expected) fields, found \(found)"
        case .value(let field, let kind): what = "expected \(kind) in \(field.rawValue), found `\(found)`"
        case .lineLength(let limit): what = "expected a line of at most \(limit) bytes"
        case .container(let kind): what = "expected \(kind): \(found)"
        }
        return "\(file):\(line): \(what)"
    }
}
