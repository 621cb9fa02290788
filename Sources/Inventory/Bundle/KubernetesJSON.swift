import LPM

/// The Kubernetes objects of a bundle, written back in the API server's shape from the models
/// (what `BundleLoader` reads them from). Calico kinds are written as `projectcalico.org/v3`.
enum KubernetesJSON {
    private static let calico = "projectcalico.org/v3"

    static func metadata(_ meta: ObjectMeta) -> JSONValue {
        .fields([
            ("name", .string(meta.name)),
            ("namespace", .text(meta.namespace)),
            ("labels", meta.labels.isEmpty ? nil : stringMap(meta.labels)),
            ("annotations", kept(meta.annotations)),
            ("resourceVersion", .text(meta.resourceVersion)),
            ("creationTimestamp", .text(meta.creationTimestamp)),
            ("deletionTimestamp", .text(meta.deletionTimestamp)),
            ("ownerReferences", meta.ownerReferences.isEmpty ? nil : .array(meta.ownerReferences.map {
                .object([("kind", .string($0.kind)), ("name", .string($0.name))])
            })),
        ])
    }

    /// The annotations Gatewatch reads (`BundleObject.keptAnnotationPrefixes`); the others may hold
    /// anything, secrets included, and are not written.
    private static func kept(_ annotations: [String: String]) -> JSONValue? {
        let kept = annotations.filter { key, _ in BundleObject.keptAnnotationPrefixes.contains { key.hasPrefix($0) } }
        return kept.isEmpty ? nil : stringMap(kept)
    }

    static func namespace(_ namespace: Namespace) -> JSONValue {
        object("v1", "Namespace", metadata(namespace.metadata), spec: nil)
    }

    static func node(_ node: Node) -> JSONValue {
        let addresses = node.internalIPs.map { address("InternalIP", $0) } + node.externalIPs.map { address("ExternalIP", $0) }
        return .object([
            ("apiVersion", .string("v1")), ("kind", .string("Node")), ("metadata", metadata(node.metadata)),
            ("spec", .fields([("providerID", .text(node.providerID))])),
            ("status", .fields([
                ("addresses", .array(addresses)), ("conditions", .array([ready(node.ready)])),
                ("allocatable", node.awsSecondaryIPv4Capacity.map {
                    .object([(Node.awsSecondaryIPv4Resource, .string(String($0)))])
                }),
            ])),
        ])
    }

    static func pod(_ pod: Pod) -> JSONValue {
        let ports = pod.containerPortNames.map { JSONValue.object([("name", .string($0))]) }
        let spec = JSONValue.fields([
            ("nodeName", .text(pod.nodeName)),
            ("serviceAccountName", .text(pod.serviceAccountName)),
            ("hostNetwork", pod.hostNetwork ? .bool(true) : nil),
            ("terminationGracePeriodSeconds", pod.terminationGracePeriodSeconds.map { .int($0) }),
            ("containers", .array(ports.isEmpty ? [] : [.object([("name", .string("main")), ("ports", .array(ports))])])),
        ])
        let status = JSONValue.fields([
            ("phase", .text(pod.phase)),
            ("podIP", .text(pod.podIP?.description)),
            ("podIPs", pod.podIPs.count > 1 ? .array(pod.podIPs.map { .object([("ip", .string($0.description))]) }) : nil),
            ("hostIP", .text(pod.hostIP?.description)),
            ("startTime", .text(pod.startTime)),
            ("conditions", .array([ready(pod.ready, reason: pod.readinessReason)])),
        ])
        var meta = metadata(pod.metadata)
        if let grace = pod.deletionGracePeriodSeconds, case .object(let pairs) = meta {
            meta = .object(pairs + [("deletionGracePeriodSeconds", .int(grace))])
        }
        return .object([("apiVersion", .string("v1")), ("kind", .string("Pod")), ("metadata", meta),
                        ("spec", spec), ("status", status)])
    }

    static func ipPool(_ pool: IPPool) -> JSONValue {
        object(calico, "IPPool", named(pool.name), spec: .fields([
            ("cidr", .string(pool.cidr.description)),
            ("blockSize", .int(pool.blockSize)),
            ("natOutgoing", .bool(pool.natOutgoing)),
            ("disabled", .bool(pool.disabled)),
            ("nodeSelector", .text(pool.nodeSelector)),
            ("allowedUses", .array(pool.allowedUses.map { .string($0) })),
            ("awsSubnetID", .text(pool.awsSubnetID)),
            ("vxlanMode", .text(pool.vxlanMode)),
            ("ipipMode", .text(pool.ipipMode)),
        ]))
    }

    static func ipReservation(_ reservation: IPReservation) -> JSONValue {
        object(calico, "IPReservation", named(reservation.name), spec: .object([
            ("reservedCIDRs", .array(reservation.reservedCIDRs.map { .string($0.description) })),
        ]))
    }

    static func policy(_ policy: EgressGatewayPolicy) -> JSONValue {
        object(calico, "EgressGatewayPolicy", named(policy.name), spec: .object([("rules", .array(policy.rules.map(rule)))]))
    }

    private static func rule(_ rule: EgressGatewayRule) -> JSONValue {
        .fields([
            ("description", .text(rule.description)),
            ("destination", rule.destination.map { .object([("cidr", .string($0.description))]) }),
            ("gateway", rule.gateway.map { gateway in
                .fields([
                    ("namespaceSelector", .text(gateway.namespaceSelector)),
                    ("selector", .text(gateway.selector)),
                    ("maxNextHops", .int(gateway.maxNextHops)),
                ])
            }),
            ("gatewayPreference", .string(rule.gatewayPreference.rawValue)),
        ])
    }

