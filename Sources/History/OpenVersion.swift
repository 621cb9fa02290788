/// The writer's memory of an object's open version, so an unchanged object costs no query.
struct OpenVersion: Sendable {
    /// The version's row id.
    var versionID: Int64
    /// The object's row id.
    var objectID: Int64
    /// The hash of the version's contents.
    var contentHash: Int64
    /// When the version started (milliseconds since 1970).
    var validFrom: Int64
    /// The addresses the version owns, sorted.
    var addresses: [ObservedObject.OwnedAddress]
}
