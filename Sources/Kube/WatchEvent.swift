/// One line of a watch stream: `{"type": ADDED|MODIFIED|DELETED|BOOKMARK|ERROR, "object": …}`.
enum WatchEvent<Object: Decodable>: Decodable {
    /// ADDED or MODIFIED: store the object.
    case upsert(KeyedObject<Object>)
    /// DELETED: remove the object with this key.
    case deleted(key: String, resourceVersion: String?)
    /// BOOKMARK: nothing changed up to this resourceVersion.
    case bookmark(resourceVersion: String?)
    /// ERROR with the Status object (410 Expired means relist).
    case error(KubeStatus)
    /// A type this client does not know; ignored.
    case unknown(String)

    private enum CodingKeys: String, CodingKey { case type, object }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        switch type {
        case "ADDED", "MODIFIED":
            self = .upsert(try c.decode(KeyedObject<Object>.self, forKey: .object))
        case "DELETED":
            let identity = try c.decode(ObjectIdentity.self, forKey: .object)
            self = .deleted(key: identity.key, resourceVersion: identity.resourceVersion)
        case "BOOKMARK":
            self = .bookmark(resourceVersion: try c.decode(ObjectIdentity.self, forKey: .object).resourceVersion)
        case "ERROR":
            self = .error(try c.decode(KubeStatus.self, forKey: .object))
        default:
            self = .unknown(type)
        }
    }
}
