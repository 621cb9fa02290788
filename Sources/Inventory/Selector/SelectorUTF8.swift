/// Byte-wise operations on UTF-8 text, the way Calico (Go) compares strings.
///
/// Swift's `String` comparisons follow Unicode canonical equivalence (`"é" == "e\u{301}"`), but Calico compares
/// labels and values byte for byte. The selector engine therefore compares UTF-8 bytes itself. For native strings
/// none of these functions allocate.
internal enum SelectorUTF8 {
    /// Calls `body` with the UTF-8 bytes of `text`, copying them only when the string has no contiguous UTF-8
    /// storage (a bridged string).
    @inline(__always)
    internal static func withBytes<Result>(
        _ text: String,
        _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        return ContiguousArray(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Whether `lhs` and `rhs` have the same bytes.
    internal static func equal(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        return withBytes(lhs) { left in
            withBytes(rhs) { right in left.elementsEqual(right) }
        }
    }

    /// Whether `lhs` orders before `rhs` byte-wise (Go's `<` on strings, which is also Unicode scalar order).
    internal static func less(_ lhs: String, _ rhs: String) -> Bool {
        compare(lhs, rhs) < 0
    }

    /// Three-way byte-wise comparison: negative when `lhs` orders first, zero when the bytes are equal, positive
    /// when `rhs` orders first.
    internal static func compare(_ lhs: String, _ rhs: String) -> Int {
        withBytes(lhs) { left in
            withBytes(rhs) { right in
                let common = min(left.count, right.count)
                var index = 0
                while index < common {
                    let a = left[index]
                    let b = right[index]
                    if a != b {
                        return a < b ? -1 : 1
                    }
                    index += 1
                }
                return left.count - right.count
            }
        }
    }

    /// Whether the bytes of `text` start with the bytes of `prefix`.
    internal static func hasPrefix(_ text: String, _ prefix: String) -> Bool {
        let count = prefix.utf8.count
        guard text.utf8.count >= count else { return false }
        return withBytes(text) { haystack in
            withBytes(prefix) { needle in
                UnsafeBufferPointer(rebasing: haystack[..<count]).elementsEqual(needle)
            }
        }
    }

    /// Whether the bytes of `text` end with the bytes of `suffix`.
    internal static func hasSuffix(_ text: String, _ suffix: String) -> Bool {
        let count = suffix.utf8.count
        guard text.utf8.count >= count else { return false }
        return withBytes(text) { haystack in
            withBytes(suffix) { needle in
                UnsafeBufferPointer(rebasing: haystack[(haystack.count - count)...]).elementsEqual(needle)
            }
        }
    }

    /// Whether the bytes of `part` occur anywhere in the bytes of `text` (an empty `part` always does).
    internal static func contains(_ text: String, _ part: String) -> Bool {
        let needleCount = part.utf8.count
        guard needleCount > 0 else { return true }
        guard text.utf8.count >= needleCount else { return false }
        return withBytes(text) { haystack in
            withBytes(part) { needle in
                let first = needle[0]
                var start = 0
                let lastStart = haystack.count - needleCount
                while start <= lastStart {
                    if haystack[start] == first,
                       UnsafeBufferPointer(rebasing: haystack[start..<(start + needleCount)]).elementsEqual(needle) {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
