/// One object of a bundle as `BundleWriter` writes it: its kind, its identity within the kind and
/// its contents — one compact JSON object for a Kubernetes or EC2 item (the item of a `List` or of
/// an `aws ec2 describe-…` array), the text of a firewall configuration file, or `gatewatch.yaml`.
///
/// `BundleWriter.objects(for:)` splits a Snapshot into objects and `BundleWriter.files(assembling:)`
/// puts objects back into bundle files that `BundleLoader` reads to the same state. The history
/// journal stores objects, one version per change.
///
/// Annotations are kept only where Gatewatch reads them (`cni.projectcalico.org/…` and
/// `egress.projectcalico.org/…`): others (such as `kubectl.kubernetes.io/last-applied-configuration`)
/// may hold anything, secrets included.
public struct BundleObject: Hashable, Sendable {
    /// What the object is.
    public var kind: BundleObjectKind
    /// Its identity within the kind: `namespace/name` for namespaced Kubernetes objects, the name for
    /// cluster-scoped ones, the EC2 id for AWS objects, the bundle path for a firewall file.
    public var key: String
    /// The bytes stored for it (compact JSON, or the file's text).
    public var contents: [UInt8]

    /// Creates an object.
    public init(kind: BundleObjectKind, key: String, contents: [UInt8]) {
        self.kind = kind
        self.key = key
        self.contents = contents
    }

    /// The annotation prefixes Gatewatch reads; every other annotation is left out of an object.
    public static let keptAnnotationPrefixes = ["cni.projectcalico.org/", "egress.projectcalico.org/"]
}
