import Foundation
import Spawn

/// A loopback test peer (a Python script under `Tests/Peers`) started for one test: it prints
/// one JSON "ready line" on stdout when it listens, and is stopped with SIGTERM (then SIGKILL).
///
/// Spawned with `posix_spawn` and an empty signal mask: the test runner's threads block signals,
/// and a child that inherits that mask would ignore SIGTERM.
public final class PeerProcess: @unchecked Sendable {
    /// The parsed ready line (`url`, `port`, `kubeconfig`, … as the peer's README lists).
    public let ready: [String: Any]
    /// The peer's process id.
    public let pid: pid_t
    private let stdoutDescriptor: Int32
    private var stopped = false

    /// The repository root, found from this source file's location.
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// Starts `python3 Tests/Peers/<script> <arguments>` and waits (up to `timeout` seconds)
    /// for its ready line. `environment` entries are added to the test's own environment.
    public init(script: String, arguments: [String], environment: [String: String] = [:],
                timeout: Double = 30) throws {
        let python = ProcessInfo.processInfo.environment["PYTHON"] ?? "/usr/bin/python3"
        let scriptPath = Self.repositoryRoot.appendingPathComponent("Tests/Peers").appendingPathComponent(script).path
        let argv = ([python, "-u", scriptPath] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }

        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { throw PeerFailure("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, descriptors[1], 1)
        posix_spawn_file_actions_addclose(&actions, descriptors[0])
        posix_spawn_file_actions_addclose(&actions, descriptors[1])
        let attributes = SpawnAttributes()
        var child: pid_t = 0
        let status = posix_spawn(&child, python, &actions, &attributes.raw, argv, envp)
        close(descriptors[1])
        guard status == 0 else {
            close(descriptors[0])
            throw PeerFailure("cannot start \(script): \(String(cString: strerror(status)))")
        }
        pid = child
        stdoutDescriptor = descriptors[0]

        // Read until the first newline, with a deadline.
        var line: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var byte: UInt8 = 0
        while true {
            var poller = pollfd(fd: stdoutDescriptor, events: Int16(POLLIN), revents: 0)
            let remaining = Int32(max(0, deadline.timeIntervalSinceNow) * 1000)
            if remaining == 0 || poll(&poller, 1, remaining) <= 0 {
                Self.terminate(child)
                close(stdoutDescriptor)
                throw PeerFailure("\(script) printed no ready line within \(timeout) s")
            }
            let count = read(stdoutDescriptor, &byte, 1)
            if count <= 0 {
                Self.terminate(child)
                close(stdoutDescriptor)
                throw PeerFailure("\(script) exited before its ready line")
            }
            if byte == UInt8(ascii: "\n") { break }
            line.append(byte)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            Self.terminate(child)
            close(stdoutDescriptor)
            throw PeerFailure("\(script) ready line is not a JSON object: \(String(decoding: line, as: UTF8.self))")
        }
        ready = object
    }

    /// A string field of the ready line.
    public func string(_ key: String) throws -> String {
        guard let value = ready[key] as? String else { throw PeerFailure("ready line has no string \(key)") }
        return value
    }

    /// An integer field of the ready line.
    public func int(_ key: String) throws -> Int {
        guard let value = ready[key] as? Int else { throw PeerFailure("ready line has no integer \(key)") }
        return value
    }

    /// Stops the peer (SIGTERM, SIGKILL after 5 s). Idempotent.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        Self.terminate(pid)
        close(stdoutDescriptor)
    }

    deinit { stop() }

    private static func terminate(_ pid: pid_t) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(50_000)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }
}

/// A peer could not be started or did not behave.
public struct PeerFailure: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
