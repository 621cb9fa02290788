import Foundation
import LPM

/// The LPM suite: `CompiledPrefixTable` against a naive binary trie in the same run, on synthetic
/// tables and on the real full table.
enum LPMBenchmark {
    static let suite = BenchmarkSuite(
        name: "lpm",
        summary: "longest-prefix match: compiled poptrie vs naive binary trie, synthetic and full table",
        run: run)

    /// Lookups per measured pass.
    static let lookupCount = 10_000_000
    /// Addresses per call of the batch API.
    static let batchSize = 1024

    // MARK: Budgets (IPv4; see the task brief and DESIGN.md)

    static let compileBudgetSeconds = 1.5
    static let ipv4MemoryBudgetBytes = 64 << 20
    static let ipv4LookupBudget = 50e6
    static let speedupBudget = 10.0
    /// The C poptrie on the real full table on this machine kind: tracked, not enforced.
    static let ipv4LongRunTarget = 200e6

    static func run(options: BenchmarkOptions, report: inout BudgetReport) throws {
        var rng = SplitMix64(seed: 0x6A7E_3A7C)

        let syntheticV4 = SyntheticTables.ipv4(count: 1_000_000, rng: &rng)
        let v4Addresses = (0..<lookupCount).map { _ in IPv4Address(UInt32(truncatingIfNeeded: rng.next())) }
        benchmarkIPv4("synthetic IPv4, 1,000,000 prefixes", syntheticV4, v4Addresses, &report)

        let syntheticV6 = SyntheticTables.ipv6(count: 200_000, rng: &rng)
        let v6Addresses = SyntheticTables.ipv6Addresses(near: syntheticV6, count: lookupCount, rng: &rng)
        benchmarkIPv6("synthetic IPv6, 200,000 prefixes", syntheticV6, v6Addresses, &report)

        report.section("full table")
        guard let path = try fullTablePath(options, &report) else { return }
        let ((v4, v6, rejected), parseSeconds) = try Stopwatch.time { try FullTable.load(path) }
        report.figure("file", path)
        report.figure("read + parse", "\(Format.milliseconds(parseSeconds)) for \(Format.count(v4.count)) IPv4 + "
            + "\(Format.count(v6.count)) IPv6 prefixes, \(rejected) lines rejected")
        benchmarkIPv4("full table IPv4, \(Format.count(v4.count)) prefixes", v4, v4Addresses, &report,
                      longRunTarget: ipv4LongRunTarget)
        let realV6Addresses = SyntheticTables.ipv6Addresses(near: v6, count: lookupCount, rng: &rng)
        benchmarkIPv6("full table IPv6, \(Format.count(v6.count)) prefixes", v6, realV6Addresses, &report)
    }

