import ArgumentParser
import Presentation
import Inventory
import LPM

/// `gatewatch get gateways|pools|eips|policies|capacity`: the derived views as tables or JSON.
struct GetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "List egress gateways, IP pools, Elastic IPs, policies or address capacity.")

    enum Resource: String, ExpressibleByArgument, CaseIterable {
        case gateways, pools, eips, policies, capacity
        // Familiar short forms.
        case gw, gateway, pool, eip, pol, policy

        /// Only the canonical names appear in help and error messages.
        static var allValueStrings: [String] { ["gateways", "pools", "eips", "policies", "capacity"] }

        var canonical: Resource {
            switch self {
            case .gw, .gateway: return .gateways
            case .pool: return .pools
            case .eip: return .eips
            case .pol, .policy: return .policies
            default: return self
            }
        }
    }

    @Argument(help: "What to list: gateways, pools, eips, policies or capacity.")
    var resource: Resource

    @OptionGroup var source: SourceOptions

    @Option(name: .short, help: "Output format: table or json.")
    var output: OutputFormat = .table

    func run() throws {
        // Elastic IPs come from one EC2 operation: without its data the table would be empty, not true.
        let snapshot = try source.loadSnapshot(requiredOperation: resource.canonical == .eips ? "DescribeAddresses" : nil)
        let json = output == .json
        let text: String
        switch resource.canonical {
        case .gateways: text = json ? ViewJSON.gateways(snapshot).rendered() : ViewTables.gateways(snapshot)
        case .pools: text = json ? ViewJSON.pools(snapshot).rendered() : ViewTables.pools(snapshot)
        case .eips: text = json ? ViewJSON.elasticIPs(snapshot).rendered() : ViewTables.elasticIPs(snapshot)
        case .capacity: text = json ? CapacityOutput.json(snapshot.capacity).rendered() : CapacityOutput.text(snapshot.capacity)
        default: text = json ? ViewJSON.policies(snapshot).rendered() : ViewTables.policies(snapshot)
        }
        emit(text)
    }
}
