/// Splits a byte stream into newline-terminated lines (a watch stream's events), across chunks.
struct LineSplitter {
    private var pending: [UInt8] = []

    /// Appends a chunk and returns the complete lines it finished, without their newline; empty lines are skipped.
    mutating func push(_ chunk: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        if pending.isEmpty {
            for index in chunk.indices where chunk[index] == UInt8(ascii: "\n") {
                if index > start { lines.append(chunk[start..<index]) }
                start = index + 1
            }
            if start < chunk.count { pending = Array(chunk[start...]) }
            return lines
        }
        pending.append(contentsOf: chunk)
        let buffer = pending
        for index in buffer.indices where buffer[index] == UInt8(ascii: "\n") {
            if index > start { lines.append(buffer[start..<index]) }
            start = index + 1
        }
        pending = start < buffer.count ? Array(buffer[start...]) : []
        return lines
    }
}
