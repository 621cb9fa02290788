import LPM

/// A Calico IPReservation: addresses IPAM must never hand out (an AWS subnet's reserved edges).
public struct IPReservation: Hashable, Sendable, Decodable {
    /// The reservation's name.
    public var name: String
    /// The reserved ranges (a bare IP is a single-address range).
    public var reservedCIDRs: [IPPrefix]

    /// Creates a reservation.
    public init(name: String, reservedCIDRs: [IPPrefix]) {
        self.name = name
        self.reservedCIDRs = reservedCIDRs
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec }
    private enum SpecKeys: String, CodingKey { case reservedCIDRs }

    /// Decodes an IPReservation; bare addresses are accepted as host prefixes, as Calico does.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(ObjectMeta.self, forKey: .metadata).name
        let spec = try c.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec)
        let texts = try spec.decodeIfPresent([String].self, forKey: .reservedCIDRs) ?? []
        reservedCIDRs = try texts.map { text in
            do {
                return try IPPrefix.parseLenient(text).prefix
            } catch {
                throw DecodingError.dataCorruptedError(
                    forKey: .reservedCIDRs, in: spec, debugDescription: "expected a CIDR or IP: \(error)")
            }
        }
    }
}
