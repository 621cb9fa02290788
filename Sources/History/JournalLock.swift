#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer's lock: an exclusive `flock` on `JOURNAL.lock`, beside the database, holding the
/// writer's process id as text.
///
/// Why a lock file rather than SQLite's locks: SQLite locks for one transaction at a time, so two
/// recorders would interleave their transactions and each close the other's versions; `flock` is
/// held for the writer's whole life and the kernel drops it when the process dies, even by SIGKILL,
/// so a crashed recorder never leaves a stale lock behind. The PID in the file is only for the
/// message; the lock is the `flock`. Two writers in one process conflict too (each opens the file).
final class JournalLock: Sendable {
    /// The lock file.
    let path: String
    private let descriptor: Int32

    /// Takes the lock for the journal at `databasePath`, or throws `.locked` naming the holder.
    init(databasePath: String) throws(JournalError) {
        path = databasePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .unwritable(path: path, reason: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.readPID(fd)
            close(fd)
            if code == EWOULDBLOCK { throw .locked(path: databasePath, holderPID: holder) }
            throw .unwritable(path: path, reason: String(cString: strerror(code)))
        }
        var text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, &text, text.count, 0)
        descriptor = fd
    }

    deinit {
        _ = ftruncate(descriptor, 0)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func readPID(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        let digits = buffer[..<count].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        return Int32(String(decoding: digits, as: UTF8.self))
    }
}
