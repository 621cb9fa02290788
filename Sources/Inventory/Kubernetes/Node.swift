import LPM

/// A Kubernetes Node: where pods run, its addresses, zone and EC2 instance.
public struct Node: Hashable, Sendable, Decodable {
    /// Name and labels (`topology.kubernetes.io/zone`).
    public var metadata: ObjectMeta
    /// `aws:///us-east-1a/i-0123…` on EKS and other AWS clusters.
    public var providerID: String?
    /// The node's `InternalIP` addresses.
    public var internalIPs: [IPAddress]
    /// The node's `ExternalIP` addresses.
    public var externalIPs: [IPAddress]
    /// True when the node condition `Ready` is `True`.
    public var ready: Bool
    /// The node's `projectcalico.org/aws-secondary-ipv4` extended resource (allocatable, else
    /// capacity): how many AWS-backed pod addresses Calico says it can hold; nil when not published.
    public var awsSecondaryIPv4Capacity: Int?

    /// The extended resource Calico publishes for AWS-backed pod addresses.
    public static let awsSecondaryIPv4Resource = "projectcalico.org/aws-secondary-ipv4"

    /// Creates a node.
    public init(metadata: ObjectMeta, providerID: String? = nil, internalIPs: [IPAddress] = [],
                externalIPs: [IPAddress] = [], ready: Bool = true, awsSecondaryIPv4Capacity: Int? = nil) {
        self.metadata = metadata
        self.providerID = providerID
        self.internalIPs = internalIPs
        self.externalIPs = externalIPs
        self.ready = ready
        self.awsSecondaryIPv4Capacity = awsSecondaryIPv4Capacity
    }

    /// The EC2 instance type from the well-known label (or its deprecated form).
    public var instanceType: String? {
        metadata.labels["node.kubernetes.io/instance-type"] ?? metadata.labels["beta.kubernetes.io/instance-type"]
    }

    /// The node's name.
    public var name: String { metadata.name }

    /// The availability zone from the well-known topology label (or its deprecated form).
    public var zone: String? {
        metadata.labels["topology.kubernetes.io/zone"] ?? metadata.labels["failure-domain.beta.kubernetes.io/zone"]
    }

    /// The EC2 instance id from the provider ID (`aws:///zone/i-…`), if it has one.
    public var instanceID: String? {
        guard let providerID, providerID.hasPrefix("aws://") else { return nil }
        guard let last = providerID.split(separator: "/").last, last.hasPrefix("i-") else { return nil }
        return String(last)
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec, status }
    private enum SpecKeys: String, CodingKey { case providerID }
    private enum StatusKeys: String, CodingKey { case addresses, conditions, capacity, allocatable }
    private struct Address: Decodable { var type: String; var address: String }
    private struct Condition: Decodable { var type: String; var status: String }

    /// Decodes a node as the API server writes it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
        providerID = try (try? c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec))?
            .decodeIfPresent(String.self, forKey: .providerID)
        internalIPs = []
        externalIPs = []
        ready = false
        if let status = try? c.nestedContainer(keyedBy: StatusKeys.self, forKey: .status) {
            for address in try status.decodeIfPresent([Address].self, forKey: .addresses) ?? [] {
                guard let ip = IPAddress(parsing: address.address) else { continue }
                if address.type == "InternalIP" { internalIPs.append(ip) }
                if address.type == "ExternalIP" { externalIPs.append(ip) }
            }
            let conditions = try status.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
            ready = conditions.contains { $0.type == "Ready" && $0.status == "True" }
            let allocatable = (try? status.decodeIfPresent([String: String].self, forKey: .allocatable)) ?? nil
            let capacity = (try? status.decodeIfPresent([String: String].self, forKey: .capacity)) ?? nil
            awsSecondaryIPv4Capacity = (allocatable?[Self.awsSecondaryIPv4Resource] ?? capacity?[Self.awsSecondaryIPv4Resource])
                .flatMap { Int($0) }
        }
    }
}
