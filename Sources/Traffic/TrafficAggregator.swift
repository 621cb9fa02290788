import Firewall
import Inventory
import LPM

/// Folds flow-log records and firewall syslog messages into per-attribution totals as they
/// stream in (a listener can feed it line by line), with bounded memory: connections are
/// forgotten `connectionHorizon` seconds after the newest record time seen.
///
/// - Egress traffic is traffic between a cluster-side address (VPC CIDRs, IP pools, the VPC's
///   Elastic IPs and NAT gateway addresses) and an address outside them; `bytesOut` flows from
///   the cluster side.
/// - A connection (5-tuple, consecutive or overlapping intervals) is one flow, counted from one
///   ENI: the ENI that owns its cluster-side address when that ENI logged it, else the first
///   ENI seen; records of other ENIs for the same connection are duplicates.
/// - REJECT records and firewall denies add to `denied`, never to bytes or flows.
public final class TrafficAggregator {
    /// Records of one 5-tuple further apart than this (seconds) are separate flows.
    public static let flowGap: Int64 = 120
    /// Connections idle this long (seconds, in record time) are forgotten.
    public static let connectionHorizon: Int64 = 7200

    /// Totals of one attribution (or of the unattributed traffic).
    struct Totals {
        var bytesOut: UInt64 = 0
        var bytesIn: UInt64 = 0
        var packets: UInt64 = 0
        var flows: UInt64 = 0
        var denied: UInt64 = 0
        var bytesByPath = [UInt64](repeating: 0, count: TrafficPathType.allCases.count)
        var cost: Double = 0
    }

    /// What is known of one connection: when it was last seen, from which ENI, and the number of
    /// what the counting ENI contributed (`contributions`; so the owning ENI's view can replace
    /// it). 16 bytes: with its key, half a cache line of the connection table.
    struct Connection: FlatTableValue {
        var lastEnd: Int64
        /// The counting ENI's number (`interfaceNumbers`; 0: the record had no `interface-id`),
        /// with `ownerCounted` set once the ENI owning the cluster-side address counted it.
        var interface: UInt32
        /// The number of its entry in `contributions`.
        var contribution: UInt32

        /// The bit of `interface` that says the owning ENI counted the connection.
        static let ownerCounted: UInt32 = 1 << 31

        static var vacant: Connection { Connection(lastEnd: 0, interface: 0, contribution: .max) }
    }

    /// What the Snapshot says of one IPv4 address, looked up once per record side.
    struct AddressFacts: FlatTableValue {
        /// An Elastic IP or NAT gateway public address of the VPC.
        var publicFace = false
        /// A NAT gateway's private address.
        var natPrivate = false
        /// The only secondary address of the ENI whose primary this is.
        var soleSecondary: IPAddress?
        /// The ENI holding the address.
        var ownerInterface: NetworkInterfaceID?

        static var vacant: AddressFacts { AddressFacts() }
    }

    /// Connections held at most; past it, those idle longest are forgotten early.
    public static let connectionLimit = 8_000_000
    /// Record-time seconds between sweeps of idle connections.
    static let sweepInterval: Int64 = connectionHorizon / 4
    /// Distinct IPv6 (or mixed-family) addresses numbered for connection keys before the numbering restarts.
    static let addressNumberLimit = 1 << 20
    /// Distinct ENIs numbered for connections before the numbering restarts (and connections are forgotten).
    static let interfaceNumberLimit = 1 << 20

    let attributor: TrafficAttributor
    let prices: PriceTable
    /// Only records and messages whose time is in [since, until) count.
    public let since: Int64?
    /// The end of the window (exclusive).
    public let until: Int64?
    /// True when syslog byte counts are used (no flow logs describe the traffic).
    public var countSyslogBytes = false

