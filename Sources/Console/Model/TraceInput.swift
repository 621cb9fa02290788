import Firewall
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

    /// The query, or a one-line reason it cannot be made (the field named as the form names it).
    /// The port is kept for the protocols whose packets carry ports (TCP, UDP, SCTP).
    internal func query() -> Result<TraceQuery, TraceInputError> {
        do {
            let sender = try TraceQuery.parseSender(source)
            let endpoint = try TraceQuery.parseDestination(destination)
            let number = try TraceQuery.parseProtocol(proto)
            return .success(TraceQuery(sender: sender, destination: endpoint.address,
                                       destinationPort: IPProtocolTable.carriesPorts(number) ? endpoint.port : nil,
                                       ipProtocol: number))
        } catch {
            return .failure(TraceInputError(error.description))
        }
    }

    /// The protocol name shown for `number`.
    internal static func protocolName(_ number: UInt8) -> String {
        TraceQuery.protocolName(number)
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
