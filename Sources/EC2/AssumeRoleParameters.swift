/// What an STS AssumeRole call asks for.
public struct AssumeRoleParameters: Sendable, Equatable {
    /// The role to assume.
    public var roleARN: String
    /// `RoleSessionName`.
    public var sessionName: String
    /// `ExternalId`, when the role's trust policy requires one.
    public var externalID: String?
    /// `DurationSeconds`.
    public var durationSeconds: Int?

    /// Parameters of one AssumeRole call.
    public init(roleARN: String, sessionName: String = "gatewatch", externalID: String? = nil, durationSeconds: Int? = nil) {
        self.roleARN = roleARN
        self.sessionName = sessionName
        self.externalID = externalID
        self.durationSeconds = durationSeconds
    }
}
