import Inventory
import LPM

/// Turns what changed between two Snapshots (and between two source statuses) into events:
/// gateways appearing, disappearing, becoming ready or unready; pools crossing 80 % and 95 %;
/// Elastic IPs associated, disassociated, moved, or changing status; sources failing and recovering.
internal enum SnapshotDiff {

    /// The events between `old` and `new`, seen at `time`.
    internal static func events(from old: Snapshot, to new: Snapshot, at time: Double) -> [FleetEvent] {
        gatewayEvents(old, new, time) + poolEvents(old, new, time) + elasticIPEvents(old, new, time) + drainEvents(old, new, time)
            + firewallFileEvents(old, new, time)
    }

    /// A firewall config or `show access-list` capture reloaded, added or removed (live reload).
    private static func firewallFileEvents(_ old: Snapshot, _ new: Snapshot, _ time: Double) -> [FleetEvent] {
        guard old.firewallConfigs != new.firewallConfigs else { return [] }
        var events: [FleetEvent] = []
        let before = Dictionary(old.firewallConfigs.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(new.firewallConfigs.map(\.path))
        for file in new.firewallConfigs {
            guard let previous = before[file.path] else {
                events.append(FleetEvent(time: time, kind: .source, subject: file.path, message: "firewall config added",
                                         role: .text, target: nil))
                continue
            }
            if previous.text != file.text {
                events.append(FleetEvent(time: time, kind: .source, subject: file.path, message: "firewall config reloaded",
                                         role: .text, target: nil))
            }
            if previous.accessListText != file.accessListText {
                events.append(FleetEvent(time: time, kind: .source, subject: file.accessListPath,
                                         message: file.accessListText == nil ? "hit counts removed" : "hit counts reloaded",
                                         role: .text, target: nil))
            }
        }
        for file in old.firewallConfigs where !after.contains(file.path) {
            events.append(FleetEvent(time: time, kind: .source, subject: file.path, message: "firewall config removed",
                                     role: .warn, target: nil))
        }
        return events
    }

    private static func gatewayEvents(_ old: Snapshot, _ new: Snapshot, _ time: Double) -> [FleetEvent] {
        // Equal lists (a Snapshot derived from the last shares them: compared by identity) change nothing.
        guard old.gateways != new.gateways else { return [] }
        var events: [FleetEvent] = []
        for gateway in new.gateways {
            let name = gateway.qualifiedName
            guard let before = old.gatewaysByQualifiedName[name] else {
                events.append(FleetEvent(time: time, kind: .gateway, subject: name,
                                         message: "new gateway" + (gateway.ready ? ", ready" : ", not ready"),
                                         role: gateway.ready ? .ok : .warn, target: .gateway(name)))
                continue
            }
            if before.ready != gateway.ready {
                let phase = gateway.pod.phase.map { " (\($0))" } ?? ""
                events.append(FleetEvent(time: time, kind: .gateway, subject: name,
                                         message: gateway.ready ? "ready" : "NOT READY\(phase)",
                                         role: gateway.ready ? .ok : .error, target: .gateway(name)))
            }
            if before.ip != gateway.ip, let ip = gateway.ip {
                events.append(FleetEvent(time: time, kind: .gateway, subject: name,
                                         message: "IP \(before.ip?.description ?? "-") → \(ip)", role: .text,
                                         target: .gateway(name)))
            }
        }
        for gateway in old.gateways where new.gatewaysByQualifiedName[gateway.qualifiedName] == nil {
            events.append(FleetEvent(time: time, kind: .gateway, subject: gateway.qualifiedName, message: "gone",
                                     role: .warn, target: nil))
        }
        return events
    }

    private static func poolEvents(_ old: Snapshot, _ new: Snapshot, _ time: Double) -> [FleetEvent] {
        // Equal lists (a Snapshot derived from the last shares them: compared by identity) change nothing.
        guard old.pools != new.pools else { return [] }
        let before = Dictionary(old.pools.map { ($0.pool.name, $0) }, uniquingKeysWith: { first, _ in first })
        var events: [FleetEvent] = []
        for usage in new.pools {
            let name = usage.pool.name
            let now = PoolPressure(utilization: usage.utilization)
            let was = before[name].map { PoolPressure(utilization: $0.utilization) } ?? .normal
            guard now != was else { continue }
            let percent = Formatting.percent(usage.utilization)
            let message: String
            let role: ThemeRole
            if now > was {
                message = "utilization \(percent): crossed \(threshold(now)) %"
                role = now == .critical ? .error : .warn
            } else {
                message = "utilization \(percent): back below \(threshold(was)) %"
                role = .ok
            }
            events.append(FleetEvent(time: time, kind: .pool, subject: name, message: message, role: role,
                                     target: .pool(name)))
        }
        return events
    }

    /// The percentage at which `band` starts.
    private static func threshold(_ band: PoolPressure) -> Int {
        Int(((band == .critical ? PoolPressure.criticalThreshold : PoolPressure.highThreshold) * 100).rounded())
    }

    private static func elasticIPEvents(_ old: Snapshot, _ new: Snapshot, _ time: Double) -> [FleetEvent] {
        // Equal lists (a Snapshot derived from the last shares them: compared by identity) change nothing.
        guard old.elasticIPBindings != new.elasticIPBindings else { return [] }
        let before = Dictionary(old.elasticIPBindings.map { ($0.elasticIP.publicIP, $0) },
                                uniquingKeysWith: { first, _ in first })
        var events: [FleetEvent] = []
        func association(_ binding: ElasticIPBinding) -> String {
            let eip = binding.elasticIP
            guard eip.isAssociated else { return "not associated" }
            let target = [eip.networkInterfaceID, eip.privateIPAddress?.description, eip.instanceID].compactMap { $0 }
            return target.isEmpty ? "associated" : target.joined(separator: " ")
        }
        for binding in new.elasticIPBindings {
            let ip = binding.elasticIP.publicIP
            let subject = ip.description
            guard let previous = before[ip] else {
                events.append(FleetEvent(time: time, kind: .elasticIP, subject: subject,
                                         message: "allocated, \(association(binding))", role: .text,
                                         target: .elasticIP(subject)))
                continue
            }
            let was = association(previous)
            let now = association(binding)
            if was != now {
                let message: String
                if !binding.elasticIP.isAssociated {
                    message = "disassociated (was \(was))"
                } else if !previous.elasticIP.isAssociated {
                    message = "associated with \(now)"
                } else {
                    message = "moved: \(was) → \(now)"
                }
                events.append(FleetEvent(time: time, kind: .elasticIP, subject: subject, message: message,
                                         role: binding.elasticIP.isAssociated ? .text : .warn, target: .elasticIP(subject)))
            }
            if previous.status != binding.status || previous.gateway != binding.gateway {
                events.append(FleetEvent(time: time, kind: .elasticIP, subject: subject,
                                         message: "\(binding.status.rawValue): \(binding.reason)",
                                         role: ElasticIPsTable.statusRole(binding.status) == .idle ? .warn
                                             : ElasticIPsTable.statusRole(binding.status),
                                         target: .elasticIP(subject)))
            }
        }
        let current = Set(new.elasticIPBindings.map(\.elasticIP.publicIP))
        for binding in old.elasticIPBindings where !current.contains(binding.elasticIP.publicIP) {
            events.append(FleetEvent(time: time, kind: .elasticIP, subject: binding.elasticIP.publicIP.description,
                                     message: "released", role: .warn, target: nil))
        }
        return events
    }

    /// The events between two healths: one when a source starts failing, one when it recovers;
    /// a failure whose message changes during one outage is the same outage.
    internal static func events(from old: SourceHealth, to new: SourceHealth, at time: Double) -> [FleetEvent] {
        var events: [FleetEvent] = []
        for kind in SourceHealth.Source.Kind.allCases {
            let was = old[kind].flatMap(\.failureLine)
            let now = new[kind].flatMap(\.failureLine)
            if let now, was == nil {
                events.append(FleetEvent(time: time, kind: .source, subject: kind.rawValue, message: "FAILED: \(now)",
                                         role: .error, target: nil))
            } else if let was, now == nil {
                events.append(FleetEvent(time: time, kind: .source, subject: kind.rawValue,
                                         message: "recovered (was: \(was))", role: .ok, target: nil))
            }
        }
        return events
    }
}
