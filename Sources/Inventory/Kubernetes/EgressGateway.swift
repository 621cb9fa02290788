/// The Tigera operator's EgressGateway resource: a managed gateway deployment.
public struct EgressGateway: Hashable, Sendable, Decodable {
    /// Name and namespace of the resource (and of the Deployment it renders).
    public var metadata: ObjectMeta
    /// Desired replicas.
    public var replicas: Int
    /// Pools for the gateway IPs, by name or CIDR.
    public var ipPools: [String]
    /// Labels put on the gateway pods (default `projectcalico.org/egw: <name>`).
    public var templateLabels: [String: String]
    /// True when `aws.nativeIP` is `Enabled`.
    public var nativeIP: Bool
    /// Candidate Elastic IPs for the pods.
    public var elasticIPs: [String]

    /// Creates an EgressGateway.
    public init(metadata: ObjectMeta, replicas: Int = 1, ipPools: [String] = [], templateLabels: [String: String]? = nil,
                nativeIP: Bool = false, elasticIPs: [String] = []) {
        self.metadata = metadata
        self.replicas = replicas
        self.ipPools = ipPools
        self.templateLabels = templateLabels ?? ["projectcalico.org/egw": metadata.name]
        self.nativeIP = nativeIP
        self.elasticIPs = elasticIPs
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec }
    private enum SpecKeys: String, CodingKey { case replicas, ipPools, template, aws }
    private enum TemplateKeys: String, CodingKey { case metadata }
    private struct TemplateMeta: Decodable { var labels: [String: String]? }
    private struct PoolRef: Decodable { var name: String?; var cidr: String? }
    private struct AWSSpec: Decodable { var nativeIP: String?; var elasticIPs: [String]? }

    /// Decodes `operator.tigera.io/v1` EgressGateway.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
        let spec = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        replicas = try spec.decodeIfPresent(Int.self, forKey: .replicas) ?? 1
        ipPools = (try spec.decodeIfPresent([PoolRef].self, forKey: .ipPools) ?? []).compactMap { $0.name ?? $0.cidr }
        let template = try? spec.nestedContainer(keyedBy: TemplateKeys.self, forKey: .template)
        let labels = try template?.decodeIfPresent(TemplateMeta.self, forKey: .metadata)?.labels
        templateLabels = (labels?.isEmpty == false ? labels : nil) ?? ["projectcalico.org/egw": metadata.name]
        let aws = try spec.decodeIfPresent(AWSSpec.self, forKey: .aws)
        nativeIP = aws?.nativeIP == "Enabled"
        elasticIPs = aws?.elasticIPs ?? []
    }
}
