import Foundation
import TestSupport
import Testing

/// `:at` in a real terminal: the console rebuilds the past state from the journal off the UI
/// thread, says so in its header, and `:at now` comes back; the live console records by default.
@Suite("History in tmux", .serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct HistoryEndToEndTests {
    /// Runs the built binary with `arguments`; its exit status.
    private func gatewatch(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TmuxPane.executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test func atShowsThePastReadOnlyAndNowComesBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("at-tmux-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = directory + "/journal.sqlite"
        let demo = PeerProcess.repositoryRoot.appendingPathComponent("Sources/Inventory/Demo").path
        #expect(try gatewatch(["journal", "import", demo, "--at", "2026-11-25T10:00:00Z", "--journal", journal]) == 0)

        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.launch("--demo --journal '\(journal)'")
        try pane.waitFor("Gateways (7)")
        try pane.type(":at 2026-11-25T10:30:00Z")
        try pane.press("Enter")
        let past = try pane.waitFor("AT 2026-11-25T10:30:00Z (read-only)", timeout: 30)
        #expect(past.contains("Gateways (7)"))
        #expect(!past.contains("data "))
        try pane.type(":at 2026-11-01T00:00:00Z")
        try pane.press("Enter")
        try pane.waitFor("the journal covers 2026-11-25T10:00:00Z")
        try pane.type(":at now")
        try pane.press("Enter")
        try pane.waitUntil("the present back") { !$0.contains("(read-only)") && $0.contains("showing the present") }
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test("console --at opens on the past: the AT header in the past-state colour, counts kept at 80 columns")
    func consoleAtOpensOnThePast() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("at-open-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = directory + "/journal.sqlite"
        let demo = PeerProcess.repositoryRoot.appendingPathComponent("Sources/Inventory/Demo").path
        #expect(try gatewatch(["journal", "import", demo, "--at", "2026-11-25T10:00:00Z", "--journal", journal]) == 0)

        let pane = try TmuxPane(width: 80, height: 24)
        defer { pane.kill() }
        try pane.launch("console --at 2026-11-25T10:30:00Z --journal '\(journal)'")
        let screen = try pane.waitFor("Gateways (7)", timeout: 30)
        let header = String(screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        #expect(header.contains(" AT 2026-11-25T10:30:00Z"))
        #expect(header.contains("gw ") && header.contains("pools "))
        #expect(!header.contains("data "))
        // The default theme's past-state colour: black on magenta (256-colour 201).
        try pane.waitUntilColors("the past-state colour") { $0.contains("48;5;201m") }
        try pane.type(":at now")
        try pane.press("Enter")
        try pane.waitFor("no present to return to")
        #expect(try pane.screen().contains(" AT 2026-11-25T10:30:00Z"))
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test func theLiveConsoleRecordsAndItsEventsSurviveARestart() throws {
        let kube = try DemoPeers.kubeStandIn()
        defer { kube.stop() }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("live-record-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let journal = directory + "/journal.sqlite"
        let environment = "TERM=xterm-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent AWS_EC2_METADATA_DISABLED=true "
            + "AWS_ACCESS_KEY_ID=AKIDTEST AWS_SECRET_ACCESS_KEY=console-secret"
        let arguments = "--kubeconfig '\(try kube.string("kubeconfig"))' --region us-east-1 --endpoint-url http://127.0.0.1:9 "
            + "--journal '\(journal)'"
        let pane = try TmuxPane(width: 160, height: 48)
        defer { pane.kill() }
        try pane.launch(arguments, environment: environment)
        try pane.waitFor("Gateways (7)", timeout: 30)
        try pane.waitUntil("the AWS failure", timeout: 30) { $0.contains("STALE") }
        Thread.sleep(forTimeInterval: 1.5)  // one flush
        try pane.type("q")
        try pane.waitFor("EXIT=0")

        // The second session, not recording, still reads the journal: the first session's events are there.
        try pane.launch(arguments + " --no-record", environment: environment)
        try pane.waitFor("Gateways (7)", timeout: 30)
        try pane.type("8")
        try pane.waitFor("Events (")
        // Only the sessions' start events: each session logs one.
        try pane.type("/watching")
        try pane.press("Enter")
        let events = try pane.waitFor("filter: watching (2 of")
        #expect(events.components(separatedBy: "watching: 0 gateways").count - 1 == 2, "each session's start:\n\(events)")
        #expect(!events.contains("NOT RECORDING"))
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        #expect(try gatewatch(["journal", "info", "--journal", journal]) == 0)
    }
}
