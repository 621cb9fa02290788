/// Text made safe to write to a terminal: control characters (C0 but newline and tab, DEL, C1)
/// and bidirectional overrides from names, labels, annotations, syslog lines or server messages
/// are shown as visible escapes (`\x1B`, `\u{202E}`) instead of being obeyed, so data can neither
/// drive the terminal (titles, clearing, clipboard writes) nor reorder what a user reads.
public enum TerminalText {
    /// `text` with every unsafe scalar escaped; with `keepingNewlines` false, newlines too (one-line
    /// messages).
    public static func neutralized(_ text: String, keepingNewlines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) || (!keepingNewlines && $0 == "\n") }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" && keepingNewlines || !isUnsafe(scalar) && scalar != "\n" {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let escaped = scalar.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" : "") + hex : "\\u{\(hex)}"
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }

    /// True for scalars a terminal would act on or that reorder text: C0 controls but tab and
    /// newline, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 { return scalar != "\t" && scalar != "\n" }
        return value == 0x7F || (0x80...0x9F).contains(value) || isBidiControl(value)
    }

    /// U+202A–U+202E (embeddings and overrides), U+2066–U+2069 (isolates), U+200E/U+200F and
    /// U+061C (marks).
    public static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
            || value == 0x061C
    }
}
