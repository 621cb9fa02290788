extension AccessControlEntry {
    /// True when both entries are the same rule, whatever their logging options and spelling.
    internal func isSameRule(as other: AccessControlEntry) -> Bool {
        kind == other.kind && action == other.action && protocolSpecifier == other.protocolSpecifier
            && sourceInterface == other.sourceInterface && source == other.source && sourcePort == other.sourcePort
            && destinationInterface == other.destinationInterface && destination == other.destination
            && destinationPort == other.destinationPort && icmp == other.icmp && timeRange == other.timeRange
            && isInactive == other.isInactive
    }
}
