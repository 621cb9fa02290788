import ArgumentParser
import Foundation
import History
import Logging

/// `gatewatch record`: the headless recorder (a jump host, a systemd unit, an in-cluster
/// Deployment): keeps the history journal of the live sources until stopped.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record the live cluster and AWS account into the history journal until stopped (headless).",
        discussion: """
            Every change the live sources deliver becomes a version in the journal (a watch event's arrival time, \
            or the object's own more precise timestamp such as a deletionTimestamp; an EC2 poll's time). Writes \
            every second, prunes what is older than --retain hourly, compacts the file every --compact-every. \
            Logs one line per event to standard error (or --log-file), with a syslog priority prefix under systemd. \
            SIGTERM or SIGINT: a last write, then exit 0. SIGHUP: reopen --log-file, read --config again. One \
            recorder per journal: a second is refused with the first one's process id. A journal that cannot be \
            written (a full disk, a read-only file) is an error: exit 2.
            """)

    @OptionGroup(title: "Live sources")
    var live: LiveOptions

    @OptionGroup var location: JournalCommand.Location

    @Option(help: ArgumentHelp("Keep ended versions this long: 0 keeps everything (30d, 12h, 1w).", valueName: "DURATION"))
    var retain = "30d"

    @Option(name: .customLong("compact-every"),
            help: ArgumentHelp("Give pruned space back to the file system this often; 0 never.", valueName: "DURATION"))
    var compactEvery = "1d"

    @Option(name: .customLong("log-file"),
            help: ArgumentHelp("Append the log here instead of standard error (SIGHUP reopens it).", valueName: "PATH"))
    var logFile: String?

    @Option(name: .customLong("log-level"), help: "The lowest level logged: debug (every write), info, warning or error.")
    var logLevel: RecordLogLevel = .info

    @Option(name: .customLong("metrics-listen"), help: ArgumentHelp(
        "Serve Prometheus metrics of what is recorded at http://ADDR:PORT/metrics (127.0.0.1:9464, [::1]:9464, :9464).",
        valueName: "ADDR:PORT"))
    var metricsListen: String?

    func run() throws {
        // A file grown past `ulimit -f` is a write error the journal reports, not a kill, from
        // the first write on (opening the journal writes its schema).
        signal(SIGXFSZ, SIG_IGN)
        let retention: Duration
        let compaction: Duration
        do {
            retention = try JournalDuration.parse(retain)
            compaction = try JournalDuration.parse(compactEvery)
        } catch {
            throw CommandFailure.input("\(error)")
        }
        let environment = ProcessInfo.processInfo.environment
        let sink = try RecordLogSink(path: logFile, environment: environment)
        let settings = RecordDaemon.Settings(live: live.settings(environment: environment), journalPath: location.resolved,
                                             retention: retention, compactInterval: compaction)
        let metrics = try metricsListen.map { text in try MetricsServerStarter.start(text) }
        let daemon = try RecordDaemon(settings: settings, sink: sink, level: logLevel.level, metrics: metrics)
        let status = daemon.run()
        if status != 0 { exitProcess(status) }
    }
}

/// `--log-level`.
enum RecordLogLevel: String, ExpressibleByArgument, CaseIterable {
    case debug, info, warning, error

    /// The swift-log level.
    var level: Logger.Level {
        switch self {
        case .debug: return .debug
        case .info: return .info
        case .warning: return .warning
        case .error: return .error
        }
    }
}
