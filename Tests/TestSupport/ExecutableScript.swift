#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes helper scripts that tests then run (credential helpers, exec plugins).
///
/// Foundation's `String.write(to:)` holds the file open without close-on-exec while it writes.
/// A helper another test starts in that moment inherits the writable descriptor, and for as long
/// as that helper lives (a hung helper: minutes) running the script fails with `ETXTBSY` ("Text
/// file busy"). Opening with `O_CLOEXEC` narrows the window to the instant between another
/// thread's fork and its exec, which `ChildProcess` already retries through.
public enum ExecutableScript {
    /// An error writing the script, with the path and `errno`'s text.
    public struct WriteError: Error, CustomStringConvertible {
        /// The path and what failed.
        public let description: String
    }

    /// Writes `text` to `path` (created or truncated) with mode 0755.
    public static func write(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw WriteError(description: "\(path): open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o755) == 0 else {
            throw WriteError(description: "\(path): fchmod: \(String(cString: strerror(errno)))")
        }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteError(description: "\(path): write: \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
