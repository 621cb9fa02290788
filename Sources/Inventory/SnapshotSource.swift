/// Where a Snapshot's data came from, for the console header and error messages.
public enum SnapshotSource: Hashable, Sendable, CustomStringConvertible {
    /// The demo bundle built into the binary.
    case demo
    /// A bundle directory.
    case bundle(path: String)
    /// A live cluster and/or AWS account.
    case live(context: String?, region: String?)

    /// `demo`, the bundle path, or `context @ region`.
    public var description: String {
        switch self {
        case .demo: return "demo"
        case .bundle(let path): return path
        case .live(let context, let region):
            return [context, region].compactMap { $0 }.joined(separator: " @ ")
        }
    }
}
