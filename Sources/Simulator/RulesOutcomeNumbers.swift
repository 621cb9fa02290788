/// Numbers for what the Rules index's decisions reach: a placement by its prepared firewall, a
/// gateway by the path's source (its `namespace/name` made once per gateway), so recording an
/// outcome hashes no names.
struct RulesOutcomeNumbers {
    /// The gateways' `namespace/name`, by number.
    private(set) var gatewayNames: [String] = []
    private var gatewayByName: [String: Int] = [:]
    private var gatewayBySource: [ObjectIdentifier: Int] = [:]
    /// The sources numbered, kept so their identities stay theirs while the numbers live.
    private var sources: [PreparedSource] = []
    private var placementByFirewall: [ObjectIdentifier: Int?] = [:]
    private var firewalls: [PreparedFirewall] = []

    /// No numbers yet.
    init() {}

    /// The number of the gateway `source` leaves through, or -1 when it bypasses the gateways.
    mutating func gateway(of source: PreparedSource) -> Int {
        let id = ObjectIdentifier(source)
        if let known = gatewayBySource[id] { return known }
        var number = -1
        if let gateway = source.path.gateway {
            let name = "\(gateway.namespace)/\(gateway.name)"
            if let known = gatewayByName[name] {
                number = known
            } else {
                number = gatewayNames.count
                gatewayNames.append(name)
                gatewayByName[name] = number
            }
        }
        sources.append(source)
        gatewayBySource[id] = number
        return number
    }

    /// The index of `firewall`'s placement among `placements` (by name), nil when not there.
    mutating func placement(of firewall: PreparedFirewall, in placements: [String: Int]) -> Int? {
        let id = ObjectIdentifier(firewall)
        if let known = placementByFirewall[id] { return known }
        let number = placements[firewall.placement.name]
        firewalls.append(firewall)
        placementByFirewall[id] = number
        return number
    }
}
