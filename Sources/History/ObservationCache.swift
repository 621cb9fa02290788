import Inventory

/// The encoded objects of the previous observation, so a recorder that sees 10,000 pods a second
/// encodes only the ones that changed. Owned by one recorder, used under its lock.
///
/// Two ways to know what changed:
/// - with a `SnapshotDelta` that follows the previous observation (the Live layer's change set:
///   which objects the watch events touched), an object of a kind whose changed keys are known
///   and whose key is not among them is reused by its key, without hashing or encoding its model;
/// - otherwise (a bundle, a first observation, a gap in the generations, a kind replaced
///   wholesale, a kind without a known key), by model: a model equal to one of the previous
///   observation is not encoded again, but every model is hashed and compared.
final class ObservationCache {
    /// An encoded object and the hash of its contents.
    typealias BundleObjectAndHash = (object: BundleObject, hash: Int64)

    private var previous: [AnyHashable: BundleObjectAndHash] = [:]
    private var current: [AnyHashable: BundleObjectAndHash] = [:]
    /// The encodings of the identifiable objects last observed, by kind and key.
    private var byKey: [BundleObjectKind: [String: BundleObjectAndHash]] = [:]
    /// The kinds looked at whole in the current observation, with their new entries.
    private var rebuilt: [BundleObjectKind: [String: BundleObjectAndHash]] = [:]
    /// The touched keys seen again in the current observation.
    private var refreshed: [BundleObjectKind: Set<String>] = [:]
    /// The generation of the previous observation, when it came with a delta.
    private var generation: Int?
    /// The changes the current observation may rely on: nil when it must look at every model.
    private var changes: ObjectChanges?

    /// How many objects were encoded (and their contents hashed) since the cache was made.
    private(set) var encodedCount = 0
    /// How many models were hashed to be looked up (the cost the change set saves).
    private(set) var hashedModelCount = 0

    /// Starts an observation of the Snapshot `delta` describes (nil: not part of a sequence).
    func beginObservation(_ delta: SnapshotDelta?) {
        if let delta, let generation, delta.generation == generation {
            changes = ObjectChanges.none
        } else if let delta, let generation, delta.generation == generation + 1 {
            changes = delta.changes
        } else {
            changes = nil
        }
        generation = delta?.generation
        rebuilt = [:]
        refreshed = [:]
    }

    /// The object for `model`: reused by key when the change set says no event touched it, else
    /// as `object(for:_:)` does.
    func object<Model: Hashable & Sendable & BundleIdentifiable>(identified model: Model,
                                                                 _ make: (Model) -> BundleObject) -> BundleObjectAndHash {
        let kind = Model.bundleKind
        let key = model.bundleKey
        if let changes {
            switch changes[kind] {
            case nil:
                if let hit = byKey[kind]?[key] { return hit }
            case .keys(let touched):
                if !touched.contains(key), let hit = byKey[kind]?[key] { return hit }
                if touched.contains(key) { refreshed[kind, default: []].insert(key) }
            case .any:
                let value = object(for: model, make)
                rebuilt[kind, default: [:]][key] = value
                return value
            }
            let value = encode(model, make)
            byKey[kind, default: [:]][key] = value
            return value
        }
        let value = object(for: model, make)
        rebuilt[kind, default: [:]][key] = value
        return value
    }

    /// The object for `model`, encoded by `make` unless the previous observation had an equal model.
    func object<Model: Hashable & Sendable>(for model: Model, _ make: (Model) -> BundleObject) -> BundleObjectAndHash {
        hashedModelCount += 1
        let key = AnyHashable(model)
        if let hit = previous[key] ?? current[key] {
            current[key] = hit
            return hit
        }
        let value = encode(model, make)
        current[key] = value
        return value
    }

    private func encode<Model>(_ model: Model, _ make: (Model) -> BundleObject) -> BundleObjectAndHash {
        encodedCount += 1
        let object = make(model)
        return (object, ContentHash.of(object.contents))
    }

    /// Ends an observation: what it used is what the next one may reuse.
    func endObservation() {
        if let changes {
            // Touched keys not seen again were removed; kinds replaced wholesale start over.
            for (kind, change) in changes.kinds {
                switch change {
                case .keys(let touched):
                    let seen = refreshed[kind] ?? []
                    for key in touched where !seen.contains(key) { byKey[kind]?[key] = nil }
                case .any:
                    byKey[kind] = rebuilt[kind]
                }
            }
        } else {
            byKey = rebuilt
        }
        rebuilt = [:]
        refreshed = [:]
        // The by-model cache follows the models looked up by model; when none were (every kind
        // came by key), it keeps what it has.
        if !current.isEmpty || changes == nil {
            previous = current
            current = [:]
            current.reserveCapacity(previous.count)
        }
    }
}
