import ArgumentParser
import Inventory

/// Where a command reads its Snapshot from: `--from DIR`, `--demo`, or live (the cluster of the
/// kubeconfig context and the AWS account of the credential chain) when neither is given.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("from"), help: ArgumentHelp("Read a bundle directory.", valueName: "DIR"))
    var bundlePath: String?

    @Flag(name: .customLong("demo"), help: "Use the demo bundle built into the binary.")
    var demo = false

    @Flag(name: .customLong("strict"), help: "Fail (exit 2) when the bundle has any error.")
    var strict = false

    @OptionGroup(title: "Live sources (when neither --from nor --demo is given)")
    var live: LiveOptions

    /// True when the data comes from the live sources.
    var isLive: Bool { bundlePath == nil && !demo }

    func validate() throws {
        if bundlePath != nil && demo {
            throw ValidationError("--from and --demo cannot be used together")
        }
    }

    /// Loads the Snapshot, printing load problems to standard error.
    func loadSnapshot() throws -> Snapshot {
        let loaded: LoadedBundle
        if let bundlePath {
            do {
                loaded = try BundleLoader.load(directory: bundlePath)
            } catch {
                throw CommandFailure.input(error.description)
            }
        } else if demo {
            loaded = DemoBundle.load()
        } else {
            return try LiveSource(options: live).loadSnapshot(report: printError)
        }
        for diagnostic in loaded.diagnostics {
            printError(diagnostic.description)
        }
        if strict, loaded.diagnostics.contains(where: { $0.severity == .error }) {
            throw CommandFailure.input("the bundle has errors (see above)")
        }
        return loaded.snapshot
    }
}

/// `-o table|json` (and `text` as a synonym of `table`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table
    case text
    case json
}
