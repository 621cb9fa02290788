/// The Kubernetes object metadata Gatewatch keeps: identity, labels and annotations in full,
/// and the timestamps the console shows.
public struct ObjectMeta: Hashable, Sendable, Decodable {
    /// The object's name.
    public var name: String
    /// The namespace, or nil for cluster-scoped objects.
    public var namespace: String?
    /// Every label of the object.
    public var labels: [String: String]
    /// Every annotation of the object.
    public var annotations: [String: String]
    /// The resource version the server reported.
    public var resourceVersion: String?
    /// When the object was created (RFC 3339 text as the API server writes it).
    public var creationTimestamp: String?
    /// Set when the object is being deleted.
    public var deletionTimestamp: String?
    /// The objects that own this one, as `(kind, name)`.
    public var ownerReferences: [OwnerReference]

    /// A reference to an owning object.
    public struct OwnerReference: Hashable, Sendable, Decodable {
        /// The owner's kind (`ReplicaSet`, `DaemonSet`…).
        public var kind: String
        /// The owner's name.
        public var name: String

        /// A reference to `kind` `name`.
        public init(kind: String, name: String) {
            self.kind = kind
            self.name = name
        }
    }

    /// Creates metadata; only the name is required.
    public init(name: String, namespace: String? = nil, labels: [String: String] = [:],
                annotations: [String: String] = [:], resourceVersion: String? = nil,
                creationTimestamp: String? = nil, deletionTimestamp: String? = nil,
                ownerReferences: [OwnerReference] = []) {
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.resourceVersion = resourceVersion
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.ownerReferences = ownerReferences
    }

    private enum CodingKeys: String, CodingKey {
        case name, namespace, labels, annotations, resourceVersion, creationTimestamp, deletionTimestamp, ownerReferences
    }

    /// Decodes from `metadata` as the API server writes it; absent maps decode as empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
        resourceVersion = try c.decodeIfPresent(String.self, forKey: .resourceVersion)
        creationTimestamp = try c.decodeIfPresent(String.self, forKey: .creationTimestamp)
        deletionTimestamp = try c.decodeIfPresent(String.self, forKey: .deletionTimestamp)
        ownerReferences = try c.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences) ?? []
    }

    /// `namespace/name` for namespaced objects, else the name.
    public var qualifiedName: String {
        namespace.map { "\($0)/\(name)" } ?? name
    }
}
