/// Splits a byte stream into newline-terminated lines (a watch stream's events), across chunks.
struct LineSplitter {
    private var pending: [UInt8] = []

    /// Appends a chunk and returns the complete lines it finished, without their newline; empty
    /// lines are skipped. Only the new bytes are scanned, so a long line arriving in many chunks
    /// costs linear time.
    mutating func push(_ chunk: [UInt8]) -> [ArraySlice<UInt8>] {
        guard let firstNewline = chunk.firstIndex(of: UInt8(ascii: "\n")) else {
            pending.append(contentsOf: chunk)
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
        return lines
    }
}
