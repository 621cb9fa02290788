import Inventory
import LPM

/// `gatewatch traffic --athena-sql`: the Athena (Trino) query that computes the `traffic` table
/// over a VPC Flow Logs table in S3, to run where a month of logs lives (docs/traffic.md §5).
///
/// Everything Gatewatch knows is inlined as `VALUES` tables: the cluster side (VPC CIDRs, IP
/// pools and public faces as IPv4 number ranges), the ENI owning each address, the addresses
/// whose real address is an ENI's one secondary, NAT gateways' private addresses, and the
/// attribution of every cluster-side address — per destination range (the boundaries of every
/// prefix a trace or a price depends on) and per owner interval when the ownership changes with
/// time (a journal). The query then applies the native engine's rules: window, `pkt-*`
/// addresses, NAT translated side, REJECT as denied, one vantage ENI per connection (the owning
/// ENI when it logged the connection, else the first), flows as runs of one 5-tuple no more than
/// `TrafficAggregator.flowGap` apart, cost through `TrafficCostRates`.
///
/// Limits, said in the query's header: IPv4 only (IPv6 records are not egress to the query); no
/// CIDR functions (Trino's do not carry over to other engines): addresses become numbers; when
/// no owning ENI logged a connection, the first ENI is the one with the earliest record (the
/// native engine takes the first in file order).
public struct AthenaQuery: Sendable {
    /// The most attribution rows inlined; a larger cluster needs the map uploaded as a table.
    public static let attributionRowLimit = 200_000

    /// The flow-log table (`db.table` or `table`).
    public var table: String
    /// The table's columns, in the flow log's `LogFormat` order.
    public var format: FlowLogFormat
    /// How rows are keyed.
    public var grouping: TrafficGrouping
    /// At most this many rows (the unattributed row is always there).
    public var top: Int?
    /// Records from this time (Unix seconds).
    public var since: Int64?
    /// Records before this time.
    public var until: Int64?

    /// A query over `table` in `format`.
    public init(table: String = "vpc_flow_logs", format: FlowLogFormat = .default, grouping: TrafficGrouping = .namespace,
                top: Int? = nil, since: Int64? = nil, until: Int64? = nil) {
        self.table = table
        self.format = format
        self.grouping = grouping
        self.top = top
        self.since = since
        self.until = until
    }

    /// Why no query was made.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The table name is not `name` or `database.name` of letters, digits and underscores.
        case tableName(String)
        /// The format lacks a field the query needs.
        case missingField(FlowLogField)
        /// More attribution rows than `attributionRowLimit`.
        case tooManyRows(Int)

