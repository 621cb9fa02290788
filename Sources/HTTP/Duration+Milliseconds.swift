extension Duration {
    /// `10 s`, `250 ms`: how long, for messages.
    var humanReadable: String {
        let milliseconds = self.milliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }

    /// Whole milliseconds, at least 1 for a positive duration (libcurl reads 0 as "no limit").
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        let value = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        return value == 0 && self > .zero ? 1 : value
    }
}
