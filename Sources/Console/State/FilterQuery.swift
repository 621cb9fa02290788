/// A `/` filter: words that must all occur (case-insensitive substrings) in a row, and with
/// `-l k=v[,k2=v2]` (or `-l k`), labels the row's pod must carry. Labels apply to pod views only.
internal struct FilterQuery: Hashable, Sendable {
    /// A label requirement: `key=value`, or `key` present when `value` is nil.
    internal struct LabelRequirement: Hashable, Sendable {
        /// The label key.
        var key: String
        /// The value, or nil to require only the key.
        var value: String?
    }

    /// The text typed.
    private(set) var text: String = ""
    /// Lowercased words, as UTF-8.
    private(set) var words: [[UInt8]] = []
    /// Label requirements.
    private(set) var labels: [LabelRequirement] = []

    /// The empty filter.
    internal init() {}

    /// Parses `text`.
    internal init(_ text: String) {
        self.text = text
        var tokens = text.split(separator: " ").map(String.init)[...]
        while let token = tokens.popFirst() {
            if token == "-l" || token == "--labels" {
                guard let spec = tokens.popFirst() else { break }
                labels += Self.requirements(spec)
            } else if token.hasPrefix("-l=") {
                labels += Self.requirements(String(token.dropFirst(3)))
            } else {
                words.append(Array(token.lowercased().utf8))
            }
        }
    }

    private static func requirements(_ spec: String) -> [LabelRequirement] {
        spec.split(separator: ",").map { part in
            if let equals = part.firstIndex(of: "=") {
                return LabelRequirement(key: String(part[..<equals]), value: String(part[part.index(after: equals)...]))
            }
            return LabelRequirement(key: String(part), value: nil)
        }
    }

    /// True when the filter lets every row through.
    internal var isEmpty: Bool { words.isEmpty && labels.isEmpty }

    /// True when `row` passes; `group` is its group, whose heading text also counts for the words.
    /// Label requirements are ignored when `hasLabels` is false.
    internal func matches(_ row: TableRow, group: TableGroup?, hasLabels: Bool) -> Bool {
        for word in words where !Self.contains(row.search, word) && !(group.map { Self.contains($0.search, word) } ?? false) {
            return false
        }
        if hasLabels {
            for requirement in labels {
                guard let value = row.labels[requirement.key] else { return false }
                if let wanted = requirement.value, wanted != value { return false }
            }
        }
        return true
    }

    /// Byte substring search (the haystack is already lowercased).
    internal static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard haystack.count >= n else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                let first = pin[0]
                var index = 0
                let last = hay.count - n
                while index <= last {
                    if hay[index] == first {
                        var offset = 1
                        while offset < n && hay[index + offset] == pin[offset] { offset += 1 }
                        if offset == n { return true }
                    }
                    index += 1
                }
                return false
            }
        }
    }
}
