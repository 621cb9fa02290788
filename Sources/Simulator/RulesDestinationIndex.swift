import LPM

/// The destination side of an access list for the Rules index: the entries naming each
/// destination prefix, sorted so that the prefixes overlapping a region are found without
/// looking at the others. A prefix overlaps a region when it contains it (at most one prefix
/// per length: looked up by masking the region's address) or lies inside it (a contiguous run
/// of the sorted prefixes, found by binary search).
struct RulesDestinationIndex {
    /// Every prefix named, sorted (address, then shorter first).
    private let prefixes: [IPPrefix]
    /// The entries naming each prefix (parallel to `prefixes`), ascending.
    private let entries: [[Int]]
    /// Prefix → its position in `prefixes`.
    private let position: [IPPrefix: Int]
    /// The lengths present, ascending, per family (IPv4 first).
    private let v4Lengths: [Int]
    private let v6Lengths: [Int]

    /// Indexes `named`: prefix → the entries naming it.
    init(_ named: [IPPrefix: [Int]]) {
        prefixes = named.keys.sorted()
        entries = prefixes.map { named[$0] ?? [] }
        var position: [IPPrefix: Int] = [:]
        for (index, prefix) in prefixes.enumerated() { position[prefix] = index }
        self.position = position
        v4Lengths = Set(prefixes.filter { $0.family == .v4 }.map(\.length)).sorted()
        v6Lengths = Set(prefixes.filter { $0.family == .v6 }.map(\.length)).sorted()
    }

    /// True when no prefix is named.
    var isEmpty: Bool { prefixes.isEmpty }

    /// Calls `body` with the entries of every prefix that overlaps `region`, except prefixes
    /// strictly inside it for which `isCut` is true (a region's holes).
    func forEachOverlapping(_ region: IPPrefix, isCut: (IPPrefix) -> Bool, _ body: ([Int]) -> Void) {
        // Prefixes containing the region, shorter than it.
        for length in region.family == .v4 ? v4Lengths : v6Lengths {
            guard length < region.length else { break }
            if let index = position[IPPrefix(containing: region.address, length: length)] { body(entries[index]) }
        }
        // The region itself and the prefixes inside it: from the first prefix not before it.
        var low = 0
        var high = prefixes.count
        while low < high {
            let middle = (low + high) / 2
            if prefixes[middle] < region { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < prefixes.count, region.contains(prefixes[index]) {
            let prefix = prefixes[index]
            if prefix == region || !isCut(prefix) { body(entries[index]) }
            index += 1
        }
    }
}
