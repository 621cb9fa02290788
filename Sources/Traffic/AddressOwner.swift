import Inventory
import LPM

/// What an address belonged to at a moment.
public enum AddressOwner: Hashable, Sendable {
    /// An application pod.
    case pod(namespace: String, name: String)
    /// An egress gateway pod.
    case egressGateway(namespace: String, name: String)
    /// A node (its internal or external address).
    case node(String)
    /// An Elastic IP, with the private address it is associated with.
    case elasticIP(IPAddress, privateAddress: IPAddress?)
    /// A NAT gateway's private or public address.
    case natGateway(String)
    /// Nothing this source knows.
    case unknown
}

/// Who owned an address at a time. Today the current Snapshot answers; a history journal can
/// answer for past times through the same protocol.
public protocol AddressOwnership: Sendable {
    /// The owner of `address` at `time` (Unix seconds; nil: now).
    func owner(of address: IPAddress, at time: Int64?) -> AddressOwner

    /// The seconds `[from, to)` around `time` over which `owner(of:at:)` gives the same answer
    /// for `address` (default: all time, for a source that does not change with time).
    func ownerInterval(of address: IPAddress, at time: Int64) -> OwnerInterval

    /// Addresses this source knows owners of beyond the Snapshot's (a journal's past owners), for
    /// callers that enumerate owners (`traffic --athena-sql`). Default: none.
    func knownAddresses() -> [IPAddress]
}

extension AddressOwnership {
    /// None beyond the Snapshot's.
    public func knownAddresses() -> [IPAddress] { [] }

    /// All time: the owner does not change.
    public func ownerInterval(of address: IPAddress, at time: Int64) -> OwnerInterval { .always }
}

/// Seconds `[from, to)` over which an address keeps one owner.
public struct OwnerInterval: Hashable, Sendable {
    /// The first second.
    public var from: Int64
    /// The first second after the interval.
    public var to: Int64

    /// The interval `[from, to)`.
    public init(from: Int64, to: Int64) {
        self.from = from
        self.to = to
    }

    /// Every second.
    public static let always = OwnerInterval(from: .min, to: .max)

    /// True when `time` is in the interval.
    public func contains(_ time: Int64) -> Bool { time >= from && time < to }
}

/// Ownership from one Snapshot, whatever the time.
public struct SnapshotOwnership: AddressOwnership {
    let gateways: [IPAddress: String]
    let snapshot: Snapshot
    let natAddresses: [IPAddress: String]

    /// Ownership as `snapshot` records it.
    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        var gateways: [IPAddress: String] = [:]
        for gateway in snapshot.gateways { if let ip = gateway.ip { gateways[ip] = gateway.qualifiedName } }
        self.gateways = gateways
        var nat: [IPAddress: String] = [:]
        for gateway in snapshot.aws.natGateways {
            for address in gateway.addresses {
                if let ip = address.publicIP { nat[ip] = gateway.natGatewayID }
                if let ip = address.privateIP { nat[ip] = gateway.natGatewayID }
            }
        }
        natAddresses = nat
    }

    /// The owner of `address` in the Snapshot.
    public func owner(of address: IPAddress, at time: Int64?) -> AddressOwner {
        if let name = gateways[address], let pod = snapshot.podsByQualifiedName[name] {
            return .egressGateway(namespace: pod.namespace, name: pod.name)
        }
        if let nat = natAddresses[address] { return .natGateway(nat) }
        if let eip = snapshot.elasticIPsByPublicIP[address] { return .elasticIP(address, privateAddress: eip.privateIPAddress) }
        if let node = snapshot.nodesByIP.longestMatch(address)?.value { return .node(node) }
        if let pod = snapshot.podsByIP.longestMatch(address)?.value { return .pod(namespace: pod.namespace, name: pod.name) }
        return .unknown
    }
}
