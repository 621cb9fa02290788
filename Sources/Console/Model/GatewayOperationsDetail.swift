import Inventory

/// The gateway detail page's operations sections: its EgressGateway (replicas, probes, the
/// operator's conditions), why it is not ready, and its maintenance window with the client pods
/// being moved.
internal enum GatewayOperationsDetail {
    internal static func add(to page: inout DetailPage, gateway: EgressGatewayRecord, snapshot: Snapshot) {
        if let reason = gateway.notReadyReason {
            page.section("Readiness")
            page.field("Not ready", reason, role: .error)
        }
        if let operated = gateway.egressGateway {
            page.section("EgressGateway \(operated.metadata.qualifiedName)")
            page.field("Replicas", String(operated.replicas))
            page.field("Pools", operated.ipPools.joined(separator: ", "))
            page.field("AWS native IP", operated.nativeIP ? "Enabled" : "Disabled")
            if !operated.elasticIPs.isEmpty { page.field("Elastic IPs", operated.elasticIPs.joined(separator: ", ")) }
            page.field("Grace period", operated.terminationGracePeriodSeconds.map { "\($0)s" } ?? "default (30s)",
                       role: operated.terminationGracePeriodSeconds == 0 ? .warn : .text)
            if let detection = operated.failureDetection {
                page.field("Datastore timeout", "\(detection.healthTimeoutDataStoreSeconds)s")
                for probe in detection.probes {
                    page.field("\(probe.kind.rawValue.uppercased()) probe", probe.summary,
                               role: probe.timeoutSeconds <= probe.intervalSeconds ? .warn : .text)
                }
            } else {
                page.field("Probes", "none (egressGatewayFailureDetection not set)", role: .muted)
            }
            page.field("State", operated.state)
            for condition in operated.conditions {
                let bad = condition.type == "Ready" ? !condition.isTrue : (condition.type == "Degraded" && condition.isTrue)
                page.field(condition.type, ([condition.status] + [condition.reason, condition.message].compactMap { $0 })
                    .joined(separator: " · "), role: bad ? .error : .text)
            }
        }
        guard let ip = gateway.ip, let drain = snapshot.gatewayDrains.first(where: { $0.gatewayIP == ip }) else { return }
        page.section("Maintenance window")
        page.field("Started", drain.started.map { Formatting.utcTime($0) })
        page.field("Ends", drain.finished.map { Formatting.utcTime($0) }, role: .warn)
        if drain.clients.isEmpty {
            page.text("No client pod carries the maintenance annotations for \(ip).", role: .muted)
        } else {
            page.text("Client pods being moved (\(drain.clients.count)):")
            for client in drain.clients { page.text("  \(client)") }
        }
    }
}
