import Foundation
import ArgumentParser
import Console
import Inventory

/// `gatewatch [console]`: the default command, the interactive console. When standard input or
/// output is not a terminal (a pipe, a file), it prints the overview of every view instead.
struct OpenConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the console (the default command).")

    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("A built-in theme (default, light, high-contrast, monochrome) or a theme YAML file; "
                               + "else GATEWATCH_THEME, else `theme:` in $XDG_CONFIG_HOME/gatewatch/config.yaml.",
                               valueName: "NAME|FILE"))
    var theme: String?

    @Flag(help: "Draw with ASCII only, whatever the locale says.")
    var ascii = false

    func run() throws {
        guard source.isLive, isatty(0) == 1, isatty(1) == 1 else {
            return try open(source.loadSnapshot(), live: nil)
        }
        // Live: the console opens at once on an empty Snapshot and fills in as the sources answer.
        let live = LiveSource(options: source.live)
        let configuration = LiveConfiguration.load(directory: source.live.configDirectory, environment: live.environment)
        configuration.diagnostics.forEach(printError)
        let empty = live.snapshot(LiveSource.Reading(context: source.live.context, region: source.live.region),
                                  configuration: configuration)
        try open(empty, live: (live, configuration))
    }

    private func open(_ snapshot: Snapshot, live: (LiveSource, LiveConfiguration)?) throws {
        do {
            let app = try ConsoleApp(snapshot: snapshot, options: ConsoleOptions(theme: theme, asciiOnly: ascii ? true : nil))
            if let (source, configuration) = live {
                LiveFeed(source: source, configuration: configuration, app: app).start()
            }
            try app.run()
        } catch ConsoleError.notATerminal {
            print(Overview.text(snapshot))
        } catch let error as ConsoleError {
            throw CommandFailure.input(error.description)
        }
    }
}

/// The text overview printed when the console has no terminal: header line and every view.
enum Overview {
    static func text(_ snapshot: Snapshot) -> String {
        let ready = snapshot.gateways.filter(\.ready).count
        return """
        gatewatch — \(snapshot.source)   gateways \(ready)/\(snapshot.gateways.count) ready · pools \(snapshot.pools.count) · \
        EIPs \(snapshot.elasticIPBindings.count) · policies \(snapshot.policies.count) · \
        firewalls \(snapshot.config.firewalls.map(\.name).joined(separator: ", ").nonEmpty ?? "none")

        GATEWAYS
        \(ViewTables.gateways(snapshot))

        POOLS
        \(ViewTables.pools(snapshot))

        ELASTIC IPS
        \(ViewTables.elasticIPs(snapshot))

        \(ViewTables.policies(snapshot))
        """
    }
}
