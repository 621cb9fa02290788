/// Bounds on what the Kubernetes client accepts (README "Resource limits").
public enum KubeLimits {
    /// The longest watch event line (one object; etcd stores objects up to 1.5 MB, JSON of the
    /// largest is a few MB). A longer line fails the watch, which resumes from its resourceVersion.
    public static let maxWatchEventBytes = 16 << 20
}
