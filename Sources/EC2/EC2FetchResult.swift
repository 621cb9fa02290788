import Inventory

/// One poll of the EC2 API: what could be read, and what could not.
public struct EC2FetchResult: Sendable {
    /// The state read; lists of failed operations are empty.
    public var state: AWSState
    /// Operations that failed while the others worked (e.g. `UnauthorizedOperation`).
    public var problems: [EC2Error]
    /// The VPCs the fetch was scoped to (from the nodes' instances); empty when unscoped.
    public var vpcIDs: [String]

    /// A result.
    public init(state: AWSState, problems: [EC2Error], vpcIDs: [String]) {
        self.state = state
        self.problems = problems
        self.vpcIDs = vpcIDs
    }

    /// IAM actions the credentials lack.
    public var missingIAMActions: [String] { problems.compactMap(\.missingIAMAction) }
}
