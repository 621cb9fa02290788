/// A JSON value with ordered object keys, so machine output (`-o json`) has a stable, documented
/// key order.
public enum JSONValue: Equatable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number with a fraction (whole values print without one).
    case number(Double)
    /// A whole number.
    case integer(Int64)
    /// A whole number too wide for 64 bits (an IPv6 pool's size), as its decimal digits.
    case wideInteger(String)
    /// A string, escaped as JSON requires.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep their order.
    case object([(String, JSONValue)])

    /// Equal when they render the same.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.rendered(indent: nil) == rhs.rendered(indent: nil)
    }

    /// A whole number.
    public static func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    /// An object without the members whose value is nil.
    public static func fields(_ members: [(String, JSONValue?)]) -> JSONValue {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// A string, or nil for nil (a member `fields` leaves out).
    public static func text(_ value: String?) -> JSONValue? { value.map { .string($0) } }

    /// The text of a JSON file: indented by two spaces per level, with a final newline, as
    /// `kubectl -o json` and `aws --output json` write them.
    public var fileText: String { rendered() + "\n" }

    /// A string, or null.
    public static func string(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// Pretty-printed text with two-space indentation (or compact when `indent` is nil).
    public func rendered(indent: Int? = 0) -> String {
        var out = ""
        write(to: &out, indent: indent)
        return out
    }

    private func write(to out: inout String, indent: Int?) {
        let newline = indent == nil ? "" : "\n"
        let pad = { (level: Int) in String(repeating: "  ", count: level) }
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .wideInteger(let digits): out += digits.allSatisfy(\.isNumber) && !digits.isEmpty ? digits : "null"
        case .number(let value):
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                out += String(Int64(value))
            } else {
                out += value.isFinite ? String(value) : "null"
            }
        case .string(let value): JSONString.quote(value, into: &out)
        case .array(let values):
            if values.isEmpty { out += "[]"; return }
            out += "[" + newline
            for (i, value) in values.enumerated() {
                if let indent { out += pad(indent + 1) }
                value.write(to: &out, indent: indent.map { $0 + 1 })
                out += (i < values.count - 1 ? "," : "") + newline
            }
            if let indent { out += pad(indent) }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + newline
            for (i, (key, value)) in pairs.enumerated() {
                if let indent { out += pad(indent + 1) }
                JSONString.quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(to: &out, indent: indent.map { $0 + 1 })
                out += (i < pairs.count - 1 ? "," : "") + newline
            }
            if let indent { out += pad(indent) }
            out += "}"
        }
    }
}
