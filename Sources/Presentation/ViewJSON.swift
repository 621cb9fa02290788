import Inventory
import LPM

/// The derived views as JSON, with the keys documented for `get -o json`.
public enum ViewJSON {
    /// The egress gateways (`get gateways -o json`).
    public static func gateways(_ snapshot: Snapshot) -> JSONValue {
        .array(snapshot.gateways.map { gateway in
            .object([
                ("namespace", .string(gateway.namespace)),
                ("name", .string(gateway.name)),
                ("ip", .string(gateway.ip?.description)),
                ("node", .string(gateway.node)),
                ("zone", .string(gateway.zone)),
                ("ready", .bool(gateway.ready)),
                ("pool", .string(gateway.pool)),
                ("networkInterfaceId", .string(gateway.networkInterfaceID)),
                ("publicIp", .string(gateway.elasticIP?.description)),
                ("allowedElasticIps", .array(gateway.annotatedElasticIPs.map { .string($0.description) })),
                ("deployment", .string(gateway.deployment)),
                ("terminating", .bool(gateway.terminating)),
                ("notReadyReason", .string(gateway.notReadyReason)),
                ("probes", .array((gateway.egressGateway?.failureDetection?.probes ?? []).map { probe in
                    .object([("kind", .string(probe.kind.rawValue)), ("targets", .array(probe.targets.map { .string($0) })),
                             ("intervalSeconds", .int(probe.intervalSeconds)), ("timeoutSeconds", .int(probe.timeoutSeconds))])
                })),
                ("operatorConditions", .array((gateway.egressGateway?.conditions ?? []).map { condition in
                    .object([("type", .string(condition.type)), ("status", .string(condition.status)),
                             ("reason", .string(condition.reason)), ("message", .string(condition.message))])
                })),
            ])
        })
    }

    /// The IP pools with their use (`get pools -o json`).
    public static func pools(_ snapshot: Snapshot) -> JSONValue {
        .array(snapshot.pools.map { usage in
            .object([
                ("name", .string(usage.pool.name)),
                ("cidr", .string(usage.pool.cidr.description)),
                ("awsSubnetID", .string(usage.pool.awsSubnetID)),
                ("allocated", .integer(Int64(clamping: usage.allocated))),
                ("capacity", .wideInteger(usage.exactCapacity.description)),
                ("utilization", .number((usage.utilization * 10_000).rounded() / 10_000)),
                ("reserved", .wideInteger(usage.exactReserved.description)),
                ("subnetAvailable", usage.subnetAvailable.map { .integer(Int64($0)) } ?? .null),
                ("subnetCidr", .string(usage.subnet?.cidrBlock.description)),
                ("subnetReservations", .array(usage.subnetReservations.map { .string($0.cidr.description) })),
                ("natOutgoing", .bool(usage.pool.natOutgoing)),
                ("blocks", .integer(Int64(usage.blocks.count))),
                ("gateways", .array(usage.gateways.map { .string($0) })),
            ])
        })
    }

    /// The Elastic IPs and what they are bound to (`get eips -o json`).
    public static func elasticIPs(_ snapshot: Snapshot) -> JSONValue {
        .array(snapshot.elasticIPBindings.map { binding in
            let eip = binding.elasticIP
            return .object([
                ("allocationId", .string(eip.allocationID)),
                ("publicIp", .string(eip.publicIP.description)),
                ("privateIp", .string(eip.privateIPAddress?.description)),
                ("networkInterfaceId", .string(eip.networkInterfaceID)),
                ("instanceId", .string(eip.instanceID)),
                ("gateway", .string(binding.gateway)),
                ("status", .string(binding.status.rawValue)),
                ("reason", .string(binding.reason)),
            ])
        })
    }

    /// The EgressGatewayPolicies with their rules (`get policies -o json`).
    public static func policies(_ snapshot: Snapshot) -> JSONValue {
        .array(snapshot.policies.map { summary in
            .object([
                ("name", .string(summary.policy.name)),
                ("rules", .array(summary.rules.map { rule in
                    .object([
                        ("index", .integer(Int64(rule.index))),
                        ("cidr", .string(rule.cidr.description)),
                        ("description", .string(rule.rule.description)),
                        ("gateway", rule.rule.gateway.map { selection in
                            .object([
                                ("namespaceSelector", .string(selection.namespaceSelector)),
                                ("selector", .string(selection.selector)),
                                ("maxNextHops", .integer(Int64(selection.maxNextHops))),
                            ])
                        } ?? .null),
                        ("gatewayPreference", .string(rule.rule.gatewayPreference.rawValue)),
                        ("gateways", .array(rule.gateways.map { .string($0) })),
                        ("readyGateways", .integer(Int64(rule.readyCount))),
                    ])
                })),
                ("usedBy", .array(summary.usedBy.map { .string($0) })),
                ("pods", .integer(Int64(summary.podCount))),
            ])
        })
    }
}
