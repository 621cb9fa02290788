/// One Kubernetes resource Gatewatch lists and watches: its group, version and plural, which
/// together give its cluster-wide list path.
public struct KubeResource: Sendable, Hashable, CustomStringConvertible {
    /// The kind (`Pod`, `IPPool`…).
    public var kind: String
    /// The API group, empty for the core group.
    public var group: String
    /// The version (`v1`, `v3`).
    public var version: String
    /// The plural resource name in the URL (`pods`, `ippools`).
    public var plural: String

    /// Creates a resource.
    public init(kind: String, group: String, version: String, plural: String) {
        self.kind = kind
        self.group = group
        self.version = version
        self.plural = plural
    }

    /// The list (and watch) path across all namespaces.
    public var listPath: String {
        group.isEmpty ? "/api/\(version)/\(plural)" : "/apis/\(group)/\(version)/\(plural)"
    }

    /// `plural.group/version`, or `plural` for the core group.
    public var description: String { group.isEmpty ? plural : "\(plural).\(group)/\(version)" }

    static func core(_ kind: String, _ plural: String) -> KubeResource {
        KubeResource(kind: kind, group: "", version: "v1", plural: plural)
    }

    static func calico(_ kind: String, _ plural: String, in group: CalicoAPIGroup) -> KubeResource {
        KubeResource(kind: kind, group: group.group, version: group.version, plural: plural)
    }
}
