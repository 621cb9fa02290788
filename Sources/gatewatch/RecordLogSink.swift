import Foundation
import Synchronization

/// Where `record` writes its log lines: standard error, or a file (`--log-file`) that SIGHUP
/// reopens (after logrotate moved it). Each line is written with one `write`, so lines from
/// several threads never interleave.
final class RecordLogSink: Sendable {
    /// The file, nil for standard error.
    let path: String?
    /// True when standard error is the journal (systemd sets `JOURNAL_STREAM`): lines then carry a
    /// `<N>` syslog priority prefix and no timestamp, which journald adds itself.
    let journald: Bool
    private let descriptor: Mutex<Int32>

    /// A sink on `path` (appended to, created 0640 when missing), or on standard error when nil.
    init(path: String?, environment: [String: String]) throws(CommandFailure) {
        self.path = path
        journald = path == nil && !(environment["JOURNAL_STREAM"] ?? "").isEmpty
        if let path {
            let fd = Self.open(path)
            guard fd >= 0 else {
                throw CommandFailure.input("--log-file \(path): \(String(cString: strerror(errno)))")
            }
            descriptor = Mutex(fd)
        } else {
            descriptor = Mutex(2)
        }
    }

    deinit {
        descriptor.withLock { if $0 > 2 { close($0) } }
    }

    /// Writes one line (a newline is added).
    func write(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        descriptor.withLock { fd in
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
    }

    /// Opens the file again (SIGHUP); keeps the old one when the path cannot be opened, and says why.
    func reopen() -> String? {
        guard let path else { return nil }
        let fd = Self.open(path)
        guard fd >= 0 else { return "cannot reopen \(path): \(String(cString: strerror(errno)))" }
        descriptor.withLock { old in
            close(old)
            old = fd
        }
        return nil
    }

    private static func open(_ path: String) -> Int32 {
        Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
    }
}
