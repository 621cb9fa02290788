import LPM

/// A Kubernetes Pod, reduced to what egress routing depends on.
public struct Pod: Hashable, Sendable, Decodable {
    /// Identity, labels and annotations (egress annotations live here).
    public var metadata: ObjectMeta
    /// The node the pod is scheduled on.
    public var nodeName: String?
    /// The service account, which Calico adds as an implicit label.
    public var serviceAccountName: String?
    /// Names of the containers' ports; a port named `health` makes Felix poll a gateway.
    public var containerPortNames: [String]
    /// `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`.
    public var phase: String?
    /// The pod's primary IP.
    public var podIP: IPAddress?
    /// Every IP of the pod (`status.podIPs`, one per family on dual-stack clusters), primary first.
    public var podIPs: [IPAddress]
    /// The IP of the node it runs on, as the kubelet reports it.
    public var hostIP: IPAddress?
    /// True when the pod condition `Ready` is `True`.
    public var ready: Bool
    /// When the pod started (RFC 3339).
    public var startTime: String?
    /// True when the pod shares its node's network namespace (its IP is the node's).
    public var hostNetwork: Bool
    /// Why the pod is not ready: the `Ready` condition's reason (`ContainersNotReady`), with the
    /// reason a container is waiting or terminated (`CrashLoopBackOff`) when one says more; nil when ready.
    public var readinessReason: String?
    /// `spec.terminationGracePeriodSeconds`, when set (Kubernetes' default is 30).
    public var terminationGracePeriodSeconds: Int?
    /// `metadata.deletionGracePeriodSeconds`, set with `deletionTimestamp` while the pod terminates.
    public var deletionGracePeriodSeconds: Int?

    /// Creates a pod.
    public init(metadata: ObjectMeta, nodeName: String? = nil, serviceAccountName: String? = nil,
                containerPortNames: [String] = [], phase: String? = "Running", podIP: IPAddress? = nil,
                hostIP: IPAddress? = nil, ready: Bool = true, startTime: String? = nil, hostNetwork: Bool = false,
                readinessReason: String? = nil, terminationGracePeriodSeconds: Int? = nil,
                deletionGracePeriodSeconds: Int? = nil, podIPs: [IPAddress] = []) {
        self.metadata = metadata
        self.nodeName = nodeName
        self.serviceAccountName = serviceAccountName
        self.containerPortNames = containerPortNames
        self.phase = phase
        self.podIP = podIP
        self.podIPs = podIPs.isEmpty ? (podIP.map { [$0] } ?? []) : podIPs
        self.hostIP = hostIP
        self.ready = ready
        self.startTime = startTime
        self.hostNetwork = hostNetwork
        self.readinessReason = readinessReason
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
    }

    /// The pod's IPv6 address, when it has one (dual-stack or IPv6-only).
    public var ipv6Address: IPAddress? {
        podIPs.first { $0.family == .v6 }
    }

    /// The pod's namespace (empty if the source omitted it).
    public var namespace: String { metadata.namespace ?? "" }
    /// The pod's name.
    public var name: String { metadata.name }
    /// `namespace/name`.
    public var qualifiedName: String { "\(namespace)/\(name)" }

    /// The label set Calico evaluates selectors against: the pod's labels plus the implicit
    /// `projectcalico.org/namespace`, `projectcalico.org/orchestrator` and
    /// `projectcalico.org/serviceaccount`; the pod's own labels win a clash.
    public var selectorLabels: [String: String] {
        var labels = metadata.labels
        if labels["projectcalico.org/namespace"] == nil { labels["projectcalico.org/namespace"] = namespace }
        if labels["projectcalico.org/orchestrator"] == nil { labels["projectcalico.org/orchestrator"] = "k8s" }
        if let sa = serviceAccountName, labels["projectcalico.org/serviceaccount"] == nil {
            labels["projectcalico.org/serviceaccount"] = sa
        }
        return labels
    }

    /// True when the pod has finished (Succeeded/Failed) or its Calico IP annotation was emptied
    /// during deletion: such pods hold no address that routes.
    public var isFinished: Bool {
        if phase == "Succeeded" || phase == "Failed" { return true }
        if let calicoIP = metadata.annotations["cni.projectcalico.org/podIP"], calicoIP.isEmpty { return true }
        return false
    }

