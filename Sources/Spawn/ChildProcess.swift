#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program to completion (optionally killed after a timeout) with stdin from `/dev/null`,
/// capturing stdout and stderr: a credential helper (a kubeconfig exec plugin, an AWS
/// `credential_process`). Blocking; used rarely (once per credential lifetime).
public struct ChildProcess {
    /// What the program printed and how it ended.
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal that ended it.
        public var status: Int32
        /// Everything it wrote to stdout.
        public var stdout: [UInt8]
        /// The first 64 KiB it wrote to stderr.
        public var stderr: [UInt8]
        /// True when the program was killed for running longer than the timeout.
        public var timedOut = false
    }

    /// Starts `executable` (an absolute path) with `arguments` and exactly `environment`, and
    /// kills it after `timeoutSeconds` (nil: waits for as long as it runs). Returns nil and why
    /// when it could not be started.
    public static func run(executable: String, arguments: [String], environment: [String: String],
                           timeoutSeconds: Int? = 60) -> (Result?, String?) {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        guard pipe(&out) == 0 else { return (nil, "pipe failed") }
        guard pipe(&err) == 0 else {
            close(out[0]); close(out[1])
            return (nil, "pipe failed")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, out[1], 1)
        posix_spawn_file_actions_adddup2(&actions, err[1], 2)
        for fd in [out[0], out[1], err[0], err[1]] { posix_spawn_file_actions_addclose(&actions, fd) }
        let attributes = SpawnAttributes()
        var pid: pid_t = 0
        var spawned = posix_spawn(&pid, executable, &actions, &attributes.raw, argv, envp)
        // ETXTBSY: a just-written script is still open for writing in a process another thread is
        // forking right now; it clears within milliseconds.
        var retries = 0
        while spawned == ETXTBSY && retries < 10 {
            retries += 1
            usleep(useconds_t(5_000 * retries))
            spawned = posix_spawn(&pid, executable, &actions, &attributes.raw, argv, envp)
        }
        close(out[1])
        close(err[1])
        guard spawned == 0 else {
            close(out[0]); close(err[0])
            return (nil, String(cString: strerror(spawned)))
        }
        var result = Result(status: 0, stdout: [], stderr: [])
        var open = [out[0], err[0]]
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let deadline = timeoutSeconds.map { Int(now.tv_sec) + $0 }
        while !open.isEmpty {
            clock_gettime(CLOCK_MONOTONIC, &now)
            let remaining = deadline.map { $0 - Int(now.tv_sec) } ?? 1
            if remaining <= 0 {
                kill(pid, SIGKILL)
                result.timedOut = true
                break
            }
            var pollers = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&pollers, nfds_t(pollers.count), Int32(min(remaining, 1) * 1000))
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for poller in pollers where poller.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(poller.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if poller.fd == out[0] {
                        result.stdout.append(contentsOf: buffer[0..<count])
                    } else if result.stderr.count < 65_536 {
                        result.stderr.append(contentsOf: buffer[0..<count])
                    }
                } else if count == 0 || errno != EINTR {
                    close(poller.fd)
                    open.removeAll { $0 == poller.fd }
                }
            }
        }
        for fd in open { close(fd) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS are macros: decode by hand.
        result.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (result, nil)
    }
}
