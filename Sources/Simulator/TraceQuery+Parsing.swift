import Firewall
import Inventory
import LPM

extension TraceQuery {
    /// A part of a trace query as a user types it, named in errors: the command line shows it as
    /// its option (`--dst`), the console's Trace form as its field (`destination`).
    public enum Field: String, Hashable, Sendable {
        /// The sender (`NS/NAME`, or `ns=NS,k=v` for a hypothetical pod).
        case pod
        /// A hypothetical pod's labels (`k=v,…`).
        case labels
        /// The destination (`IP[:PORT]`).
        case destination
        /// The IP protocol (a name from the ASA's table, or a number).
        case `protocol`
    }

    /// What is wrong with one field of a typed query.
    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The field.
        public var field: Field
        /// What was expected and what was found, without the field.
        public var problem: String

        /// An error in `field`.
        public init(_ field: Field, _ problem: String) {
            self.field = field
            self.problem = problem
        }

        /// `destination: '172.16.0.999' is not an IP address`, on one line (input quoted in the
        /// problem has its control characters escaped).
        public var description: String { "\(field.rawValue): \(TextSafety.escapedLine(problem))" }
    }

    /// An existing pod as `NAMESPACE/NAME`.
    public static func parsePod(_ text: String) throws(ParseError) -> Sender {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw ParseError(.pod, "expected NAMESPACE/NAME, got '\(text)'")
        }
        return .pod(namespace: String(parts[0]), name: String(parts[1]))
    }

    /// A sender as the console's form takes it: `NS/NAME` (an existing pod), or `ns=NS[,k=v…]` /
    /// `NS k=v[,k=v…]` (a hypothetical pod of that namespace and those labels).
    public static func parseSender(_ text: String) throws(ParseError) -> Sender {
        let trimmed = text.trimmingCharacters(in: " ")
        guard !trimmed.isEmpty else { throw ParseError(.pod, "give NS/NAME, or ns=NS,k=v for a pod that does not exist") }
        guard trimmed.contains("=") else { return try parsePod(trimmed) }
        var namespace: String?
        var labels: [String: String] = [:]
        for item in trimmed.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 1, namespace == nil {
                namespace = String(pair[0])
                continue
            }
            guard pair.count == 2, !pair[0].isEmpty else { throw ParseError(.pod, "expected ns=NS,k=v pairs, got '\(item)'") }
            if pair[0] == "ns" || pair[0] == "namespace" {
                namespace = String(pair[1])
            } else {
                labels[String(pair[0])] = String(pair[1])
            }
        }
        guard let namespace, !namespace.isEmpty else { throw ParseError(.pod, "a hypothetical pod needs ns=NAMESPACE") }
        return .hypothetical(namespace: namespace, labels: labels, node: nil)
    }

    /// Labels as `k=v,k2=v2` (empty text: no labels).
    public static func parseLabels(_ text: String) throws(ParseError) -> [String: String] {
        var labels: [String: String] = [:]
        for item in text.split(separator: ",") {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, !pair[0].isEmpty else {
                throw ParseError(.labels, "expected k=v pairs separated by commas, got '\(item)'")
            }
            labels[String(pair[0])] = String(pair[1])
        }
        return labels
    }

    /// A destination as `IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address.
    public static func parseDestination(_ text: String) throws(ParseError) -> (address: IPAddress, port: UInt16?) {
        let text = text.trimmingCharacters(in: " ")
        guard !text.isEmpty else { throw ParseError(.destination, "give IP[:PORT]") }
        var addressText = Substring(text)
        var portText: Substring?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            addressText = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") {
                portText = rest.dropFirst()
            } else if !rest.isEmpty {
                throw ParseError(.destination, "expected [IPv6]:PORT, got '\(text)'")
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            addressText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let address = IPAddress(parsing: addressText) else {
            throw ParseError(.destination, "'\(addressText)' is not an IP address")
        }
        guard let portText else { return (address, nil) }
        guard let port = UInt16(portText), port > 0 else {
            throw ParseError(.destination, "expected a port from 1 to 65535, got '\(portText)'")
        }
        return (address, port)
    }

    /// An IP protocol by the name the ASA uses (`tcp`, `udp`, `icmp`, `icmp6`, `gre`, `esp`,
    /// `sctp`…, `ipv6-icmp` for ICMPv6) or by number 0–255; empty text is TCP.
    public static func parseProtocol(_ text: String) throws(ParseError) -> UInt8 {
        let trimmed = text.trimmingCharacters(in: " ")
        if trimmed.isEmpty { return IPProtocolTable.tcp }
        if trimmed.lowercased() == "ipv6-icmp" { return IPProtocolTable.icmp6 }
        guard let number = IPProtocolTable.number(for: trimmed) else {
            throw ParseError(.protocol, "expected a protocol name (tcp, udp, icmp, icmp6, sctp, gre, esp…) "
                             + "or a number from 0 to 255, got '\(trimmed)'")
        }
        return number
    }

    /// The name shown for protocol `number` (`tcp`, `gre`, or `protocol 99`).
    public static func protocolName(_ number: UInt8) -> String {
        let name = IPProtocolTable.name(for: number)
        return name == String(number) ? "protocol \(number)" : name
    }
}

extension StringProtocol {
    /// The text without leading and trailing `character`s.
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var slice = self[...]
        while slice.first == character { slice.removeFirst() }
        while slice.last == character { slice.removeLast() }
        return String(slice)
    }
}
