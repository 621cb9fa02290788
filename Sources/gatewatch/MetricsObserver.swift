import Foundation
import Live
import MetricsServer

/// `record --metrics-listen`: hands every update (a new Snapshot, or a change of health alone) to
/// the Prometheus page, so the recorder's metrics are what it is recording.
final class MetricsObserver: RecordObserver {
    /// The server whose page is recomputed.
    let server: MetricsServer

    /// An observer updating `server`.
    init(server: MetricsServer) {
        self.server = server
    }

    func observe(_ update: LiveUpdate, at time: Date) {
        server.update(snapshot: update.snapshot, simulation: update.simulation, health: update.health,
                      now: time.timeIntervalSince1970)
    }
}
