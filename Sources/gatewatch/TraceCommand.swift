import ArgumentParser
import Firewall
import Inventory
import LPM
import Simulator

/// `gatewatch trace`: follow a packet from a pod to the firewall rule it would hit.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace a packet from a pod (existing or hypothetical) through gateway, source IP, VPC route and firewall.")

    @Option(help: ArgumentHelp("An existing pod.", valueName: "NS/NAME"))
    var pod: String?

    @Option(help: "The namespace of a hypothetical pod.")
    var namespace: String?

    @Option(help: ArgumentHelp("Labels of the hypothetical pod.", valueName: "k=v,..."))
    var labels: String?

    @Option(help: "The node a hypothetical pod runs on.")
    var node: String?

    @Option(help: ArgumentHelp("Destination address and optional port.", valueName: "IP[:PORT]"))
    var dst: String

    @Option(help: ArgumentHelp("tcp, udp, icmp or a protocol number.", valueName: "PROTO"))
    var proto: String = "tcp"

    @Option(help: "Source port the client uses.")
    var sport: UInt16?

    @Option(name: .customLong("icmp-type"), help: "ICMP type.")
    var icmpType: UInt8?

    @Option(name: .customLong("icmp-code"), help: "ICMP code.")
    var icmpCode: UInt8?

    @Option(help: ArgumentHelp("When the packet is sent, for firewall time ranges (ISO 8601, e.g. 2026-11-25T14:00:00Z).",
                               valueName: "TIME"))
    var at: String?

    @OptionGroup var source: SourceOptions

    @Option(name: .short, help: "Output format: text or json.")
    var output: OutputFormat = .text

    func validate() throws {
        if (pod == nil) == (namespace == nil) {
            throw ValidationError("give either --pod NS/NAME or --namespace NS [--labels k=v,...]")
        }
        if pod != nil && (labels != nil || node != nil) {
            throw ValidationError("--labels and --node describe a hypothetical pod; use them with --namespace")
        }
    }

    func run() throws {
        let query = try makeQuery()
        let snapshot = try source.loadSnapshot()
        let result: TraceResult
        do {
            result = try Tracer(snapshot: snapshot).trace(query)
        } catch {
            throw CommandFailure.input(error.description)
        }
        print(output == .json ? TraceOutput.json(result).rendered() : TraceOutput.text(result, query: query))
    }

    private func makeQuery() throws -> TraceQuery {
        let sender: TraceQuery.Sender
        if let pod {
            let parts = pod.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw CommandFailure.input("--pod: expected NAMESPACE/NAME, got '\(pod)'")
            }
            sender = .pod(namespace: String(parts[0]), name: String(parts[1]))
        } else {
            sender = .hypothetical(namespace: namespace ?? "", labels: try LabelList.parse(labels ?? ""), node: node)
        }
        let (address, port) = try Endpoint.parse(dst)
        let number = try ProtocolName.number(proto)
        var time: EvaluationTime?
        if let at {
            do {
                time = try EvaluationTime.parseISO8601(at)
            } catch {
                throw CommandFailure.input("--at: \(error.description)")
            }
        }
        return TraceQuery(sender: sender, destination: address, destinationPort: port, sourcePort: sport,
                          ipProtocol: number, icmpType: icmpType, icmpCode: icmpCode, at: time)
    }
}

/// `k=v,k2=v2` label lists.
enum LabelList {
    static func parse(_ text: String) throws -> [String: String] {
        var labels: [String: String] = [:]
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, !pair[0].isEmpty else {
                throw CommandFailure.input("--labels: expected k=v pairs separated by commas, got '\(item)'")
            }
            labels[String(pair[0])] = String(pair[1])
        }
        return labels
    }
}

/// `IP`, `IP:PORT`, `[IPv6]:PORT` or bare IPv6.
enum Endpoint {
    static func parse(_ text: String) throws -> (IPAddress, UInt16?) {
        var addressText = Substring(text)
        var portText: Substring?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            addressText = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() } else if !rest.isEmpty {
                throw CommandFailure.input("--dst: expected [IPv6]:PORT, got '\(text)'")
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            addressText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        let address: IPAddress
        do {
            address = try IPAddress(addressText)
        } catch {
            throw CommandFailure.input("--dst: \(error)")
        }
        guard let portText else { return (address, nil) }
        guard let port = UInt16(portText), port > 0 else {
            throw CommandFailure.input("--dst: expected a port from 1 to 65535 after ':', got '\(portText)'")
        }
        return (address, port)
    }
}

/// Protocol names as the ASA writes them, or numbers.
enum ProtocolName {
    static func number(_ text: String) throws -> UInt8 {
        switch text.lowercased() {
        case "tcp": return 6
        case "udp": return 17
        case "icmp": return 1
        case "icmp6", "ipv6-icmp": return 58
        default:
            guard let number = UInt8(text) else {
                throw CommandFailure.input("--proto: expected tcp, udp, icmp or a protocol number, got '\(text)'")
            }
            return number
        }
    }
}
