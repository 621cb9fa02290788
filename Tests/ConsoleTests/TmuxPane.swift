import Foundation
import Spawn
import TestSupport
import Testing

/// A shell in a pane of a private tmux server (`tmux -L <unique socket>`), for end-to-end tests of
/// the real binary: type, send keys, read the screen with `capture-pane`. Only this server is
/// ever killed.
final class TmuxPane {
    static let tmux = "/usr/bin/tmux"
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tmux) }

    /// The `gatewatch` executable next to the test bundle in the build folder (as the CLI tests
    /// find it).
    static var executable: String { GatewatchBinary.executable.path }

    let socket: String
    private var killed = false

    /// Starts a server with one `width`×`height` pane running `sh` with a `$ ` prompt.
    init(width: Int, height: Int) throws {
        socket = "gwconsole-\(getpid())-\(UUID().uuidString.prefix(8))"
        // The server daemon inherits the client's standard output: give it none, or reading the
        // output would wait for the server to exit.
        try run(["-f", "/dev/null", "new-session", "-d", "-x", String(width), "-y", String(height), "--",
                 "env", "PS1=$ ", "sh"], captureOutput: false)
        try waitFor("$")
    }

    deinit {
        kill()
    }

    /// Runs tmux on this server; returns its standard output.
    ///
    /// Uses `posix_spawn` and `waitpid` rather than Foundation's `Process`: the tmux server that
    /// `new-session` forks would inherit the descriptor `Process` watches for the child's exit and
    /// keep it open for as long as the server runs.
    @discardableResult
    func run(_ arguments: [String], captureOutput: Bool = true) throws -> String {
        let argv = ([Self.tmux, "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeDescriptors: [Int32] = [-1, -1]
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if captureOutput {
            guard pipe(&pipeDescriptors) == 0 else { throw TmuxFailure(message: "pipe failed") }
            posix_spawn_file_actions_adddup2(&actions, pipeDescriptors[1], 1)
            posix_spawn_file_actions_addclose(&actions, pipeDescriptors[0])
            posix_spawn_file_actions_addclose(&actions, pipeDescriptors[1])
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        // The test runner's threads block signals; a tmux server that inherits that mask never
        // sees its panes exit and cannot be stopped. Start tmux with an empty mask and defaults.
        let attributes = SpawnAttributes()
        var pid: pid_t = 0
        let status = posix_spawn(&pid, Self.tmux, &actions, &attributes.raw, argv, environ)
        if captureOutput { close(pipeDescriptors[1]) }
        guard status == 0 else {
            if captureOutput { close(pipeDescriptors[0]) }
            throw TmuxFailure(message: "cannot start tmux: \(status)")
        }
        var output: [UInt8] = []
        if captureOutput {
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(pipeDescriptors[0], $0.baseAddress, $0.count) }
                if count <= 0 { break }
                output += chunk[0..<count]
            }
            close(pipeDescriptors[0])
        }
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) == -1 && errno == EINTR {}
        return String(decoding: output, as: UTF8.self)
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-l", "--", text])
    }

    /// Sends named keys (`Enter`, `Escape`, `Tab`, `C-c`, `NPage`…).
    func press(_ keys: String...) throws {
        try run(["send-keys"] + keys)
    }

    /// Types a shell command line and Enter.
    func shell(_ command: String) throws {
        try type(command)
        try press("Enter")
    }

    /// The screen as text.
    func screen() throws -> String {
        try run(["capture-pane", "-p"])
    }

    /// The screen with colour escapes.
    func screenWithColors() throws -> String {
        try run(["capture-pane", "-p", "-e"])
    }

    /// A tmux format for the pane (`#{alternate_on}`, `#{cursor_flag}`, `#{pane_pid}`).
    func format(_ format: String) throws -> String {
        try run(["display-message", "-p", format]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen satisfies `predicate` on two captures in a row, polling, and returns
    /// the second; fails the test after `timeout` seconds.
    ///
    /// One capture is not enough: tmux can be read while a frame is half written (a view's title
    /// and first rows over the last view's rows), and the second capture, 50 ms later, holds the
    /// whole frame.
    @discardableResult
    func waitUntil(_ description: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
                   _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        var heldBefore = false
        while Date() < deadline {
            last = try screen()
            let holds = predicate(last)
            if holds && heldBefore { return last }
            heldBefore = holds
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(description); screen:\n\(last)", sourceLocation: sourceLocation)
        throw TmuxTimeout()
    }

    /// Waits until the screen with colour escapes satisfies `predicate`.
    func waitUntilColors(_ description: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
                         _ predicate: (String) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(try screenWithColors()) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("timed out waiting for \(description)", sourceLocation: sourceLocation)
        throw TmuxTimeout()
    }

    /// Waits until `text` is on the screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil("'\(text)'", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Resizes the window.
    func resize(width: Int, height: Int) throws {
        try run(["resize-window", "-x", String(width), "-y", String(height)])
    }

    /// Starts the console in the pane: `gatewatch ARGS` in a clean environment (only `PATH`,
    /// `HOME` and `environment`: the test runner's own variables, such as `NO_COLOR`, stay out),
    /// then prints `EXIT=<code>` when it ends.
    func launch(_ arguments: String = "--demo", environment: String = "TERM=xterm-256color LC_ALL=C.UTF-8") throws {
        // Each pane has its own state directory: a live console records its journal there, never in the user's.
        try shell("clear; env -i PATH=\"$PATH\" HOME=\"$HOME\" XDG_STATE_HOME=\"${TMPDIR:-/tmp}/\(socket)-state\" "
                  + "\(environment) '\(Self.executable)' \(arguments); echo EXIT=$?")
    }

    /// Checks that the terminal is back to what the shell expects: main screen, cursor shown,
    /// echo and canonical input on.
    func expectRestored(sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try format("#{alternate_on}") == "0", sourceLocation: sourceLocation)
        #expect(try format("#{cursor_flag}") == "1", sourceLocation: sourceLocation)
        try shell("stty -a | tr ' ' '\\n' | grep -E '^-?(echo|icanon)$' | tr '\\n' ' '; echo STTY''-DONE")
        let screen = try waitFor("STTY-DONE", sourceLocation: sourceLocation)
        #expect(screen.contains("icanon echo STTY-DONE"), sourceLocation: sourceLocation)
    }

    /// Kills this server (and only it).
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? run(["kill-server"], captureOutput: false)
        try? FileManager.default.removeItem(atPath: (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/\(socket)-state")
        // tmux leaves its socket behind when killed: remove ours.
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }
}

/// A bounded wait ran out (already recorded as an issue).
struct TmuxTimeout: Error {}

/// tmux could not be run.
struct TmuxFailure: Error {
    var message: String
}
