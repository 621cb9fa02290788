import ArgumentParser
import Inventory

/// `gatewatch snapshot --out DIR`: saves what a source shows (normally the live cluster and AWS
/// account) as a bundle that `--from DIR` reads back to the same Snapshot.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Save the live view (or any source) as a bundle directory.")

    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("Directory to write the bundle to (created; it must not exist or be empty).",
                               valueName: "DIR"))
    var out: String

    func run() throws {
        let snapshot = try source.loadSnapshot()
        do {
            try BundleWriter.write(snapshot, to: out)
        } catch {
            throw CommandFailure.input(error.description)
        }
        let cluster = snapshot.cluster
        printError("wrote \(out): \(cluster.pods.count) pods, \(cluster.nodes.count) nodes, \(cluster.policies.count) policies, "
                   + "\(snapshot.aws.elasticIPs.count) Elastic IPs, \(snapshot.aws.networkInterfaces.count) ENIs")
    }
}
