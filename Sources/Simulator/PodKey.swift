/// A pod's namespace and name: one dictionary key, hashed once per lookup.
struct PodKey: Hashable, Sendable {
    let namespace: String
    let name: String
}
