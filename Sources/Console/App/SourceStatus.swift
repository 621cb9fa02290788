/// The health of the sources behind the current Snapshot, for the header: when any source has
/// failed, the data shown is stale and the header says so, naming what failed.
public struct SourceStatus: Hashable, Sendable {
    /// What failed, one line each (`kube: connection refused`); empty when all is well.
    public var failures: [String]

    /// Creates a status.
    public init(failures: [String] = []) {
        self.failures = failures
    }

    /// Every source works.
    public static let ok = SourceStatus()

    /// True when a source has failed: the header shows STALE.
    public var isStale: Bool { !failures.isEmpty }
}
