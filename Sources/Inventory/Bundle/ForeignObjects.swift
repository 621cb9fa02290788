/// The objects of other API groups skipped while loading a bundle, gathered so each kind and
/// group is said once (an `info` note naming the first file, the first object and the count).
struct ForeignObjects {
    private struct Key: Hashable {
        var apiVersion: String
        var kind: String
    }
    private var order: [Key] = []
    private var first: [Key: (file: String, object: String)] = [:]
    private var counts: [Key: Int] = [:]

    /// Records `item` when it is a foreign object.
    mutating func note(_ item: BundleItem, file: String) {
        guard case .foreign(let kind, let apiVersion, let object) = item else { return }
        let key = Key(apiVersion: apiVersion, kind: kind)
        if first[key] == nil {
            order.append(key)
            first[key] = (file, object)
        }
        counts[key, default: 0] += 1
    }

    /// One note per kind and API group, in the order they were met.
    var diagnostics: [BundleDiagnostic] {
        order.compactMap { key in
            guard let (file, object) = first[key] else { return nil }
            let count = counts[key] ?? 1
            let expected = key.kind == "EgressGateway"
                ? "projectcalico.org/v3, crd.projectcalico.org/v1 or operator.tigera.io/v1"
                : ["Namespace", "Pod", "Node"].contains(key.kind) ? "v1" : "projectcalico.org/v3 or crd.projectcalico.org/v1"
            return BundleDiagnostic(
                severity: .info, file: file, object: object,
                message: "skipped \(count) \(key.kind) object\(count == 1 ? "" : "s") of \(key.apiVersion): "
                    + "not the \(key.kind) Gatewatch reads (\(expected))")
        }
    }
}
