import ArgumentParser
import Foundation
import History
import Inventory

/// `gatewatch journal ...`: the history journal (DESIGN.md, "History").
struct JournalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Add bundles to the history journal and describe it.",
        subcommands: [Import.self, Info.self])

    /// `--journal PATH`, shared by the subcommands.
    struct Location: ParsableArguments {
        @Option(name: .customLong("journal"), help: ArgumentHelp(
            "The journal database (default: $GATEWATCH_JOURNAL, else $XDG_STATE_HOME/gatewatch/journal.sqlite, "
                + "else ~/.local/state/gatewatch/journal.sqlite).", valueName: "PATH"))
        var path: String?

        /// The path to use, from the option or the environment.
        var resolved: String {
            JournalLocation.path(explicit: path, environment: ProcessInfo.processInfo.environment)
        }
    }

    /// `gatewatch journal import DIR --at TIME`: a bundle as the complete state at exactly TIME.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add a bundle directory to the journal as the complete state at exactly TIME.",
            discussion: """
                Objects missing from the bundle end at TIME. TIME must not be before the journal's last state \
                (history is only appended). An import never prunes.
                """)

        @Argument(help: ArgumentHelp("The bundle directory.", valueName: "DIR"))
        var directory: String

        // `.unconditional`: a relative time starts with a minus sign (`--at -2h`).
        @Option(parsing: .unconditional, help: ArgumentHelp("When the bundle was taken: ISO-8601 (2026-11-25T14:00:00Z) or relative (-2h, -1d, -30m).",
                                   valueName: "TIME"))
        var at: String

        @OptionGroup var location: Location

        func run() throws {
            let time: Date
            do {
                time = try JournalTime.parse(at, now: Date())
            } catch {
                throw CommandFailure.input(error.description)
            }
            let loaded: LoadedBundle
            do {
                loaded = try BundleLoader.load(directory: directory)
            } catch {
                throw CommandFailure.input(error.description)
            }
            for diagnostic in loaded.diagnostics {
                printError(diagnostic.description)
            }
            do {
                let journal = try Journal.openForWriting(path: location.resolved)
                let changes = try journal.importSnapshot(loaded.snapshot, at: time)
                printError("imported \(directory) at \(JournalTime.format(time)) into \(journal.path): "
                           + "\(changes.opened) versions opened, \(changes.closed) closed, \(changes.unchanged) unchanged")
            } catch {
                throw CommandFailure.input(error.description)
            }
        }
    }

    /// `gatewatch journal info`: what the journal covers and holds.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Show the span the journal covers, its objects, versions and size.")

        @OptionGroup var location: Location

        @Option(name: .short, help: "Output format: table or json.")
        var output: OutputFormat = .table

        func run() throws {
            let info: JournalInfo
            do {
                info = try Journal.openForReading(path: location.resolved).info()
            } catch {
                throw CommandFailure.input(error.description)
            }
            if output == .json {
                print(JournalInfoJSON.value(info).rendered())
            } else {
                print(JournalInfoJSON.text(info))
            }
        }
    }
}
