/// JSON string literals as Gatewatch writes them (bundles, `-o json`): quotes, backslashes and
/// control characters escaped, everything else as is (UTF-8).
public enum JSONString {
    /// Appends `text` to `out` as a quoted JSON string.
    public static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || TextSafety.isControl(scalar.value) || TextSafety.isBidiControl(scalar.value):
                // Controls, and bidi controls a terminal showing the JSON would obey.
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
