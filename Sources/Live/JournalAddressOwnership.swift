import Foundation
import History
import Inventory
import LPM
import Synchronization
import Traffic

/// Who owned an address at a record's time, from the history journal where it covers that time
/// and from the current Snapshot outside it (DESIGN.md `traffic -o json`: "owners at the time of
/// the record"). Each address's spans are read from the journal once and kept.
public final class JournalAddressOwnership: Traffic.AddressOwnership {
    /// Addresses whose spans are kept; beyond, the cache starts over.
    public static let cachedAddressLimit = 100_000

    /// A span in seconds: `[from, to)`.
    struct Span: Sendable {
        var from: Int64
        var to: Int64
        var kind: AddressOwnerKind
        var owner: String
    }

    private let journal: Journal
    private let coverage: OwnerInterval?
    private let fallback: SnapshotOwnership
    private let snapshot: Snapshot
    private let spans = Mutex<[IPAddress: [Span]]>([:])

    /// Ownership from `journal`, and from `snapshot` for times the journal does not cover.
    public init(journal: Journal, snapshot: Snapshot) throws(JournalError) {
        self.journal = journal
        self.snapshot = snapshot
        fallback = SnapshotOwnership(snapshot: snapshot)
        let info = try journal.info()
        if let from = info.from, let to = info.to {
            coverage = OwnerInterval(from: Self.seconds(from), to: Self.seconds(to) + 1)
        } else {
            coverage = nil
        }
    }

    /// The seconds the journal covers, nil when it is empty.
    public var coveredInterval: OwnerInterval? { coverage }

    /// The first whole second at or after `date`.
    static func seconds(_ date: Date) -> Int64 {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        return milliseconds >= 0 ? (milliseconds + 999) / 1000 : milliseconds / 1000
    }

    private func history(_ address: IPAddress) -> [Span] {
        if let known = spans.withLock({ $0[address] }) { return known }
        var found: [Span] = []
        if let coverage {
            let center = Date(timeIntervalSince1970: Double(coverage.from / 2 + coverage.to / 2))
            let window = Duration.seconds(max(coverage.to - coverage.from, 0) / 2 + 86_400)
            let history = (try? journal.addressHistory(address.description, around: center, window: window)) ?? []
            found = history.filter { $0.kind != .networkInterface }.map { span in
                Span(from: Self.seconds(span.from), to: span.to.map(Self.seconds) ?? .max, kind: span.kind, owner: span.owner)
            }
        }
        spans.withLock { cache in
            if cache.count >= Self.cachedAddressLimit { cache.removeAll(keepingCapacity: true) }
            cache[address] = found
        }
        return found
    }

    private static let precedence: [AddressOwnerKind] = [.egressGateway, .natGateway, .elasticIP, .node, .pod]

    /// The owner of `address` at `time`: the journal's when it covers `time`, else the Snapshot's.
    public func owner(of address: IPAddress, at time: Int64?) -> AddressOwner {
        guard let time, let coverage, coverage.contains(time) else { return fallback.owner(of: address, at: nil) }
        let current = history(address).filter { $0.from <= time && time < $0.to }
        for kind in Self.precedence {
            guard let span = current.first(where: { $0.kind == kind }) else { continue }
            return owner(span, address: address)
        }
        return .unknown
    }

    private func owner(_ span: Span, address: IPAddress) -> AddressOwner {
        func split(_ name: String) -> (String, String) {
            guard let slash = name.firstIndex(of: "/") else { return ("", name) }
            return (String(name[..<slash]), String(name[name.index(after: slash)...]))
        }
        switch span.kind {
        case .egressGateway:
            let (namespace, name) = split(span.owner)
            return .egressGateway(namespace: namespace, name: name)
        case .pod:
            let (namespace, name) = split(span.owner)
            return .pod(namespace: namespace, name: name)
        case .node:
            return .node(span.owner)
        case .natGateway:
            return .natGateway(span.owner)
        case .elasticIP:
            return .elasticIP(address, privateAddress: snapshot.elasticIPsByPublicIP[address]?.privateIPAddress)
        case .networkInterface:
            return .unknown
        }
    }

    /// Every address the journal indexes.
    public func knownAddresses() -> [IPAddress] {
        ((try? journal.indexedAddresses()) ?? []).compactMap { IPAddress(parsing: $0) }
    }

    /// The seconds around `time` between two changes of the owner: the journal's span edges and
    /// the edges of its coverage.
    public func ownerInterval(of address: IPAddress, at time: Int64) -> OwnerInterval {
        guard let coverage else { return .always }
        var edges: [Int64] = [coverage.from, coverage.to]
        for span in history(address) { edges += [span.from, span.to] }
        var interval = OwnerInterval.always
        for edge in edges {
            if edge <= time { interval.from = max(interval.from, edge) } else { interval.to = min(interval.to, edge) }
        }
        return interval
    }
}
