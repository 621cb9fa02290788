/// The right-hand side of `in {…}` and `not in {…}`: a set of label values.
///
/// The values are de-duplicated and sorted byte-wise once, when the selector is parsed, which is both the order the
/// canonical form prints them in and what lets `contains` use a binary search.
internal struct SelectorValueSet: Sendable {
    /// The distinct values, sorted byte-wise.
    internal let values: [String]

    /// Sorts and de-duplicates `values` byte-wise.
    internal init(_ values: [String]) {
        let sorted = values.sorted(by: SelectorUTF8.less)
        var distinct: [String] = []
        distinct.reserveCapacity(sorted.count)
        for value in sorted {
            if let last = distinct.last, SelectorUTF8.equal(last, value) {
                continue
            }
            distinct.append(value)
        }
        self.values = distinct
    }

    /// Sets up to this size are searched linearly: comparing lengths first makes that cheaper than bisecting.
    private static let linearSearchLimit = 8

    /// Whether `value` is byte-for-byte one of the values.
    internal func contains(_ value: String) -> Bool {
        if values.count <= Self.linearSearchLimit {
            for candidate in values where SelectorUTF8.equal(candidate, value) {
                return true
            }
            return false
        }
        var low = 0
        var high = values.count
        while low < high {
            let middle = low + (high - low) / 2
            let order = SelectorUTF8.compare(values[middle], value)
            if order < 0 {
                low = middle + 1
            } else if order > 0 {
                high = middle
            } else {
                return true
            }
        }
        return false
    }
}
