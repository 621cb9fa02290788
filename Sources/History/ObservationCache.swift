import Inventory

/// The encoded objects of the previous observation, by model: a recorder that sees 10,000 pods a
/// second encodes only the ones that changed. Owned by one recorder, used under its lock.
final class ObservationCache {
    private var previous: [AnyHashable: (BundleObjectAndHash)] = [:]
    private var current: [AnyHashable: (BundleObjectAndHash)] = [:]

    /// An encoded object and the hash of its contents.
    typealias BundleObjectAndHash = (object: BundleObject, hash: Int64)

    /// The object for `model`, encoded by `make` unless the previous observation had an equal model.
    func object<Model: Hashable & Sendable>(for model: Model, _ make: (Model) -> BundleObject) -> BundleObjectAndHash {
        let key = AnyHashable(model)
        if let hit = previous[key] ?? current[key] {
            current[key] = hit
            return hit
        }
        let object = make(model)
        let value = (object, ContentHash.of(object.contents))
        current[key] = value
        return value
    }

    /// Ends an observation: what it used is what the next one may reuse.
    func endObservation() {
        previous = current
        current = [:]
        current.reserveCapacity(previous.count)
    }
}
