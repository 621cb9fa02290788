import Firewall
import Inventory
import LPM

/// The reverse of a trace, for the firewall team: every access-control entry of every placed
/// firewall, with the traffic classes whose egress it decides.
///
/// A traffic class is what the firewall can tell apart: the source address it sees (a gateway's,
/// its Elastic IP, a NAT gateway's, a node's or a pod's), a destination region (a policy rule's
/// destination or a route's, with the more specific regions cut out) and the firewall placement,
/// with the workloads (namespaces, pods) and gateways that send such traffic. Classes come from
/// real decisions of the `Tracer` (one TCP/443 probe per workload group and region, so security
/// groups, network ACLs, routes and transit gateways count); the entries each class can meet are
/// then found by walking the applied access lists (the ingress interface's inbound list, then
/// the global one) in order: an entry *decides part* of a class when its source admits the
/// class's address, some destination reaches the region, and earlier unconditional entries do not
/// already match every packet of the class it would (it is not shadowed for the class); the first
/// entry that admits every packet of the class (`ip`, no port, no time range, a destination
/// covering the region) *decides all* of it, and no later entry sees the class.
///
/// Built once per `Simulation` (`Simulation.rulesIndex()`), off the UI thread.
public struct RulesIndex: Sendable {
    /// Traffic the firewall sees from one source address to one destination region.
    public struct TrafficClass: Hashable, Sendable {
        /// The firewall placement's name.
        public var firewall: String
        /// The namespaces of the sending pods, sorted.
        public var namespaces: [String]
        /// How many pods send it.
        public var podCount: Int
        /// One sending pod, `namespace/name` (the pod a sample trace starts from).
        public var representative: String
        /// The gateways (`namespace/name`) it leaves through; empty when it bypasses them.
        public var gateways: [String]
        /// The source address the firewall sees.
        public var source: IPAddress
        /// The destination region.
        public var destination: IPPrefix
        /// An address of the region that no more specific region covers (the probe traced).
        public var probe: IPAddress
        /// The policy and rule index that send it, when a rule does.
        public var policy: String?
        /// The rule index within `policy`.
        public var rule: Int?

        /// `payments, checkout (12 pods) via egress/gw-a 10.0.41.20 → 203.0.113.0/24`.
        public var label: String {
            namespaces.joined(separator: ", ") + " (\(podCount) pod\(podCount == 1 ? "" : "s"))"
                + (gateways.isEmpty ? " direct" : " via " + gateways.joined(separator: ", "))
                + " \(source) → \(destination)"
        }
    }

    /// One class an entry decides (four bytes: an index holds millions).
    public struct Decision: Hashable, Sendable {
        /// The class index times 2, plus 1 when the entry decides all of it.
        private var code: UInt32

        /// Index into `RulesIndex.classes` (below 2^31: an index keeps at most 2,000,000 classes).
        public var classIndex: Int {
            get { Int(code >> 1) }
            set { code = UInt32(truncatingIfNeeded: newValue) << 1 | code & 1 }
        }

        /// True when the entry decides every packet of the class; false for part of it (some
        /// protocols, ports or destinations).
        public var whole: Bool {
            get { code & 1 == 1 }
            set { code = code & ~1 | (newValue ? 1 : 0) }
        }

        /// The decision of class `classIndex` (below 2^31), all of it or part.
        public init(classIndex: Int, whole: Bool) {
            code = UInt32(truncatingIfNeeded: classIndex) << 1 | (whole ? 1 : 0)
        }
    }

    /// The classes one entry decides, in class order: a range of a buffer the whole index shares
    /// (millions of links, one allocation), read as a collection indexed from 0.
    public struct Decisions: RandomAccessCollection, Hashable, Sendable {
        private let storage: [Decision]
        private let range: Range<Int>

        /// The decisions of `decisions`, in their order.
        public init(_ decisions: [Decision]) {
            storage = decisions
            range = decisions.indices
        }

        /// The decisions at `range` of `storage` (a range within its bounds).
        init(storage: [Decision], range: Range<Int>) {
            precondition(range.lowerBound >= 0 && range.upperBound <= storage.count, "range outside the buffer")
            self.storage = storage
            self.range = range
        }

        /// Always 0.
        public var startIndex: Int { 0 }
        /// The number of decisions.
        public var endIndex: Int { range.count }

        /// The decision at `position` (from 0).
        public subscript(position: Int) -> Decision {
            precondition(position >= 0 && position < range.count, "decision index out of range")
            return storage[range.lowerBound + position]
        }

        /// Equal when they hold the same decisions in the same order (wherever they are stored).
        public static func == (lhs: Decisions, rhs: Decisions) -> Bool {
            lhs.elementsEqual(rhs)
        }

        /// Hashes the decisions in order.
        public func hash(into hasher: inout Hasher) {
            hasher.combine(count)
            for decision in self { hasher.combine(decision) }
        }
    }