    private let clusterNetworks: CompiledPrefixTable<Bool>
    private let publicFaces: Set<IPAddress>
    private let natPrivateAddresses: Set<IPAddress>
    private let ownerInterface: [IPAddress: NetworkInterfaceID]
    private let soleSecondary: [IPAddress: IPAddress]
    /// The same facts for IPv4 addresses, keyed by the address value.
    private let addressFacts: FlatTable<AddressFacts>
    // The state a record changes is exempt from the runtime's exclusivity checks (each access
    // cost a call and a thread-local lookup, about 6% of counting): an aggregator is used from
    // one thread at a time and none of its methods re-enters another or overlaps two accesses
    // to one property (FastAggregationTests would not notice a breach; review changes with that in mind).
    @exclusivity(unchecked) private var totals: [Totals] = []
    @exclusivity(unchecked) private var unattributedTotals = Totals()
    /// Per attribution id: its cost rates and path index (-1: none), filled as ids appear.
    @exclusivity(unchecked) private var rates: [TrafficCostRates] = []
    @exclusivity(unchecked) private var pathIndexes: [Int] = []
    /// Connections keyed by both addresses (IPv4 values, else numbers from `addressNumbers`),
    /// ports and protocol.
    @exclusivity(unchecked) private var connections = ShardedFlatTable<Connection>()
    /// What the counting ENI contributed to each connection, by `Connection.contribution`.
    @exclusivity(unchecked) private var contributions = ConnectionContributions()
    @exclusivity(unchecked) private var addressNumbers: [IPAddress: UInt64] = [:]
    /// ENI ids numbered from 1 for `Connection.interface`.
    @exclusivity(unchecked) private var interfaceNumbers = FlatTable<UInt32>()
    /// Connections held now.
    var connectionCount: Int {
        flush()
        return connections.count
    }
    @exclusivity(unchecked) private var newestTime: Int64 = .min
    @exclusivity(unchecked) private var sweptAt: Int64 = .min
    /// What was read and skipped (records still pending counted first).
    public var sources: TrafficSources {
        flush()
        return counted
    }
    @exclusivity(unchecked) private var counted = TrafficSources()
    /// Records added and not yet counted: `add(_:)` counts them `batchSize` at a time, first
    /// reading the connection and attribution slots of the whole batch, so that their cache
    /// misses overlap instead of following one another. Everything that reads or changes the
    /// totals counts them first, so the batching never shows.
    @exclusivity(unchecked) private var pending: [FlowLogRecord] = []
    /// Records counted as one batch.
    static let batchSize = 16
    /// The pending records' sides, found once per record.
    @exclusivity(unchecked) private var pendingSides: [Sides?] = []
    /// The slots the pending batch will probe first, loaded from before it is counted.
    @exclusivity(unchecked) private var touchAddresses: [UnsafeRawPointer] = []
    /// What the batch's early loads read (kept so the loads are made).
    @exclusivity(unchecked) private var touchedWords: UInt64 = 0

    /// An aggregator over `snapshot`; `ownership` answers who owned an address at a record's
    /// time (default: the Snapshot).
    public init(snapshot: Snapshot, ownership: (any AddressOwnership)? = nil, since: Int64? = nil, until: Int64? = nil) {
        attributor = TrafficAttributor(snapshot: snapshot, ownership: ownership ?? SnapshotOwnership(snapshot: snapshot))
        prices = snapshot.config.prices
        self.since = since
        self.until = until
        var networks = PrefixTable<Bool>()
        for vpc in snapshot.aws.vpcs { for cidr in vpc.allCIDRs { networks.insert(true, for: cidr) } }
        for pool in snapshot.cluster.ipPools { networks.insert(true, for: pool.cidr) }
        clusterNetworks = networks.compiled()
        var faces = Set(snapshot.aws.elasticIPs.map(\.publicIP))
        var natPrivate = Set<IPAddress>()
        for nat in snapshot.aws.natGateways {
            for address in nat.addresses {
                if let ip = address.publicIP { faces.insert(ip) }
                if let ip = address.privateIP { natPrivate.insert(ip) }
            }
        }
        publicFaces = faces
        natPrivateAddresses = natPrivate
        var owners: [IPAddress: NetworkInterfaceID] = [:]
        for (address, eni) in snapshot.networkInterfaceByPrivateIP {
            if let id = NetworkInterfaceID(eni) { owners[address] = id }
        }
        ownerInterface = owners
        var sole: [IPAddress: IPAddress] = [:]
        for eni in snapshot.aws.networkInterfaces {
            let secondaries = eni.privateIPAddresses.filter { !$0.primary }.map(\.address)
            if let primary = eni.privateIPAddress, secondaries.count == 1 { sole[primary] = secondaries[0] }
        }
        soleSecondary = sole
        var facts = FlatTable<AddressFacts>()
        func update(_ address: IPAddress, _ body: (inout AddressFacts) -> Void) {
            guard case .v4(let v4) = address else { return }
            let key = FlatTable<AddressFacts>.Key(a: UInt64(v4.value), b: 0)
            var value = facts[key] ?? AddressFacts()
            body(&value)
            facts.set(key, value)
        }
        for address in faces { update(address) { $0.publicFace = true } }
        for address in natPrivate { update(address) { $0.natPrivate = true } }
        for (address, real) in sole { update(address) { $0.soleSecondary = real } }
        for (address, id) in owners { update(address) { $0.ownerInterface = id } }
        addressFacts = facts
    }