    /// Finds the full table: `--data PATH`, else `../shared/data/` beside the repository.
    private static func fullTablePath(_ options: BenchmarkOptions, _ report: inout BudgetReport) throws -> String? {
        let manager = FileManager.default
        if let given = options.dataPath {
            guard manager.fileExists(atPath: given) else {
                report.budget("full table readable", "missing: \(given)", budget: "--data names a file", passed: false)
                return nil
            }
            return given
        }
        let relative = "../shared/data/fullview-prefixes.txt.gz"
        // Relative to the repository root: the working directory when run from it, else found
        // from this source file (through the symlinks of a scratch package, if any).
        let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            manager.currentDirectoryPath + "/" + relative,
            repositoryRoot.appendingPathComponent(relative).standardizedFileURL.path,
        ]
        if let found = candidates.first(where: manager.fileExists(atPath:)) { return found }
        report.note("SKIP full table: not found at \(candidates.joined(separator: " or ")); pass --data PATH")
        return nil
    }

    // MARK: IPv4

    private static func benchmarkIPv4(
        _ title: String, _ prefixes: [IPPrefix], _ addresses: [IPv4Address], _ report: inout BudgetReport,
        longRunTarget: Double? = nil
    ) {
        report.section(title)
        let (table, buildSeconds) = Stopwatch.time { makeTable(prefixes) }
        let (compiled, compileSeconds) = Stopwatch.time { table.compiled() }
        let (naive, naiveBuildSeconds) = Stopwatch.time { makeNaive(compiled) }
        let trieBytes = compiled.trieByteCount(for: .v4)
        let entryBytes = compiled.entryByteCount(for: .v4)

        // Agreement first: the mutable table on a sample, the naive trie on every address
        // (through the checksums below, which sum the same entry indexes).
        var disagreements = 0
        for value in addresses.prefix(20_000) {
            let address = IPAddress.v4(value)
            if compiled.longestMatch(address) != table.longestMatch(address) { disagreements += 1 }
        }

        let (compiledChecksum, compiledSeconds) = bestOf(3) { compiledIPv4Pass(compiled, addresses) }
        let (batchChecksum, batchSeconds) = bestOf(3) { compiledIPv4BatchPass(compiled, addresses) }
        let (naiveChecksum, naiveSeconds) = bestOf(2) { naiveIPv4Pass(naive, addresses) }
        let (_, mutableSeconds) = bestOf(1) { mutablePass(table, addresses.prefix(1_000_000).map { .v4($0) }) }
        let compiledRate = Double(addresses.count) / compiledSeconds
        let batchRate = Double(addresses.count) / batchSeconds
        let naiveRate = Double(addresses.count) / naiveSeconds
        let mutableRate = 1_000_000 / mutableSeconds

        report.figure("mutable PrefixTable build", Format.milliseconds(buildSeconds))
        report.figure("naive binary trie build", "\(Format.milliseconds(naiveBuildSeconds)), "
            + "\(Format.count(naive.nodeCount)) nodes, \(Format.mebibytes(naive.byteCount))")
        report.figure("compiled trie / entry arrays", "\(Format.mebibytes(trieBytes)) + \(Format.mebibytes(entryBytes))")
        report.figure("compiled batch lookups (longestMatchIndexes)", Format.millions(batchRate, " lookups/s"))
        report.figure("naive binary trie lookups", Format.millions(naiveRate, " lookups/s"))
        report.figure("mutable PrefixTable lookups", Format.millions(mutableRate, " lookups/s"))
        report.figure("hit ratio", "\(Format.fixed(hitRatio(compiled, addresses) * 100, 1)) %")
        report.budget("agrees with PrefixTable (20,000 addresses)", "\(disagreements) differ", budget: "0",
                      passed: disagreements == 0)
        let agree = compiledChecksum == naiveChecksum && batchChecksum == naiveChecksum
        report.budget("agrees with naive trie (checksum, 10 M)", agree
                      ? "equal (\(compiledChecksum))" : "\(compiledChecksum), batch \(batchChecksum) vs \(naiveChecksum)",
                      budget: "equal", passed: agree)
        report.budget("compile", Format.milliseconds(compileSeconds),
                      budget: "≤ \(Format.milliseconds(compileBudgetSeconds))",
                      passed: compileSeconds <= compileBudgetSeconds)
        report.budget("compiled IPv4 memory (trie + entries)", Format.mebibytes(trieBytes + entryBytes),
                      budget: "≤ \(Format.mebibytes(ipv4MemoryBudgetBytes))",
                      passed: trieBytes + entryBytes <= ipv4MemoryBudgetBytes)
        report.budget("compiled lookups (10 M random, 1 thread, one call each)", Format.millions(compiledRate, " lookups/s"),
                      budget: "≥ \(Format.millions(ipv4LookupBudget, "/s"))", passed: compiledRate >= ipv4LookupBudget)
        report.budget("compiled / naive", "\(Format.fixed(compiledRate / naiveRate, 1))×",
                      budget: "≥ \(Format.fixed(speedupBudget, 0))×", passed: compiledRate / naiveRate >= speedupBudget)
        if let longRunTarget {
            report.target("compiled lookups vs C poptrie", Format.millions(compiledRate, " lookups/s"),
                          target: Format.millions(longRunTarget, "/s"), reached: compiledRate >= longRunTarget)
        }
    }

    private static func compiledIPv4Pass(_ compiled: CompiledPrefixTable<Int>, _ addresses: [IPv4Address]) -> Int {
        addresses.withUnsafeBufferPointer { addresses in
            var checksum = 0
            for address in addresses {
                checksum &+= compiled.longestMatchIndex(address) ?? -1
            }
            return checksum
        }
    }

    /// The batch API over chunks of a reused buffer, as a log scanner would call it.
    private static func compiledIPv4BatchPass(_ compiled: CompiledPrefixTable<Int>, _ addresses: [IPv4Address]) -> Int {
        var indexes = [Int32](repeating: 0, count: batchSize)
        return addresses.withUnsafeBufferPointer { addresses in
            indexes.withUnsafeMutableBufferPointer { indexes in
                var checksum = 0
                var start = 0
                while start < addresses.count {
                    let end = min(start + batchSize, addresses.count)
                    compiled.longestMatchIndexes(UnsafeBufferPointer(rebasing: addresses[start..<end]), into: indexes)
                    for position in 0..<(end - start) { checksum &+= Int(indexes[position]) }
                    start = end
                }
                return checksum
            }
        }
    }

    private static func naiveIPv4Pass(_ naive: NaiveBinaryTrie, _ addresses: [IPv4Address]) -> Int {
        addresses.withUnsafeBufferPointer { addresses in
            var checksum = 0
            for address in addresses {
                checksum &+= Int(naive.lookup(ipv4: address.value))
            }
            return checksum
        }
    }

    private static func hitRatio(_ compiled: CompiledPrefixTable<Int>, _ addresses: [IPv4Address]) -> Double {
        let sample = addresses.prefix(100_000)
        return Double(sample.filter { compiled.longestMatchIndex($0) != nil }.count) / Double(sample.count)
    }

    // MARK: IPv6

    private static func benchmarkIPv6(
        _ title: String, _ prefixes: [IPPrefix], _ addresses: [IPv6Address], _ report: inout BudgetReport
    ) {
        report.section(title)
        let (table, buildSeconds) = Stopwatch.time { makeTable(prefixes) }
        let (compiled, compileSeconds) = Stopwatch.time { table.compiled() }
        let (naive, naiveBuildSeconds) = Stopwatch.time { makeNaive(compiled) }
        let trieBytes = compiled.trieByteCount(for: .v6)
        let entryBytes = compiled.entryByteCount(for: .v6)

        var disagreements = 0
        for address in addresses.prefix(20_000) {
            if compiled.longestMatch(.v6(address)) != table.longestMatch(.v6(address)) { disagreements += 1 }
        }
        let (compiledChecksum, compiledSeconds) = bestOf(3) { compiledIPv6Pass(compiled, addresses) }
        let (batchChecksum, batchSeconds) = bestOf(3) { compiledIPv6BatchPass(compiled, addresses) }
        let (naiveChecksum, naiveSeconds) = bestOf(2) { naiveIPv6Pass(naive, addresses) }
        let (_, mutableSeconds) = bestOf(1) { mutablePass(table, addresses.prefix(200_000).map { .v6($0) }) }
        let compiledRate = Double(addresses.count) / compiledSeconds
        let batchRate = Double(addresses.count) / batchSeconds
        let naiveRate = Double(addresses.count) / naiveSeconds
        let mutableRate = 200_000 / mutableSeconds

        report.figure("mutable PrefixTable build", Format.milliseconds(buildSeconds))
        report.figure("naive binary trie build", "\(Format.milliseconds(naiveBuildSeconds)), "
            + "\(Format.count(naive.nodeCount)) nodes, \(Format.mebibytes(naive.byteCount))")
        report.figure("compiled trie / entry arrays", "\(Format.mebibytes(trieBytes)) + \(Format.mebibytes(entryBytes))")
        report.figure("compiled lookups (10 M, half inside prefixes)", Format.millions(compiledRate, " lookups/s"))
        report.figure("compiled batch lookups (longestMatchIndexes)", Format.millions(batchRate, " lookups/s"))
        report.figure("naive binary trie lookups", Format.millions(naiveRate, " lookups/s"))
        report.figure("mutable PrefixTable lookups", Format.millions(mutableRate, " lookups/s"))
        report.budget("agrees with PrefixTable (20,000 addresses)", "\(disagreements) differ", budget: "0",
                      passed: disagreements == 0)
        let agree = compiledChecksum == naiveChecksum && batchChecksum == naiveChecksum
        report.budget("agrees with naive trie (checksum, 10 M)", agree
                      ? "equal (\(compiledChecksum))" : "\(compiledChecksum), batch \(batchChecksum) vs \(naiveChecksum)",
                      budget: "equal", passed: agree)
        report.budget("compile", Format.milliseconds(compileSeconds),
                      budget: "≤ \(Format.milliseconds(compileBudgetSeconds))",
                      passed: compileSeconds <= compileBudgetSeconds)
        report.budget("compiled / naive", "\(Format.fixed(compiledRate / naiveRate, 1))×",
                      budget: "≥ \(Format.fixed(speedupBudget, 0))×", passed: compiledRate / naiveRate >= speedupBudget)
    }

    private static func compiledIPv6Pass(_ compiled: CompiledPrefixTable<Int>, _ addresses: [IPv6Address]) -> Int {
        addresses.withUnsafeBufferPointer { addresses in
            var checksum = 0
            for address in addresses {
                checksum &+= compiled.longestMatchIndex(address) ?? -1
            }
            return checksum
        }
    }

    private static func compiledIPv6BatchPass(_ compiled: CompiledPrefixTable<Int>, _ addresses: [IPv6Address]) -> Int {
        var indexes = [Int32](repeating: 0, count: batchSize)
        return addresses.withUnsafeBufferPointer { addresses in
            indexes.withUnsafeMutableBufferPointer { indexes in
                var checksum = 0
                var start = 0
                while start < addresses.count {
                    let end = min(start + batchSize, addresses.count)
                    compiled.longestMatchIndexes(UnsafeBufferPointer(rebasing: addresses[start..<end]), into: indexes)
                    for position in 0..<(end - start) { checksum &+= Int(indexes[position]) }
                    start = end
                }
                return checksum
            }
        }
    }

    private static func naiveIPv6Pass(_ naive: NaiveBinaryTrie, _ addresses: [IPv6Address]) -> Int {
        addresses.withUnsafeBufferPointer { addresses in
            var checksum = 0
            for address in addresses {
                checksum &+= Int(naive.lookup(high: address.high, low: address.low))
            }
            return checksum
        }
    }

    // MARK: Shared

    private static func makeTable(_ prefixes: [IPPrefix]) -> PrefixTable<Int> {
        var table = PrefixTable<Int>()
        for (index, prefix) in prefixes.enumerated() { table.insert(index, for: prefix) }
        return table
    }

    /// The naive trie over the compiled table's entries, valued by entry index so both sides
    /// return the same numbers.
    private static func makeNaive(_ compiled: CompiledPrefixTable<Int>) -> NaiveBinaryTrie {
        var naive = NaiveBinaryTrie()
        for index in 0..<compiled.count {
            let prefix = compiled.prefix(at: index)
            switch prefix.address {
            case .v4(let a):
                naive.insert(high: UInt64(a.value) << 32, low: 0, length: prefix.length, value: Int32(index))
            case .v6(let a):
                naive.insert(high: a.high, low: a.low, length: prefix.length, value: Int32(index))
            }
        }
        return naive
    }

    private static func mutablePass(_ table: PrefixTable<Int>, _ addresses: [IPAddress]) -> Int {
        var checksum = 0
        for address in addresses { checksum &+= table.longestMatch(address)?.value ?? -1 }
        return checksum
    }

    /// Runs `body` `passes` times; returns its (last) result and the fastest time.
    private static func bestOf(_ passes: Int, _ body: () -> Int) -> (Int, Double) {
        var best = Double.infinity
        var result = 0
        for _ in 0..<passes {
            let (value, seconds) = Stopwatch.time(body)
            result = value
            best = min(best, seconds)
        }
        return (result, best)
    }
}
