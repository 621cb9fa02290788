import Console
import Foundation
import History
import Logging

/// The console's journal: recording by default when live (`--no-record` turns it off), else read
/// for `:at`, the Whois timeline and earlier events when one exists. A journal that cannot be
/// opened for writing is no reason not to open the console: it runs without recording and
/// says why (footer, Events view, header).
enum ConsoleRecording {
    /// How long the console's recording keeps ended versions (as `record`'s default).
    static let retention: Duration = .seconds(30 * 86_400)

    /// The journal at `path`: written when `record`, else only read (nil when there is none to read).
    static func journal(path: String, record: Bool) -> ConsoleJournal? {
        guard record else {
            guard FileManager.default.fileExists(atPath: path), let reader = try? Journal.openForReading(path: path) else {
                return nil
            }
            return ConsoleJournal(journal: reader, recorder: nil)
        }
        // A journal grown past `ulimit -f` is a write error that stops recording, not a kill of the console.
        signal(SIGXFSZ, SIG_IGN)
        do {
            let journal = try Journal.openForWriting(path: path)
            // The terminal is the UI: the recorder logs nothing; its failures reach the console as errors.
            let recorder = JournalRecorder(journal: journal, retention: retention,
                                           logger: Logger(label: "gatewatch.journal") { _ in SwiftLogNoOpLogHandler() })
            return ConsoleJournal(journal: journal, recorder: recorder)
        } catch {
            let reader = FileManager.default.fileExists(atPath: path) ? try? Journal.openForReading(path: path) : nil
            return ConsoleJournal(journal: reader, recorder: nil, startupProblem: "not recording: \(error)")
        }
    }
}
