/// An access-list entry with every name resolved: the members of each position, whose product
/// is the entry's expanded children (docs/cisco-firewall.md §6).
///
/// Children are ordered protocol/service, then source, source port, destination, destination
/// port or ICMP type (the first member varies slowest). The docs do not say in which order the
/// ASA lists children; this order only decides which child is *reported* when several match.
public struct ExpandedAccessControlEntry: Hashable, Sendable {
    /// The `show access-list` line number (shared by all children).
    public let lineNumber: Int
    /// The entry as configured.
    public let entry: AccessControlEntry
    /// Protocol-position members.
    public let services: [ServiceTerm]
    /// Source members.
    public let sources: [AddressMember]
    /// Source-port comparisons; nil when the entry has no source-port position.
    public let sourcePorts: [PortOperator]?
    /// Destination members.
    public let destinations: [AddressMember]
    /// Destination-port comparisons; nil when the entry has no destination-port position.
    public let destinationPorts: [PortOperator]?
    /// ICMP filters; nil when the entry has no ICMP position.
    public let icmpTypes: [ICMPMatch]?
    /// The time range the entry names, when it is defined.
    public let timeRange: TimeRange?

    /// Creates an expanded entry.
    public init(lineNumber: Int, entry: AccessControlEntry, services: [ServiceTerm], sources: [AddressMember],
                sourcePorts: [PortOperator]?, destinations: [AddressMember], destinationPorts: [PortOperator]?,
                icmpTypes: [ICMPMatch]?, timeRange: TimeRange?) {
        self.lineNumber = lineNumber
        self.entry = entry
        self.services = services
        self.sources = sources
        self.sourcePorts = sourcePorts
        self.destinations = destinations
        self.destinationPorts = destinationPorts
        self.icmpTypes = icmpTypes
        self.timeRange = timeRange
    }

    /// The number of children (`show access-list` counts these as elements).
    public var elementCount: Int {
        services.count * sources.count * (sourcePorts?.count ?? 1) * destinations.count
            * (destinationPorts?.count ?? 1) * (icmpTypes?.count ?? 1)
    }

    /// True when the entry can take part in matching at all (not `inactive`).
    public var isActive: Bool { !entry.isInactive }

    /// True when some member is an FQDN object (never matches offline).
    public var hasFQDN: Bool {
        sources.contains { if case .fqdn = $0 { return true } else { return false } }
            || destinations.contains { if case .fqdn = $0 { return true } else { return false } }
    }

    /// Every child in order. Use with care: the product can be large.
    public var elements: [AccessListElement] {
        var result: [AccessListElement] = []
        result.reserveCapacity(elementCount)
        forEachElement { element in
            result.append(element)
            return false
        }
        return result
    }

    /// Calls `body` with each child in order until it returns true; returns that child's index.
    @discardableResult
    public func forEachElement(_ body: (AccessListElement) -> Bool) -> Int? {
        let sourcePortChoices: [PortOperator?] = sourcePorts.map { $0.map(Optional.some) } ?? [nil]
        let destinationChoices: [(PortOperator?, ICMPMatch?)]
        if let icmpTypes {
            destinationChoices = icmpTypes.map { (nil, $0) }
        } else if let destinationPorts {
            destinationChoices = destinationPorts.map { ($0, nil) }
        } else {
            destinationChoices = [(nil, nil)]
        }
        var index = 0
        for service in services {
            for source in sources {
                for sourcePort in sourcePortChoices {
                    for destination in destinations {
                        for (destinationPort, icmp) in destinationChoices {
                            let element = AccessListElement(
                                service: service, source: source, sourcePort: sourcePort, destination: destination,
                                destinationPort: destinationPort, icmp: icmp)
                            if body(element) { return index }
                            index += 1
                        }
                    }
                }
            }
        }
        return nil
    }

    /// The first child matching `packet`, with its index, ignoring activity (inactive,
    /// time-range) and the `ifc` qualifier.
    public func firstMatchingElement(_ packet: FirewallPacket, treatingFQDNAsMatching: Bool = false)
        -> (index: Int, element: AccessListElement)?
    {
        var found: AccessListElement?
        let index = forEachElement { element in
            if element.matches(packet, treatingFQDNAsMatching: treatingFQDNAsMatching) {
                found = element
                return true
            }
            return false
        }
        guard let index, let found else { return nil }
        return (index, found)
    }

    /// True when the entry's `ifc` qualifier (FTD) admits a packet arriving on `interface`.
    public func admitsIngress(_ interface: String) -> Bool {
        entry.sourceInterface.map { $0 == interface } ?? true
    }

    /// True when the entry's destination `ifc` qualifier (FTD: FMC's destination zone) admits a
    /// packet leaving through `interface`.
    public func admitsEgress(_ interface: String) -> Bool {
        entry.destinationInterface.map { $0 == interface } ?? true
    }
}
