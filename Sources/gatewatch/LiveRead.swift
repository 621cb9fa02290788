import Inventory
import Live

/// The one-shot live read of a command: runs the live feed until both sides have synced or
/// failed once and takes that update. Fails (exit 2) when neither side could be read.
enum LiveRead {
    static func first(_ settings: LiveSettings, report: (String) -> Void) throws -> LiveUpdate {
        let configuration = LiveConfiguration.load(settings.configDirectory)
        configuration.diagnostics.forEach(report)
        let feed = LiveFeed(settings: settings, configuration: configuration)
        let update = BlockingTask.run { await feed.first() }
        feed.problems().forEach(report)
        if feed.nothingRead {
            throw CommandFailure.input("no live source could be read (see above); give --from DIR or --demo for a bundle")
        }
        return update
    }
}