    /// True when `address` is on the cluster side: in a VPC CIDR or IP pool, or a public face
    /// (Elastic IP, NAT gateway address) of the VPC.
    public func isClusterSide(_ address: IPAddress) -> Bool {
        clusterNetworks.longestMatchIndex(address) != nil || publicFaces.contains(address)
    }

    private func inWindow(_ time: Int64?) -> Bool {
        guard let time else { return true }
        if let since, time < since { return false }
        if let until, time >= until { return false }
        return true
    }

    // MARK: - Flow logs

    /// Notes a flow-log file's summary for `sources`.
    public func noteFlowLogFile(_ summary: FlowLogReader.Summary) {
        flush()
        counted.flowLogs.append(summary)
    }

    /// Adds one OK flow-log record (counted with the next batch, before anything reads the totals).
    public func add(_ record: FlowLogRecord) {
        pending.append(record)
        if pending.count >= Self.batchSize { flush() }
    }

    /// Counts the pending records, in the order they were added.
    func flush() {
        guard !pending.isEmpty else { return }
        // First where the batch's slots are, then one tight loop of independent loads (their
        // cache misses overlap), then the counting, which finds the slots cached.
        // Each record's sides are found once, here (they depend only on the Snapshot).
        touchAddresses.removeAll(keepingCapacity: true)
        pendingSides.removeAll(keepingCapacity: true)
        for record in pending {
            let sides = sides(of: record)
            pendingSides.append(sides)
            if let sides { addTouchAddresses(record, sides) }
        }
        var touched: UInt64 = 0
        for address in touchAddresses { touched ^= address.load(as: UInt64.self) }
        touchedWords ^= touched
        for index in pending.indices { count(pending[index], pendingSides[index]) }
        pending.removeAll(keepingCapacity: true)
    }

    /// The cluster side and the remote side of a record, when exactly one side is the cluster's.
    private struct Sides {
        var cluster: IPAddress
        var clusterFacts: AddressFacts
        var remote: IPAddress
        /// True when the record's source is the cluster side.
        var sourceSide: Bool
    }

    /// Which side of a record from `source` to `destination` is the cluster's; nil when both or neither are.
    @inline(__always)
    private func sides(_ source: IPAddress, _ destination: IPAddress, hasPacketAddresses: Bool) -> Sides? {
        var source = source
        var destination = destination
        var sourceFacts = facts(of: source)
        var destinationFacts = facts(of: destination)
        if !hasPacketAddresses {
            // Without pkt-* fields the ENI's own address is its primary: when the ENI carries one
            // secondary address (a gateway on its own ENI), that address is the real one.
            if let real = sourceFacts.soleSecondary {
                source = real
                sourceFacts = facts(of: real)
            }
            if let real = destinationFacts.soleSecondary {
                destination = real
                destinationFacts = facts(of: real)
            }
        }
        let sourceSide = isClusterSide(source, sourceFacts)
        guard sourceSide != isClusterSide(destination, destinationFacts) else { return nil }
        return Sides(cluster: sourceSide ? source : destination, clusterFacts: sourceSide ? sourceFacts : destinationFacts,
                     remote: sourceSide ? destination : source, sourceSide: sourceSide)
    }