        /// What went wrong, for the command line.
        public var description: String {
            switch self {
            case .tableName(let name):
                return "--athena-table: expected NAME or DATABASE.NAME (letters, digits, _), found '\(name)'"
            case .missingField(let field):
                return "the flow-log format has no \(field.rawValue) field; the query needs it"
            case .tooManyRows(let count):
                return "\(count) attribution rows: more than \(AthenaQuery.attributionRowLimit) to inline; narrow the window "
                    + "or upload the map as a table"
            }
        }
    }

    /// One inlined attribution: traffic of `address` to destinations `[low, high]` in `[from, to)`.
    struct AttributionRow: Hashable {
        var address: String
        var from: Int64
        var to: Int64
        var low: UInt32
        var high: UInt32
        var namespaces: String
        var gateways: String
        var rules: String
        var egressIP: String
        var path: TrafficPathType
        var rates: TrafficCostRates
    }

    /// The SQL text for `snapshot`, owners from `ownership` (default: the Snapshot).
    public func sql(snapshot: Snapshot, ownership: (any AddressOwnership)? = nil) throws(Failure) -> String {
        guard Self.isTableName(table) else { throw .tableName(table) }
        for field in [FlowLogField.sourceAddress, .destinationAddress, .start] where !format.columns.contains(.field(field)) {
            throw .missingField(field)
        }
        let attributor = TrafficAttributor(snapshot: snapshot, ownership: ownership ?? SnapshotOwnership(snapshot: snapshot))
        let clusterRanges = Self.merged(Self.clusterPrefixes(snapshot).compactMap(Self.range))
        let rows = try attributionRows(snapshot: snapshot, attributor: attributor, clusterRanges: clusterRanges)
        return render(snapshot: snapshot, clusterRanges: clusterRanges, rows: rows)
    }

    // MARK: - What is inlined

    static func isTableName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
            return part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0)
                || ("0"..."9").contains($0) || $0 == "_" }
        }
    }

    /// The cluster side, as `TrafficAggregator.isClusterSide` sees it.
    static func clusterPrefixes(_ snapshot: Snapshot) -> [IPPrefix] {
        var prefixes = snapshot.aws.vpcs.flatMap(\.allCIDRs) + snapshot.cluster.ipPools.map(\.cidr)
        var faces = snapshot.aws.elasticIPs.map(\.publicIP)
        for nat in snapshot.aws.natGateways { faces += nat.addresses.compactMap(\.publicIP) }
        prefixes += faces.map { IPPrefix(containing: $0, length: $0.family.bitWidth) }
        return prefixes
    }

    /// Every prefix a trace's exit, its cost or its egress address depends on: policy rules, VPC
    /// and transit gateway routes (prefix lists expanded), private ranges, internal networks.
    static func destinationPrefixes(_ snapshot: Snapshot) -> [IPPrefix] {
        var prefixes: [IPPrefix] = []
        for policy in snapshot.cluster.policies { prefixes += policy.rules.map(\.effectiveDestination) }
        for table in snapshot.aws.routeTables { prefixes += table.routes.compactMap(\.destination) }
        prefixes += snapshot.aws.prefixListEntries.map(\.cidr)
        prefixes += snapshot.aws.transitGatewayRoutes.compactMap(\.destination)
        for text in ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"] {
            if let prefix = try? IPPrefix(text) { prefixes.append(prefix) }
        }
        prefixes += snapshot.config.internalNetworks
        prefixes += clusterPrefixes(snapshot)
        return prefixes
    }

    /// An IPv4 prefix as its first and last address.
    static func range(_ prefix: IPPrefix) -> ClosedRange<UInt32>? {
        guard case .v4(let first) = prefix.address, case .v4(let last) = prefix.lastAddress else { return nil }
        return first.value...last.value
    }

    /// Overlapping and adjacent ranges joined, in order.
    static func merged(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        var result: [ClosedRange<UInt32>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound || range.lowerBound - 1 == last.upperBound {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The IPv4 space cut at every boundary of `prefixes`: within one piece, every prefix either
    /// holds all addresses or none.
    static func pieces(_ prefixes: [IPPrefix]) -> [ClosedRange<UInt32>] {
        var cuts: Set<UInt64> = [0, 1 << 32]
        for prefix in prefixes {
            guard let range = range(prefix) else { continue }
            cuts.insert(UInt64(range.lowerBound))
            cuts.insert(UInt64(range.upperBound) + 1)
        }
        let sorted = cuts.sorted()
        return zip(sorted, sorted.dropFirst()).map { UInt32($0)...UInt32($1 - 1) }
    }

    private func attributionRows(snapshot: Snapshot, attributor: TrafficAttributor,
                                 clusterRanges: [ClosedRange<UInt32>]) throws(Failure) -> [AttributionRow] {
        let pieces = Self.pieces(Self.destinationPrefixes(snapshot))
        func clusterSide(_ value: UInt32) -> Bool { clusterRanges.contains { $0.contains(value) } }
        // Every address that can carry a workload's traffic: exits of the traces, gateways, pods, public faces.
        var addresses = Set<IPAddress>()
        for piece in pieces where !clusterSide(piece.lowerBound) {
            addresses.formUnion(attributor.exitAddresses(to: .v4(IPv4Address(piece.lowerBound))))
        }
        for pod in snapshot.cluster.pods { if let ip = pod.podIP { addresses.insert(ip) } }
        for eip in snapshot.aws.elasticIPs { addresses.insert(eip.publicIP) }
        addresses.formUnion(attributor.ownership.knownAddresses())
        for nat in snapshot.aws.natGateways { addresses.formUnion(nat.addresses.compactMap(\.publicIP)) }
        let candidates = addresses.compactMap { address -> (IPAddress, UInt32)? in
            guard case .v4(let v4) = address, clusterSide(v4.value) else { return nil }
            return (address, v4.value)
        }.sorted { $0.1 < $1.1 }

        let windowStart = max(since ?? 0, 0)
        let windowEnd = until ?? .max
        var rows: [AttributionRow] = []
        for (address, _) in candidates {
            var time = windowStart
            while time < windowEnd {
                let interval = attributor.ownership.ownerInterval(of: address, at: time)
                let from = max(interval.from, time)
                let to = min(interval.to, windowEnd)
                var open: AttributionRow?
                for piece in pieces where !clusterSide(piece.lowerBound) {
                    let attribution = attributor.attribution(address, destination: .v4(IPv4Address(piece.lowerBound)),
                                                             time: from)
                    let row = attribution.map { attribution in
                        AttributionRow(address: address.description, from: from, to: to, low: piece.lowerBound,
                                       high: piece.upperBound, namespaces: attribution.namespaces.joined(separator: "+"),
                                       gateways: attribution.gateways.joined(separator: "+"),
                                       rules: attribution.rules.isEmpty ? "-" : attribution.rules.joined(separator: "+"),
                                       egressIP: attribution.egressIP?.description ?? "-", path: attribution.path,
                                       rates: TrafficCostRates(attribution, prices: snapshot.config.prices))
                    }
                    if var current = open, let row, Self.sameAttribution(current, row), current.high &+ 1 == row.low {
                        current.high = row.high
                        open = current
                    } else {
                        if let current = open { rows.append(current) }
                        open = row
                    }
                }
                if let current = open { rows.append(current) }
                if rows.count > Self.attributionRowLimit { throw .tooManyRows(rows.count) }
                guard to > time else { break }
                time = to
            }
        }
        return rows
    }

    private static func sameAttribution(_ a: AttributionRow, _ b: AttributionRow) -> Bool {
        a.namespaces == b.namespaces && a.gateways == b.gateways && a.rules == b.rules && a.egressIP == b.egressIP
            && a.path == b.path && a.rates == b.rates
    }

    // MARK: - The text

    private func column(_ field: FlowLogField, type: String) -> String {
        guard format.columns.contains(.field(field)) else { return "CAST(NULL AS \(type))" }
        let name = field.rawValue.replacingOccurrences(of: "-", with: "_")
        return name == "end" ? "\"end\"" : name
    }

    /// `x` with the flow log's `-` read as NULL (text tables keep it in string columns).
    private func text(_ field: FlowLogField) -> String {
        let name = column(field, type: "VARCHAR")
        return name.hasPrefix("CAST") ? name : "NULLIF(\(name), '-')"
    }

    private static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }

    private static func number(_ value: Double) -> String {
        // Enough digits to carry the price exactly as a decimal literal.
        var text = String(value)
        if text.contains("e") { text = String(format: "%.17f", value) }
        return text.contains(".") ? text : text + ".0"
    }

    /// An IPv4 address in dotted form as a number; NULL for anything else.
    private static func ipv4Number(_ expression: String) -> String {
        (1...4).map { index in
            let scale = ["16777216", "65536", "256", "1"][index - 1]
            return "TRY_CAST(split_part(\(expression), '.', \(index)) AS BIGINT) * \(scale)"
        }.joined(separator: " + ")
    }

    private static func values(_ name: String, _ columns: [String], _ rows: [[String]], empty: [String], note: String) -> String {
        let body = rows.isEmpty ? ["    (" + empty.joined(separator: ", ") + ")  -- none: a row that matches nothing"]
            : rows.map { "    (" + $0.joined(separator: ", ") + ")" }
        return "-- \(note)\n\(name) (\(columns.joined(separator: ", "))) AS (\n  VALUES\n"
            + body.joined(separator: ",\n") + "\n)"
    }

    private func render(snapshot: Snapshot, clusterRanges: [ClosedRange<UInt32>], rows: [AttributionRow]) -> String {
        let hasPacketFields = format.columns.contains(.field(.packetSourceAddress))
            || format.columns.contains(.field(.packetDestinationAddress))
        var owners: [(String, String)] = []
        for (address, eni) in snapshot.networkInterfaceByPrivateIP {
            if case .v4 = address { owners.append((address.description, eni)) }
        }
        owners.sort { $0.0 < $1.0 }
        var sole: [(String, String)] = []
        for eni in snapshot.aws.networkInterfaces {
            let secondaries = eni.privateIPAddresses.filter { !$0.primary }.map(\.address)
            if let primary = eni.privateIPAddress, secondaries.count == 1 {
                sole.append((primary.description, secondaries[0].description))
            }
        }
        sole.sort { $0.0 < $1.0 }
        var natPrivate = Set<String>()
        for nat in snapshot.aws.natGateways { for address in nat.addresses { if let ip = address.privateIP { natPrivate.insert(ip.description) } } }

        var ctes: [String] = []
        ctes.append(Self.values("cluster_ranges", ["lo", "hi"],
                                clusterRanges.map { [String($0.lowerBound), String($0.upperBound)] }, empty: ["1", "0"],
                                note: "The cluster side (VPC CIDRs, IP pools, Elastic IPs, NAT gateway addresses) as IPv4 numbers."))
        ctes.append(Self.values("owner_eni", ["ip", "eni"], owners.map { [Self.literal($0.0), Self.literal($0.1)] },
                                empty: ["''", "''"], note: "The ENI that owns each private address: its records count first."))
        ctes.append(Self.values("sole_secondary", ["primary_ip", "secondary_ip"],
                                sole.map { [Self.literal($0.0), Self.literal($0.1)] }, empty: ["''", "''"],
                                note: "ENIs with one secondary address: without pkt-* fields that address is the real one."))
        ctes.append(Self.values("nat_private", ["ip"], natPrivate.sorted().map { [Self.literal($0)] }, empty: ["''"],
                                note: "NAT gateways' private addresses: their translated side repeats the client side."))
        ctes.append(Self.values("attributions", ["ip", "valid_from", "valid_to", "dst_lo", "dst_hi", "namespaces", "gateways",
                                                 "rules", "egress_ip", "path", "rate_out", "rate_in"],
                                rows.map { row in
                                    [Self.literal(row.address), String(row.from), String(row.to), String(row.low),
                                     String(row.high), Self.literal(row.namespaces), Self.literal(row.gateways),
                                     Self.literal(row.rules), Self.literal(row.egressIP), Self.literal(row.path.rawValue),
                                     Self.number(row.rates.outPerGB), Self.number(row.rates.inPerGB)]
                                },
                                empty: ["''", "0", "0", "0", "0", "''", "''", "''", "''", "''", "0.0", "0.0"],
                                note: "Who owns traffic of a cluster-side address to destinations [dst_lo, dst_hi] in "
                                    + "[valid_from, valid_to): the workloads' namespaces, gateways, rules, egress address, "
                                    + "path and USD per GB out and in."))

        let packetTest = hasPacketFields
            ? "(\(text(.packetSourceAddress)) IS NOT NULL OR \(text(.packetDestinationAddress)) IS NOT NULL)" : "FALSE"
        let source = hasPacketFields ? "COALESCE(\(text(.packetSourceAddress)), \(text(.sourceAddress)))" : text(.sourceAddress)
        let destination = hasPacketFields
            ? "COALESCE(\(text(.packetDestinationAddress)), \(text(.destinationAddress)))" : text(.destinationAddress)
        var window = ["COALESCE(\(text(.logStatus)), 'OK') = 'OK'"]
        if let since { window.append("\(column(.start, type: "BIGINT")) >= \(since)") }
        if let until { window.append("\(column(.start, type: "BIGINT")) < \(until)") }
        ctes.append("""
            -- OK records in the window, with the addresses the contract attributes.
            records AS (
              SELECT \(text(.interfaceID)) AS eni, \(packetTest) AS has_pkt, \(source) AS src0, \(destination) AS dst0,
                     \(column(.sourcePort, type: "INTEGER")) AS srcport, \(column(.destinationPort, type: "INTEGER")) AS dstport,
                     COALESCE(\(column(.ipProtocol, type: "BIGINT")), 0) AS proto,
                     COALESCE(\(column(.packets, type: "BIGINT")), 0) AS packets,
                     COALESCE(\(column(.bytes, type: "BIGINT")), 0) AS bytes, \(column(.start, type: "BIGINT")) AS start,
                     COALESCE(\(column(.end, type: "BIGINT")), \(column(.start, type: "BIGINT"))) AS finish,
                     COALESCE(\(text(.action)), 'ACCEPT') AS action
              FROM \(table)
              WHERE \(window.joined(separator: " AND "))
            )
            """)
        ctes.append("""
            addressed AS (
              SELECT r.*,
                     CASE WHEN r.has_pkt THEN r.src0 ELSE COALESCE(ss.secondary_ip, r.src0) END AS src,
                     CASE WHEN r.has_pkt THEN r.dst0 ELSE COALESCE(sd.secondary_ip, r.dst0) END AS dst
              FROM records r
              LEFT JOIN sole_secondary ss ON ss.primary_ip = r.src0
              LEFT JOIN sole_secondary sd ON sd.primary_ip = r.dst0
            )
            """)
        ctes.append("""
            numbered AS (
              SELECT a.*, \(Self.ipv4Number("a.src")) AS src_n,
                     \(Self.ipv4Number("a.dst")) AS dst_n
              FROM addressed a
            )
            """)
        ctes.append("""
            sided AS (
              SELECT n.*, cs.lo IS NOT NULL AS src_side, cd.lo IS NOT NULL AS dst_side
              FROM numbered n
              LEFT JOIN cluster_ranges cs ON n.src_n BETWEEN cs.lo AND cs.hi
              LEFT JOIN cluster_ranges cd ON n.dst_n BETWEEN cd.lo AND cd.hi
            )
            """)
        ctes.append("""
            -- Between the cluster side and the outside; the NAT gateway's translated side dropped.
            egress AS (
              SELECT eni, start, finish, action, packets,
                     CASE WHEN src_side THEN src ELSE dst END AS cluster_ip,
                     CASE WHEN src_side THEN dst ELSE src END AS remote_ip,
                     CASE WHEN src_side THEN dst_n ELSE src_n END AS remote_n,
                     COALESCE(CASE WHEN src_side THEN srcport ELSE dstport END, 0) AS cluster_port,
                     COALESCE(CASE WHEN src_side THEN dstport ELSE srcport END, 0) AS remote_port,
                     proto,
                     CASE WHEN src_side THEN bytes ELSE 0 END AS bytes_out,
                     CASE WHEN src_side THEN 0 ELSE bytes END AS bytes_in
              FROM sided
              WHERE src_side <> dst_side
                AND NOT (has_pkt AND (CASE WHEN src_side THEN src ELSE dst END) IN (SELECT ip FROM nat_private))
            )
            """)
        ctes.append("""
            attributed AS (
              SELECT e.*, a.ip IS NOT NULL AS known, a.namespaces, a.gateways, a.rules, a.egress_ip, a.path,
                     COALESCE(a.rate_out, 0) AS rate_out, COALESCE(a.rate_in, 0) AS rate_in, o.eni AS owner_eni
              FROM egress e
              LEFT JOIN attributions a ON a.ip = e.cluster_ip AND e.start >= a.valid_from AND e.start < a.valid_to
                                      AND e.remote_n BETWEEN a.dst_lo AND a.dst_hi
              LEFT JOIN owner_eni o ON o.ip = e.cluster_ip
            )
            """)
        let connection = "cluster_ip, remote_ip, cluster_port, remote_port, proto"
        let order = "start, finish, eni"
        ctes.append("""
            -- A connection: records of one 5-tuple no more than \(TrafficAggregator.flowGap) s apart.
            ordered AS (
              SELECT t.*, MAX(finish) OVER (PARTITION BY \(connection) ORDER BY \(order)
                                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS previous_end
              FROM attributed t
              WHERE action <> 'REJECT'
            )
            """)
        ctes.append("""
            sessions AS (
              SELECT o.*, CASE WHEN previous_end IS NULL OR start > previous_end + \(TrafficAggregator.flowGap) THEN 1 ELSE 0 END
                            AS first_record
              FROM ordered o
            )
            """)
        ctes.append("""
            connections AS (
              SELECT s.*, SUM(first_record) OVER (PARTITION BY \(connection) ORDER BY \(order)
                                                 ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS connection_number
              FROM sessions s
            )
            """)
        ctes.append("""
            -- One vantage ENI per connection: the owner's when it logged the connection, else the first.
            vantage AS (
              SELECT c.*,
                     MAX(CASE WHEN eni = owner_eni THEN 1 ELSE 0 END) OVER (PARTITION BY \(connection), connection_number)
                       AS owner_logged,
                     FIRST_VALUE(eni) OVER (PARTITION BY \(connection), connection_number ORDER BY \(order)) AS first_eni
              FROM connections c
            )
            """)
        ctes.append("""
            counted AS (
              SELECT v.*, CASE WHEN (owner_logged = 1 AND eni = owner_eni)
                                 OR (owner_logged = 0 AND COALESCE(eni, '') = COALESCE(first_eni, '')) THEN 1 ELSE 0 END
                            AS counts
              FROM vantage v
            )
            """)
        let key: String
        switch grouping {
        case .namespace: key = "namespaces"
        case .gateway: key = "gateways"
        case .egressIP: key = "egress_ip"
        case .rule: key = "rules"
        case .destination: key = "remote_ip"
        case .path: key = "path"
        }
        ctes.append("""
            contributions AS (
              SELECT known, \(key) AS row_key, namespaces, path,
                     counts * bytes_out AS bytes_out, counts * bytes_in AS bytes_in, counts * packets AS packets,
                     first_record AS flows, 0 AS denied,
                     counts * (bytes_out * rate_out + bytes_in * rate_in) / \(Self.number(TrafficCostRates.bytesPerGB)) AS cost
              FROM counted
              UNION ALL
              SELECT known, \(key) AS row_key, namespaces, path, 0, 0, 0, 0, 1, 0.0
              FROM attributed
              WHERE action = 'REJECT'
            )
            """)
        let pathColumns = TrafficPathType.allCases.map { path in
            "SUM(CASE WHEN path = \(Self.literal(path.rawValue)) THEN bytes_out + bytes_in ELSE 0 END) AS "
                + path.rawValue.replacingOccurrences(of: "-", with: "_")
        }
        ctes.append("""
            grouped AS (
              SELECT row_key AS key,
                     array_join(array_sort(array_distinct(flatten(array_agg(split(namespaces, '+'))))), '+') AS namespaces,
                     SUM(bytes_out) AS bytes_out, SUM(bytes_in) AS bytes_in, SUM(packets) AS packets, SUM(flows) AS flows,
                     SUM(denied) AS denied,
                     \(pathColumns.joined(separator: ",\n         "))
                     ,ROUND(SUM(cost), 6) AS estimated_cost_usd
              FROM contributions
              WHERE known AND bytes_out + bytes_in + packets + flows + denied > 0
              GROUP BY row_key
            )
            """)
        ctes.append("""
            ranked AS (
              SELECT g.*, ROW_NUMBER() OVER (ORDER BY bytes_out + bytes_in DESC, key) AS row_rank
              FROM grouped g
            )
            """)
        let zeroPaths = TrafficPathType.allCases.map { "0 AS " + $0.rawValue.replacingOccurrences(of: "-", with: "_") }
        let pathNames = TrafficPathType.allCases.map { $0.rawValue.replacingOccurrences(of: "-", with: "_") }
        let header = """
            -- gatewatch traffic --athena-sql: the `traffic --by \(grouping.rawValue)` table over \(table) (Athena engine v3 / Trino).
            -- Columns of \(table) in LogFormat order: \(format.columns.map { $0.name.replacingOccurrences(of: "-", with: "_") }.joined(separator: " ")).
            -- One row per key, largest first, then one row with key NULL: the unattributed traffic.
            -- IPv4 only; \(rows.count) attribution rows inlined from Gatewatch's inventory.
            """
        return header + "\nWITH\n" + ctes.joined(separator: ",\n") + """

            SELECT key, namespaces, strpos(namespaces, '+') > 0 AS shared, bytes_out, bytes_in, packets, flows, denied,
                   \(pathNames.joined(separator: ", ")), estimated_cost_usd, FALSE AS unattributed, row_rank
            FROM ranked
            \(top.map { "WHERE row_rank <= \($0)" } ?? "")
            UNION ALL
            SELECT CAST(NULL AS VARCHAR), CAST(NULL AS VARCHAR), FALSE, COALESCE(SUM(bytes_out), 0), COALESCE(SUM(bytes_in), 0),
                   COALESCE(SUM(packets), 0), COALESCE(SUM(flows), 0), COALESCE(SUM(denied), 0),
                   \(zeroPaths.joined(separator: ", ")), 0.0, TRUE, CAST(NULL AS BIGINT)
            FROM contributions
            WHERE NOT known
            ORDER BY unattributed, row_rank

            """
    }
}
