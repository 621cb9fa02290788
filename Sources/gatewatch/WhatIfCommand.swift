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
/// firewall configuration were applied.
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
        if policyFiles.isEmpty && firewall == nil && awsFiles.isEmpty {
            throw ValidationError("give at least one --policy FILE, --firewall FILE or --aws FILE")
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
        var candidate = snapshot
        var policies: [EgressGatewayPolicy] = []
        for path in policyFiles {
            let (cluster, diagnostics) = BundleLoader.loadClusterObjects(BundleFile(path: path, contents: try read(path)))
            for diagnostic in diagnostics { printError(diagnostic.description) }
            if diagnostics.contains(where: { $0.severity == .error }) {
                throw CommandFailure.input("\(path): the candidate policy has errors (see above)")
            }
            guard !cluster.policies.isEmpty else { throw CommandFailure.input("\(path): no EgressGatewayPolicy in the file") }
            policies += cluster.policies
        }
        if !policies.isEmpty { candidate = candidate.replacing(policies: policies) }
        for path in awsFiles {
            let (aws, diagnostics) = Snapshot.candidateAWSObjects(BundleFile(path: path, contents: try read(path)))
            for diagnostic in diagnostics { printError(diagnostic.description) }
            if diagnostics.contains(where: { $0.severity == .error }) {
                throw CommandFailure.input("\(path): the candidate AWS objects have errors (see above)")
            }
            candidate = candidate.replacing(awsObjects: aws)
        }
        if let firewall {
            let (placementPath, file) = try resolveFirewall(firewall, in: snapshot)
            candidate = candidate.replacing(firewallConfig: placementPath, text: String(decoding: try read(file), as: UTF8.self))
        }
        let report = simulation.whatIf(Simulation(snapshot: candidate)).compare(extraDestinations: extra, port: port, ipProtocol: number)
        print(output == .json ? WhatIfOutput.json(report).rendered() : WhatIfOutput.text(report))
    }

    private func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure.input("cannot read \(path)")
        }
        return [UInt8](data)
    }

    /// The placement's config path to replace, and the candidate file.
    private func resolveFirewall(_ argument: String, in snapshot: Snapshot) throws -> (String, String) {
        let firewalls = snapshot.config.firewalls
        if let equals = argument.firstIndex(of: "="), let placement = firewalls.first(where: { $0.name == argument[..<equals] }) {
            return (placement.config, String(argument[argument.index(after: equals)...]))
        }
        guard firewalls.count == 1, let only = firewalls.first else {
            let names = firewalls.map(\.name).joined(separator: ", ")
            throw CommandFailure.input("--firewall: say which firewall as NAME=FILE (placed: \(names.isEmpty ? "none" : names))")
        }
        return (only.config, argument)
    }
}