    /// Notes where the connection and attribution slots an IPv4 record will probe first lie
    /// (changing nothing else).
    @inline(__always)
    private func addTouchAddresses(_ record: FlowLogRecord, _ sides: Sides) {
        guard case .v4(let cluster) = sides.cluster, case .v4(let remote) = sides.remote else { return }
        let clusterPort = (sides.sourceSide ? record.sourcePort : record.destinationPort) ?? 0
        let remotePort = (sides.sourceSide ? record.destinationPort : record.sourcePort) ?? 0
        let ports = UInt64(clusterPort) << 24 | UInt64(remotePort) << 8 | UInt64(record.ipProtocol ?? 0)
        let pair = UInt64(cluster.value) << 32 | UInt64(remote.value)
        touchAddresses.append(connections.slotAddress(probing: .init(a: pair, b: ports)))
        touchAddresses.append(attributor.slotAddress(probing: pair))
    }

    /// The sides of `record` (`sides(_:_:hasPacketAddresses:)`); nil without both addresses.
    @inline(__always)
    private func sides(of record: FlowLogRecord) -> Sides? {
        guard let source = record.effectiveSource, let destination = record.effectiveDestination else { return nil }
        return sides(source, destination, hasPacketAddresses: record.packetSourceAddress != nil
                         || record.packetDestinationAddress != nil)
    }

    /// Counts one record, whose sides (`sides(of:)`) are `sides`.
    private func count(_ record: FlowLogRecord, _ sides: Sides?) {
        guard inWindow(record.start) else {
            counted.outsideWindow += 1
            return
        }
        // Without both addresses, or with both or neither on the cluster side: not egress.
        guard let sides else {
            counted.notEgress += 1
            return
        }
        let hasPacketAddresses = record.packetSourceAddress != nil || record.packetDestinationAddress != nil
        let cluster = sides.cluster
        let clusterFacts = sides.clusterFacts
        let remote = sides.remote
        let sourceSide = sides.sourceSide
        if hasPacketAddresses, clusterFacts.natPrivate {
            // The NAT gateway's translated side: the same traffic is on its client-side records.
            counted.natTranslated += 1
            return
        }
        let attribution = attributor.attribute(cluster, destination: remote, time: record.start)
        let id = attribution ?? -1
        if id >= rates.count { noteAttributions(through: id) }
        if record.action == .reject {
            if id < 0 { unattributedTotals.denied += 1 } else { totals[id].denied += 1 }
            return
        }
        let time = record.start ?? 0
        if time > newestTime { newestTime = time }
        let clusterPort = (sourceSide ? record.sourcePort : record.destinationPort) ?? 0
        let remotePort = (sourceSide ? record.destinationPort : record.sourcePort) ?? 0
        let key = connectionKey(cluster, remote, clusterPort: clusterPort, remotePort: remotePort,
                                ipProtocol: record.ipProtocol ?? 0)
        let bytes = record.bytes ?? 0
        let out = sourceSide ? bytes : 0
        let inbound = sourceSide ? 0 : bytes
        let packets = record.packets ?? 0
        let start = record.start ?? 0
        let end = record.end ?? start
        let cost = id < 0 ? 0 : rates[id].cost(out: out, in: inbound)
        let interface = interfaceNumber(record.interfaceID)

        let found = connections.find(key)
        if let slot = found, Self.continues(start, after: connections[slot: slot].lastEnd) {
            var connection = connections[slot: slot]
            connection.lastEnd = max(connection.lastEnd, end)
            if connection.interface & ~Connection.ownerCounted == interface {
                var contribution = contributions[connection.contribution]
                contribution.bytesOut += out
                contribution.bytesIn += inbound
                contribution.packets += packets
                contribution.cost += cost
                contributions[connection.contribution] = contribution
                add(id, out: out, in: inbound, packets: packets, flows: 0, cost: cost)
            } else if connection.interface & Connection.ownerCounted == 0, let eni = record.interfaceID,
                      eni == owningInterface(cluster, clusterFacts) {
                // The owning ENI's view replaces what another ENI reported for this connection.
                counted.duplicates += 1
                subtract(contributions[connection.contribution])
                connection.interface = interface | Connection.ownerCounted
                contributions[connection.contribution] = .init(bytesOut: out, bytesIn: inbound, packets: packets, cost: cost,
                                                               attribution: Int32(id))
                add(id, out: out, in: inbound, packets: packets, flows: 0, cost: cost)
            } else {
                counted.duplicates += 1
            }
            connections[slot: slot] = connection
        } else {
            // Whether the first ENI owns the address is only asked when a second ENI reports the connection.
            let isOwner = record.interfaceID != nil && record.interfaceID == owningInterface(cluster, clusterFacts)
            let contribution = ConnectionContributions.Contribution(bytesOut: out, bytesIn: inbound, packets: packets,
                                                                    cost: cost, attribution: Int32(id))
            let counting = isOwner ? interface | Connection.ownerCounted : interface
            if let slot = found {
                // A new flow of a 5-tuple seen before: it takes the old flow's place and contribution number.
                let number = connections[slot: slot].contribution
                contributions[number] = contribution
                connections[slot: slot] = Connection(lastEnd: end, interface: counting, contribution: number)
            } else {
                connections.set(key, Connection(lastEnd: end, interface: counting, contribution: contributions.append(contribution)))
            }
            add(id, out: out, in: inbound, packets: packets, flows: 1, cost: cost)
            if connections.count > Self.connectionLimit || newestTime >= sweptAt &+ Self.sweepInterval { sweep() }
        }
    }

