import LPM

/// One Elastic IP, where it is associated, and whether that matches the gateways' intent.
public struct ElasticIPBinding: Hashable, Sendable {
    /// How an Elastic IP relates to the egress gateways.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        /// Associated with a gateway pod's IP that the pod's annotation allows (or that has none).
        case bound
        /// Associated with a gateway whose annotation does not list it, or listed by a gateway's
        /// annotation but associated with some other address.
        case mismatch
        /// Associated with an address that is no gateway pod's.
        case notGateway = "not-gateway"
        /// Not associated at all (still billed).
        case idle
    }

    /// The address as AWS describes it.
    public var elasticIP: ElasticIP
    /// The gateway it is associated with or listed by (`namespace/name`).
    public var gateway: String?
    /// The status.
    public var status: Status
    /// Why it has that status, in one line.
    public var reason: String
}
