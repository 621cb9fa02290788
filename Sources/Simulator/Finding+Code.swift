extension Finding {
    /// The stable kebab-case codes of `check` (DESIGN.md, "check -o json"). Scripts match on the
    /// raw values; a code keeps its meaning once published.
    public enum Code: String, Hashable, Sendable, CaseIterable, Comparable {
        case missingPolicy = "missing-policy"
        case noGatewayMatch = "no-gateway-match"
        case noReadyGateway = "no-ready-gateway"
        case tooFewGateways = "too-few-gateways"
        case duplicateDestination = "duplicate-destination"
        case emptySelector = "empty-selector"
        case singleAZ = "single-az"
        case gatewayOutsidePool = "gateway-outside-pool"
        case poolNotAWS = "pool-not-aws"
        case poolPressure = "pool-pressure"
        case subnetPressure = "subnet-pressure"
        case idleEIP = "idle-eip"
        case eipNotGateway = "eip-not-gateway"
        case eipMismatch = "eip-mismatch"
        case shadowedACE = "shadowed-ace"
        case uncoveredGateway = "uncovered-gateway"
        case staleACE = "stale-ace"
        /// A placed firewall's object-group named as `export asa-objects` names it
        /// (`EGW-<namespace>-<name>[-PUBLIC]`) whose members differ from the current gateways;
        /// the message names the missing and extra addresses.
        case objectDrift = "object-drift"
        /// A permit entry with 0 hits in the firewall's `show access-list` capture (info); entries
        /// already reported as `shadowed-ace` or `stale-ace` are not repeated.
        case unusedACE = "unused-ace"
        /// A firewall running-config line Gatewatch could not use (or used with an assumption):
        /// the simulated verdicts may differ from the device's. Objects name the firewall and
        /// `file:line`.
        case firewallConfig = "firewall-config"
        /// A gateway's security groups or subnet network ACL stop traffic a policy rule sends
        /// through it (error).
        case sgBlocksGateway = "sg-blocks-gateway"
        /// A gateway's subnet network ACL denies the return for part or all of the ephemeral
        /// port range (warning).
        case naclBlocksReturn = "nacl-blocks-return"

        /// Gateways whose pods have `terminationGracePeriodSeconds: 0` (from the EgressGateway's
        /// template or the pods): clients lose their flows on every rollout (warning).
        case gracePeriodZero = "grace-period-zero"
        /// An EgressGateway ICMP or HTTP probe whose timeout is not above its interval (defaults
        /// applied): one lost probe makes the gateway not ready (warning).
        case probeTimeout = "probe-timeout"
        /// An AWS-backed pool without an IPReservation of the subnet's first four and last
        /// addresses that fall inside it, which AWS keeps for itself (warning).
        case missingIPReservation = "missing-ip-reservation"
        /// A node holds more AWS-backed addresses than its ENI limits allow, or the nodes in an
        /// EgressGateway's zones cannot hold the replicas it wants (warning).
        case gatewayCapacity = "gateway-capacity"
        /// Losing one zone leaves a rule with no ready gateway while its gateways are not all in
        /// that zone (warning; `single-az` covers gateways all placed in one zone).
        case azLossDrop = "az-loss-drop"

        /// By raw value, so findings sort as their codes read.
        public static func < (lhs: Code, rhs: Code) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}
