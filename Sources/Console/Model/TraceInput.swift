import Inventory
import LPM
import Simulator

/// What the Trace form (or `:trace`) holds, as typed: who sends, to where, over what. `query()`
/// turns it into the Simulator's `TraceQuery`, or says what is wrong with it.
///
/// The sender is `NS/NAME` (an existing pod), or `ns=NS[,k=v…]` / `NS k=v[,k=v…]` (a hypothetical
/// pod of that namespace and those labels). The destination is `IP`, `IP:PORT` or `[IPv6]:PORT`;
/// the protocol `tcp`, `udp`, `icmp`, `icmp6` or a number.
internal struct TraceInput: Hashable, Sendable {
    /// The sender as typed.
    internal var source: String
    /// The destination as typed.
    internal var destination: String
    /// The protocol as typed.
    internal var proto: String

    /// Creates an input.
    internal init(source: String = "", destination: String = "", proto: String = "tcp") {
        self.source = source
        self.destination = destination
        self.proto = proto
    }

    /// The protocol names the form completes.
    internal static let protocolNames = ["tcp", "udp", "icmp", "icmp6"]

    /// The query, or a one-line reason it cannot be made.
    internal func query() -> Result<TraceQuery, TraceInputError> {
        let sender: TraceQuery.Sender
        switch Self.sender(source) {
        case .success(let parsed): sender = parsed
        case .failure(let error): return .failure(error)
        }
        let endpoint: (IPAddress, UInt16?)
        switch Self.endpoint(destination) {
        case .success(let parsed): endpoint = parsed
        case .failure(let error): return .failure(error)
        }
        guard let number = Self.protocolNumber(proto) else {
            return .failure(TraceInputError("protocol: expected tcp, udp, icmp or a number, got '\(proto)'"))
        }
        return .success(TraceQuery(sender: sender, destination: endpoint.0,
                                   destinationPort: number == 6 || number == 17 ? endpoint.1 : nil, ipProtocol: number))
    }

    /// Parses a sender.
    internal static func sender(_ text: String) -> Result<TraceQuery.Sender, TraceInputError> {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            return .failure(TraceInputError("pod: give NS/NAME, or ns=NS,k=v for a pod that does not exist"))
        }
        var namespace: String?
        var labels: [String: String] = [:]
        if !trimmed.contains("=") {
            let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                return .failure(TraceInputError("pod: expected NAMESPACE/NAME, got '\(trimmed)'"))
            }
            return .success(.pod(namespace: String(parts[0]), name: String(parts[1])))
        }
        for item in trimmed.split(whereSeparator: { $0 == "," || $0 == " " }) {
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 1, namespace == nil {
                namespace = String(pair[0])
                continue
            }
            guard pair.count == 2, !pair[0].isEmpty else {
                return .failure(TraceInputError("pod: expected ns=NS,k=v pairs, got '\(item)'"))
            }
            if pair[0] == "ns" || pair[0] == "namespace" {
                namespace = String(pair[1])
            } else {
                labels[String(pair[0])] = String(pair[1])
            }
        }
        guard let namespace, !namespace.isEmpty else {
            return .failure(TraceInputError("pod: a hypothetical pod needs ns=NAMESPACE"))
        }
        return .success(.hypothetical(namespace: namespace, labels: labels, node: nil))
    }

    /// Parses `IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 address.
    internal static func endpoint(_ text: String) -> Result<(IPAddress, UInt16?), TraceInputError> {
        let text = text.trimmingSpaces
        guard !text.isEmpty else { return .failure(TraceInputError("destination: give IP[:PORT]")) }
        var addressText = Substring(text)
        var portText: Substring?
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            addressText = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            if rest.hasPrefix(":") {
                portText = rest.dropFirst()
            } else if !rest.isEmpty {
                return .failure(TraceInputError("destination: expected [IPv6]:PORT, got '\(text)'"))
            }
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            addressText = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let address = IPAddress(parsing: addressText) else {
            return .failure(TraceInputError("destination: '\(addressText)' is not an IP address"))
        }
        guard let portText else { return .success((address, nil)) }
        guard let port = UInt16(portText), port > 0 else {
            return .failure(TraceInputError("destination: expected a port from 1 to 65535, got '\(portText)'"))
        }
        return .success((address, port))
    }

    /// The IP protocol number of `text` (a name or a number).
    internal static func protocolNumber(_ text: String) -> UInt8? {
        switch text.trimmingSpaces.lowercased() {
        case "", "tcp": return 6
        case "udp": return 17
        case "icmp": return 1
        case "icmp6", "ipv6-icmp": return 58
        case let other: return UInt8(other)
        }
    }

    /// The protocol name shown for `number`.
    internal static func protocolName(_ number: UInt8) -> String {
        [1: "icmp", 6: "tcp", 17: "udp", 58: "icmp6"][Int(number)] ?? "protocol \(number)"
    }

    /// Sender candidates starting with `prefix`: existing pods as `NS/NAME` (gateways included),
    /// and `ns=NS` for each namespace, sorted; at most `limit`.
    internal static func senderCandidates(_ prefix: String, in snapshot: Snapshot, limit: Int = 200) -> [String] {
        // Keeps the `limit` smallest names in order (a sorted insert), so a cluster of 100,000 pods
        // is not sorted in full for every frame of the completion row.
        var best: [String] = []
        func offer(_ name: String) {
            guard best.count < limit || name < (best.last ?? "") else { return }
            var low = 0
            var high = best.count
            while low < high {
                let middle = (low + high) / 2
                if best[middle] < name { low = middle + 1 } else { high = middle }
            }
            if low < best.count, best[low] == name { return }
            best.insert(name, at: low)
            if best.count > limit { best.removeLast() }
        }
        if "ns=".hasPrefix(prefix) || prefix.hasPrefix("ns=") {
            for namespace in snapshot.cluster.namespaces where ("ns=" + namespace.name).hasPrefix(prefix) {
                offer("ns=" + namespace.name)
            }
        }
        if !prefix.hasPrefix("ns=") {
            for pod in snapshot.cluster.pods where !pod.isFinished && !pod.hostNetwork {
                let name = pod.qualifiedName
                if name.hasPrefix(prefix) { offer(name) }
            }
        }
        return best
    }
}

extension String {
    /// The string without leading and trailing spaces.
    internal var trimmingSpaces: String {
        var slice = self[...]
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
