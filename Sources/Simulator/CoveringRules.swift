import LPM

/// Rules keyed by the prefixes they match, prepared so that one longest-prefix match finds every
/// rule whose prefix contains an address: each prefix carries its own rules and those of every
/// shorter prefix that contains it, in evaluation order (lowest index first). Security group
/// rules (any one allows) and network ACL entries (the first one decides) both read it.
struct CoveringRules: Sendable {
    private let table: CompiledPrefixTable<[Int]>

    /// Prepares `prefixes`, each naming the index of the rule it belongs to.
    init(_ prefixes: [(prefix: IPPrefix, rule: Int)]) {
        var own: [IPPrefix: [Int]] = [:]
        for item in prefixes { own[item.prefix, default: []].append(item.rule) }
        var table = PrefixTable<[Int]>()
        for (prefix, _) in own {
            var rules: [Int] = []
            for (other, indexes) in own where other.length <= prefix.length && other.contains(prefix) {
                rules += indexes
            }
            table.insert(Array(Set(rules)).sorted(), for: prefix)
        }
        self.table = table.compiled()
    }

    /// The rules whose prefix contains `address`, lowest index first; empty when none does.
    func rules(covering address: IPAddress) -> [Int] {
        table.value(for: address) ?? []
    }
}
