import ArgumentParser
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
        var message: AsaSyslogMessage?
        let address: IPAddress
        if let syslog {
            guard let parsed = AsaSyslogMessage.parse(syslog), let source = parsed.source?.address else {
                throw CommandFailure.input("--syslog: expected an ASA connection or deny message (%ASA-…-106023, 302013, …) "
                    + "with a source address")
            }
            message = parsed
            address = source
        } else {
            do {
                address = try IPAddress(ip ?? "")
            } catch {
                throw CommandFailure.input("\(error)")
            }
        }
        let result = try source.load().simulation.reverseLookup.whois(address)
        if output == .json {
            var json = WhoisOutput.json(result)
            if let message, case .object(var pairs) = json {
                pairs.append(("syslog", WhoisOutput.json(message)))
                json = .object(pairs)
            }
            print(json.rendered())
        } else {
            if let message { print(WhoisOutput.text(message)) }
            print(WhoisOutput.text(result))
        }
    }
}

/// A whois result as JSON or text.
enum WhoisOutput {
    static func json(_ result: WhoisResult) -> JSONValue {
        .object([
            ("ip", .string(result.ip.description)),
            ("kind", .string(result.kind.rawValue)),
            ("gateway", result.gateway.map { gateway in
                .object([("namespace", .string(gateway.namespace)), ("name", .string(gateway.name)),
                         ("ip", .string(gateway.ip?.description)), ("node", .string(gateway.node))])
            } ?? .null),
            ("rules", .array(result.rules.map { rule in
                .object([("policy", .string(rule.policy)), ("index", .integer(Int64(rule.index))),
                         ("cidr", .string(rule.cidr.description)), ("description", .string(rule.description))])
            })),
            ("workloads", .array(result.workloads.map { .string($0) })),
            ("facts", .array(result.facts.map { .string($0) })),
        ])
    }

    static func text(_ result: WhoisResult) -> String {
        var lines = ["\(result.ip) is \(result.kind.phrase)" + (result.gateway.map { " \($0.qualifiedName)" } ?? "")]
        lines += result.facts.map { "  \($0)" }
        if !result.rules.isEmpty {
            lines.append("Rules that send traffic through it:")
            lines += result.rules.map { "  \($0.policy) #\($0.index) \($0.cidr)" + ($0.description.map { " (\($0))" } ?? "") }
        }
        if !result.workloads.isEmpty {
            lines.append("Workloads that can appear as \(result.ip):")
            lines += result.workloads.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ message: AsaSyslogMessage) -> JSONValue {
        func endpoint(_ endpoint: AsaSyslogMessage.Endpoint?) -> JSONValue {
            guard let endpoint else { return .null }
            return .object([("interface", .string(endpoint.interface)), ("ip", .string(endpoint.address.description)),
                            ("port", endpoint.port.map { .integer(Int64($0)) } ?? .null)])
        }
        return .object([("messageId", .integer(Int64(message.messageID))), ("protocol", .string(message.protocolName)),
                         ("source", endpoint(message.source)), ("destination", endpoint(message.destination)),
                         ("accessList", .string(message.accessList))])
    }

    static func text(_ message: AsaSyslogMessage) -> String {
        "syslog %\(message.product)-\(message.severity)-\(message.messageID): \(message.protocolName) "
            + "\(message.source?.description ?? "?") → \(message.destination?.description ?? "?")"
            + (message.accessList.map { " (access-list \($0))" } ?? "")
    }
}
