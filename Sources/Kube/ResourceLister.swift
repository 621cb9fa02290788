#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Lists one resource in pages (`limit` + `continue`), decoding each page straight into the
/// Inventory model. A `410 Expired` continue token restarts the list from the beginning.
struct ResourceLister<Object: Decodable & Sendable> {
    /// A complete list: the objects by key and the resourceVersion to watch from.
    struct Listing {
        var objects: [String: Object]
        var resourceVersion: String
        /// Objects that did not decode: `Kind namespace/name: what was expected`.
        var failures: [String]
    }

    let client: KubeClient
    let resource: KubeResource
    let pageSize: Int

    func list() async throws(KubeError) -> Listing {
        var restarts = 0
        while true {
            do {
                return try await listOnce()
            } catch let error where error.isGone && restarts < 3 {
                restarts += 1
            }
        }
    }

    private func listOnce() async throws(KubeError) -> Listing {
        var objects: [String: Object] = [:]
        var failures: [String] = []
        var continueToken: String?
        var resourceVersion = ""
        let decoder = JSONDecoder()
        repeat {
            var query = [("limit", String(pageSize))]
            if let continueToken { query.append(("continue", continueToken)) }
            let body = try await client.get(resource.listPath, query: query)
            let page: ListPage<Object>
            do {
                page = try decoder.decode(ListPage<Object>.self, from: Data(body))
            } catch {
                throw KubeError.decode(kind: "\(resource.kind)List from \(resource.listPath)",
                                       expected: "a list object with metadata and items (\(Self.describe(error)))")
            }
            if continueToken == nil || resourceVersion.isEmpty { resourceVersion = page.resourceVersion }
            objects.reserveCapacity(objects.count + page.items.count)
            for item in page.items {
                switch item.result {
                case .success(let object): objects[item.key] = object
                case .failure(let error): failures.append("\(resource.kind) \(item.key): \(Self.describe(error))")
                }
            }
            continueToken = page.continueToken
        } while continueToken != nil
        return Listing(objects: objects, resourceVersion: resourceVersion, failures: failures)
    }

    /// A decoding error as `path: expected …`, without values.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "unreadable" }
        return DecodingProblem.describe(error)
    }
}
