/// An object decoded into its Inventory model together with its identity (`namespace/name`) and
/// resourceVersion, which the models do not all keep. A failed object keeps its error instead of
/// failing the whole list.
struct KeyedObject<Object: Decodable>: Decodable {
    var key: String
    var resourceVersion: String?
    var result: Result<Object, any Error>

    private struct Envelope: Decodable {
        var metadata: Metadata?
        struct Metadata: Decodable {
            var name: String?
            var namespace: String?
            var resourceVersion: String?
        }
    }

    init(from decoder: any Decoder) throws {
        let envelope = try Envelope(from: decoder)
        let name = envelope.metadata?.name ?? ""
        key = envelope.metadata?.namespace.map { "\($0)/\(name)" } ?? name
        resourceVersion = envelope.metadata?.resourceVersion
        do {
            result = .success(try Object(from: decoder))
        } catch {
            result = .failure(error)
        }
    }
}