    /// One access-control entry of an applied access list.
    public struct Entry: Hashable, Sendable {
        /// The firewall placement's name.
        public var firewall: String
        /// The interface the placement's traffic arrives on.
        public var interface: String
        /// The access list.
        public var accessList: String
        /// The `show access-list` line number.
        public var line: Int
        /// permit, deny or trust.
        public var action: AccessControlEntry.Action
        /// The entry as configured.
        public var text: String
        /// False for `inactive` entries (they decide nothing).
        public var isActive: Bool
        /// The time range it names, if any.
        public var timeRange: String?
        /// Its hit count in the `show access-list` capture beside the config, when there is one.
        public var hits: Int?
        /// The classes it decides, in class order.
        public var decides: Decisions
    }

    /// Every entry of every applied access list, by placement, list and line.
    public let entries: [Entry]
    /// Every traffic class met, firewall then source then destination.
    public let classes: [TrafficClass]
    /// How many trace decisions built it.
    public let decisionCount: Int

    /// Creates an index from its parts.
    public init(entries: [Entry], classes: [TrafficClass], decisionCount: Int) {
        self.entries = entries
        self.classes = classes
        self.decisionCount = decisionCount
    }

    /// The namespaces whose traffic `entry` decides, sorted.
    public func namespaces(of entry: Entry) -> [String] {
        Array(Set(entry.decides.flatMap { classes[$0.classIndex].namespaces })).sorted()
    }

    /// The gateways whose traffic `entry` decides, sorted.
    public func gateways(of entry: Entry) -> [String] {
        Array(Set(entry.decides.flatMap { classes[$0.classIndex].gateways })).sorted()
    }

    /// A packet of class `classIndex` that `entry` decides: from the class's representative pod
    /// to an address of both the class's region and the entry's destinations, with a protocol and
    /// port the entry matches and no earlier line takes (tried in turn: the entry's own protocol
    /// and port, then common ones). Falls back to the first packet tried when no packet reaches
    /// the line (it decides the class only together with earlier lines). Nil when the class is not
    /// in the index or the pod name cannot be read.
    public func sampleQuery(for entry: Entry, classIndex: Int, in simulation: Simulation) -> TraceQuery? {
        guard classes.indices.contains(classIndex) else { return nil }
        let trafficClass = classes[classIndex]
        let parts = trafficClass.representative.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let sender = TraceQuery.Sender.pod(namespace: parts[0], name: parts[1])
        var destinations = [trafficClass.probe]
        var packets: [(UInt8, UInt16?, (UInt8, UInt8)?)] = []
        let expanded = RulesIndexBuilder.expandedEntry(entry, in: simulation)
        if let expanded {
            // An entry naming a narrower destination than the region: aim inside it.
            for member in expanded.destinations {
                guard case .prefix(let prefix) = member, prefix.length > trafficClass.destination.length,
                      trafficClass.destination.contains(prefix) else { continue }
                destinations.insert(WhatIf.probes(for: [prefix]).first ?? prefix.address, at: 0)
                break
            }
            for element in expanded.elements.prefix(64) where element.source.matches(trafficClass.source)
                && RulesIndexBuilder.overlaps(element.destination, trafficClass.destination) {
                guard let number = element.service.protocolNumber else { continue }
                let filter = element.service.destinationPort ?? element.destinationPort
                let port = IPProtocolTable.carriesPorts(number) ? (filter.map(RulesIndexBuilder.firstPort) ?? 443) : nil
                var icmp: (UInt8, UInt8)?
                if let match = element.service.icmp ?? element.icmp {
                    icmp = (match.type, match.code ?? 0)
                } else if IPProtocolTable.isICMP(number) {
                    icmp = number == IPProtocolTable.icmp6 ? (128, 0) : (8, 0)
                }
                packets.append((number, port, icmp))
            }
        }
        let v6 = trafficClass.destination.family == .v6
        packets += [(6, 443, nil), (6, 80, nil), (6, 22, nil), (6, 8443, nil), (17, 53, nil), (17, 123, nil),
                    (v6 ? IPProtocolTable.icmp6 : 1, nil, v6 ? (128, 0) : (8, 0)), (6, 1, nil), (6, 65535, nil),
                    (47, nil, nil)]
        var queries: [TraceQuery] = []
        for destination in destinations {
            for (number, port, icmp) in packets {
                queries.append(TraceQuery(sender: sender, destination: destination, destinationPort: port,
                                          ipProtocol: number, icmpType: icmp?.0, icmpCode: icmp?.1))
            }
        }
        guard let placement = simulation.snapshot.config.firewalls.first(where: { $0.name == entry.firewall }),
              let classifier = simulation.firewalls.classifiers[placement.config] else { return queries.first }
        let decided = queries.first { query in
            let verdict = FirewallSet.classify(classifier, placement: placement, source: trafficClass.source, query: query)
            return verdict.accessList == entry.accessList && verdict.lineNumber == entry.line
        }
        return decided ?? queries.first
    }
}
