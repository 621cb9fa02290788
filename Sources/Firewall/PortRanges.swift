/// Set operations on port ranges, kept as ascending, disjoint, non-adjacent closed ranges.
internal enum PortRanges {
    /// The union of `ranges` in normal form.
    internal static func union(_ ranges: [ClosedRange<UInt16>]) -> [ClosedRange<UInt16>] {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var result: [ClosedRange<UInt16>] = []
        for range in sorted {
            if let last = result.last, Int(range.lowerBound) <= Int(last.upperBound) + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The intersection of two lists in normal form.
    internal static func intersection(_ a: [ClosedRange<UInt16>], _ b: [ClosedRange<UInt16>]) -> [ClosedRange<UInt16>] {
        var result: [ClosedRange<UInt16>] = []
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            let low = max(a[i].lowerBound, b[j].lowerBound)
            let high = min(a[i].upperBound, b[j].upperBound)
            if low <= high { result.append(low...high) }
            if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
        }
        return result
    }
}
