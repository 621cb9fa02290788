/// How the pods of one cluster state became those of the next, by position: the pods changed in
/// place, added, removed and moved. Worked out from the names a watch delivery touched, for pods
/// kept in stable positions (the live store's `stablePositions` order: an added pod is appended
/// and a deleted pod's position is taken by the last one), by looking only at the positions those
/// names held and at the positions past the shorter array.
public struct PodPositionChanges: Hashable, Sendable {
    /// A pod that was not changed but now is at another position.
    public struct Move: Hashable, Sendable {
        /// Its position before.
        public let from: Int
        /// Its position now.
        public let to: Int
    }

    /// The positions (the same before and now) of the pods changed in place, ascending.
    public internal(set) var changed: [Int] = []
    /// The positions now of the pods added, ascending.
    public internal(set) var added: [Int] = []
    /// The positions before of the pods removed, ascending.
    public internal(set) var removed: [Int] = []
    /// The pods that moved, by their position before, ascending.
    public internal(set) var moved: [Move] = []

    /// The most pods one derivation takes as touched, and the most the pod count may change by;
    /// beyond, the Snapshot is built whole.
    static let maximumTouched = 16

    /// The changes from `before` to `after`, given `touched` (the names of every pod added,
    /// removed or changed; any other pod is equal and at its position, or moved from the tail
    /// into a removed pod's position) and `positionBefore` (a name's position in `before`).
    /// The positions looked at: those the touched names held, those past the shorter array, and
    /// the last `touched.count` of each (the pods that may have moved).
    /// Nil when the two do not fit that description (pods were sorted again, a name repeats, or
    /// more than `maximumTouched` pods are touched).
    init?(before: [Pod], after: [Pod], touched: Set<String>, positionBefore: (String) -> Int?) {
        guard touched.count <= Self.maximumTouched, abs(after.count - before.count) <= Self.maximumTouched else { return nil }
        var positions = Set(Swift.min(before.count, after.count)..<Swift.max(before.count, after.count))
        positions.formUnion(Swift.max(0, before.count - touched.count)..<before.count)
        positions.formUnion(Swift.max(0, after.count - touched.count)..<after.count)
        for name in touched {
            if let position = positionBefore(name) { positions.insert(position) }
        }
        var wasAt: [String: Int] = [:]
        var isAt: [String: Int] = [:]
        for position in positions {
            if position < before.count, wasAt.updateValue(position, forKey: before[position].qualifiedName) != nil { return nil }
            if position < after.count, isAt.updateValue(position, forKey: after[position].qualifiedName) != nil { return nil }
        }
        for (name, from) in wasAt {
            switch (isAt[name], touched.contains(name)) {
            case (from?, true): changed.append(from)
            case (let to?, true):
                removed.append(from)
                added.append(to)
            case (nil, true): removed.append(from)
            case (let to?, false):
                // Not touched: the same pod, which may only have moved.
                guard before[from] == after[to] else { return nil }
                if to != from { moved.append(Move(from: from, to: to)) }
            case (nil, false):
                // An untouched pod gone from every position it could be at: the order changed.
                return nil
            }
        }
        for name in touched where positionBefore(name) == nil && isAt[name] == nil {
            // Touched, neither here before nor at a position an added pod takes: not stable positions.
            return nil
        }
        for (name, to) in isAt where wasAt[name] == nil {
            // A pod at a position it could not have moved into unless added.
            guard touched.contains(name) else { return nil }
            added.append(to)
        }
        guard after.count - before.count == added.count - removed.count else { return nil }
        changed.sort()
        added.sort()
        removed.sort()
        moved.sort { $0.from < $1.from }
    }
}
