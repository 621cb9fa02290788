import ArgumentParser
import Foundation
import History
import Presentation
import Firewall
import Inventory
import LPM
import Simulator

/// `gatewatch whois IP`: which gateway, Elastic IP, NAT gateway, node or pod an address belongs to,
/// and which workloads can appear with it.
struct WhoisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whois",
        abstract: "Say what a source IP seen at the firewall is, and which workloads can appear as it.")

    @Argument(help: "The address seen at the firewall.")
    var ip: String?

    @Option(help: ArgumentHelp("A whole ASA syslog line (built/teardown/denied); its source address is looked up.",
                               valueName: "LINE"))
    var syslog: String?

    @OptionGroup var source: SourceOptions

    @Option(name: .short, help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if (ip == nil) == (syslog == nil) {
            throw ValidationError("give either an IP or --syslog LINE")
        }
    }

    func run() throws {
        let (snapshot, simulation) = try source.load()
        var message: AsaSyslogMessage?
        let address: IPAddress
        if let syslog {
            // Endpoints logged as names (`names` on the firewall) resolve through the placed configs' `name` commands.
            var names = AsaSyslogMessage.NameTable()
            for file in snapshot.firewallConfigs {
                names.addresses.merge(AsaSyslogMessage.NameTable(runningConfig: file.text).addresses) { first, _ in first }
            }
            switch AsaSyslogMessage.parseResult(syslog, names: names) {
            case .failure(let refusal):
                throw CommandFailure.input("--syslog: \(refusal)")
            case .success(let parsed):
                guard let source = parsed.source?.address else {
                    throw CommandFailure.input("--syslog: message \(parsed.messageID) has no source address to look up")
                }
                message = parsed
                address = source
            }
        } else {
            do {
                address = try IPAddress(ip ?? "")
            } catch {
                throw CommandFailure.input("\(error)")
            }
        }
        let result = simulation.reverseLookup.whois(address)
        let history = try addressHistory(address)
        if output == .json {
            var json = WhoisOutput.json(result)
            if case .object(var pairs) = json {
                if let message { pairs.append(("syslog", WhoisOutput.json(message))) }
                if let history { pairs.append(("history", WhoisOutput.json(history))) }
                json = .object(pairs)
            }
            emit(json.rendered())
        } else {
            if let message { emit(WhoisOutput.text(message)) }
            emit(WhoisOutput.text(result))
            if let history { emit(WhoisOutput.text(history, address: address)) }
        }
    }

    /// With `--at` from the journal: who owned `address` around that moment.
    private func addressHistory(_ address: IPAddress) throws -> [AddressOwnership]? {
        guard source.bundlePath == nil, !source.demo, let moment = try source.moment() else { return nil }
        do {
            let journal = try Journal.openForReading(path: JournalLocation.path(
                explicit: source.journalPath, environment: ProcessInfo.processInfo.environment))
            return try journal.addressHistory(address.description, around: moment).filter { $0.kind != .networkInterface }
        } catch {
            throw CommandFailure.input("\(error)")
        }
    }
}
