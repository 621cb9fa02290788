/// The characters no text Gatewatch shows may carry raw: a terminal obeys control characters
/// (titles, clearing, clipboard writes) and bidirectional controls reorder what a user reads.
/// One definition for the command line's text (`TerminalText`), JSON (`JSONString`) and the
/// console's cells.
public enum TextSafety {
    /// C0 controls but tab and newline, DEL, and C1 controls.
    public static func isControl(_ value: UInt32) -> Bool {
        (value < 0x20 && value != 0x09 && value != 0x0A) || value == 0x7F || (0x80...0x9F).contains(value)
    }

    /// U+202A–U+202E (embeddings and overrides), U+2066–U+2069 (isolates), U+200E/U+200F and
    /// U+061C (marks).
    public static func isBidiControl(_ value: UInt32) -> Bool {
        (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
            || value == 0x061C
    }
}
