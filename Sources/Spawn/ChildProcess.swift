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
        /// True when the program was killed for printing more than `maxOutputBytes` to stdout.
        public var outputTooLarge = false

        /// The first line of stderr, at most `limit` characters, with every word that looks like
        /// a credential (a long run of token characters: JWTs, keys, bearer tokens) replaced by
        /// `[redacted]`: helpers print errors that quote what they were given.
        public func firstErrorLine(limit: Int = 200) -> String? {
            let text = String(decoding: stderr, as: UTF8.self)
            guard let line = text.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
                return nil
            }
            let words = line.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
                let tokenish = word.filter { $0.isLetter || $0.isNumber || "._-+/=".contains($0) }.count
                return word.count >= 20 && tokenish * 10 >= word.count * 9 ? "[redacted]" : String(word)
            }
            let joined = words.joined(separator: " ")
            return joined.count > limit ? String(joined.prefix(limit)) + "…" : joined
        }
    }

    /// The most a helper may print to stdout (a credential is a few KiB).
    public static let maxOutputBytes = 1 << 20

    /// Starts `executable` (an absolute path) with `arguments` and exactly `environment`, and
    /// kills it after `timeoutSeconds` (nil: waits for as long as it runs) or when it prints more
    /// than `maxOutputBytes`. Reads until the program exits, not until its pipes close: a
    /// background child it left holding them does not stall the caller. Returns nil and why when
    /// it could not be started.
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
        // Close-on-exec, so a helper another thread starts does not inherit them and hold this
        // helper's output open (the child's dup2 onto 1 and 2 clears the flag on its copies).
        for fd in [out[0], out[1], err[0], err[1]] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
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
        var status: Int32 = 0
        var exited = false
        reading: while !open.isEmpty {
            if !exited, waitpid(pid, &status, WNOHANG) == pid { exited = true }
            clock_gettime(CLOCK_MONOTONIC, &now)
            let remaining = deadline.map { $0 - Int(now.tv_sec) } ?? 1
            if remaining <= 0 && !exited {
                kill(pid, SIGKILL)
                result.timedOut = true
                break
            }
            var pollers = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            // Once the program has exited, only what it already wrote is read.
            let ready = poll(&pollers, nfds_t(pollers.count), exited ? 0 : Int32(min(max(remaining, 1), 1) * 1000))
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if ready == 0 && exited { break }
            for poller in pollers where poller.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(poller.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if poller.fd == out[0] {
                        result.stdout.append(contentsOf: buffer[0..<count])
                        if result.stdout.count > maxOutputBytes {
                            if !exited { kill(pid, SIGKILL) }
                            result.outputTooLarge = true
                            break reading
                        }
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
        if !exited { while waitpid(pid, &status, 0) == -1 && errno == EINTR {} }
        // WIFEXITED / WEXITSTATUS are macros: decode by hand.
        result.status = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (result, nil)
    }
}
