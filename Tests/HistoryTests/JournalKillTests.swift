import Foundation
import History
import Inventory
import Spawn
import Testing

/// A writer killed with SIGKILL in the middle of its work: the journal stays readable, holds every
/// state committed before the kill whole, and takes a new writer at once.
///
/// The writer is this test binary run again with `writerChild` selected and the journal path in
/// `GATEWATCH_TEST_JOURNAL_WRITER`: it records ever-changing states (every pod replaced each time,
/// so each transaction is large) until it is killed.
@Suite struct JournalKillTests {
    static let variable = "GATEWATCH_TEST_JOURNAL_WRITER"
    static let podsPerState = 300

    /// The state the writer records at step `step`: `podsPerState` pods, all named for the step.
    static func state(step: Int) -> Snapshot {
        Fixtures.snapshot(pods: (0..<podsPerState).map { index in
            Fixtures.pod("shop", "web-\(step)-\(index)", ip: "10.\(step % 200).\(index / 250).\(index % 250)")
        })
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment[variable] != nil, "runs only as the killed writer"))
    func writerChild() throws {
        let path = try #require(ProcessInfo.processInfo.environment[Self.variable])
        let journal = try Journal.openForWriting(path: path)
        var step = 0
        while true {
            try journal.record(Self.state(step: step), at: Fixtures.time(Double(step)))
            if step == 3 { _ = FileManager.default.createFile(atPath: path + ".ready", contents: Data()) }
            step += 1
        }
    }

    @Test func aWriterKilledMidTransactionLeavesAReadableJournal() throws {
        let directory = Fixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/journal.sqlite"
        let child = try Self.spawnWriter(path: path)
        var killed = false
        defer { if !killed { kill(child, SIGKILL); var status: Int32 = 0; waitpid(child, &status, 0) } }

        let deadline = Date().addingTimeInterval(120)
        while !FileManager.default.fileExists(atPath: path + ".ready") {
            guard Date() < deadline else {
                Issue.record("the writer child never committed four states")
                return
            }
            usleep(20_000)
        }
        // While it writes, a second writer is refused, naming the child.
        #expect(throws: JournalError.locked(path: path, holderPID: child)) { _ = try Journal.openForWriting(path: path) }
        usleep(150_000)
        kill(child, SIGKILL)
        var status: Int32 = 0
        while waitpid(child, &status, 0) == -1 && errno == EINTR {}
        killed = true

        let reader = try Journal.openForReading(path: path)
        let info = try reader.info()
        let last = try #require(info.to)
        let step = Int((last.timeIntervalSince1970 - Fixtures.time(0).timeIntervalSince1970).rounded())
        #expect(step >= 3)
        // The last committed state is whole: every pod of that step, none of another.
        let rebuilt = try Fixtures.state(reader, at: last).cluster.pods.map(\.name)
        #expect(rebuilt == Fixtures.normalized(Self.state(step: step)).0.pods.map(\.name))
        #expect(info.versions == 2 + Self.podsPerState * (step + 1))

        // The kernel dropped the dead writer's lock: a new writer goes on from there.
        let writer = try Journal.openForWriting(path: path)
        try writer.record(Self.state(step: step + 1), at: Fixtures.time(Double(step + 1)))
        #expect(try Fixtures.state(writer, at: Fixtures.time(Double(step))).cluster.pods.count == Self.podsPerState)
    }

    /// Runs this test binary again with only `writerChild` selected.
    private static func spawnWriter(path: String) throws -> pid_t {
        let executable = CommandLine.arguments[0]
        let arguments = [executable, "--testing-library", "swift-testing", "--filter", "JournalKillTests.writerChild"]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var environment = ProcessInfo.processInfo.environment
        environment[variable] = path
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let attributes = SpawnAttributes()
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, &attributes.raw, argv, envp)
        guard status == 0 else { throw SpawnFailure(reason: String(cString: strerror(status))) }
        return child
    }

    private struct SpawnFailure: Error { var reason: String }
}
