import ArgumentParser
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
        if output == .json {
            print(JSONValue.array(findings.map { finding in
                .object([("severity", .string(finding.severity.rawValue)), ("code", .string(finding.code.rawValue)),
                         ("message", .string(finding.message)), ("objects", .array(finding.objects.map { .string($0) }))])
            }).rendered())
        } else if findings.isEmpty {
            print("no findings")
        } else {
            var table = TextTable("SEVERITY", "CODE", "MESSAGE")
            for finding in findings { table.add([finding.severity.rawValue, finding.code.rawValue, finding.message]) }
            print(table.rendered())
        }
        if findings.contains(where: { $0.severity == .error }) {
            throw ExitCode(1)
        }
    }
}
