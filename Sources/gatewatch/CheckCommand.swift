import ArgumentParser
import Presentation
import Inventory
import Simulator

/// `gatewatch check`: lint the egress configuration; exit 1 when it finds an error.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Find egress misconfigurations (missing policies, unready gateways, pool pressure, Elastic IPs, firewall rules).")

    @OptionGroup var source: SourceOptions

    @Option(name: .short, help: "Output format: text or json.")
    var output: OutputFormat = .text

    func run() throws {
        let findings = try source.load().simulation.findings()
        emit(output == .json ? FindingsOutput.json(findings).rendered() : FindingsOutput.text(findings))
        if findings.contains(where: { $0.severity == .error }) {
            throw ExitCode(1)
        }
    }
}
