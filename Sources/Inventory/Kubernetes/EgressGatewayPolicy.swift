import LPM

/// A Calico EgressGatewayPolicy: per destination CIDR, which gateways (if any) carry a client's
/// traffic. Rules are chosen by longest prefix match, not by their order.
public struct EgressGatewayPolicy: Hashable, Sendable, Decodable {
    /// The policy's name, as client annotations reference it.
    public var name: String
    /// The rules, in spec order (the order does not affect routing).
    public var rules: [EgressGatewayRule]

    /// Creates a policy.
    public init(name: String, rules: [EgressGatewayRule]) {
        self.name = name
        self.rules = rules
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec }
    private enum SpecKeys: String, CodingKey { case rules }

    /// Decodes a policy in either API group.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(ObjectMeta.self, forKey: .metadata).name
        let spec = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        rules = try spec.decodeIfPresent([EgressGatewayRule].self, forKey: .rules) ?? []
    }
}

/// One rule of an EgressGatewayPolicy.
public struct EgressGatewayRule: Hashable, Sendable, Decodable {
    /// The destination network; nil when the rule has no destination (it then means `0.0.0.0/0`).
    public var destination: IPPrefix?
    /// True when the destination was written with host bits set or as a bare IP and was normalized.
    public var destinationNormalized: Bool
    /// Free text for display.
    public var description: String?
    /// The gateways to use; nil means traffic to the destination skips the gateways.
    public var gateway: EgressGatewaySelection?
    /// `None` (default) or `PreferNodeLocal`.
    public var gatewayPreference: GatewayPreference

    /// Creates a rule.
    public init(destination: IPPrefix?, description: String? = nil, gateway: EgressGatewaySelection? = nil,
                gatewayPreference: GatewayPreference = .none) {
        self.destination = destination
        self.destinationNormalized = false
        self.description = description
        self.gateway = gateway
        self.gatewayPreference = gatewayPreference
    }

    /// The destination the rule routes: its CIDR, or `0.0.0.0/0` for a rule without one.
    public var effectiveDestination: IPPrefix {
        destination ?? IPPrefix(containing: .v4(IPv4Address(0)), length: 0)
    }

    private enum CodingKeys: String, CodingKey { case destination, description, gateway, gatewayPreference }
    private enum DestinationKeys: String, CodingKey { case cidr }

    /// Decodes a rule. A bare IP or a CIDR with host bits set is normalized, as Calico's validator does.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        destination = nil
        destinationNormalized = false
        if let d = try? c.nestedContainer(keyedBy: DestinationKeys.self, forKey: .destination),
           let text = try d.decodeIfPresent(String.self, forKey: .cidr), !text.isEmpty {
            do {
                let parsed = try IPPrefix.parseLenient(text)
                guard parsed.prefix.family == .v4 else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .cidr, in: d, debugDescription: "only IPv4 destination CIDRs are supported, got '\(text)'")
                }
                destination = parsed.prefix
                destinationNormalized = parsed.normalized
            } catch let error as IPParseError {
                throw DecodingError.dataCorruptedError(forKey: .cidr, in: d, debugDescription: "expected a CIDR: \(error)")
            }
        }
        description = try c.decodeIfPresent(String.self, forKey: .description)
        gateway = try c.decodeIfPresent(EgressGatewaySelection.self, forKey: .gateway)
        let preference = try c.decodeIfPresent(String.self, forKey: .gatewayPreference) ?? "None"
        guard let parsed = GatewayPreference(rawValue: preference) else {
            throw DecodingError.dataCorruptedError(
                forKey: .gatewayPreference, in: c,
                debugDescription: "expected gatewayPreference None or PreferNodeLocal, got '\(preference)'")
        }
        gatewayPreference = parsed
    }
}

/// How a client picks among a rule's active gateways.
public enum GatewayPreference: String, Hashable, Sendable {
    /// Use every active gateway.
    case none = "None"
    /// Use the active gateways on the client's own node when there are any, else all.
    case preferNodeLocal = "PreferNodeLocal"
}

/// Which gateway pods carry traffic: a namespace selector and a pod selector (Calico syntax),
/// and the most replicas a client uses.
public struct EgressGatewaySelection: Hashable, Sendable, Decodable {
    /// Selects the namespaces holding the gateways; nil when not given (annotation configs only:
    /// the client's own namespace is then implied).
    public var namespaceSelector: String?
    /// Selects the gateway pods.
    public var selector: String?
    /// The most gateways a client uses; 0 means all.
    public var maxNextHops: Int

    /// Creates a selection.
    public init(namespaceSelector: String?, selector: String?, maxNextHops: Int = 0) {
        self.namespaceSelector = namespaceSelector
        self.selector = selector
        self.maxNextHops = maxNextHops
    }

    private enum CodingKeys: String, CodingKey { case namespaceSelector, selector, maxNextHops }

    /// Decodes `rules[].gateway`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        namespaceSelector = try c.decodeIfPresent(String.self, forKey: .namespaceSelector)
        selector = try c.decodeIfPresent(String.self, forKey: .selector)
        maxNextHops = try c.decodeIfPresent(Int.self, forKey: .maxNextHops) ?? 0
    }
}
