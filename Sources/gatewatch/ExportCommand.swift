import ArgumentParser
import Presentation
import Simulator

/// `gatewatch export asa-objects|fmc-dynamic-objects`: the egress gateways as firewall objects.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the egress gateway sets as Cisco firewall objects (ASA object-groups, FMC dynamic objects).",
        discussion: """
            asa-objects: one `object-group network EGW-<namespace>-<name>` per set of gateways a policy rule or a \
            selector annotation selects, and `EGW-<namespace>-<name>-PUBLIC` for their Elastic IPs. \
            fmc-dynamic-objects (-o json): [{name, type: "IP", mappings}].
            """)

    /// What to write.
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case asaObjects = "asa-objects"
        case fmcDynamicObjects = "fmc-dynamic-objects"
    }

    @Argument(help: ArgumentHelp("asa-objects or fmc-dynamic-objects.", valueName: "KIND"))
    var kind: Kind

    @OptionGroup var source: SourceOptions

    @Option(name: .short, help: "Output format: text or json (fmc-dynamic-objects: json only).")
    var output: OutputFormat?

    func validate() throws {
        if kind == .fmcDynamicObjects, let output, output != .json {
            throw ValidationError("fmc-dynamic-objects is JSON only: use -o json")
        }
    }

    func run() throws {
        let groups = GatewayObjectGroups(simulation: try source.load().simulation).groups
        switch (kind, output ?? (kind == .asaObjects ? .text : .json)) {
        case (.fmcDynamicObjects, _): print(GatewayObjectsOutput.fmcDynamicObjects(groups).rendered())
        case (.asaObjects, .json): print(GatewayObjectsOutput.json(groups).rendered())
        case (.asaObjects, _): print(GatewayObjectsOutput.asaText(groups))
        }
    }
}
