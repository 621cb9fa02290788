#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The health of the sources behind a Snapshot, typed per source: what each is doing, when it
/// last delivered, why it failed and which of its data is old. The console's header shows STALE
/// from it and the Events view logs its changes; one-shot commands print its failures on stderr.
public struct SourceHealth: Hashable, Sendable {
    /// One source's health.
    public struct Source: Hashable, Sendable {
        /// Which source.
        public enum Kind: String, Hashable, Sendable, CaseIterable {
            /// The Kubernetes API (Calico resources).
            case kube
            /// The EC2 API.
            case aws
            /// The configuration directory (`gatewatch.yaml`, firewall configs).
            case config
        }

        /// What the source is doing.
        public enum Phase: String, Hashable, Sendable {
            /// Not delivered yet.
            case connecting
            /// Delivering; the data shown is current.
            case live
            /// Failing after it delivered: the data shown is from `lastSuccess`.
            case stale
            /// Failed before it delivered anything (no configuration, no credentials, no server).
            case failed
        }

        /// Which source.
        public var kind: Kind
        /// What it is doing.
        public var phase: Phase
        /// When it last delivered (nil before the first delivery).
        public var lastSuccess: Date?
        /// Why it failed, one line, never a secret (nil while all is well).
        public var failure: String?
        /// Parts whose data is old or missing (resources, operations) while the rest works.
        public var stale: [String]
        /// One line for the Events view (`cluster prod: connected · projectcalico.org/v3`).
        public var summary: String

        /// Creates a source's health.
        public init(kind: Kind, phase: Phase, lastSuccess: Date? = nil, failure: String? = nil, stale: [String] = [],
                    summary: String = "") {
            self.kind = kind
            self.phase = phase
            self.lastSuccess = lastSuccess
            self.failure = failure
            self.stale = stale
            self.summary = summary
        }

        /// True when the data shown from this source may be out of date.
        public var isStale: Bool { phase == .stale || phase == .failed || failure != nil }

        /// The header's line for this source (`kube: connection refused`), nil while it is well.
        public var failureLine: String? {
            guard isStale else { return nil }
            return "\(kind.rawValue): " + (failure ?? phase.rawValue)
        }
    }

    /// Every source, in `Kind` order.
    public var sources: [Source]

    /// Health made of `sources`.
    public init(sources: [Source] = []) {
        self.sources = sources
    }

    /// Every source works (or there is none: a bundle).
    public static let ok = SourceHealth()

    /// Health where `kind` failed for `why` (its data, if any, is stale).
    public static func failing(_ kind: Source.Kind, _ why: String) -> SourceHealth {
        SourceHealth(sources: [Source(kind: kind, phase: .stale, failure: why, summary: "\(kind.rawValue): \(why)")])
    }

    /// True when a source has failed: the header shows STALE.
    public var isStale: Bool { sources.contains(where: \.isStale) }

    /// What failed, one line each (`kube: connection refused`); empty when all is well.
    public var failures: [String] { sources.compactMap(\.failureLine) }

    /// The source of `kind`, if it takes part.
    public subscript(kind: Source.Kind) -> Source? { sources.first { $0.kind == kind } }

    /// The same health without delivery times: two healths with equal `significant` values differ
    /// only in when the sources last delivered, which is no reason to publish anything.
    public var significant: SourceHealth {
        SourceHealth(sources: sources.map {
            var source = $0
            source.lastSuccess = nil
            return source
        })
    }
}
