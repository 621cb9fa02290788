/// A port field of a compiled access list: for any port 0–65535 and chunk, the set of the chunk's
/// rules that admit the port.
///
/// The ports are cut into elementary intervals at every boundary of a rule's admitted ranges;
/// all ports of one interval are admitted by the same rules. One 64 K table, shared by all
/// chunks, maps a port to its interval.
internal struct PortFieldIndex: Sendable {
    /// Port → interval number.
    internal let intervalOfPort: [UInt16]
    /// The number of intervals.
    internal let intervalCount: Int
    /// Chunk × interval → rule-set id, row `chunk`, `intervalCount` wide.
    internal let setOfInterval: [Int32]

    /// Builds the field: `unfiltered` lists the rules that admit every port, `candidates` the
    /// rules with a port filter and the ports each admits (ascending disjoint ranges).
    internal init(unfiltered: [Int], candidates: [(rule: Int, ranges: [ClosedRange<UInt16>])], chunking: RuleChunking,
         pool: inout RuleSetPool) {
        var boundaries: Set<Int> = [0]
        for candidate in candidates {
            for range in candidate.ranges {
                boundaries.insert(Int(range.lowerBound))
                if range.upperBound < .max { boundaries.insert(Int(range.upperBound) + 1) }
            }
        }
        let starts = boundaries.sorted()
        var table = [UInt16](repeating: 0, count: 65_536)
        for (index, start) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1] : 65_536
            for port in start..<end { table[port] = UInt16(truncatingIfNeeded: index) }
        }
        intervalOfPort = table
        intervalCount = starts.count

        var bases = [[UInt64]](repeating: pool.emptySet(), count: chunking.count)
        for rule in unfiltered { bases[chunking.chunk(of: rule)].insertBit(chunking.bit(of: rule)) }
        var candidatesByChunk = [[(rule: Int, ranges: [ClosedRange<UInt16>])]](repeating: [], count: chunking.count)
        for candidate in candidates { candidatesByChunk[chunking.chunk(of: candidate.rule)].append(candidate) }
        var sets: [Int32] = []
        sets.reserveCapacity(chunking.count * starts.count)
        for chunk in 0..<chunking.count {
            let baseID = pool.intern(bases[chunk])
            if candidatesByChunk[chunk].isEmpty {
                sets.append(contentsOf: repeatElement(baseID, count: starts.count))
                continue
            }
            var perInterval = [[UInt64]](repeating: bases[chunk], count: starts.count)
            var touched = [Bool](repeating: false, count: starts.count)
            for candidate in candidatesByChunk[chunk] {
                let bit = chunking.bit(of: candidate.rule)
                for range in candidate.ranges {
                    for interval in Int(table[Int(range.lowerBound)])...Int(table[Int(range.upperBound)]) {
                        perInterval[interval].insertBit(bit)
                        touched[interval] = true
                    }
                }
            }
            for interval in 0..<starts.count {
                sets.append(touched[interval] ? pool.intern(perInterval[interval]) : baseID)
            }
        }
        setOfInterval = sets
    }

    /// The interval of `port`.
    @inline(__always)
    internal func interval(_ port: UInt16) -> Int {
        Int(intervalOfPort[Int(port)])
    }

    /// The rule set of chunk `chunk` for interval `interval`.
    @inline(__always)
    internal func set(chunk: Int, interval: Int) -> Int32 {
        setOfInterval[chunk * intervalCount + interval]
    }

    /// The bytes of the tables.
    internal var byteCount: Int {
        intervalOfPort.count * MemoryLayout<UInt16>.stride + setOfInterval.count * MemoryLayout<Int32>.stride
    }
}
