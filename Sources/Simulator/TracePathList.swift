/// Every path a traced packet can take (one per ECMP gateway, or one without a gateway), first
/// one first.
///
/// A described trace keeps its decided paths in one buffer; a `TracePath` is made from the
/// decision when it is read. A list made from paths (`init(_:)`) holds them as given.
public struct TracePathList: RandomAccessCollection, Hashable, Sendable {
    /// Unchecked: a `DescribedTrace` is not changed once its trace is described (ManagedBuffer
    /// itself cannot conform).
    private enum Storage: @unchecked Sendable {
        case paths([TracePath])
        case described(DescribedTrace)
    }

    private let storage: Storage

    /// A list of `paths` as given.
    public init(_ paths: [TracePath] = []) { storage = .paths(paths) }

    init(_ described: DescribedTrace) { storage = .described(described) }

    /// The first position, 0.
    public var startIndex: Int { 0 }

    /// One past the last path.
    public var endIndex: Int {
        switch storage {
        case .paths(let paths): return paths.count
        case .described(let described): return described.pathCount
        }
    }

    /// The path at `position`.
    public subscript(position: Int) -> TracePath {
        switch storage {
        case .paths(let paths): return paths[position]
        case .described(let described): return described.path(at: position)
        }
    }

    /// Equal when they hold equal paths in the same order.
    public static func == (lhs: TracePathList, rhs: TracePathList) -> Bool {
        if case .described(let left) = lhs.storage, case .described(let right) = rhs.storage, left === right { return true }
        return lhs.elementsEqual(rhs)
    }

    /// Hashes every path.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for path in self { hasher.combine(path) }
    }
}
