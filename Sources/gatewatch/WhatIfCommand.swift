import ArgumentParser
import Presentation
import Inventory
import LPM
import Simulator

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `gatewatch whatif`: what changes for which workloads if candidate policies or a candidate
/// firewall configuration were applied, or gateways were lost (`--fail`).
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Compare every workload × destination outcome with candidate policies, firewall config or AWS objects; "
            + "print what changes.")

    @Option(name: .customLong("policy"), help: ArgumentHelp("EgressGatewayPolicy YAML/JSON replacing the policies of the same name.",
                                                             valueName: "FILE"))
    var policyFiles: [String] = []

    @Option(help: ArgumentHelp("A candidate running-config for the firewall (NAME=FILE when several are placed).",
                               valueName: "[NAME=]FILE"))
    var firewall: String?

    @Option(name: .customLong("aws"), help: ArgumentHelp(
        "AWS CLI describe-* JSON (security groups, network ACLs, route tables, …) replacing the objects of the same id.",
        valueName: "FILE"))
    var awsFiles: [String] = []

    @Option(name: .customLong("fail"), help: ArgumentHelp(
        "Treat the gateways in a zone, on a node, or of a gateway (pod, EgressGateway or Deployment) as lost (repeatable).",
        valueName: "zone=Z|node=N|gateway=NS/NAME"))
    var failures: [String] = []

    @Option(name: .customLong("dst"), help: ArgumentHelp("An extra destination of interest.", valueName: "CIDR|IP"))
    var destinations: [String] = []

    @Option(help: "Destination port for the comparison (firewall rules on ports).")
    var port: UInt16?

    @Option(help: ArgumentHelp("A protocol name as the ASA writes it (tcp, udp, icmp, sctp, gre…) or a number.",
                               valueName: "PROTO"))
    var proto: String = "tcp"

    @OptionGroup var source: SourceOptions

    @Option(name: .short, help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if policyFiles.isEmpty && firewall == nil && awsFiles.isEmpty && failures.isEmpty {
            throw ValidationError("give at least one --policy FILE, --firewall FILE, --aws FILE or --fail zone=Z|node=N|gateway=NS/NAME")
        }
    }

    func run() throws {
        let extra = try destinations.map { text -> IPPrefix in
            do {
                return try IPPrefix.parseLenient(text).prefix
            } catch {
                throw CommandFailure.input("--dst: \(error)")
            }
        }
        let number: UInt8
        do {
            number = try TraceQuery.parseProtocol(proto)
        } catch {
            throw CommandFailure.input(error.optionMessage)
        }
        let (snapshot, simulation) = try source.load()
        let read: (String) -> [UInt8]? = { InputFile.bytes($0, limit: InputLimits.maxConfigFileBytes) }
        var candidate = WhatIfCandidate(label: "", changes: [])
        do throws(WhatIfLoadError) {
            for path in policyFiles { candidate = candidate.followed(by: try WhatIfCandidate.policies(path: path, read: read)) }
            for path in awsFiles { candidate = candidate.followed(by: try WhatIfCandidate.awsObjects(path: path, read: read)) }
            if let firewall {
                candidate = candidate.followed(by: try WhatIfCandidate.firewall(firewall, in: snapshot, read: read))
            }
            if !failures.isEmpty { candidate = candidate.followed(by: try WhatIfCandidate.failure(failures, in: snapshot)) }
        } catch {
            throw CommandFailure.input(error.message)
        }
        candidate.diagnostics.forEach(printError)
        let report = simulation.whatIf(Simulation(snapshot: candidate.apply(to: snapshot))).compare(extraDestinations: extra, port: port, ipProtocol: number)
        emit(output == .json ? WhatIfOutput.json(report).rendered() : WhatIfOutput.text(report))
    }
}
