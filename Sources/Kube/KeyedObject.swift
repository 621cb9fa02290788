/// An object decoded into its Inventory model together with its identity (`namespace/name`) and
/// resourceVersion, which the models do not all keep. A failed object keeps its error instead of
/// failing the whole list.
struct KeyedObject<Object: Decodable>: Decodable {
    var key: String
    var resourceVersion: String?
    var result: Result<Object, any Error>

    init(from decoder: any Decoder) throws {
        let identity = try ObjectIdentity(from: decoder)
        key = identity.key
        resourceVersion = identity.resourceVersion
        do {
            result = .success(try Object(from: decoder))
        } catch {
            result = .failure(error)
        }
    }
}
