/// Word wrapping for the trace and whois pages.
internal enum TextWrap {
    /// `text` broken into lines of at most `width` columns, at spaces when possible.
    internal static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var result: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            var wordWidth = CellWidth.columns(of: word)
            if lineWidth > 0 && lineWidth + 1 + wordWidth > width {
                result.append(line)
                line = ""
                lineWidth = 0
            }
            while wordWidth > width {
                let head = String(word.prefix(width - lineWidth - (lineWidth > 0 ? 1 : 0)))
                guard !head.isEmpty else {
                    result.append(line)
                    line = ""
                    lineWidth = 0
                    continue
                }
                result.append(lineWidth > 0 ? line + " " + head : head)
                line = ""
                lineWidth = 0
                word = String(word.dropFirst(head.count))
                wordWidth = CellWidth.columns(of: word)
            }
            if lineWidth > 0 {
                line += " "
                lineWidth += 1
            }
            line += word
            lineWidth += wordWidth
        }
        if !line.isEmpty || result.isEmpty { result.append(line) }
        return result
    }
}
