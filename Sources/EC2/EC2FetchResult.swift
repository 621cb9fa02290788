import Inventory

/// One poll of the EC2 API: what could be read, and what could not.
public struct EC2FetchResult: Sendable {
    /// The state read; the lists of a failed operation are its last good ones (see
    /// `staleOperations`), or empty when it never worked.
    public var state: AWSState
    /// Operations that failed while the others worked (e.g. `UnauthorizedOperation`).
    public var problems: [EC2Error]
    /// The VPCs the fetch was scoped to (from the nodes' instances); empty when unscoped.
    public var vpcIDs: [String]
    /// Operations that failed this time but had worked before: their lists in `state` are the
    /// last good ones, not current.
    public var staleOperations: [String]

    /// A result.
    public init(state: AWSState, problems: [EC2Error], vpcIDs: [String], staleOperations: [String] = []) {
        self.state = state
        self.problems = problems
        self.vpcIDs = vpcIDs
        self.staleOperations = staleOperations
    }

    /// IAM actions the credentials lack.
    public var missingIAMActions: [String] { problems.compactMap(\.missingIAMAction) }
}
