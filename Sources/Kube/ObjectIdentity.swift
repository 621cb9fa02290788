/// What identifies any Kubernetes object in a list or watch: its `namespace/name` key (just the
/// name for cluster-scoped kinds) and resourceVersion, read from `metadata` whatever the kind.
struct ObjectIdentity: Decodable {
    private var metadata: Metadata?

    private struct Metadata: Decodable {
        var name: String?
        var namespace: String?
        var resourceVersion: String?
    }

    /// `namespace/name`, or `name` without a namespace.
    var key: String {
        let name = metadata?.name ?? ""
        return metadata?.namespace.map { "\($0)/\(name)" } ?? name
    }

    /// The object's resourceVersion.
    var resourceVersion: String? { metadata?.resourceVersion }
}
