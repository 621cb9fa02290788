/// The FelixConfiguration settings that decide how egress gateways behave.
public struct FelixConfiguration: Hashable, Sendable, Decodable {
    /// `default` or `node.<name>`.
    public var name: String
    /// Which annotations count: namespace only, or namespace and pod; or none.
    public var egressIPSupport: EgressIPSupport?
    /// `Disabled`, `Enabled` or `EnabledENIPerWorkload`.
    public var awsSecondaryIPSupport: String?

    /// Creates a configuration.
    public init(name: String, egressIPSupport: EgressIPSupport?, awsSecondaryIPSupport: String? = nil) {
        self.name = name
        self.egressIPSupport = egressIPSupport
        self.awsSecondaryIPSupport = awsSecondaryIPSupport
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec }
    private enum SpecKeys: String, CodingKey { case egressIPSupport, awsSecondaryIPSupport }

    /// Decodes a FelixConfiguration; an unknown egressIPSupport value is an error.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(ObjectMeta.self, forKey: .metadata).name
        let spec = try? c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        if let text = try spec?.decodeIfPresent(String.self, forKey: .egressIPSupport) {
            guard let mode = EgressIPSupport(rawValue: text) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [CodingKeys.spec, SpecKeys.egressIPSupport],
                    debugDescription: "expected Disabled, EnabledPerNamespace or EnabledPerNamespaceOrPerPod, got '\(text)'"))
            }
            egressIPSupport = mode
        } else {
            egressIPSupport = nil
        }
        awsSecondaryIPSupport = try spec?.decodeIfPresent(String.self, forKey: .awsSecondaryIPSupport)
    }
}

/// FelixConfiguration `egressIPSupport`: which client annotations Calico honours.
public enum EgressIPSupport: String, Hashable, Sendable {
    /// No egress gateway function at all (the default).
    case disabled = "Disabled"
    /// Only namespace annotations count.
    case enabledPerNamespace = "EnabledPerNamespace"
    /// Pod annotations override namespace annotations.
    case enabledPerNamespaceOrPerPod = "EnabledPerNamespaceOrPerPod"
}
