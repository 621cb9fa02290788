import LPM

/// One gateway being drained: Calico writes `egress.projectcalico.org/gatewayMaintenance…`
/// annotations on the clients of a terminating gateway (calico-egress.md §3.1, §4.3), so they move
/// to other gateways before its window ends. Built from the client annotations and from gateway
/// pods that carry a `deletionTimestamp`.
public struct GatewayDrain: Hashable, Sendable {
    /// The annotation naming the gateway's IP.
    public static let gatewayIPAnnotation = "egress.projectcalico.org/gatewayMaintenanceGatewayIP"
    /// The annotation with the start of the window (RFC 3339).
    public static let startedAnnotation = "egress.projectcalico.org/gatewayMaintenanceStartedTimestamp"
    /// The annotation with the end of the window (RFC 3339).
    public static let finishedAnnotation = "egress.projectcalico.org/gatewayMaintenanceFinishedTimestamp"

    /// The draining gateway's IP.
    public var gatewayIP: IPAddress
    /// The gateway pod holding that IP (`namespace/name`), when it is still in the Snapshot.
    public var gateway: String?
    /// Start of the window, seconds since 1970, when known.
    public var started: Double?
    /// End of the window, seconds since 1970, when known.
    public var finished: Double?
    /// Client pods carrying the annotations for this gateway (being moved), `namespace/name`, sorted.
    public var clients: [String]

    /// Seconds left until the window ends (negative once past); nil when the end is unknown.
    public func secondsLeft(now: Double) -> Double? { finished.map { $0 - now } }

    /// True while the window is open at `now` (or its end is unknown).
    public func isActive(now: Double) -> Bool { finished.map { now < $0 } ?? true }
}

extension GatewayDrain {
    /// Every drain of `pods` and `gateways`: one per gateway IP named by client annotations, and
    /// one per terminating gateway pod (window `[deletionTimestamp − deletionGracePeriodSeconds,
    /// deletionTimestamp]`), merged by IP; in gateway-IP order. Windows that ended are kept (the
    /// annotations stay on the clients); `isActive(now:)` tells them apart.
    static func drains(pods: [Pod], gateways: [EgressGatewayRecord]) -> [GatewayDrain] {
        var drains: [IPAddress: GatewayDrain] = [:]
        for pod in pods where !pod.isFinished {
            let annotations = pod.metadata.annotations
            guard let text = annotations[GatewayDrain.gatewayIPAnnotation], let ip = IPAddress(parsing: Substring(text)) else { continue }
            var drain = drains[ip] ?? GatewayDrain(gatewayIP: ip, gateway: nil, started: nil, finished: nil, clients: [])
            drain.clients.append(pod.qualifiedName)
            if let started = annotations[GatewayDrain.startedAnnotation].flatMap(Timestamp.secondsSince1970) {
                drain.started = min(drain.started ?? started, started)
            }
            if let finished = annotations[GatewayDrain.finishedAnnotation].flatMap(Timestamp.secondsSince1970) {
                drain.finished = max(drain.finished ?? finished, finished)
            }
            drains[ip] = drain
        }
        for gateway in gateways {
            guard let ip = gateway.ip else { continue }
            if drains[ip] != nil {
                drains[ip]?.gateway = gateway.qualifiedName
                continue
            }
            guard let deletion = gateway.pod.metadata.deletionTimestamp.flatMap(Timestamp.secondsSince1970) else { continue }
            let grace = Double(gateway.pod.deletionGracePeriodSeconds ?? gateway.pod.terminationGracePeriodSeconds ?? 30)
            drains[ip] = GatewayDrain(gatewayIP: ip, gateway: gateway.qualifiedName, started: deletion - grace,
                                      finished: deletion, clients: [])
        }
        return drains.values.map { drain in
            var sorted = drain
            sorted.clients.sort()
            return sorted
        }.sorted { $0.gatewayIP < $1.gatewayIP }
    }
}
