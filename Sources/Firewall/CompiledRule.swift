import LPM

/// One rule of a compiled access list: an active entry crossed with one member of its protocol
/// position. Within a rule, sources, destinations, ports and ICMP types are independent, so
/// each field can be matched separately and the results intersected: the rule matches exactly
/// when one of the entry's children with that protocol member does.
internal struct CompiledRule: Sendable {
    /// The entry's index in the expanded access list.
    internal let entryIndex: Int
    /// The protocol; nil is every protocol.
    internal let protocolNumber: UInt8?
    /// Source members (any of them).
    internal let sources: [AddressMember]
    /// Destination members (any of them).
    internal let destinations: [AddressMember]
    /// Source-port filters, all of which must hold; each is a list of alternatives. Empty: no
    /// source-port filter at all.
    internal let sourcePorts: [[PortOperator]]
    /// Destination-port filters, as `sourcePorts`.
    internal let destinationPorts: [[PortOperator]]
    /// ICMP filters, as `sourcePorts`.
    internal let icmp: [[ICMPMatch]]
    /// True when the entry needs a per-packet check (time range or `ifc`).
    internal let needsCheck: Bool

    /// The source ports the rule admits, as ascending disjoint ranges (all ports when it has no
    /// source-port filter).
    internal var admittedSourcePorts: [ClosedRange<UInt16>] { CompiledRule.admitted(sourcePorts) }

    /// The destination ports the rule admits, as ascending disjoint ranges.
    internal var admittedDestinationPorts: [ClosedRange<UInt16>] { CompiledRule.admitted(destinationPorts) }

    /// The intersection over `filters` of the union of each filter's alternatives.
    internal static func admitted(_ filters: [[PortOperator]]) -> [ClosedRange<UInt16>] {
        var result: [ClosedRange<UInt16>] = [0...UInt16.max]
        for alternatives in filters {
            result = PortRanges.intersection(result, PortRanges.union(alternatives.flatMap(\.ranges)))
        }
        return result
    }

    /// True when the rule admits an ICMP packet with this type and code.
    internal func admitsICMP(type: UInt8, code: UInt8) -> Bool {
        sourcePorts.isEmpty && destinationPorts.isEmpty
            && icmp.allSatisfy { alternatives in alternatives.contains { $0.matches(type: type, code: code) } }
    }

    /// True when the rule admits a packet that has neither ports nor ICMP type.
    internal var admitsOtherProtocols: Bool {
        sourcePorts.isEmpty && destinationPorts.isEmpty && icmp.isEmpty
    }

    /// The rules of `entry`, one per protocol-position member.
    internal static func rules(of entry: ExpandedAccessControlEntry, index: Int) -> [CompiledRule] {
        let needsCheck = entry.entry.timeRange != nil || entry.entry.sourceInterface != nil
            || entry.entry.destinationInterface != nil
        return entry.services.map { service in
            var sourcePorts: [[PortOperator]] = []
            if let p = service.sourcePort { sourcePorts.append([p]) }
            if let list = entry.sourcePorts { sourcePorts.append(list) }
            var destinationPorts: [[PortOperator]] = []
            if let p = service.destinationPort { destinationPorts.append([p]) }
            if let list = entry.destinationPorts { destinationPorts.append(list) }
            var icmp: [[ICMPMatch]] = []
            if let m = service.icmp { icmp.append([m]) }
            if let list = entry.icmpTypes { icmp.append(list) }
            return CompiledRule(entryIndex: index, protocolNumber: service.protocolNumber, sources: entry.sources,
                                destinations: entry.destinations, sourcePorts: sourcePorts,
                                destinationPorts: destinationPorts, icmp: icmp, needsCheck: needsCheck)
        }
    }
}
