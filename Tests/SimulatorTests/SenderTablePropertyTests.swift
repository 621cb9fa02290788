import Inventory
@testable import Simulator
import Testing
import TestSupport

/// A `SenderTable` (a base indexed by `SenderIndex`, changes and removals on top) finds exactly the
/// sender a plain dictionary of the same operations holds: random tables of ASCII and non-ASCII
/// names (canonically equivalent spellings among them), random sets, replacements and removals
/// past the fold limit, every key asked for after each step and at the end.
@Suite("Sender table: the indexed table answers as a dictionary")
struct SenderTablePropertyTests {
    /// Names that collide in interesting ways: a prefix of another, the empty name, and spellings
    /// `String` equality treats as equal while their bytes differ (the Kelvin sign and K,
    /// precomposed and combining é).
    private static let namespaces = ["app-1", "app-10", "app-", "", "kube-system", "caf\u{E9}", "cafe\u{301}", "K", "\u{212A}"]

    private static func name(_ rng: inout SplitMix64, ascii: Bool) -> String {
        let stems = ascii ? ["pod-", "web-", "db-", ""] : ["pod-", "\u{212A}-", "K-", "caf\u{E9}-", "cafe\u{301}-"]
        return stems[rng.below(stems.count)] + String(rng.below(40))
    }

    private static func key(_ rng: inout SplitMix64, ascii: Bool) -> PodKey {
        let namespaces = ascii ? Array(namespaces.prefix(5)) : namespaces
        return PodKey(namespace: namespaces[rng.below(namespaces.count)], name: name(&rng, ascii: ascii))
    }

    private static func sender(_ key: PodKey, version: Int) -> SenderInfo {
        let pod = Pod(metadata: ObjectMeta(name: key.name, namespace: key.namespace, labels: ["v": String(version)]))
        return SenderInfo(pod: pod, label: "\(key.namespace)/\(key.name)#\(version)", config: .none,
                          phase: TracePhase(.pod, .ok, .noEgressConfig), policies: [:])
    }

