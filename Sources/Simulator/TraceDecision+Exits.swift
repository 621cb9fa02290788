import Inventory
import LPM

/// One way a decided packet leaves: the gateway (or none), the source and public addresses, the
/// VPC route target and the firewall on it. The public face of a `TraceDecision`'s paths, for
/// callers that need millions of decisions without describing them (traffic attribution).
public struct TraceExit: Hashable, Sendable {
    /// The gateway carrying the packet as `namespace/name`, nil when it bypasses the gateways.
    public var gateway: String?
    /// The node the packet leaves from: the gateway's node, or the sender's.
    public var node: String?
    /// The address the packet carries when it leaves the gateway or the node.
    public var sourceIP: IPAddress?
    /// The Elastic IP or NAT gateway address past an internet or NAT gateway.
    public var publicIP: IPAddress?
    /// The VPC route target, nil when no route was found.
    public var routeTarget: RouteTarget?
    /// The firewall inspecting the path, by its `gatewatch.yaml` name.
    public var firewall: String?
    /// The verdict on this path.
    public var verdict: TraceVerdict
}

extension TraceDecision {
    /// Every path the packet can take, first one first (empty when it is lost before a path).
    public var exits: [TraceExit] {
        paths.map { path in
            var target: RouteTarget?
            if case .routed(_, let chosen) = path.route { target = chosen.route.target }
            var firewall: String?
            switch path.firewall {
            case .decided(let placed, _, _), .unavailable(let placed), .sourceUnknown(let placed):
                firewall = placed.placement.name
            default:
                break
            }
            let gateway = path.source.path.gateway
            return TraceExit(gateway: gateway.map { "\($0.namespace)/\($0.name)" },
                             node: gateway?.node ?? sender.nodeName, sourceIP: path.source.path.sourceIP,
                             publicIP: path.publicIP, routeTarget: target, firewall: firewall, verdict: path.verdict)
        }
    }

    /// The policy whose rule was chosen, if one was.
    public var policyName: String? {
        switch egress {
        case .ruleChosen(let prepared, _), .ruleWithoutGateway(let prepared, _), .noRuleCovers(let prepared):
            return prepared.policy.name
        default:
            return nil
        }
    }
}
