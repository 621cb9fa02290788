import Inventory
import Live

/// The one-shot live read of a command: runs the live feed until both sides have synced or
/// failed once and takes that update. Fails (exit 2) when neither side could be read.
enum LiveRead {
    /// `required` names an EC2 operation whose data the command shows: without it, the command
    /// fails (exit 2) rather than print an empty table.
    static func first(_ settings: LiveSettings, required: String? = nil, report: (String) -> Void) throws -> LiveUpdate {
        let configuration = LiveConfiguration.load(settings.configDirectory)
        configuration.diagnostics.forEach(report)
        let feed = LiveFeed(settings: settings, configuration: configuration)
        let update = BlockingTask.run { await feed.first() }
        feed.problems().forEach(report)
        if feed.nothingRead {
            throw CommandFailure.input("no live source could be read (see above); give --from DIR or --demo for a bundle")
        }
        if let required, feed.hasNoData(of: required) {
            throw CommandFailure.input("no data: \(required) could not be read (see above); nothing to list")
        }
        return update
    }
}