    /// True when a record starting at `start` continues a connection last seen ending at
    /// `lastEnd` (within `flowGap`; no overflow near the ends of the range).
    @inline(__always)
    private static func continues(_ start: Int64, after lastEnd: Int64) -> Bool {
        lastEnd > Int64.max - flowGap || start <= lastEnd + flowGap
    }

    /// The number of `interface` for `Connection.interface` (0 for none), numbering it when new.
    @inline(__always)
    private func interfaceNumber(_ interface: NetworkInterfaceID?) -> UInt32 {
        guard let interface else { return 0 }
        let key = FlatTable<UInt32>.Key(a: interface.low, b: interface.high)
        if let slot = interfaceNumbers.find(key) { return interfaceNumbers[slot: slot] }
        if interfaceNumbers.count >= Self.interfaceNumberLimit {
            // Numbers restart: connections counted under the old ones are forgotten with them.
            interfaceNumbers = FlatTable()
            connections = ShardedFlatTable()
            contributions.removeAll()
        }
        let next = UInt32(interfaceNumbers.count + 1)
        interfaceNumbers.set(key, next)
        return next
    }

    /// The ENI holding `address` (its facts when IPv4).
    @inline(__always)
    private func owningInterface(_ address: IPAddress, _ facts: AddressFacts) -> NetworkInterfaceID? {
        if case .v4 = address { return facts.ownerInterface }
        return ownerInterface[address]
    }

    @inline(__always)
    private func facts(of address: IPAddress) -> AddressFacts {
        switch address {
        case .v4(let v4):
            return addressFacts[FlatTable<AddressFacts>.Key(a: UInt64(v4.value), b: 0)] ?? AddressFacts()
        case .v6:
            var value = AddressFacts()
            value.publicFace = publicFaces.contains(address)
            value.natPrivate = natPrivateAddresses.contains(address)
            value.soleSecondary = soleSecondary[address]
            return value
        }
    }

    @inline(__always)
    private func isClusterSide(_ address: IPAddress, _ facts: AddressFacts) -> Bool {
        facts.publicFace || clusterNetworks.longestMatchIndex(address) != nil
    }

    /// Both addresses (IPv4 values, or numbers), the ports and the protocol in two words; the
    /// top bit tells numbered addresses apart.
    private func connectionKey(_ cluster: IPAddress, _ remote: IPAddress, clusterPort: UInt16, remotePort: UInt16,
                               ipProtocol: UInt8) -> FlatTable<Connection>.Key {
        let ports = UInt64(clusterPort) << 24 | UInt64(remotePort) << 8 | UInt64(ipProtocol)
        if case .v4(let c) = cluster, case .v4(let r) = remote {
            return .init(a: UInt64(c.value) << 32 | UInt64(r.value), b: ports)
        }
        return .init(a: number(cluster) << 32 | number(remote), b: ports | 1 << 63)
    }

