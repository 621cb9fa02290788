import Foundation
import Spawn

/// A program started for one test and left running (a daemon such as `gatewatch record`): an
/// empty signal mask (see `SpawnAttributes`), standard output and error into files the test
/// reads while it runs, signals sent by the test, the exit status waited for with a deadline.
public final class BackgroundProcess: @unchecked Sendable {
    /// The process id.
    public let pid: pid_t
    /// Where standard error goes.
    public let stderrPath: String
    private var status: Int32?

    /// Starts `executable` with `arguments`; `environment` replaces the process environment.
    /// `wrapper` (a shell line ending in `exec "$@"`) runs it through `/bin/sh -c` when given,
    /// for limits such as `ulimit -f`.
    public init(executable: String, arguments: [String], environment: [String: String], stderrPath: String,
                wrapper: String? = nil) throws {
        self.stderrPath = stderrPath
        let argumentList = wrapper.map { ["/bin/sh", "-c", $0, "sh", executable] + arguments } ?? [executable] + arguments
        let argv = argumentList.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let attributes = SpawnAttributes()
        var child: pid_t = 0
        let result = posix_spawn(&child, argumentList[0], &actions, &attributes.raw, argv, envp)
        guard result == 0 else { throw PeerFailure("cannot start \(executable): \(String(cString: strerror(result)))") }
        pid = child
    }

    deinit {
        if status == nil {
            kill(pid, SIGKILL)
            _ = waitForExit(timeout: 10)
        }
    }

    /// What it wrote to standard error so far.
    public var stderr: String {
        (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? ""
    }

    /// Sends `signal`.
    public func send(_ signal: Int32) {
        if status == nil { kill(pid, signal) }
    }

    /// Waits up to `timeout` seconds for it to exit: its exit status (128 + N when signal N
    /// ended it), nil when it still runs.
    @discardableResult
    public func waitForExit(timeout: Double) -> Int32? {
        if let status { return status }
        let deadline = Date().addingTimeInterval(timeout)
        var raw: Int32 = 0
        while true {
            let result = waitpid(pid, &raw, WNOHANG)
            if result == pid {
                let signalled = raw & 0x7f
                status = signalled == 0 ? (raw >> 8) & 0xff : 128 + signalled
                return status
            }
            if result == -1 && errno != EINTR { return nil }
            guard Date() < deadline else { return nil }
            usleep(20_000)
        }
    }

    /// Waits up to `timeout` seconds until standard error contains `text`; true if it did.
    public func waitForStderr(_ text: String, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stderr.contains(text) { return true }
            if waitForExit(timeout: 0) != nil { return stderr.contains(text) }
            usleep(50_000)
        }
        return false
    }
}
