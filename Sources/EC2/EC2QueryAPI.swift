/// Constants of the EC2 Query API as Gatewatch speaks it.
public enum EC2QueryAPI {
    /// The API version every request names (`Version=2016-11-15`).
    public static let version = "2016-11-15"
    /// The XML namespace of responses.
    public static let xmlNamespace = "http://ec2.amazonaws.com/doc/2016-11-15/"
    /// The SigV4 service name.
    public static let signingName = "ec2"
}
