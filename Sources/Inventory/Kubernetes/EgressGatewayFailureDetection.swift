/// `EgressGateway.spec.egressGatewayFailureDetection`: how a gateway decides it is not ready
/// (calico-egress.md §4.2). Absent fields take the operator's documented defaults.
public struct EgressGatewayFailureDetection: Hashable, Sendable, Decodable {
    /// How long the gateway may be cut off from its datastore feed before it reports not-ready (default 90).
    public var healthTimeoutDataStoreSeconds: Int
    /// The ICMP probe, when set.
    public var icmpProbe: Probe?
    /// The HTTP probe, when set.
    public var httpProbe: Probe?

    /// The operator's default datastore timeout.
    public static let defaultHealthTimeoutDataStoreSeconds = 90

    /// One probe kind: its targets, how often it runs and when it gives up.
    public struct Probe: Hashable, Sendable {
        /// Which probe this is.
        public enum Kind: String, Hashable, Sendable {
            /// `icmpProbe`: pings `ips`.
            case icmp
            /// `httpProbe`: GETs `urls`.
            case http

            /// Seconds between probes when the field is absent.
            public var defaultIntervalSeconds: Int { self == .icmp ? 5 : 10 }
            /// Seconds before the gateway reports not-ready when the field is absent.
            public var defaultTimeoutSeconds: Int { self == .icmp ? 15 : 30 }
        }

        /// ICMP or HTTP.
        public var kind: Kind
        /// The IPs (ICMP) or URLs (HTTP) probed.
        public var targets: [String]
        /// Seconds between probes (the default when the field is absent).
        public var intervalSeconds: Int
        /// Seconds after which all targets failing makes the gateway not ready (the default when absent).
        public var timeoutSeconds: Int

        /// Creates a probe; absent timings take the kind's defaults.
        public init(kind: Kind, targets: [String], intervalSeconds: Int? = nil, timeoutSeconds: Int? = nil) {
            self.kind = kind
            self.targets = targets
            self.intervalSeconds = intervalSeconds ?? kind.defaultIntervalSeconds
            self.timeoutSeconds = timeoutSeconds ?? kind.defaultTimeoutSeconds
        }

        /// `icmp 10.0.0.1,10.0.0.2 every 5s, 15s` — for tables.
        public var summary: String {
            "\(kind.rawValue) \(targets.isEmpty ? "-" : targets.joined(separator: ",")) every \(intervalSeconds)s/\(timeoutSeconds)s"
        }
    }

    /// Creates a failure-detection block.
    public init(healthTimeoutDataStoreSeconds: Int? = nil, icmpProbe: Probe? = nil, httpProbe: Probe? = nil) {
        self.healthTimeoutDataStoreSeconds = healthTimeoutDataStoreSeconds ?? Self.defaultHealthTimeoutDataStoreSeconds
        self.icmpProbe = icmpProbe
        self.httpProbe = httpProbe
    }

    /// The probes that are set, ICMP first.
    public var probes: [Probe] { [icmpProbe, httpProbe].compactMap { $0 } }

    private enum CodingKeys: String, CodingKey { case healthTimeoutDataStoreSeconds, icmpProbe, httpProbe }
    private struct ProbeSpec: Decodable {
        var ips: [String]?
        var urls: [String]?
        var intervalSeconds: Int?
        var timeoutSeconds: Int?
    }

    /// Decodes the block as the operator's CRD writes it.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        healthTimeoutDataStoreSeconds = try c.decodeIfPresent(Int.self, forKey: .healthTimeoutDataStoreSeconds)
            ?? Self.defaultHealthTimeoutDataStoreSeconds
        icmpProbe = try c.decodeIfPresent(ProbeSpec.self, forKey: .icmpProbe).map {
            Probe(kind: .icmp, targets: $0.ips ?? [], intervalSeconds: $0.intervalSeconds, timeoutSeconds: $0.timeoutSeconds)
        }
        httpProbe = try c.decodeIfPresent(ProbeSpec.self, forKey: .httpProbe).map {
            Probe(kind: .http, targets: $0.urls ?? [], intervalSeconds: $0.intervalSeconds, timeoutSeconds: $0.timeoutSeconds)
        }
    }
}
