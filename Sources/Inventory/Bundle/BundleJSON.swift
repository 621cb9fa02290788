/// A JSON value as the bundle writer builds it: objects keep their key order, so written files
/// are stable and read like `kubectl -o json` / `aws --output json` output.
enum BundleJSON {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([BundleJSON])
    case object([(String, BundleJSON)])

    /// An object without the members whose value is nil.
    static func fields(_ members: [(String, BundleJSON?)]) -> BundleJSON {
        .object(members.compactMap { key, value in value.map { (key, $0) } })
    }

    /// A string, or nil for nil.
    static func text(_ value: String?) -> BundleJSON? { value.map { .string($0) } }

    /// The value's text, indented by two spaces per level, with a final newline.
    var rendered: String {
        var out = ""
        render(into: &out, indent: 0)
        return out + "\n"
    }

    private func render(into out: inout String, indent: Int) {
        switch self {
        case .string(let text): JSONString.quote(text, into: &out)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.render(into: &out, indent: indent + 2)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONString.quote(key, into: &out)
                out += ": "
                value.render(into: &out, indent: indent + 2)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }
}
