import ArgumentParser
import Foundation
import History
import Inventory
import Live
import Simulator

/// Where a command reads its Snapshot from: `--from DIR`, `--demo`, or live (the cluster of the
/// kubeconfig context and the AWS account of the credential chain) when neither is given.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("from"), help: ArgumentHelp("Read a bundle directory.", valueName: "DIR"))
    var bundlePath: String?

    @Flag(name: .customLong("demo"), help: "Use the demo bundle built into the binary.")
    var demo = false

    @Flag(name: .customLong("strict"), help: "Fail (exit 2) when the bundle or a firewall config has any error.")
    var strict = false

    // `.unconditional`: a relative time starts with a minus sign (`--at -2h`).
    @Option(name: .customLong("at"), parsing: .unconditional,
            help: ArgumentHelp("The state as of TIME, rebuilt from the journal (ISO-8601 or relative like -2h); with "
                               + "--from or --demo, only the time firewall time ranges are evaluated at.",
                               valueName: "TIME"))
    var at: String?

    @Option(name: .customLong("journal"),
            help: ArgumentHelp("The journal --at reads (default: GATEWATCH_JOURNAL, else "
                               + "$XDG_STATE_HOME/gatewatch/journal.sqlite).", valueName: "PATH"))
    var journalPath: String?

    @OptionGroup(title: "Live sources (when neither --from nor --demo is given)")
    var live: LiveOptions

    /// True when the data comes from the live sources.
    var isLive: Bool { bundlePath == nil && !demo && at == nil }

    /// `--at` as a moment (relative times count back from now).
    func moment() throws -> Date? {
        guard let at else { return nil }
        do {
            return try JournalTime.parse(at, now: Date())
        } catch {
            throw CommandFailure.input("--at: \(error)")
        }
    }

    func validate() throws {
        if bundlePath != nil && demo {
            throw ValidationError("--from and --demo cannot be used together")
        }
    }

    /// Loads the Snapshot and its Simulation, printing load problems (the bundle's, the firewall
    /// parser's errors, a live side that failed) to standard error. `moment`, when given, is
    /// `--at` already resolved (so a relative time means the same moment to the caller).
    /// `requiredOperation` names the EC2 operation whose data the command lists (live reads fail
    /// without it).
    func load(moment resolved: Date? = nil, requiredOperation: String? = nil) throws
        -> (snapshot: Snapshot, simulation: Simulation) {
        let loaded: LoadedBundle
        if let bundlePath {
            do {
                loaded = try BundleLoader.load(directory: bundlePath)
            } catch {
                throw CommandFailure.input(error.description)
            }
        } else if demo {
            loaded = DemoBundle.load()
        } else if let moment = try resolved ?? moment() {
            do {
                loaded = try Journal.loadBundle(at: moment, journal: journalPath,
                                                environment: ProcessInfo.processInfo.environment)
            } catch {
                throw CommandFailure.input("\(error)")
            }
        } else {
            let update = try LiveRead.first(live.settings(), required: requiredOperation, report: printError)
            return try checked(update.snapshot, update.simulation, bundleErrors: false)
        }
        for diagnostic in loaded.diagnostics {
            printError(diagnostic.description)
        }
        let bundleErrors = loaded.diagnostics.contains { $0.severity == .error }
        return try checked(loaded.snapshot, Simulation(snapshot: loaded.snapshot), bundleErrors: bundleErrors)
    }

    /// Loads the Snapshot (see `load(requiredOperation:)`).
    func loadSnapshot(requiredOperation: String? = nil) throws -> Snapshot {
        try load(requiredOperation: requiredOperation).snapshot
    }

    /// Reports the firewall parser's errors; with `--strict`, refuses any error.
    private func checked(_ snapshot: Snapshot, _ simulation: Simulation, bundleErrors: Bool) throws
        -> (snapshot: Snapshot, simulation: Simulation) {
        let firewallErrors = simulation.firewallDiagnostics.filter(\.isError)
        for diagnostic in firewallErrors { printError(diagnostic.description) }
        if strict, bundleErrors || !firewallErrors.isEmpty {
            throw CommandFailure.input(bundleErrors ? "the bundle has errors (see above)"
                                                    : "a firewall config has errors (see above)")
        }
        return (snapshot, simulation)
    }
}

/// `-o table|json` (and `text` as a synonym of `table`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case text
    case json
}
