extension Duration {
    /// `10 s`, `250 ms`: how long, for messages.
    var humanReadable: String {
        let milliseconds = self.milliseconds
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }

    /// Whole milliseconds, at least 1 for a positive duration (libcurl reads 0 as "no limit"), 0 for
    /// zero or less, and at most `Int32.max`.
    var milliseconds: Int {
        guard self > .zero else { return 0 }
        let (seconds, attoseconds) = components
        // Past ~24 days libcurl's limits stop meaning anything; saturate rather than overflow.
        guard seconds < Int64(Int32.max / 1000) else { return Int(Int32.max) }
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }
}
