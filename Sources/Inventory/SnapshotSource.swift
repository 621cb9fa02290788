/// Where a Snapshot's data came from, for the console header and error messages.
public enum SnapshotSource: Hashable, Sendable, CustomStringConvertible {
    /// The demo bundle built into the binary.
    case demo
    /// A bundle directory.
    case bundle(path: String)
    /// A live cluster (kubeconfig context, Calico API group) and/or AWS account and region.
    case live(context: String?, account: String? = nil, region: String?)

    /// `demo`, the bundle path, or `context @ region`.
    public var description: String {
        switch self {
        case .demo: return "demo"
        case .bundle(let path): return path
        case .live(let context, let account, let region):
            let aws = [account.map { "aws \($0)" }, region].compactMap { $0 }.joined(separator: " ")
            return [context, aws.isEmpty ? nil : aws].compactMap { $0 }.joined(separator: " @ ")
        }
    }
}
