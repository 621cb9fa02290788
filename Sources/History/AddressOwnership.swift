#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One owner of an address over a span of time: `[from, to)`, `to` nil while it still owns it.
public struct AddressOwnership: Hashable, Sendable {
    /// When the owner got the address.
    public var from: Date
    /// When it lost it; nil when it holds it still (as of the journal's last observation).
    public var to: Date?
    /// What the owner is.
    public var kind: AddressOwnerKind
    /// The owner: `namespace/name` of a pod or gateway, a node's name, an allocation, NAT gateway or ENI id.
    public var owner: String

    /// Creates an ownership span.
    public init(from: Date, to: Date?, kind: AddressOwnerKind, owner: String) {
        self.from = from
        self.to = to
        self.kind = kind
        self.owner = owner
    }
}
