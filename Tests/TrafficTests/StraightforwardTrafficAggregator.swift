import Firewall
import Inventory
import LPM
@testable import Traffic

/// The aggregator as first written, kept as the reference the fast one is compared with: every
/// lookup through `IPAddress`-keyed dictionaries, connections swept by filtering the whole table
/// every 65,536 records, and plans that decide every workload for every destination.
final class StraightforwardTrafficAggregator {
    /// Records of one 5-tuple further apart than this (seconds) are separate flows.
    static let flowGap: Int64 = 120
    /// Connections idle this long (seconds, in record time) are forgotten.
    static let connectionHorizon: Int64 = 7200

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

    private struct ConnectionKey: Hashable {
        let cluster: IPAddress
        let remote: IPAddress
        let clusterPort: UInt16
        let remotePort: UInt16
        let ipProtocol: UInt8
    }

    private struct Connection {
        var lastEnd: Int64
        var interface: NetworkInterfaceID?
        var ownerCounted: Bool
        var attribution: Int
        var contributedOut: UInt64
        var contributedIn: UInt64
        var contributedPackets: UInt64
        var contributedCost: Double
    }

    let attributor: TrafficAttributor
    let prices: PriceTable
    /// Only records and messages whose time is in [since, until) count.
    let since: Int64?
    /// The end of the window (exclusive).
    let until: Int64?
    /// True when syslog byte counts are used (no flow logs describe the traffic).
    var countSyslogBytes = false

    private let clusterNetworks: CompiledPrefixTable<Bool>
    private let publicFaces: Set<IPAddress>
    private let natPrivateAddresses: Set<IPAddress>
    private let ownerInterface: [IPAddress: NetworkInterfaceID]
    private let soleSecondary: [IPAddress: IPAddress]
    private var totals: [Totals] = []
    private var unattributedTotals = Totals()
    private var connections: [ConnectionKey: Connection] = [:]
    private var newestTime: Int64 = .min
    private var recordsSinceSweep = 0
    /// What was read and skipped.
    private(set) var sources = TrafficSources()

    /// An aggregator over `snapshot`; `ownership` answers who owned an address at a record's
    /// time (default: the Snapshot).
    init(snapshot: Snapshot, ownership: (any AddressOwnership)? = nil, since: Int64? = nil, until: Int64? = nil) {
        attributor = TrafficAttributor(snapshot: snapshot, ownership: ownership ?? SnapshotOwnership(snapshot: snapshot),
                                       decidesEveryWorkload: true)
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
    }

