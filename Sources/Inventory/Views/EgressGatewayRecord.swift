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
    /// The operator EgressGateway whose template labels select it, when one does.
    public var egressGateway: EgressGateway? = nil

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
    /// True while it terminates (`deletionTimestamp` set): Calico takes it out of use and moves its clients.
    public var terminating: Bool { pod.metadata.deletionTimestamp != nil }

    /// The probe targets of its EgressGateway (`icmp 10.0.0.1 every 5s/15s; http … `), nil without probes.
    public var probeSummary: String? {
        let probes = egressGateway?.failureDetection?.probes ?? []
        return probes.isEmpty ? nil : probes.map(\.summary).joined(separator: "; ")
    }

    /// Why it is not ready: terminating, the pod's readiness reason, or no IP; nil when ready.
    public var notReadyReason: String? {
        if ready { return nil }
        if terminating { return "Terminating" }
        if pod.podIP == nil { return "NoIP" }
        return pod.readinessReason ?? "NotReady"
    }
}
