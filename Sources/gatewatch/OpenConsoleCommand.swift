import Foundation
import ArgumentParser
import Presentation
import Console
import Inventory
import History
import Live
import MetricsServer
import Logs
import Traffic

/// `gatewatch [console]`: the default command, the interactive console. When standard input or
/// output is not a terminal (a pipe, a file), it prints the overview of every view instead.
struct OpenConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the console (the default command).")

    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("A built-in theme (default, light, high-contrast, monochrome) or a theme YAML file; "
                               + "else GATEWATCH_THEME, else `theme:` in the config directory's config.yaml.",
                               valueName: "NAME|FILE"))
    var theme: String?

    @Flag(help: "Draw with ASCII only, whatever the locale says.")
    var ascii = false

    @Flag(name: .customLong("no-record"),
          help: "Do not record the live sources into the journal (the live console records by default; --journal PATH).")
    var noRecord = false

    @Option(name: .customLong("metrics-listen"), help: ArgumentHelp(
        "Serve Prometheus metrics of what the console shows at http://ADDR:PORT/metrics (127.0.0.1:9464, [::1]:9464, :9464).",
        valueName: "ADDR:PORT"))
    var metricsListen: String?

    @Option(name: .customLong("syslog-listen"), help: ArgumentHelp(
        "Receive firewall syslog (RFC 3164/5424; TCP with RFC 6587 framing) for the Traffic view (0). Repeatable.",
        valueName: "udp://ADDR:PORT|tcp://ADDR:PORT"))
    var syslogListen: [String] = []

    @Option(name: .customLong("flow-log-group"), help: ArgumentHelp(
        "Poll VPC Flow Logs from this CloudWatch Logs group every minute (FilterLogEvents over the last 20 minutes, "
            + "read-only) for the Traffic view (0). Repeatable; endpoint from AWS_ENDPOINT_URL_CLOUDWATCH_LOGS.",
        valueName: "NAME"))
    var flowLogGroups: [String] = []

    @Option(name: .customLong("log-format"), help: ArgumentHelp(
        "The --flow-log-group's LogFormat ('${version} ${account-id} …'; default version 2).", valueName: "FORMAT"))
    var logFormat: String?

    func validate() throws {
        for text in syslogListen where SyslogEndpoint(parsing: text) == nil {
            throw ValidationError("--syslog-listen: expected udp://ADDR:PORT or tcp://ADDR:PORT, found '\(text)'")
        }
        if let logFormat, FlowLogFormat(logFormat: logFormat) == nil {
            throw ValidationError("--log-format: expected ${field} tokens separated by spaces, found '\(logFormat)'")
        }
    }

    func run() throws {
        let settings = source.live.settings()
        let journalPath = JournalLocation.path(explicit: source.journalPath, environment: ProcessInfo.processInfo.environment)
        guard source.isLive, isatty(0) == 1, isatty(1) == 1 else {
            // `--at` alone: the state rebuilt from the journal, shown as the past (`:at`'s header).
            let past = source.bundlePath == nil && !source.demo ? try source.moment() : nil
            let (snapshot, simulation) = try source.load(moment: past)
            let journal = isatty(0) == 1 && isatty(1) == 1 ? ConsoleRecording.journal(path: journalPath, record: false) : nil
            return try open(ConsoleContent(snapshot: snapshot, simulation: simulation), settings: settings, feed: nil,
                            journal: journal, pastMoment: past)
        }
        // Live: the console opens at once on the configuration alone and fills in as the sources answer.
        let configuration = LiveConfiguration.load(settings.configDirectory)
        configuration.diagnostics.forEach(printError)
        let feed = LiveFeed(settings: settings, configuration: configuration)
        let placeholder = feed.placeholder()
        try open(ConsoleContent(snapshot: placeholder.snapshot, simulation: placeholder.simulation), settings: settings,
                 feed: feed, journal: ConsoleRecording.journal(path: journalPath, record: !noRecord))
    }

    private func open(_ content: ConsoleContent, settings: LiveSettings, feed: LiveFeed?, journal: ConsoleJournal?,
                      pastMoment: Date? = nil) throws {
        let metrics = try metricsListen.map { text in try MetricsServerStarter.start(text) }
        metrics?.update(snapshot: content.snapshot, simulation: content.simulation, health: content.health)
        do {
            var options = ConsoleOptions(theme: theme, asciiOnly: ascii ? true : nil, configDirectory: settings.configDirectory)
            options.journal = journal
            options.pastMoment = pastMoment
            let app = try ConsoleApp(content: content, options: options)
            let traffic = try ConsoleTraffic.start(
                endpoints: syslogListen.compactMap(SyslogEndpoint.init(parsing:)),
                flowLogGroups: flowLogGroups, settings: settings,
                format: logFormat.flatMap(FlowLogFormat.init(logFormat:)) ?? .default,
                bundleFiles: try ConsoleTraffic.bundleFiles(source), snapshot: content.snapshot,
                publish: { app.publish(traffic: $0) })
            defer { traffic?.stop() }
            if let feed {
                Task.detached {
                    await feed.run { update in
                        metrics?.update(snapshot: update.snapshot, simulation: update.simulation, health: update.health)
                        traffic?.intake.update(snapshot: update.snapshot, generation: update.generation)
                        app.publish(ConsoleContent(snapshot: update.snapshot, simulation: update.simulation,
                                                   health: update.health, generation: update.generation,
                                                   changes: update.changes))
                    }
                }
            }
            try app.run()
        } catch ConsoleError.notATerminal {
            emit(Overview.text(content.snapshot))
        } catch let error as ConsoleError {
            throw CommandFailure.input(error.description)
        }
    }
}
