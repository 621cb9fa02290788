/// A problem found while loading a bundle: where it is and what was expected. Loading goes on
/// past every diagnostic; the object it names is skipped (errors) or kept (warnings).
public struct BundleDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable {
        /// The object or file was skipped.
        case error
        /// The object was kept, perhaps normalized.
        case warning
        /// A note: something was skipped on purpose (an object of another API group that shares
        /// a kind name with one Gatewatch reads); nothing is wrong with the input.
        case info
    }

    /// How bad the problem is.
    public var severity: Severity
    /// The file, relative to the bundle root.
    public var file: String
    /// The 1-based line, where the format has lines and it could be found.
    public var line: Int?
    /// The object concerned (`Pod payments/api-0`, `items[3]`), when known.
    public var object: String?
    /// What was wrong and what was expected.
    public var message: String

    /// Creates a diagnostic.
    public init(severity: Severity, file: String, line: Int? = nil, object: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.object = object
        self.message = message
    }

    /// `file:line: severity: object: message`, on one line: names and values quoted from the
    /// input have their control characters escaped.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": \(severity.rawValue): "
        if let object { text += "\(object): " }
        return TextSafety.escapedLine(text + message)
    }
}
