extension BundleJSON {
    /// The value's text on one line, without spaces: what the history journal stores per object.
    var compact: String {
        var out = ""
        renderCompact(into: &out)
        return out
    }

    private func renderCompact(into out: inout String) {
        switch self {
        case .string(let text): JSONString.quote(text, into: &out)
        case .int(let value): out += String(value)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.renderCompact(into: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out += "," }
                JSONString.quote(key, into: &out)
                out += ":"
                value.renderCompact(into: &out)
            }
            out += "}"
        }
    }
}
