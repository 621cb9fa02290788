/// A port field of a compiled access list: for any port 0–65535, the set of rules that admit it.
///
/// The ports are cut into elementary intervals at every operator boundary; all ports of one
/// interval are admitted by the same rules. A 64 K table maps a port to its interval.
struct PortFieldIndex: Sendable {
    /// Port → interval number.
    let intervalOfPort: [UInt16]
    /// Interval number → rule-set id.
    let setOfInterval: [Int32]

    /// Builds the field: `base` holds the rules that admit every port, `candidates` the rules
    /// with a port filter, `admits(rule, port)` their predicate, `operators` every comparison
    /// the candidates use.
    init(base: [UInt64], candidates: [Int], operators: [PortOperator], pool: inout RuleSetPool,
         admits: (Int, UInt16) -> Bool) {
        var boundaries: Set<Int> = [0]
        for op in operators {
            for range in op.ranges {
                boundaries.insert(Int(range.lowerBound))
                if range.upperBound < .max { boundaries.insert(Int(range.upperBound) + 1) }
            }
        }
        let starts = boundaries.sorted()
        var sets: [Int32] = []
        sets.reserveCapacity(starts.count)
        for start in starts {
            var set = base
            let port = UInt16(start)
            for rule in candidates where admits(rule, port) { set.insertBit(rule) }
            sets.append(pool.intern(set))
        }
        var table = [UInt16](repeating: 0, count: 65_536)
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : 65_536
            for port in start..<end { table[port] = UInt16(truncatingIfNeeded: index) }
        }
        intervalOfPort = table
        setOfInterval = sets
    }

    /// The rule set for `port`.
    @inline(__always)
    func set(_ port: UInt16) -> Int32 {
        setOfInterval[Int(intervalOfPort[Int(port)])]
    }

    /// The bytes of the tables.
    var byteCount: Int {
        intervalOfPort.count * MemoryLayout<UInt16>.stride + setOfInterval.count * MemoryLayout<Int32>.stride
    }
}
