/// Which objects may differ between two states, in `BundleObject` terms: for each kind, either
/// the keys of the objects added, modified or removed, or "any" (the kind was replaced wholesale:
/// a relist, an EC2 poll, a configuration reload). A kind not mentioned did not change.
///
/// The Kubernetes store knows, per watch event, which object it touched; the Live layer folds
/// those into one value per published Snapshot, and consumers (the journal recorder) work only
/// on what changed.
public struct ObjectChanges: Hashable, Sendable {
    /// What changed within one kind.
    public enum KindChange: Hashable, Sendable {
        /// Only the objects with these keys (added, modified or removed).
        case keys(Set<String>)
        /// Any object of the kind.
        case any
    }

    /// The kinds that changed, with what changed in each.
    public private(set) var kinds: [BundleObjectKind: KindChange]

    /// Changes to `kinds`; every other kind is unchanged.
    public init(_ kinds: [BundleObjectKind: KindChange] = [:]) {
        self.kinds = kinds
    }

    /// Nothing changed.
    public static let none = ObjectChanges()
    /// Anything may have changed (no earlier state to compare with).
    public static let everything = ObjectChanges(anyOf: BundleObjectKind.allCases)

    /// Any object of `kinds` may have changed.
    public init(anyOf kinds: some Sequence<BundleObjectKind>) {
        self.kinds = Dictionary(kinds.map { ($0, KindChange.any) }, uniquingKeysWith: { first, _ in first })
    }

    /// What changed within `kind`: nil when nothing did.
    public subscript(_ kind: BundleObjectKind) -> KindChange? {
        kinds[kind]
    }

    /// Whether the object of `kind` with `key` may differ.
    public func mayHaveChanged(_ kind: BundleObjectKind, key: String) -> Bool {
        switch kinds[kind] {
        case nil: return false
        case .any: return true
        case .keys(let keys): return keys.contains(key)
        }
    }

    /// True when nothing changed.
    public var isEmpty: Bool { kinds.isEmpty }

    /// Records that `key` of `kind` changed.
    public mutating func insert(_ kind: BundleObjectKind, key: String) {
        switch kinds[kind] {
        case .any: return
        case .keys(var keys):
            kinds[kind] = nil
            keys.insert(key)
            kinds[kind] = .keys(keys)
        case nil: kinds[kind] = .keys([key])
        }
    }

    /// Records that any object of `kind` may have changed.
    public mutating func insertAny(_ kind: BundleObjectKind) {
        kinds[kind] = .any
    }

    /// The changes from the state before `self` to the state after `later`: the union, "any"
    /// winning within a kind.
    public mutating func formUnion(_ later: ObjectChanges) {
        for (kind, change) in later.kinds {
            guard let current = kinds[kind] else {
                kinds[kind] = change
                continue
            }
            switch (current, change) {
            case (.any, _): continue
            case (_, .any): kinds[kind] = .any
            case (.keys(var keys), .keys(let more)):
                kinds[kind] = nil
                keys.formUnion(more)
                kinds[kind] = .keys(keys)
            }
        }
    }

    /// `formUnion(_:)` as a new value.
    public func union(_ later: ObjectChanges) -> ObjectChanges {
        var result = self
        result.formUnion(later)
        return result
    }
}
