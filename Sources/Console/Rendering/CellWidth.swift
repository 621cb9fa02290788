import Inventory

/// How many terminal columns a Unicode scalar takes, kept deliberately simple: the console only
/// draws single-width glyphs, so wide and zero-width scalars from data are replaced or dropped.
internal enum CellWidth {
    /// The replacement for a scalar that cannot be shown in one column.
    internal static let replacement: Unicode.Scalar = "?"

    /// The scalar to draw for `scalar`, or nil to draw nothing (combining marks, zero-width).
    /// Control characters, East Asian wide and emoji scalars become `?`; with `asciiOnly`, so does
    /// everything outside ASCII.
    @inline(__always)
    internal static func displayable(_ scalar: Unicode.Scalar, asciiOnly: Bool) -> Unicode.Scalar? {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return scalar }
        if value < 0x20 || value == 0x7F || (value >= 0x80 && value < 0xA0) { return replacement }
        if isZeroWidth(value) { return nil }
        // Bidi embeddings, overrides and isolates would reorder what the user reads.
        if TextSafety.isBidiControl(value) { return replacement }
        if asciiOnly || isWide(value) { return replacement }
        return scalar
    }

    private static func isZeroWidth(_ value: UInt32) -> Bool {
        (0x0300...0x036F).contains(value) || (0x200B...0x200F).contains(value) || (0xFE00...0xFE0F).contains(value)
            || value == 0xFEFF
    }

    private static func isWide(_ value: UInt32) -> Bool {
        (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value) || (0xAC00...0xD7A3).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
            || (0xFFE0...0xFFE6).contains(value) || (0x1F300...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value)
    }

    /// The number of columns `text` takes when drawn.
    internal static func columns(of text: some StringProtocol, asciiOnly: Bool = false) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            if asciiOnly, scalar.value >= 0x80, let folded = asciiFold(scalar) {
                count += folded.count
            } else if displayable(scalar, asciiOnly: asciiOnly) != nil {
                count += 1
            }
        }
        return count
    }

    /// ASCII spellings of the few non-ASCII characters the console's own texts and the
    /// simulator's reasons use (`→` is `->`), for terminals without UTF-8.
    internal static func asciiFold(_ scalar: Unicode.Scalar) -> [Unicode.Scalar]? {
        switch scalar.value {
        case 0x2192: return ["-", ">"]
        case 0x2190: return ["<", "-"]
        case 0x2026: return [".", ".", "."]
        case 0x2013, 0x2014: return ["-"]
        case 0x00B7: return ["."]
        case 0x2260: return ["!", "="]
        default: return nil
        }
    }
}
