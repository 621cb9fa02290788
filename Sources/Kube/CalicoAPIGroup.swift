/// The API group Gatewatch reads Calico resources from. Discovery picks the first one the
/// cluster serves, in this order, and the console header names it.
public enum CalicoAPIGroup: String, Sendable, CaseIterable {
    /// The Calico API server's aggregated group (`projectcalico.org/v3`), preferred.
    case projectcalicoV3 = "projectcalico.org/v3"
    /// The CRDs behind it (`crd.projectcalico.org/v1`), used when there is no Calico API server.
    case crdV1 = "crd.projectcalico.org/v1"

    /// The group name without the version.
    public var group: String { String(rawValue.split(separator: "/")[0]) }
    /// The version.
    public var version: String { String(rawValue.split(separator: "/")[1]) }
}