    private func number(_ address: IPAddress) -> UInt64 {
        if let known = addressNumbers[address] { return known }
        if addressNumbers.count >= Self.addressNumberLimit {
            // Numbers restart: connections keyed by the old ones are forgotten with them.
            addressNumbers.removeAll()
            keepConnections { key, _ in key.b >> 63 == 0 }
        }
        let next = UInt64(addressNumbers.count)
        addressNumbers[address] = next
        return next
    }

    private func noteAttributions(through id: Int) {
        while rates.count <= id {
            let attribution = attributor.interned[rates.count]
            rates.append(TrafficCostRates(attribution, prices: prices))
            pathIndexes.append(TrafficPathType.allCases.firstIndex(of: attribution.path) ?? -1)
            totals.append(Totals())
        }
    }

    /// Forgets connections idle longer than the horizon (in record time). Over the limit, the
    /// horizon shrinks (down to the flow gap) until half the limit remains, else all are forgotten.
    private func sweep() {
        sweptAt = newestTime
        let overLimit = connections.count > Self.connectionLimit
        var horizon = Self.connectionHorizon
        repeat {
            let oldest = newestTime - horizon
            keepConnections { _, connection in connection.lastEnd >= oldest }
            horizon /= 2
        } while overLimit && connections.count > Self.connectionLimit / 2 && horizon >= Self.flowGap
        if connections.count > Self.connectionLimit {
            connections = ShardedFlatTable()
            contributions.removeAll()
        }
    }

    /// Keeps the connections `keep` accepts, their contributions renumbered into a new store.
    private func keepConnections(_ keep: (FlatTable<Connection>.Key, Connection) -> Bool) {
        let kept = ConnectionContributions()
        let old = contributions
        connections.rebuild(keepingChanged: { key, connection in
            guard keep(key, connection) else { return false }
            connection.contribution = kept.append(old[connection.contribution])
            return true
        })
        contributions = kept
    }

    private func subtract(_ contribution: ConnectionContributions.Contribution) {
        let id = Int(contribution.attribution)
        let path = id < 0 ? -1 : pathIndexes[id]
        func take(_ totals: inout Totals) {
            totals.bytesOut -= min(totals.bytesOut, contribution.bytesOut)
            totals.bytesIn -= min(totals.bytesIn, contribution.bytesIn)
            totals.packets -= min(totals.packets, contribution.packets)
            totals.cost -= contribution.cost
            if path >= 0 {
                totals.bytesByPath[path] -= min(totals.bytesByPath[path], contribution.bytesOut + contribution.bytesIn)
            }
        }
        if id < 0 { take(&unattributedTotals) } else { take(&totals[id]) }
    }

    @inline(__always)
    private func add(_ id: Int, out: UInt64, in inbound: UInt64, packets: UInt64, flows: UInt64, cost: Double) {
        func put(_ totals: inout Totals, _ path: Int) {
            totals.bytesOut += out
            totals.bytesIn += inbound
            totals.packets += packets
            totals.flows += flows
            totals.cost += cost
            if path >= 0 { totals.bytesByPath[path] += out + inbound }
        }
        if id < 0 { put(&unattributedTotals, -1) } else { put(&totals[id], pathIndexes[id]) }
    }

    private func mutateTotals(_ id: Int?, _ body: (inout Totals) -> Void) {
        guard let id else {
            body(&unattributedTotals)
            return
        }
        noteAttributions(through: id)
        body(&totals[id])
    }

    // MARK: - Syslog

    /// Notes a syslog file's summary for `sources`.
    public func noteSyslogFile(_ summary: SyslogReader.Summary) {
        flush()
        counted.syslog.append(summary)
    }

