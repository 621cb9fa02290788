#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Firewall
import LPM

/// The directory of the fixture files, found from this source file (through symlinks too).
let fixtureDirectory: String = {
    var path = #filePath
    while let last = path.last, last != "/" { path.removeLast() }
    return path + "Fixtures/"
}()

/// The text of a fixture file; a missing fixture fails the test run loudly.
func fixtureText(_ name: String) -> String {
    let path = fixtureDirectory + name
    guard let text = readTextFile(path) else { preconditionFailure("missing fixture \(path)") }
    return text
}

/// Reads a whole file with the C library (tests need no Foundation).
func readTextFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
        bytes.append(contentsOf: buffer[0..<count])
        if count < buffer.count { break }
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// A parsed fixture.
func fixtureConfig(_ name: String) -> FirewallConfig {
    FirewallConfig.parse(fixtureText(name))
}

/// An address known to be valid (test data).
func ip(_ text: String) -> IPAddress {
    guard let address = IPAddress(parsing: text) else { preconditionFailure("bad test address \(text)") }
    return address
}

/// A TCP packet from source port 40000.
func tcp(_ source: String, _ destination: String, _ destinationPort: UInt16, on interface: String = "outside")
    -> FirewallPacket
{
    tcp(source, 40_000, destination, destinationPort, on: interface)
}

/// A TCP packet.
func tcp(_ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16,
         on interface: String = "outside") -> FirewallPacket {
    FirewallPacket(ingressInterface: interface, ipProtocol: 6, source: ip(source), sourcePort: sourcePort,
                   destination: ip(destination), destinationPort: destinationPort)
}

/// A UDP packet from source port 40000.
func udp(_ source: String, _ destination: String, _ destinationPort: UInt16, on interface: String = "outside")
    -> FirewallPacket
{
    udp(source, 40_000, destination, destinationPort, on: interface)
}

/// A UDP packet.
func udp(_ source: String, _ sourcePort: UInt16, _ destination: String, _ destinationPort: UInt16,
         on interface: String = "outside") -> FirewallPacket {
    FirewallPacket(ingressInterface: interface, ipProtocol: 17, source: ip(source), sourcePort: sourcePort,
                   destination: ip(destination), destinationPort: destinationPort)
}

/// An ICMP (or ICMPv6, by address family) packet.
func icmp(_ source: String, _ destination: String, type: UInt8, code: UInt8 = 0,
          on interface: String = "outside") -> FirewallPacket {
    let s = ip(source)
    return FirewallPacket(ingressInterface: interface, ipProtocol: s.family == .v4 ? 1 : 58, source: s,
                          destination: ip(destination), icmpType: type, icmpCode: code)
}

/// A packet of any other protocol.
func rawIP(_ proto: UInt8, _ source: String, _ destination: String, on interface: String = "outside")
    -> FirewallPacket
{
    FirewallPacket(ingressInterface: interface, ipProtocol: proto, source: ip(source), destination: ip(destination))
}

/// A config from inline lines (joined with newlines).
func config(_ lines: String...) -> FirewallConfig {
    FirewallConfig.parse(lines.joined(separator: "\n"))
}

/// A one-interface firewall (`outside`) whose `acl_in` is bound inbound, with `lines` as its
/// access-list body (each line gets `access-list acl_in ` prepended) and `extra` config before it.
func singleACL(_ lines: [String], extra: [String] = []) -> FirewallClassifier {
    let text = ["interface GigabitEthernet0/0", " nameif outside", " security-level 0",
                " ip address 198.51.100.2 255.255.255.0"]
        + extra + lines.map { "access-list acl_in " + $0 } + ["access-group acl_in in interface outside"]
    return FirewallClassifier(config: FirewallConfig.parse(text.joined(separator: "\n")))
}

/// The deciding line number (nil for implicit) for `packet` under `classifier`, checking that
/// the compiled and linear engines agree.
func line(_ classifier: FirewallClassifier, _ packet: FirewallPacket, at time: EvaluationTime? = nil) -> Int? {
    let compiled = classifier.classify(packet, at: time, engine: .compiled)
    let linear = classifier.classify(packet, at: time, engine: .linear)
    precondition(compiled == linear, "engines disagree for \(packet): \(compiled) vs \(linear)")
    return compiled.lineNumber
}

/// A local time known to be valid (test data).
func local(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int = 0) -> LocalDateTime {
    guard let time = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else { preconditionFailure("bad test time") }
    return time
}
