/// An access list with every entry expanded: the common input of the linear reference evaluator
/// and the compiled classifier.
public struct ExpandedAccessList: Hashable, Sendable {
    /// The access list as configured.
    public let accessList: AccessList
    /// Every entry (inactive ones included) in line order.
    public let entries: [ExpandedAccessControlEntry]
    /// `show access-list` numbers of lines that could not be parsed (they never match).
    public let unparsedLineNumbers: [Int]

    /// The access-list name.
    public var name: String { accessList.name }

    /// Expands `accessList` against the objects, groups, interfaces and time ranges of `config`.
    public init(_ accessList: AccessList, in config: FirewallConfig) {
        var resolver = ObjectResolver(config: config)
        self.init(accessList, in: config, resolver: &resolver)
    }

    /// Expands `accessList` with `resolver`, whose group expansions are shared with the other
    /// access lists it expands.
    internal init(_ accessList: AccessList, in config: FirewallConfig, resolver: inout ObjectResolver) {
        var entries: [ExpandedAccessControlEntry] = []
        var unparsed: [Int] = []
        for (index, line) in accessList.lines.enumerated() {
            switch line {
            case .remark: continue
            case .unparsed: unparsed.append(index + 1)
            case .entry(let entry):
                entries.append(ExpandedAccessList.expand(entry, lineNumber: index + 1, config: config,
                                                         resolver: &resolver))
            }
        }
        self.accessList = accessList
        self.entries = entries
        self.unparsedLineNumbers = unparsed
    }

    internal static func expand(_ entry: AccessControlEntry, lineNumber: Int, config: FirewallConfig,
                       resolver: inout ObjectResolver) -> ExpandedAccessControlEntry {
        let line = entry.line
        var icmp6 = false
        if case .number(let n) = entry.protocolSpecifier { icmp6 = n == IPProtocolTable.icmp6 }
        let services = resolver.services(entry.protocolSpecifier, icmp6Context: icmp6, line: line)
        let sources = resolver.addresses(entry.source, line: line)
        let destinations = resolver.addresses(entry.destination, line: line)
        let sourcePorts = entry.sourcePort.map { resolver.ports($0, line: line) }
        let destinationPorts = entry.destinationPort.map { resolver.ports($0, line: line) }
        let icmpTypes = entry.icmp.map { resolver.icmpTypes($0, icmp6: icmp6, line: line) }
        let timeRange = entry.timeRange.flatMap { config.timeRanges[$0] }
        return ExpandedAccessControlEntry(
            lineNumber: lineNumber, entry: entry, services: services, sources: sources, sourcePorts: sourcePorts,
            destinations: destinations, destinationPorts: destinationPorts, icmpTypes: icmpTypes, timeRange: timeRange)
    }

    /// The number of expanded elements, as the `show access-list` header counts them
    /// (entries' children; remarks count 0). Inactive entries are counted too.
    public var elementCount: Int {
        entries.reduce(0) { $0 + $1.elementCount }
    }
}