    /// Adds one firewall message at `time`: denies add to `denied`; connection byte counts
    /// (430003, 302014/302016) add bytes and a flow only when `countSyslogBytes` is set.
    public func add(_ message: AsaSyslogMessage, time: Int64?) {
        flush()
        guard inWindow(time) else {
            counted.outsideWindow += 1
            return
        }
        let candidates = message.source.map { [$0] + message.endpoints.filter { $0 != message.source } } ?? message.endpoints
        guard let clusterEndpoint = candidates.first(where: { isClusterSide($0.address) }),
              let remoteEndpoint = candidates.first(where: { !isClusterSide($0.address) })
        else {
            counted.notEgress += 1
            return
        }
        let attribution = attributor.attribute(clusterEndpoint.address, destination: remoteEndpoint.address, time: time)
        if message.isDenied {
            mutateTotals(attribution) { $0.denied += 1 }
            return
        }
        guard countSyslogBytes else { return }
        var out: UInt64 = 0
        var inbound: UInt64 = 0
        switch message.event {
        case .connectionEnd:
            let initiatorIsCluster = message.source.map { isClusterSide($0.address) } ?? true
            out = (initiatorIsCluster ? message.initiatorBytes : message.responderBytes) ?? 0
            inbound = (initiatorIsCluster ? message.responderBytes : message.initiatorBytes) ?? 0
        case .connectionTeardown:
            // One counter for both directions (docs/traffic.md §3.4): booked as out.
            out = message.bytes ?? 0
        default:
            return
        }
        let id = attribution ?? -1
        if id >= rates.count { noteAttributions(through: id) }
        add(id, out: out, in: inbound, packets: 0, flows: 1, cost: id < 0 ? 0 : rates[id].cost(out: out, in: inbound))
    }

    // MARK: - Report

    /// The rows keyed by `grouping`, largest first (out + in, then key), at most `top` of them.
    public func report(by grouping: TrafficGrouping, top: Int? = nil) -> TrafficReport {
        flush()
        var rows: [String: TrafficRow] = [:]
        for (id, totals) in totals.enumerated() {
            guard totals.bytesOut + totals.bytesIn + totals.packets + totals.flows + totals.denied > 0 else { continue }
            let attribution = attributor.interned[id]
            let key: String
            switch grouping {
            case .namespace: key = attribution.namespaces.joined(separator: "+")
            case .gateway: key = attribution.gateways.joined(separator: "+")
            case .egressIP: key = attribution.egressIP?.description ?? "-"
            case .rule: key = attribution.rules.isEmpty ? "-" : attribution.rules.joined(separator: "+")
            case .destination: key = attribution.destination.description
            case .path: key = attribution.path.rawValue
            }
            var row = rows[key] ?? TrafficRow(key: key)
            row.namespaces = Array(Set(row.namespaces).union(attribution.namespaces)).sorted()
            row.bytesOut += totals.bytesOut
            row.bytesIn += totals.bytesIn
            row.packets += totals.packets
            row.flows += totals.flows
            row.denied += totals.denied
            for (index, path) in TrafficPathType.allCases.enumerated() where totals.bytesByPath[index] > 0 {
                row.bytesByPath[path, default: 0] += totals.bytesByPath[index]
            }
            row.estimatedCostUSD += totals.cost
            rows[key] = row
        }
        var sorted = rows.values.map { row -> TrafficRow in
            var row = row
            row.shared = row.namespaces.count > 1
            row.estimatedCostUSD = (row.estimatedCostUSD * 1_000_000).rounded() / 1_000_000
            return row
        }
        sorted.sort { a, b in
            let (x, y) = (a.bytesOut + a.bytesIn, b.bytesOut + b.bytesIn)
            return x != y ? x > y : a.key < b.key
        }
        if let top, top >= 0, sorted.count > top { sorted = Array(sorted.prefix(top)) }
        let u = unattributedTotals
        return TrafficReport(by: grouping, since: since, until: until, rows: sorted,
                             unattributed: TrafficTotals(bytesOut: u.bytesOut, bytesIn: u.bytesIn, packets: u.packets,
                                                         flows: u.flows, denied: u.denied),
                             prices: prices, sources: counted)
    }
}

/// ENI numbers in `TrafficAggregator.interfaceNumbers`.
extension UInt32: FlatTableValue {
    static var vacant: UInt32 { 0 }
}