    private static func expectSame(_ table: SenderTable, _ reference: [PodKey: SenderInfo], keys: [PodKey]) {
        for key in keys {
            #expect(table[key] === reference[key], "\(key.namespace)/\(key.name)")
            #expect(table.sender(namespace: key.namespace, name: key.name) === reference[key])
        }
        #expect(table.all.count == reference.count)
        for entry in table.all { #expect(reference[entry.key] === entry.value) }
    }

    /// Every world with full hashes, then with hashes cut to a few bits (most names collide, so
    /// probing past other senders' slots and confirming by name decide every answer).
    @Test(arguments: [64, 0, 2, 6])
    func indexedTableAnswersAsTheDictionary(hashBits: Int) {
        for seed in 0..<40 as Range<UInt64> {
            var rng = SplitMix64(seed: seed)
            // Half the worlds are ASCII only (the index answers), half mix in other spellings.
            let ascii = seed % 2 == 0
            var reference: [PodKey: SenderInfo] = [:]
            for _ in 0..<rng.below(300) {
                let key = Self.key(&rng, ascii: ascii)
                reference[key] = Self.sender(key, version: 0)
            }
            var table = SenderTable(reference, hashBits: hashBits)
            var keys = Array(reference.keys)
            for _ in 0..<40 { keys.append(Self.key(&rng, ascii: ascii)) }
            Self.expectSame(table, reference, keys: keys)
            // Enough changes and removals to fold more than once in some worlds.
            let steps = seed % 5 == 0 ? SenderTable.foldLimit * 2 + 10 : 200
            for step in 1...steps {
                let key = rng.below(3) == 0 && !keys.isEmpty ? keys[rng.below(keys.count)] : Self.key(&rng, ascii: ascii)
                if rng.below(3) == 0 {
                    table[key] = nil
                    reference[key] = nil
                } else {
                    let sender = Self.sender(key, version: step)
                    table[key] = sender
                    reference[key] = sender
                }
                keys.append(key)
                if step % 97 == 0 { Self.expectSame(table, reference, keys: keys.suffix(200)) }
            }
            Self.expectSame(table, reference, keys: keys)
        }
    }

    @Test func indexAnswersOnlyWhereBytesAndStringEqualityAgree() {
        let ascii = [PodKey(namespace: "app-1", name: "pod-1"): Self.sender(PodKey(namespace: "app-1", name: "pod-1"), version: 0)]
        let index = SenderIndex(ascii)
        #expect(index.usable)
        if case .found(let sender) = index.lookup(namespace: "app-1", name: "pod-1") {
            #expect(sender.pod.name == "pod-1")
        } else {
            Issue.record("pod-1 not found")
        }
        if case .absent = index.lookup(namespace: "app-1", name: "pod-2") {} else { Issue.record("pod-2 found") }
        // The Kelvin sign equals K as a String: the index cannot answer by bytes.
        if case .unknown = index.lookup(namespace: "app-1", name: "pod-\u{212A}") {} else { Issue.record("answered") }
        let kelvin = PodKey(namespace: "app-1", name: "\u{212A}")
        #expect(!SenderIndex([kelvin: Self.sender(kelvin, version: 0)]).usable)
        #expect(SenderTable([kelvin: Self.sender(kelvin, version: 0)])[PodKey(namespace: "app-1", name: "K")] != nil)
    }

    /// With every hash equal, the index still finds each sender by name, and says a name it does
    /// not hold is absent (the probe ends at the first empty slot, which a load ≤ 3/4 guarantees).
    @Test func everyHashEqualStillAnswersByName() {
        var table: [PodKey: SenderInfo] = [:]
        for n in 0..<100 {
            let key = PodKey(namespace: "app-\(n % 7)", name: "pod-\(n)")
            table[key] = Self.sender(key, version: n)
        }
        let index = SenderIndex(table, hashBits: 0)
        #expect(index.usable)
        for (key, sender) in table {
            guard case .found(let found) = index.lookup(namespace: key.namespace, name: key.name) else {
                Issue.record("\(key.namespace)/\(key.name) not found")
                continue
            }
            #expect(found === sender)
        }
        if case .absent = index.lookup(namespace: "app-0", name: "pod-1") {} else { Issue.record("app-0/pod-1 found") }
        if case .absent = index.lookup(namespace: "app-1", name: "pod-100") {} else { Issue.record("pod-100 found") }
    }

    /// The hash reads names eight bytes at a time: equal names hash equal however their strings
    /// are stored, the namespace/name split and every length count, and a non-ASCII byte
    /// anywhere (in a whole word or in the last bytes) makes the index unable to answer.
    @Test func hashReadsWholeWordsAndTheirTails() {
        for length in 0..<40 {
            let name = String(repeating: "p", count: length)
            // A literal-built string against one assembled from characters (native, maybe
            // stored differently when short or long).
            let assembled = String(name.map { $0 })
            #expect(SenderIndex.hash(namespace: "app", name: name) == SenderIndex.hash(namespace: "app", name: assembled))
            #expect(SenderIndex.hash(namespace: "app", name: name) != SenderIndex.hash(namespace: "app", name: name + "p"))
            let split = "app" + name
            for cut in 0...split.count {
                let namespace = String(split.prefix(cut)), rest = String(split.dropFirst(cut))
                if namespace != "app" {
                    #expect(SenderIndex.hash(namespace: namespace, name: rest) != SenderIndex.hash(namespace: "app", name: name),
                            "\(namespace)/\(rest)")
                }
            }
            for position in 0..<length {
                var bytes = Array(name.utf8)
                bytes[position] = 0xC3
                let accented = String(decoding: bytes + [0xA9], as: UTF8.self)
                #expect(SenderIndex.hash(namespace: "app", name: accented) == nil)
            }
        }
    }

    /// The low bits of realistic pod names' hashes spread as random ones would (a table of 10,000
    /// senders fills about 46 % of 16,384 slots before probing): the index probes little.
    @Test func hashSpreadsRealisticNames() {
        var rng = SplitMix64(seed: 11)
        var slots = Set<UInt64>()
        var hashes = Set<UInt64>()
        for n in 0..<10_000 {
            let name = "client-\(n)-\(String(rng.next() % 1_000_000, radix: 36))"
            guard let hash = SenderIndex.hash(namespace: "app-\(n % 200)", name: name) else {
                Issue.record("\(name) is ASCII")
                continue
            }
            hashes.insert(hash)
            slots.insert(hash & 16_383)
        }
        #expect(hashes.count == 10_000)
        #expect(slots.count >= 7_000)
    }
}
