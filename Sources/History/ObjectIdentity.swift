import Inventory

/// An object's identity across versions: its kind and key.
struct ObjectIdentity: Hashable, Sendable {
    /// The kind.
    var kind: BundleObjectKind
    /// The key within the kind.
    var key: String
}
