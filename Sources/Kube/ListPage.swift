/// One page of a Kubernetes list response: `metadata.resourceVersion`, `metadata.continue` and the items.
struct ListPage<Object: Decodable>: Decodable {
    var resourceVersion: String
    var continueToken: String?
    var items: [KeyedObject<Object>]

    private enum CodingKeys: String, CodingKey { case metadata, items }
    private struct ListMeta: Decodable {
        var resourceVersion: String?
        var `continue`: String?
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let meta = try c.decodeIfPresent(ListMeta.self, forKey: .metadata)
        resourceVersion = meta?.resourceVersion ?? ""
        continueToken = meta?.continue.flatMap { $0.isEmpty ? nil : $0 }
        items = try c.decodeIfPresent([KeyedObject<Object>].self, forKey: .items) ?? []
    }
}
