import ArgumentParser
import Presentation
import Firewall
import Simulator
import LPM

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `gatewatch firewall ...`: questions answered from a Cisco ASA/FTD config alone.
struct FirewallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firewall",
        abstract: "Evaluate packets against a Cisco ASA/FTD running-config.",
        subcommands: [Trace.self])

    /// `gatewatch firewall trace`: packet-tracer against a saved `show running-config`.
    struct Trace: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "trace",
            abstract: "Trace one packet through the access lists of a firewall config, like packet-tracer.",
            discussion: """
                Exit status: 0 when the packet is permitted, 1 when it is denied, 2 on a usage or input error.
                """)

        @Option(help: ArgumentHelp("A `show running-config` text file.", valueName: "FILE"))
        var config: String

        @Option(help: ArgumentHelp("The nameif the packet arrives on.", valueName: "NAME"))
        var interface: String

        @Option(name: .customLong("proto"),
                help: ArgumentHelp("tcp, udp, icmp, icmp6, another protocol name, or a number 0-255.", valueName: "P"))
        var proto: String

        @Option(help: ArgumentHelp("Source address.", valueName: "IP"))
        var src: String

        @Option(help: ArgumentHelp("Source port (number or name; default 1025).", valueName: "N"))
        var sport: String?

        @Option(help: ArgumentHelp("Destination address.", valueName: "IP"))
        var dst: String

        @Option(help: ArgumentHelp("Destination port (number or name; required for tcp, udp, sctp).", valueName: "N"))
        var dport: String?

        @Option(name: .customLong("icmp-type"),
                help: ArgumentHelp("ICMP type (number or name; default echo).", valueName: "N"))
        var icmpType: String?

        @Option(name: .customLong("icmp-code"), help: ArgumentHelp("ICMP code (default 0).", valueName: "N"))
        var icmpCode: UInt8?

        @Option(help: ArgumentHelp(
            "Evaluate time ranges at this ISO-8601 time (2026-11-25T14:00:00Z; without a zone: the firewall's "
                + "clock). Without it, time-ranged lines count as active.", valueName: "TIME"))
        var at: String?

        @Option(name: .short, help: "Output format: text (packet-tracer phases) or json.")
        var output: OutputFormat = .text

        func run() throws {
            let packet = try makePacket()
            let time = try evaluationTime()
            let text = try FirewallCommand.readFile(config)
            let parsed = FirewallConfig.parse(text)
            for diagnostic in parsed.errors {
                printError("\(config):\(diagnostic.line): \(diagnostic.message)")
            }
            guard parsed.interface(named: interface) != nil else {
                let names = parsed.interfaces.compactMap(\.name)
                throw CommandFailure.input("no interface with nameif '\(interface)' in \(config)"
                    + (names.isEmpty ? "" : " (nameifs: \(names.joined(separator: ", ")))"))
            }
            let classifier = FirewallClassifier(config: parsed)
            let verdict = classifier.classify(packet, at: time)
            let route = classifier.routes.route(to: packet.destination)
            if output == .json {
                emit(FirewallVerdictOutput.json(verdict, time: time).rendered())
            } else {
                emit(PacketTracerReport(verdict: verdict, config: parsed, route: route).text)
            }
            if verdict.action == .deny { throw ExitCode(1) }
        }

        private func makePacket() throws -> FirewallPacket {
            let number: UInt8
            do {
                number = try TraceQuery.parseProtocol(proto)
            } catch {
                throw CommandFailure.input(error.optionMessage)
            }
            let source = try FirewallCommand.address(src, option: "--src")
            let destination = try FirewallCommand.address(dst, option: "--dst")
            guard source.family == destination.family else {
                throw CommandFailure.input("--src and --dst must be of the same address family")
            }
            var packet = FirewallPacket(ingressInterface: interface, ipProtocol: number, source: source,
                                        destination: destination)
            let table = PortNameTable.table(forProtocol: number)
            if IPProtocolTable.carriesPorts(number) {
                guard let dport else {
                    throw CommandFailure.input("--dport is required for \(IPProtocolTable.name(for: number))")
                }
                packet.destinationPort = try FirewallCommand.port(dport, table: table, option: "--dport")
                packet.sourcePort = try sport.map { try FirewallCommand.port($0, table: table, option: "--sport") }
                    ?? 1025
            } else if sport != nil || dport != nil {
                throw CommandFailure.input("--sport and --dport apply to tcp, udp and sctp only")
            }
            if IPProtocolTable.isICMP(number) {
                let icmp6 = number == IPProtocolTable.icmp6
                if let icmpType {
                    guard let type = ICMPTypeTable.type(for: icmpType, icmp6: icmp6) else {
                        throw CommandFailure.input(
                            "--icmp-type: expected an ICMP type number or name, found '\(icmpType)'")
                    }
                    packet.icmpType = type
                } else {
                    packet.icmpType = icmp6 ? 128 : 8
                }
                packet.icmpCode = icmpCode ?? 0
            } else if icmpType != nil || icmpCode != nil {
                throw CommandFailure.input("--icmp-type and --icmp-code apply to icmp and icmp6 only")
            }
            return packet
        }

        private func evaluationTime() throws -> EvaluationTime? {
            guard let at else { return nil }
            do {
                return try EvaluationTime.parseISO8601(at)
            } catch {
                throw CommandFailure.input("--at: \(error.description)")
            }
        }
    }

    // MARK: - Helpers

    static func address(_ text: String, option: String) throws -> IPAddress {
        guard let address = IPAddress(parsing: text) else {
            throw CommandFailure.input("\(option): expected an IPv4 or IPv6 address, found '\(text)'")
        }
        return address
    }

    static func port(_ text: String, table: PortNameTable.Table, option: String) throws -> UInt16 {
        guard let port = PortNameTable.port(for: text, in: table) else {
            throw CommandFailure.input("\(option): expected a port number 0-65535 or a port name, found '\(text)'")
        }
        return port
    }

    /// Reads a whole text file (invalid UTF-8 is repaired, not rejected), refusing one larger than
    /// `FirewallLimits.maxConfigBytes` (`--config /dev/zero` would otherwise never end).
    static func readFile(_ path: String) throws -> String {
        guard let file = fopen(path, "rb") else {
            throw CommandFailure.input("cannot read \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count > 0 { bytes.append(contentsOf: buffer[0..<count]) }
            if bytes.count > FirewallLimits.maxConfigBytes {
                throw CommandFailure.input("\(path): larger than \(FirewallLimits.maxConfigBytes / 1_048_576) MiB; "
                    + "expected a `show running-config` text")
            }
            if count < buffer.count {
                if ferror(file) != 0 { throw CommandFailure.input("cannot read \(path): read error") }
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
