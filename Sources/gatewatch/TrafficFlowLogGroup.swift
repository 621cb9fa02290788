import Foundation
import Live
import Traffic

/// `traffic --flow-log-group NAME`: one read of the group over the command's window.
enum TrafficFlowLogGroup {
    /// Every record of `group` whose event time is in `[since, until)` (seconds).
    static func read(_ group: String, settings: LiveSettings, format: FlowLogFormat?, since: Int64,
                     until: Int64) throws -> ObservedFlowLogs {
        let result: Result<ObservedFlowLogs, any Error> = BlockingTask.run {
            do {
                let poller = try await FlowLogGroupPoller.connect(group: group, settings: settings, format: format ?? .default)
                // FilterLogEvents' endTime is inclusive: the last millisecond before `until`.
                return .success(try await poller.read(from: since * 1000, to: until * 1000 - 1))
            } catch {
                return .failure(error)
            }
        }
        switch result {
        case .success(let observed):
            printError("\(observed.source): \(observed.summary.statistics.records) records in \(observed.pages) pages")
            return observed
        case .failure(let error):
            throw CommandFailure.input("--flow-log-group \(group): \(error)")
        }
    }
}
