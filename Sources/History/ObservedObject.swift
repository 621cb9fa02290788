import Inventory

/// One object of an observed state, ready for the journal: the object as a bundle holds it, the
/// addresses it owns with their roles, and its own timestamps for the change it shows.
struct ObservedObject: Sendable {
    /// The object.
    var object: BundleObject
    /// `ContentHash.of(object.contents)`, computed once.
    var contentHash: Int64
    /// The addresses it owns, sorted, with what they make it.
    var addresses: [OwnedAddress]
    /// Its creation time (milliseconds since 1970), when it says so.
    var created: Int64?
    /// The time its deletion was requested, when it says so.
    var deleted: Int64?

    /// One address an object owns.
    struct OwnedAddress: Hashable, Sendable, Comparable {
        /// The address's canonical text.
        var ip: String
        /// What owning it makes the object.
        var role: AddressOwnerKind

        static func < (lhs: OwnedAddress, rhs: OwnedAddress) -> Bool {
            (lhs.ip, lhs.role.code) < (rhs.ip, rhs.role.code)
        }
    }
}
