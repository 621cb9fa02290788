import ArgumentParser
import Firewall
import Presentation
import Foundation
import History
import Inventory
import Live
import Logs
import Traffic

/// `gatewatch traffic`: observed traffic (VPC Flow Logs, firewall syslog) attributed to
/// workloads, gateways, rules, destinations or paths, with an egress cost estimate.
struct TrafficCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "traffic",
        abstract: "Attribute observed traffic (VPC Flow Logs, firewall syslog) to workloads and estimate its cost.")

    @OptionGroup var source: SourceOptions

    @Option(name: .customLong("flow-logs"), help: ArgumentHelp(
        "A VPC Flow Logs file or directory (S3 layout, plain or .gz; or a CloudWatch Logs JSON export). Repeatable; "
            + "replaces the bundle's logs/.", valueName: "PATH"))
    var flowLogs: [String] = []

    @Option(name: .customLong("syslog"), help: ArgumentHelp(
        "A firewall syslog file or directory. Repeatable; replaces the bundle's logs/.", valueName: "PATH"))
    var syslog: [String] = []

    @Option(help: ArgumentHelp("Count records from TIME on (ISO-8601, or relative like -2h).", valueName: "TIME"))
    var since: String?

    @Option(help: ArgumentHelp("Count records before TIME (ISO-8601, or relative like -30m).", valueName: "TIME"))
    var until: String?

    @Option(help: "Show the N largest rows.")
    var top: Int?

    @Option(help: "Group rows by namespace, gateway, egress-ip, rule, destination or path.")
    var by: String = "namespace"

    @Option(name: .short, help: "Output format: table or json.")
    var output: OutputFormat = .table

    @Option(name: .customLong("syslog-listen"), help: ArgumentHelp(
        "Receive firewall syslog live on udp://ADDR:PORT or tcp://ADDR:PORT (RFC 6587 octet counting or newline "
            + "framing). Repeatable; the table is printed when --listen-for ends or on Ctrl-C.", valueName: "URL"))
    var syslogListen: [String] = []

    @Option(name: .customLong("flow-log-group"), help: ArgumentHelp(
        "Read VPC Flow Logs from this CloudWatch Logs group (FilterLogEvents, read-only) over --since/--until "
            + "(default: the last 20 minutes), in --log-format (default version 2). AWS profile and region as for "
            + "live sources; endpoint from AWS_ENDPOINT_URL_CLOUDWATCH_LOGS.", valueName: "NAME"))
    var flowLogGroup: String?

    @Option(name: .customLong("listen-for"), help: ArgumentHelp(
        "With --syslog-listen: stop after SECONDS (default: at Ctrl-C).", valueName: "SECONDS"))
    var listenFor: Double?

    @Flag(name: .customLong("athena-sql"), help: ArgumentHelp(
        "Print the Athena (Trino) query that computes the same table over the flow-log table in S3, "
            + "the owners inlined (per time interval with --journal), instead of reading logs here."))
    var athenaSQL = false

    @Option(name: .customLong("athena-table"), help: ArgumentHelp(
        "The flow-log table the query reads (default vpc_flow_logs).", valueName: "[DATABASE.]NAME"))
    var athenaTable = "vpc_flow_logs"

    @Option(name: .customLong("log-format"), help: ArgumentHelp(
        "The flow log's LogFormat ('${version} ${account-id} …') when no header line says it: CloudWatch Logs, "
            + "and the table's columns for --athena-sql (default: the first --flow-logs file's header, else version 2).",
        valueName: "FORMAT"))
    var logFormat: String?

    func validate() throws {
        if TrafficGrouping(rawValue: by) == nil {
            throw ValidationError("--by: expected one of " + TrafficGrouping.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let top, top < 0 { throw ValidationError("--top: expected a number ≥ 0") }
        for text in syslogListen where SyslogEndpoint(parsing: text) == nil {
            throw ValidationError("--syslog-listen: expected udp://ADDR:PORT or tcp://ADDR:PORT, found '\(text)'")
        }
        if let listenFor, !(listenFor > 0) { throw ValidationError("--listen-for: expected seconds > 0") }
        if let logFormat, FlowLogFormat(logFormat: logFormat) == nil {
            throw ValidationError("--log-format: expected ${field} tokens separated by spaces, found '\(logFormat)'")
        }
    }

    /// Owners at each record's time: the journal's with --journal, else the Snapshot's.
    private func ownership(_ snapshot: Snapshot) throws -> (any Traffic.AddressOwnership)? {
        guard let path = source.journalPath else { return nil }
        do {
            return try JournalAddressOwnership(journal: Journal.openForReading(path: path), snapshot: snapshot)
        } catch {
            throw CommandFailure.input("--journal: \(error)")
        }
    }

    /// `--athena-sql`: the query, the format from --log-format, the first flow-log file, or version 2.
    private func printAthenaQuery(_ snapshot: Snapshot, since: Int64?, until: Int64?) throws {
        var format = logFormat.flatMap(FlowLogFormat.init(logFormat:))
        if format == nil, let first = flowLogs.first, let file = try Self.files(at: first).first {
            format = FlowLogReader.read(file.1, file: file.0) { _ in }.format
        }
        let query = AthenaQuery(table: athenaTable, format: format ?? .default,
                                grouping: TrafficGrouping(rawValue: by) ?? .namespace, top: top, since: since, until: until)
        do {
            emit(try query.sql(snapshot: snapshot, ownership: ownership(snapshot)))
        } catch let failure as AthenaQuery.Failure {
            throw CommandFailure.input(failure.description)
        }
    }

    func run() throws {
        let now = Int64(Date().timeIntervalSince1970)
        let sinceSeconds = try since.map { try Self.time($0, now: now, option: "--since") }
        let untilSeconds = try until.map { try Self.time($0, now: now, option: "--until") }
        let snapshot = try source.loadSnapshot()
        let grouping = TrafficGrouping(rawValue: by) ?? .namespace
        if athenaSQL {
            try printAthenaQuery(snapshot, since: sinceSeconds, until: untilSeconds)
            return
        }

        var flowFiles: [(String, [UInt8])] = []
        var syslogFiles: [(String, [UInt8])] = []
        if !flowLogs.isEmpty || !syslog.isEmpty {
            for path in flowLogs { flowFiles += try Self.files(at: path) }
            for path in syslog { syslogFiles += try Self.files(at: path) }
        } else if syslogListen.isEmpty, flowLogGroup == nil, let bundle = source.bundlePath {
            let flowDirectory = bundle + "/logs/flow"
            let syslogDirectory = bundle + "/logs/syslog"
            if FileManager.default.fileExists(atPath: flowDirectory) { flowFiles = try Self.files(at: flowDirectory) }
            if FileManager.default.fileExists(atPath: syslogDirectory) { syslogFiles = try Self.files(at: syslogDirectory) }
        } else if syslogListen.isEmpty, flowLogGroup == nil, source.demo {
            for file in DemoBundle.files.sorted(by: { $0.path < $1.path }) {
                if file.path.hasPrefix("logs/flow/") { flowFiles.append((file.path, file.contents)) }
                if file.path.hasPrefix("logs/syslog/") { syslogFiles.append((file.path, file.contents)) }
            }
        }
        if flowFiles.isEmpty && syslogFiles.isEmpty && syslogListen.isEmpty && flowLogGroup == nil {
            throw CommandFailure.input("no traffic to read: give --flow-logs PATH or --syslog PATH, "
                + "or a bundle with logs/flow/ or logs/syslog/")
        }

        let aggregator = TrafficAggregator(snapshot: snapshot, ownership: try ownership(snapshot),
                                           since: sinceSeconds, until: untilSeconds)
        aggregator.countSyslogBytes = flowFiles.isEmpty && flowLogGroup == nil
        if let flowLogGroup {
            let observed = try TrafficFlowLogGroup.read(flowLogGroup, settings: source.live.settings(),
                                                        format: logFormat.flatMap(FlowLogFormat.init(logFormat:)),
                                                        since: sinceSeconds ?? now - FlowLogGroupPoller.defaultLookback,
                                                        until: untilSeconds ?? now)
            for record in observed.records { aggregator.add(record) }
            aggregator.noteFlowLogFile(observed.summary)
            for problem in observed.summary.problems { printError(problem.description) }
        }
        for (path, bytes) in flowFiles {
            let summary = FlowLogReader.read(bytes, file: path, format: logFormat.flatMap(FlowLogFormat.init(logFormat:))) {
                aggregator.add($0)
            }
            aggregator.noteFlowLogFile(summary)
            for problem in summary.problems { printError(problem.description) }
            if summary.statistics.malformed > summary.problems.count {
                printError("\(path): \(summary.statistics.malformed - summary.problems.count) more malformed lines")
            }
            if summary.statistics.skipData > 0 {
                printError("\(path): \(summary.statistics.skipData) SKIPDATA records: AWS skipped records, volume is undercounted")
            }
        }
        var names = AsaSyslogMessage.NameTable()
        for file in snapshot.firewallConfigs {
            names.addresses.merge(AsaSyslogMessage.NameTable(runningConfig: file.text).addresses) { first, _ in first }
        }
        let hostnames = snapshot.config.firewalls.count > 1 ? Set(snapshot.config.firewalls.compactMap(\.hostname)) : []
        let year = Self.year(of: sinceSeconds ?? now)
        for (path, bytes) in syslogFiles {
            let summary = SyslogReader.read(bytes, file: path, names: names, hostnames: hostnames, referenceYear: year) {
                aggregator.add($0, time: $1.timestamp)
            }
            aggregator.noteSyslogFile(summary)
            for problem in summary.problems { printError(problem.description) }
        }

        if !syslogListen.isEmpty {
            try TrafficListening.run(syslogListen.compactMap(SyslogEndpoint.init(parsing:)), seconds: listenFor,
                                     aggregator: aggregator, names: names, hostnames: hostnames, year: year)
        }
        let report = aggregator.report(by: grouping, top: top)
        if output == .json {
            emit(TrafficOutput.json(report).rendered())
        } else {
            emit(TrafficOutput.table(report))
        }
    }

    /// Every file at `path` (a file, or a directory searched recursively), sorted by path.
    static func files(at path: String) throws -> [(String, [UInt8])] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure.input("\(path): no such file or directory")
        }
        var paths: [String] = []
        if isDirectory.boolValue {
            guard let enumerator = manager.enumerator(atPath: path) else {
                throw CommandFailure.input("\(path): cannot list the directory")
            }
            for case let relative as String in enumerator {
                var isSubdirectory: ObjCBool = false
                let full = path + "/" + relative
                if manager.fileExists(atPath: full, isDirectory: &isSubdirectory), !isSubdirectory.boolValue,
                   !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                    paths.append(full)
                }
            }
        } else {
            paths = [path]
        }
        return try paths.sorted().map { file in
            switch InputFile.read(file, limit: InputLimits.maxBundleFileBytes) {
            case .success(let data): return (file, data)
            case .failure(let problem): throw CommandFailure.input(problem.description)
            }
        }
    }

    /// ISO-8601, or `-N{s,m,h,d}` before `now`.
    static func time(_ text: String, now: Int64, option: String) throws -> Int64 {
        if text.hasPrefix("-"), let unit = text.last, let amount = Int64(text.dropFirst().dropLast()) {
            let scale: Int64? = ["s": 1, "m": 60, "h": 3600, "d": 86_400][unit]
            if let scale { return now - amount * scale }
        }
        guard let seconds = Timestamp.secondsSince1970(text) else {
            throw CommandFailure.input("\(option): expected an ISO-8601 time (2026-11-25T14:00:00Z) or -2h, found '\(text)'")
        }
        return Int64(seconds.rounded(.down))
    }

    /// The UTC year of `seconds`.
    static func year(of seconds: Int64) -> Int {
        Timestamp.utcComponents(secondsSince1970: Double(seconds)).year
    }
}
