extension TextSafety {
    /// `text` as one line a terminal shows as it is: line breaks, tabs, other control characters
    /// and bidirectional controls become `\u{…}` escapes, so an error quoting its input stays one
    /// line and carries no escape sequence.
    public static func escapedLine(_ text: some StringProtocol) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || isControl(scalar.value) || isBidiControl(scalar.value) {
                result += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
