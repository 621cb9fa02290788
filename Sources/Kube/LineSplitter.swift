/// Splits a byte stream into newline-terminated lines (a watch stream's events), across chunks.
/// A line longer than `maxLineBytes` (`KubeLimits.maxWatchEventBytes` for watches) is refused:
/// `overflowed` turns true and the rest of the stream is not split.
struct LineSplitter {
    private var pending: [UInt8] = []
    /// The longest line accepted.
    var maxLineBytes = KubeLimits.maxWatchEventBytes
    /// True once a line outgrew `maxLineBytes`.
    private(set) var overflowed = false

    /// Appends a chunk and returns the complete lines it finished, without their newline; empty
    /// lines are skipped. Only the new bytes are scanned, so a long line arriving in many chunks
    /// costs linear time.
    mutating func push(_ chunk: [UInt8]) -> [ArraySlice<UInt8>] {
        guard !overflowed else { return [] }
        guard let firstNewline = chunk.firstIndex(of: UInt8(ascii: "\n")) else {
            guard pending.count + chunk.count <= maxLineBytes else {
                overflowed = true
                pending = []
                return []
            }
            pending.append(contentsOf: chunk)
            return []
        }
        guard pending.count + firstNewline <= maxLineBytes else {
            overflowed = true
            pending = []
            return []
        }
        var lines: [ArraySlice<UInt8>] = []
        if pending.isEmpty {
            if firstNewline > 0 { lines.append(chunk[0..<firstNewline]) }
        } else {
            pending.append(contentsOf: chunk[0..<firstNewline])
            lines.append(pending[...])
            pending = []
        }
        var start = firstNewline + 1
        while start < chunk.count, let newline = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) {
            if newline > start { lines.append(chunk[start..<newline]) }
            start = newline + 1
        }
        if start < chunk.count { pending = Array(chunk[start...]) }
        if lines.contains(where: { $0.count > maxLineBytes }) || pending.count > maxLineBytes {
            overflowed = true
            pending = []
            return Array(lines.prefix { $0.count <= maxLineBytes })
        }
        return lines
    }
}
