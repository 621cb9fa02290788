import Inventory

/// What the previous observation encoded, and the change set the current one may rely on, so a
/// recorder that sees 10,000 pods a second encodes only the ones that changed. Owned by one
/// recorder, used under its lock.
///
/// Two ways to know what changed:
/// - with a `SnapshotDelta` that follows the previous observation (the Live layer's change set:
///   which objects the watch events touched), the observation lists only what changed
///   (`Observation.changes(of:cache:delta:)`) and the cache encodes the touched objects;
/// - otherwise (a bundle, a first observation, a gap in the generations, a failed flush), every
///   object is listed, looked up by model: a model equal to one of the previous observation is not
///   encoded again, but every model is hashed and compared.
final class ObservationCache {
    /// An encoded object and the hash of its contents.
    typealias BundleObjectAndHash = (object: BundleObject, hash: Int64)

    /// The change set an observation may rely on, with whether the gateway pods changed (a pod's
    /// address role follows them, whether or not an event touched the pod).
    struct Trusted {
        /// What changed since the previous observation.
        var changes: ObjectChanges
        /// Whether the set of gateway pods differs from the previous observation's.
        var gatewayPodsChanged: Bool

        /// What changed within `kind`: nil when nothing did.
        subscript(_ kind: BundleObjectKind) -> ObjectChanges.KindChange? { changes[kind] }
    }

    private var previous: [AnyHashable: BundleObjectAndHash] = [:]
    private var current: [AnyHashable: BundleObjectAndHash] = [:]
    /// The generation of the previous observation, when it came with a delta.
    private var generation: Int?
    /// The gateway pods of the previous observation.
    private var gatewayPods: Set<String>?
    /// Whether the current observation looks at every model.
    private var looksAtEveryModel = true

    /// How many objects were encoded (and their contents hashed) since the cache was made.
    private(set) var encodedCount = 0
    /// How many models were hashed to be looked up (the cost the change set saves).
    private(set) var hashedModelCount = 0

    /// Starts an observation of the Snapshot `delta` describes (nil: not part of a sequence), whose
    /// gateway pods are `gatewayPods`. Returns the change set it may rely on: nil when it must
    /// list every object.
    func beginObservation(_ delta: SnapshotDelta?, gatewayPods: Set<String>) -> Trusted? {
        var trusted: Trusted?
        if let delta, let generation, let previousPods = self.gatewayPods {
            let changed = previousPods != gatewayPods
            if delta.generation == generation {
                trusted = Trusted(changes: .none, gatewayPodsChanged: changed)
            } else if delta.generation == generation + 1 {
                trusted = Trusted(changes: delta.changes, gatewayPodsChanged: changed)
            }
        }
        generation = delta?.generation
        self.gatewayPods = gatewayPods
        looksAtEveryModel = trusted == nil
        return trusted
    }

    /// Forgets the previous observation's generation: the next observation lists every object
    /// (after a flush that failed, whose observations the journal never took).
    func forgetGeneration() {
        generation = nil
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

    /// `model` encoded (a touched object: no lookup).
    func encode<Model>(_ model: Model, _ make: (Model) -> BundleObject) -> BundleObjectAndHash {
        encodedCount += 1
        return Self.encoding(model, make)
    }

    /// `model` encoded, with its contents' hash.
    static func encoding<Model>(_ model: Model, _ make: (Model) -> BundleObject) -> BundleObjectAndHash {
        let object = make(model)
        return (object, ContentHash.of(object.contents))
    }

    /// Ends an observation: the models it looked up are what the next one may reuse. An
    /// observation that looked up none (every change came by key) keeps the cache as it is.
    func endObservation() {
        if !current.isEmpty || looksAtEveryModel {
            previous = current
            current = [:]
            current.reserveCapacity(previous.count)
        }
    }
}
