/// The candidate buckets of a narrow partition (HiCuts-style leaves on its narrow address field):
/// for each prefix of that field, the rules whose members contain it — its own and those of every
/// prefix containing it — in evaluation order and in compact form (`BucketRule`), when there are
/// at most `maximumSize` of them.
///
/// An IPv4 packet's longest match on the narrow field names one bucket; its rules are checked in
/// order and the first that admits the packet decides, without the other fields' lookups or any
/// rule-set intersection. A prefix with more candidates, or with a rule that has no compact form,
/// has no bucket and its packets take the rule-set search.
internal struct CandidateBuckets: Sendable {
    /// The most rules a bucket holds: a bucket is a sweep over `maximumSize × 32` bytes.
    internal static let maximumSize = 32

    /// Prefix number (and `prefixCount` for "no prefix") → `start << 32 | end` into `rules`, or
    /// `noBucket`.
    internal let bounds: [UInt64]
    /// The buckets' rules, bucket after bucket.
    internal let rules: [BucketRule]
    /// Further other-field alternatives of the rules (`value << 32 | mask`), and one unused.
    internal let alternatives: [UInt64]

    /// `bounds` of a prefix whose packets take the rule-set search.
    internal static let noBucket = UInt64.max

    /// Builds the buckets from `candidates` (prefix number → rule numbers ascending, nil when
    /// too many) over the partition's `rules`, whose other address field is `other`.
    internal init(candidates: [[Int]?], rules: [CompiledRule], other: [[AddressMember]]) {
        var alternatives: [UInt64] = []
        var compact: [BucketRule?] = []
        compact.reserveCapacity(rules.count)
        for (number, rule) in rules.enumerated() {
            compact.append(BucketRule(rule, number: number, other: other[number], alternatives: &alternatives))
        }
        var bounds: [UInt64] = []
        bounds.reserveCapacity(candidates.count)
        var stored: [BucketRule] = []
        for list in candidates {
            guard let list, list.allSatisfy({ compact[$0] != nil }) else {
                bounds.append(Self.noBucket)
                continue
            }
            let start = UInt64(stored.count)
            for rule in list { if let c = compact[rule] { stored.append(c) } }
            bounds.append(start << 32 | UInt64(stored.count))
        }
        self.bounds = bounds
        self.rules = stored
        // One unused element, so that the array always has a base address.
        self.alternatives = alternatives + [0]
    }

    /// The candidates of each prefix of a field: `own[i]` are the rules naming prefix `i`
    /// (ascending), `parent[i]` the most specific prefix containing it (-1 for none), prefixes
    /// ordered so that a parent comes first. The last list, for "no prefix", is empty.
    internal static func candidates(own: [[Int]], parent: [Int], limit: Int) -> [[Int]?] {
        var result: [[Int]?] = []
        result.reserveCapacity(own.count + 1)
        for index in own.indices {
            let inherited: [Int]
            if parent[index] < 0 {
                inherited = []
            } else if let list = result[parent[index]] {
                inherited = list
            } else {
                result.append(nil)
                continue
            }
            let merged = merge(inherited, own[index])
            result.append(merged.count <= limit ? merged : nil)
        }
        result.append([])
        return result
    }

    /// The union of two ascending lists, ascending, without repeats.
    private static func merge(_ a: [Int], _ b: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            let next: Int
            if j == b.count || (i < a.count && a[i] <= b[j]) {
                next = a[i]
                i += 1
            } else {
                next = b[j]
                j += 1
            }
            if result.last != next { result.append(next) }
        }
        return result
    }

    /// The number of buckets holding at least one rule.
    internal var filledCount: Int {
        bounds.reduce(0) { $1 != Self.noBucket && $1 >> 32 != $1 & 0xFFFF_FFFF ? $0 + 1 : $0 }
    }

    /// The bytes of the buckets.
    internal var byteCount: Int {
        bounds.count * 8 + rules.count * MemoryLayout<BucketRule>.stride + alternatives.count * 8
    }
}
