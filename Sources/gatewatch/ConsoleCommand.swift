import ArgumentParser
import Inventory

/// `gatewatch [console]`: the default command. Until the interactive console lands, it prints the
/// overview the console's header and first views will show.
struct ConsoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "Open the console (currently: print the overview of every view).")

    @OptionGroup var source: SourceOptions

    func run() throws {
        let snapshot = try source.loadSnapshot()
        let ready = snapshot.gateways.filter(\.ready).count
        print("""
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
        """)
    }
}
