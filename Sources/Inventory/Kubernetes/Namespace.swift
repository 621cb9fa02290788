/// A Kubernetes Namespace: its labels feed namespace selectors, its annotations may opt its pods
/// into egress gateways.
public struct Namespace: Hashable, Sendable, Decodable {
    /// Name, labels and annotations.
    public var metadata: ObjectMeta

    /// Creates a namespace.
    public init(metadata: ObjectMeta) {
        self.metadata = metadata
    }

    /// The namespace's name.
    public var name: String { metadata.name }

    /// The label set Calico evaluates namespace selectors against: the namespace's labels plus
    /// the implicit `projectcalico.org/name`.
    public var selectorLabels: [String: String] {
        var labels = metadata.labels
        labels["projectcalico.org/name"] = metadata.name
        return labels
    }
}
