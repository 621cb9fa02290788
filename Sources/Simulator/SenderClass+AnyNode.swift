extension SenderClass {
    /// The class whichever node its pods run on: pods of one policy (or selection) take the same
    /// egress step for every destination, and the same gateways unless the rule chosen prefers
    /// node-local gateways (`TraceDecision.dependsOnSenderNode`).
    public var anyNode: SenderClass { SenderClass(identity: identity, node: nil) }
}

extension TraceDecision {
    /// True when a PreferNodeLocal rule made the gateway choice depend on the sender's node: then
    /// only pods of the same `SenderClass`, node included, share this decision; otherwise every
    /// pod of its `SenderClass.anyNode` that goes through the gateways does.
    public var dependsOnSenderNode: Bool {
        guard let gateway else { return false }
        if case .notRequested = gateway.preferenceOutcome { return false }
        return true
    }
}
