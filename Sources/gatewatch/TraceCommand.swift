import ArgumentParser
import History
import Presentation
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

    @Option(help: ArgumentHelp("A protocol name as the ASA writes it (tcp, udp, icmp, sctp, gre…) or a number.",
                               valueName: "PROTO"))
    var proto: String = "tcp"

    @Option(help: "Source port the client uses.")
    var sport: UInt16?

    @Option(name: .customLong("icmp-type"), help: "ICMP type.")
    var icmpType: UInt8?

    @Option(name: .customLong("icmp-code"), help: "ICMP code.")
    var icmpCode: UInt8?

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
        let simulation = try source.load().simulation
        let result: TraceResult
        do {
            result = try simulation.tracer.trace(query)
        } catch {
            throw CommandFailure.input(error.description)
        }
        emit(output == .json ? TraceOutput.json(result).rendered() : TraceOutput.text(result, query: query))
    }

    private func makeQuery() throws -> TraceQuery {
        do {
            let sender = try pod.map(TraceQuery.parsePod)
                ?? .hypothetical(namespace: namespace ?? "", labels: try TraceQuery.parseLabels(labels ?? ""), node: node)
            let (address, port) = try TraceQuery.parseDestination(dst)
            let number = try TraceQuery.parseProtocol(proto)
            return TraceQuery(sender: sender, destination: address, destinationPort: port, sourcePort: sport,
                              ipProtocol: number, icmpType: icmpType, icmpCode: icmpCode, at: try evaluationTime())
        } catch let error as TraceQuery.ParseError {
            throw CommandFailure.input(error.optionMessage)
        }
    }

    /// `--at` is also when the packet is sent, for firewall time ranges.
    private func evaluationTime() throws -> EvaluationTime? {
        guard let moment = try source.moment() else { return nil }
        do {
            return try EvaluationTime.parseISO8601(JournalTime.format(moment))
        } catch {
            throw CommandFailure.input("--at: \(error.description)")
        }
    }
}

extension TraceQuery.ParseError {
    /// The message with the field named as its command-line option (`--dst: …`).
    var optionMessage: String {
        let option: String
        switch field {
        case .pod: option = "--pod"
        case .labels: option = "--labels"
        case .destination: option = "--dst"
        case .protocol: option = "--proto"
        }
        return "\(option): \(problem)"
    }
}
