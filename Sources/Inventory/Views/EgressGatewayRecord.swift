import LPM

/// One egress gateway pod as the console lists it: where it runs and which addresses it leaves with.
public struct EgressGatewayRecord: Hashable, Sendable {
    /// The gateway pod.
    public var pod: Pod
    /// The availability zone of its node.
    public var zone: String?
    /// The Calico pool its IP comes from.
    public var pool: String?
    /// The ENI carrying its IP (AWS-backed pools).
    public var networkInterfaceID: String?
    /// The Elastic IP associated with its IP, per AWS.
    public var elasticIP: IPAddress?
    /// The Elastic IPs its `cni.projectcalico.org/awsElasticIPs` annotation allows.
    public var annotatedElasticIPs: [IPAddress]
    /// The group it belongs to: the operator EgressGateway or Deployment that owns it.
    public var deployment: String?

    /// The pod's namespace.
    public var namespace: String { pod.namespace }
    /// The pod's name.
    public var name: String { pod.name }
    /// `namespace/name`.
    public var qualifiedName: String { pod.qualifiedName }
    /// The gateway's pod IP.
    public var ip: IPAddress? { pod.podIP }
    /// The node it runs on.
    public var node: String? { pod.nodeName }
    /// True when it can carry traffic (IP, not finished, not terminating, Ready).
    public var ready: Bool { pod.isActive }
}
