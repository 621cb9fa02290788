import Inventory
import LPM

extension SnapshotDiff {
    /// One event per maintenance window that opened between `old` and `new`: the gateway (or its
    /// IP when the pod is gone), how many clients are being moved and when the window ends.
    internal static func drainEvents(_ old: Snapshot, _ new: Snapshot, _ time: Double) -> [FleetEvent] {
        guard old.gatewayDrains != new.gatewayDrains else { return [] }
        let before = Set(old.gatewayDrains.filter { $0.isActive(now: time) }.map(\.gatewayIP))
        return new.gatewayDrains.filter { $0.isActive(now: time) && !before.contains($0.gatewayIP) }.map { drain in
            let ends = drain.finished.map { ", window ends \(Formatting.utcTime($0))" } ?? ""
            return FleetEvent(time: time, kind: .gateway, subject: drain.gateway ?? drain.gatewayIP.description,
                              message: "draining (\(drain.gatewayIP)): \(Formatting.count(drain.clients.count, "client")) "
                                  + "being moved\(ends)",
                              role: .warn, target: drain.gateway.map(DetailTarget.gateway))
        }
    }
}
