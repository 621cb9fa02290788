import Inventory

/// Text made safe to write to a terminal: control characters (C0 but newline and tab, DEL, C1)
/// and bidirectional overrides from names, labels, annotations, syslog lines or server messages
/// are shown as visible escapes (`\x1B`, `\u{202E}`) instead of being obeyed, so data can neither
/// drive the terminal (titles, clearing, clipboard writes) nor reorder what a user reads.
public enum TerminalText {
    /// `text` with every unsafe scalar escaped; with `keepingNewlines` false, newlines too (one-line
    /// messages).
    public static func neutralized(_ text: String, keepingNewlines: Bool = true) -> String {
        let escapes = { (scalar: Unicode.Scalar) in isUnsafe(scalar) || (scalar == "\n" && !keepingNewlines) }
        guard text.unicodeScalars.contains(where: escapes) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard escapes(scalar) else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let escaped = scalar.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" : "") + hex : "\\u{\(hex)}"
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }

    /// True for scalars a terminal would act on or that reorder text (`TextSafety`): C0 controls
    /// but tab and newline, DEL, C1 controls, and the bidirectional controls.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        TextSafety.isControl(scalar.value) || TextSafety.isBidiControl(scalar.value)
    }
}
