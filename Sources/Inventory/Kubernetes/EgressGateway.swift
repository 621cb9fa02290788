/// The Tigera operator's EgressGateway resource (`operator.tigera.io/v1`): a managed gateway
/// deployment, read in full as calico-egress.md §4.2 lists it.
public struct EgressGateway: Hashable, Sendable, Decodable {
    /// Name and namespace of the resource (and of the Deployment it renders).
    public var metadata: ObjectMeta
    /// Desired replicas (default 1).
    public var replicas: Int
    /// Pools for the gateway IPs, by name or CIDR.
    public var ipPools: [String]
    /// Labels put on the gateway pods (default `projectcalico.org/egw: <name>`).
    public var templateLabels: [String: String]
    /// True when `aws.nativeIP` is `Enabled`.
    public var nativeIP: Bool
    /// Candidate Elastic IPs for the pods.
    public var elasticIPs: [String]
    /// `spec.egressGatewayFailureDetection`, when the block is present.
    public var failureDetection: EgressGatewayFailureDetection?
    /// `spec.template.spec.terminationGracePeriodSeconds`, when set (Kubernetes' default is 30).
    public var terminationGracePeriodSeconds: Int?
    /// `status.state` (`Ready`, `Progressing`, `Degraded`), when the operator wrote one.
    public var state: String?
    /// `status.conditions`, as the operator wrote them.
    public var conditions: [OperatorCondition]

    /// Creates an EgressGateway.
    public init(metadata: ObjectMeta, replicas: Int = 1, ipPools: [String] = [], templateLabels: [String: String]? = nil,
                nativeIP: Bool = false, elasticIPs: [String] = [], failureDetection: EgressGatewayFailureDetection? = nil,
                terminationGracePeriodSeconds: Int? = nil, state: String? = nil, conditions: [OperatorCondition] = []) {
        self.metadata = metadata
        self.replicas = replicas
        self.ipPools = ipPools
        self.templateLabels = templateLabels ?? ["projectcalico.org/egw": metadata.name]
        self.nativeIP = nativeIP
        self.elasticIPs = elasticIPs
        self.failureDetection = failureDetection
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.state = state
        self.conditions = conditions
    }

    /// The operator's conditions that need a look: every condition that is `True` other than
    /// `Ready`, and `Ready` when it is not `True`, as `Degraded: Reason`.
    public var conditionSummary: String? {
        let shown = conditions.filter { $0.type == "Ready" ? !$0.isTrue : $0.isTrue }
        if shown.isEmpty { return conditions.contains { $0.type == "Ready" && $0.isTrue } ? "Ready" : state }
        return shown.map(\.summary).joined(separator: ", ")
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec, status }
    private enum SpecKeys: String, CodingKey { case replicas, ipPools, template, aws, egressGatewayFailureDetection }
    private enum TemplateKeys: String, CodingKey { case metadata, spec }
    private enum StatusKeys: String, CodingKey { case state, conditions }
    private struct TemplateMeta: Decodable { var labels: [String: String]? }
    private struct TemplateSpec: Decodable { var terminationGracePeriodSeconds: Int? }
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
        terminationGracePeriodSeconds = try template?.decodeIfPresent(TemplateSpec.self, forKey: .spec)?.terminationGracePeriodSeconds
        let aws = try spec.decodeIfPresent(AWSSpec.self, forKey: .aws)
        nativeIP = aws?.nativeIP == "Enabled"
        elasticIPs = aws?.elasticIPs ?? []
        failureDetection = try spec.decodeIfPresent(EgressGatewayFailureDetection.self, forKey: .egressGatewayFailureDetection)
        if let status = try? c.nestedContainer(keyedBy: StatusKeys.self, forKey: .status) {
            state = try status.decodeIfPresent(String.self, forKey: .state)
            conditions = try status.decodeIfPresent([OperatorCondition].self, forKey: .conditions) ?? []
        } else {
            state = nil
            conditions = []
        }
    }
}