    /// Calico's approximation of an active gateway: has an IP, not finished, not terminating, Ready.
    public var isActive: Bool {
        podIP != nil && !isFinished && metadata.deletionTimestamp == nil && ready
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec, status }
    private enum SpecKeys: String, CodingKey {
        case nodeName, serviceAccountName, containers, hostNetwork, terminationGracePeriodSeconds
    }
    private enum ContainerKeys: String, CodingKey { case ports }
    private enum PortKeys: String, CodingKey { case name }
    private enum StatusKeys: String, CodingKey {
        case phase, podIP, podIPs, hostIP, conditions, startTime, containerStatuses
    }
    private struct PodIPEntry: Decodable { var ip: IPText? }
    private struct Condition: Decodable { var type: String; var status: String; var reason: String? }
    private struct ExtraMeta: Decodable { var deletionGracePeriodSeconds: Int? }
    private struct ContainerStatus: Decodable {
        struct Reasoned: Decodable { var reason: String? }
        struct State: Decodable { var waiting: Reasoned?; var terminated: Reasoned? }
        var ready: Bool?
        var state: State?
    }

    /// Decodes a pod as the API server writes it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        metadata = try c.decode(ObjectMeta.self, forKey: .metadata)
        deletionGracePeriodSeconds = (try? c.decode(ExtraMeta.self, forKey: .metadata))?.deletionGracePeriodSeconds
        terminationGracePeriodSeconds = nil
        readinessReason = nil
        var ports: [String] = []
        hostNetwork = false
        if let spec = try? c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec) {
            nodeName = try spec.decodeIfPresent(String.self, forKey: .nodeName)
            serviceAccountName = try spec.decodeIfPresent(String.self, forKey: .serviceAccountName)
            hostNetwork = try spec.decodeIfPresent(Bool.self, forKey: .hostNetwork) ?? false
            terminationGracePeriodSeconds = try spec.decodeIfPresent(Int.self, forKey: .terminationGracePeriodSeconds)
            if var containers = try? spec.nestedUnkeyedContainer(forKey: .containers) {
                while !containers.isAtEnd {
                    let container = try containers.nestedContainer(keyedBy: ContainerKeys.self)
                    if var portList = try? container.nestedUnkeyedContainer(forKey: .ports) {
                        while !portList.isAtEnd {
                            let port = try portList.nestedContainer(keyedBy: PortKeys.self)
                            if let name = try port.decodeIfPresent(String.self, forKey: .name) { ports.append(name) }
                        }
                    }
                }
            }
        }
        containerPortNames = ports
        ready = false
        podIPs = []
        if let status = try? c.nestedContainer(keyedBy: StatusKeys.self, forKey: .status) {
            phase = try status.decodeIfPresent(String.self, forKey: .phase)
            podIP = try status.decodeIfPresent(IPText.self, forKey: .podIP)?.address
            let listed = (try? status.decodeIfPresent([PodIPEntry].self, forKey: .podIPs))?.compactMap { $0.ip?.address } ?? []
            podIPs = listed.isEmpty ? (podIP.map { [$0] } ?? []) : listed
            hostIP = try status.decodeIfPresent(IPText.self, forKey: .hostIP)?.address
            startTime = try status.decodeIfPresent(String.self, forKey: .startTime)
            let conditions = try status.decodeIfPresent([Condition].self, forKey: .conditions) ?? []
            let readyCondition = conditions.first { $0.type == "Ready" }
            ready = readyCondition?.status == "True"
            if !ready {
                let statuses = (try? status.decodeIfPresent([ContainerStatus].self, forKey: .containerStatuses)) ?? nil
                let container = statuses?.lazy.filter { $0.ready != true }
                    .compactMap { $0.state?.waiting?.reason ?? $0.state?.terminated?.reason }.first
                let reasons = [readyCondition?.reason, container].compactMap { $0 }
                readinessReason = reasons.isEmpty ? nil : reasons.joined(separator: "/")
            }
        }
    }
}
