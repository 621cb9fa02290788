import LPM

/// A subnet CIDR reservation: part of a subnet set aside (e.g. for Calico gateway pools).
public struct SubnetCidrReservation: Hashable, Sendable, Decodable {
    /// `scr-…`.
    public var reservationID: String
    /// The subnet it belongs to.
    public var subnetID: String
    /// The reserved range.
    public var cidr: IPPrefix
    /// `prefix` or `explicit` (EC2 never assigns from an explicit reservation by itself).
    public var reservationType: String?
    /// Free text.
    public var description: String?

    /// Creates a reservation.
    public init(reservationID: String, subnetID: String, cidr: IPPrefix, reservationType: String? = "explicit",
                description: String? = nil) {
        self.reservationID = reservationID
        self.subnetID = subnetID
        self.cidr = cidr
        self.reservationType = reservationType
        self.description = description
    }

    private enum CodingKeys: String, CodingKey {
        case reservationID = "SubnetCidrReservationId", subnetID = "SubnetId", cidr = "Cidr"
        case reservationType = "ReservationType", description = "Description"
    }

    /// Decodes `aws ec2 get-subnet-cidr-reservations` output.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        reservationID = try c.decode(String.self, forKey: .reservationID)
        subnetID = try c.decode(String.self, forKey: .subnetID)
        cidr = try c.decode(PrefixText.self, forKey: .cidr).prefix
        reservationType = try c.decodeIfPresent(String.self, forKey: .reservationType)
        description = try c.decodeIfPresent(String.self, forKey: .description)
    }
}