    /// True when `address` is on the cluster side: in a VPC CIDR or IP pool, or a face
    /// (Elastic IP, NAT gateway address) of the VPC.
    func isClusterSide(_ address: IPAddress) -> Bool {
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
    func noteFlowLogFile(_ summary: FlowLogReader.Summary) {
        sources.flowLogs.append(summary)
    }

    /// Adds one OK flow-log record.
    func add(_ record: FlowLogRecord) {
        guard inWindow(record.start) else {
            sources.outsideWindow += 1
            return
        }
        guard var source = record.effectiveSource, var destination = record.effectiveDestination else {
            sources.notEgress += 1
            return
        }
        let hasPacketAddresses = record.packetSourceAddress != nil || record.packetDestinationAddress != nil
        if !hasPacketAddresses {
            // Without pkt-* fields the ENI's own address is its primary: when the ENI carries one
            // secondary address (a gateway on its own ENI), that address is the real one.
            if let real = soleSecondary[source] { source = real }
            if let real = soleSecondary[destination] { destination = real }
        }
        let sourceSide = isClusterSide(source)
        guard sourceSide != isClusterSide(destination) else {
            sources.notEgress += 1
            return
        }
        let cluster = sourceSide ? source : destination
        let remote = sourceSide ? destination : source
        if hasPacketAddresses, natPrivateAddresses.contains(cluster) {
            // The NAT gateway's translated side: the same traffic is on its client-side records.
            sources.natTranslated += 1
            return
        }
        let attribution = attributor.attribute(cluster, destination: remote, time: record.start)
        if record.action == .reject {
            mutateTotals(attribution) { $0.denied += 1 }
            return
        }
        let time = record.start ?? 0
        if time > newestTime { newestTime = time }
        let key = ConnectionKey(cluster: cluster, remote: remote,
                                clusterPort: (sourceSide ? record.sourcePort : record.destinationPort) ?? 0,
                                remotePort: (sourceSide ? record.destinationPort : record.sourcePort) ?? 0,
                                ipProtocol: record.ipProtocol ?? 0)
        let bytes = record.bytes ?? 0
        let out = sourceSide ? bytes : 0
        let inbound = sourceSide ? 0 : bytes
        let packets = record.packets ?? 0
        let start = record.start ?? 0
        let end = record.end ?? start
        let id = attribution ?? -1
        let cost = estimatedCost(attribution, out: out, in: inbound)

        if var connection = connections[key], start <= connection.lastEnd + Self.flowGap {
            connection.lastEnd = max(connection.lastEnd, end)
            if connection.interface == record.interfaceID {
                connection.contributedOut += out
                connection.contributedIn += inbound
                connection.contributedPackets += packets
                connection.contributedCost += cost
                add(id, out: out, in: inbound, packets: packets, flows: 0, cost: cost)
            } else if !connection.ownerCounted, let interface = record.interfaceID, interface == ownerInterface[cluster] {
                // The owning ENI's view replaces what another ENI reported for this connection.
                sources.duplicates += 1
                subtract(connection)
                connection.interface = record.interfaceID
                connection.ownerCounted = true
                connection.attribution = id
                connection.contributedOut = out
                connection.contributedIn = inbound
                connection.contributedPackets = packets
                connection.contributedCost = cost
                add(id, out: out, in: inbound, packets: packets, flows: 0, cost: cost)
            } else {
                sources.duplicates += 1
            }
            connections[key] = connection
        } else {
            // Whether the first ENI owns the address is only asked when a second ENI reports the connection.
            let isOwner = record.interfaceID != nil && record.interfaceID == ownerInterface[cluster]
            connections[key] = Connection(lastEnd: end, interface: record.interfaceID, ownerCounted: isOwner,
                                          attribution: id, contributedOut: out, contributedIn: inbound,
                                          contributedPackets: packets, contributedCost: cost)
            add(id, out: out, in: inbound, packets: packets, flows: 1, cost: cost)
        }
        recordsSinceSweep += 1
        if recordsSinceSweep >= 65_536 { sweep() }
    }

    private func sweep() {
        recordsSinceSweep = 0
        let horizon = newestTime - Self.connectionHorizon
        connections = connections.filter { $0.value.lastEnd >= horizon }
    }

    private func subtract(_ connection: Connection) {
        mutateTotals(connection.attribution < 0 ? nil : connection.attribution) { totals in
            totals.bytesOut -= min(totals.bytesOut, connection.contributedOut)
            totals.bytesIn -= min(totals.bytesIn, connection.contributedIn)
            totals.packets -= min(totals.packets, connection.contributedPackets)
            totals.cost -= connection.contributedCost
            let path = pathIndex(connection.attribution)
            if let path {
                totals.bytesByPath[path] -= min(totals.bytesByPath[path], connection.contributedOut + connection.contributedIn)
            }
        }
    }

    private func pathIndex(_ id: Int) -> Int? {
        guard id >= 0 else { return nil }
        let path = attributor.interned[id].path
        return TrafficPathType.allCases.firstIndex(of: path)
    }

    private func add(_ id: Int, out: UInt64, in inbound: UInt64, packets: UInt64, flows: UInt64, cost: Double) {
        let path = pathIndex(id)
        mutateTotals(id < 0 ? nil : id) { totals in
            totals.bytesOut += out
            totals.bytesIn += inbound
            totals.packets += packets
            totals.flows += flows
            totals.cost += cost
            if let path { totals.bytesByPath[path] += out + inbound }
        }
    }

    private func mutateTotals(_ id: Int?, _ body: (inout Totals) -> Void) {
        guard let id else {
            body(&unattributedTotals)
            return
        }
        while totals.count <= id { totals.append(Totals()) }
        body(&totals[id])
    }

    /// The cost of `out`/`in` bytes on the attribution's path (docs/traffic.md §4.2, DESIGN.md).
    private func estimatedCost(_ id: Int?, out: UInt64, in inbound: UInt64) -> Double {
        guard let id else { return 0 }
        return TrafficCostRates(attributor.interned[id], prices: prices).cost(out: out, in: inbound)
    }

    // MARK: - Syslog

    /// Notes a syslog file's summary for `sources`.
    func noteSyslogFile(_ summary: SyslogReader.Summary) {
        sources.syslog.append(summary)
    }

    /// Adds one firewall message at `time`: denies add to `denied`; connection byte counts
    /// (430003, 302014/302016) add bytes and a flow only when `countSyslogBytes` is set.
    func add(_ message: AsaSyslogMessage, time: Int64?) {
        guard inWindow(time) else {
            sources.outsideWindow += 1
            return
        }
        let candidates = message.source.map { [$0] + message.endpoints.filter { $0 != message.source } } ?? message.endpoints
        guard let clusterEndpoint = candidates.first(where: { isClusterSide($0.address) }),
              let remoteEndpoint = candidates.first(where: { !isClusterSide($0.address) })
        else {
            sources.notEgress += 1
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
        add(attribution ?? -1, out: out, in: inbound, packets: 0, flows: 1,
            cost: estimatedCost(attribution, out: out, in: inbound))
    }

    // MARK: - Report

    /// The rows keyed by `grouping`, largest first (out + in, then key), at most `top` of them.
    func report(by grouping: TrafficGrouping, top: Int? = nil) -> TrafficReport {
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
                             prices: prices, sources: sources)
    }
}
