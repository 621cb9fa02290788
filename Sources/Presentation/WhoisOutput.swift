import Firewall
import Foundation
import History
import Inventory
import LPM
import Simulator

/// A whois result (and the syslog line it came from) as JSON or text.
public enum WhoisOutput {
    /// The result as JSON (`whois -o json`).
    public static func json(_ result: WhoisResult) -> JSONValue {
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

    /// The result for people.
    public static func text(_ result: WhoisResult) -> String {
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

    /// The syslog message a whois started from, as JSON.
    public static func json(_ message: AsaSyslogMessage) -> JSONValue {
        func endpoint(_ endpoint: AsaSyslogMessage.Endpoint?) -> JSONValue {
            guard let endpoint else { return .null }
            return .object([("interface", .string(endpoint.interface)), ("ip", .string(endpoint.address.description)),
                            ("port", endpoint.port.map { .integer(Int64($0)) } ?? .null)])
        }
        return .object([("messageId", .integer(Int64(message.messageID))), ("protocol", .string(message.protocolName)),
                         ("source", endpoint(message.source)), ("destination", endpoint(message.destination)),
                         ("accessList", .string(message.accessList))])
    }

    /// The syslog message a whois started from, one line.
    public static func text(_ message: AsaSyslogMessage) -> String {
        "syslog %\(message.product)-\(message.severity)-\(message.messageID): \(message.protocolName) "
            + "\(message.source?.description ?? "?") → \(message.destination?.description ?? "?")"
            + (message.accessList.map { " (access-list \($0))" } ?? "")
    }

    /// The owners of an address around a moment (`whois --at`), as `[{from, to, kind, owner}]`.
    public static func json(_ history: [AddressOwnership]) -> JSONValue {
        .array(history.map { span in
            .object([("from", .string(JournalTime.format(span.from))), ("to", .string(span.to.map(JournalTime.format))),
                     ("kind", .string(span.kind.rawValue)), ("owner", .string(span.owner))])
        })
    }

    /// The owners of `address` around a moment as a small timeline, oldest first.
    public static func text(_ history: [AddressOwnership], address: IPAddress) -> String {
        guard !history.isEmpty else { return "History: the journal holds no owner of \(address) around that time" }
        var lines = ["History of \(address):"]
        for span in history {
            lines.append("  \(JournalTime.format(span.from)) – \(span.to.map(JournalTime.format) ?? "now")  "
                         + "\(span.kind.rawValue) \(span.owner)")
        }
        return lines.joined(separator: "\n")
    }
}
