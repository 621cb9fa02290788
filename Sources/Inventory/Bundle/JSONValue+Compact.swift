extension JSONValue {
    /// The value's UTF-8 text on one line, without spaces: what the history journal stores per
    /// object. Escapes as `JSONString.quote` does, written straight into bytes (the journal's
    /// recorder encodes every changed object, so this is on its hot path).
    var compactBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        renderCompact(into: &out)
        return out
    }

    private func renderCompact(into out: inout [UInt8]) {
        switch self {
        case .string(let text): Self.quote(text, into: &out)
        case .integer(let value): out += String(value).utf8
        case .wideInteger(let digits): out += (digits.allSatisfy(\.isNumber) && !digits.isEmpty ? digits : "null").utf8
        case .number(let value):
            // As `JSONValue.rendered`: whole numbers without a fraction, others as Swift prints them.
            if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
                out += String(Int64(value)).utf8
            } else {
                out += (value.isFinite ? String(value) : "null").utf8
            }
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .null: out += "null".utf8
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                item.renderCompact(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(key, into: &out)
                out.append(UInt8(ascii: ":"))
                value.renderCompact(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// `text` as a quoted JSON string, byte for byte what `JSONString.quote` writes: quotes,
    /// backslashes, controls and bidi overrides escaped, everything else as is (UTF-8). Plain
    /// printable ASCII (nearly every name, label and address) is copied in one go.
    private static func quote(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7f && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out += text.utf8
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch scalar {
            case "\"": out += "\\\"".utf8
            case "\\": out += "\\\\".utf8
            case "\n": out += "\\n".utf8
            case "\r": out += "\\r".utf8
            case "\t": out += "\\t".utf8
            case _ where value < 0x20 || TextSafety.isControl(value) || TextSafety.isBidiControl(value):
                let hex = String(value, radix: 16)
                out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default:
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