    static func ipamBlock(_ block: IPAMBlock) -> JSONValue {
        let attributes = block.attributes.map { attribute -> JSONValue in
            let hasSecondary = attribute.namespace != nil || attribute.pod != nil || attribute.node != nil
            return .fields([
                ("handle_id", .text(attribute.handleID)),
                ("secondary", hasSecondary ? .fields([("namespace", .text(attribute.namespace)),
                                                      ("pod", .text(attribute.pod)),
                                                      ("node", .text(attribute.node))]) : nil),
            ])
        }
        return object(calico, "IPAMBlock", named(resourceName(block.cidr)), spec: .fields([
            ("cidr", .string(block.cidr.description)),
            ("affinity", .text(block.affinity)),
            ("allocations", .array(block.allocations.map { $0.map { .int($0) } ?? .null })),
            ("unallocated", .array(block.unallocated.map { .int($0) })),
            ("attributes", .array(attributes)),
        ]))
    }

    static func blockAffinity(_ affinity: BlockAffinity) -> JSONValue {
        object(calico, "BlockAffinity", named("\(affinity.node)-\(resourceName(affinity.cidr))"), spec: .fields([
            ("node", .string(affinity.node)),
            ("cidr", .string(affinity.cidr.description)),
            ("state", .text(affinity.state)),
            ("deleted", .bool(affinity.deleted)),
        ]))
    }

    static func felixConfiguration(_ configuration: FelixConfiguration) -> JSONValue {
        object(calico, "FelixConfiguration", named(configuration.name), spec: .fields([
            ("egressIPSupport", .text(configuration.egressIPSupport?.rawValue)),
            ("awsSecondaryIPSupport", .text(configuration.awsSecondaryIPSupport)),
        ]))
    }

    static func egressGateway(_ gateway: EgressGateway) -> JSONValue {
        let probe = { (probe: EgressGatewayFailureDetection.Probe) -> JSONValue in
            .object([(probe.kind == .icmp ? "ips" : "urls", .array(probe.targets.map { .string($0) })),
                     ("intervalSeconds", .int(probe.intervalSeconds)), ("timeoutSeconds", .int(probe.timeoutSeconds))])
        }
        let detection = gateway.failureDetection.map { detection -> JSONValue in
            .fields([("healthTimeoutDataStoreSeconds", .int(detection.healthTimeoutDataStoreSeconds)),
                     ("icmpProbe", detection.icmpProbe.map(probe)), ("httpProbe", detection.httpProbe.map(probe))])
        }
        let status: JSONValue? = gateway.state == nil && gateway.conditions.isEmpty ? nil : .fields([
            ("state", .text(gateway.state)),
            ("conditions", .array(gateway.conditions.map { condition in
                .fields([("type", .string(condition.type)), ("status", .string(condition.status)),
                         ("reason", .text(condition.reason)), ("message", .text(condition.message)),
                         ("lastTransitionTime", .text(condition.lastTransitionTime))])
            })),
        ])
        return .fields([
            ("apiVersion", .string("operator.tigera.io/v1")), ("kind", .string("EgressGateway")),
            ("metadata", metadata(gateway.metadata)),
            ("spec", .fields([
                ("replicas", .int(gateway.replicas)),
                ("ipPools", .array(gateway.ipPools.map { .object([($0.contains("/") ? "cidr" : "name", .string($0))]) })),
                ("template", .fields([
                    ("metadata", .object([("labels", stringMap(gateway.templateLabels))])),
                    ("spec", gateway.terminationGracePeriodSeconds.map {
                        .object([("terminationGracePeriodSeconds", .int($0))])
                    }),
                ])),
                ("aws", .object([("nativeIP", .string(gateway.nativeIP ? "Enabled" : "Disabled")),
                                 ("elasticIPs", .array(gateway.elasticIPs.map { .string($0) }))])),
                ("egressGatewayFailureDetection", detection),
            ])),
            ("status", status),
        ])
    }

    // MARK: - Helpers

    private static func object(_ apiVersion: String, _ kind: String, _ metadata: JSONValue, spec: JSONValue?) -> JSONValue {
        .fields([("apiVersion", .string(apiVersion)), ("kind", .string(kind)), ("metadata", metadata), ("spec", spec)])
    }

    private static func named(_ name: String) -> JSONValue { .object([("name", .string(name))]) }

    private static func stringMap(_ map: [String: String]) -> JSONValue {
        .object(map.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })
    }

    private static func address(_ type: String, _ ip: IPAddress) -> JSONValue {
        .object([("type", .string(type)), ("address", .string(ip.description))])
    }

    private static func ready(_ ready: Bool, reason: String? = nil) -> JSONValue {
        .fields([("type", .string("Ready")), ("status", .string(ready ? "True" : "False")), ("reason", .text(reason))])
    }

    /// Calico's object name for a CIDR: `.`, `:` and `/` become `-` (`10-0-1-0-26`).
    private static func resourceName(_ cidr: IPPrefix) -> String {
        String(cidr.description.map { $0 == "." || $0 == ":" || $0 == "/" ? "-" : $0 })
    }
}
