#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A self-pipe that wakes the run loop's `poll` from other threads and from signal handlers:
/// `S` a new Snapshot, `T` terminate, `W` window resized.
internal struct WakePipe: Sendable {
    /// The end `poll` watches.
    internal let readDescriptor: Int32
    /// The end writers use.
    internal let writeDescriptor: Int32

    /// Opens a non-blocking, close-on-exec pipe.
    internal init() {
        var descriptors: [Int32] = [-1, -1]
        if pipe(&descriptors) == 0 {
            for descriptor in descriptors {
                _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
                _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            }
        }
        readDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    /// Wakes the reader with `byte` (dropped if the pipe is full: the reader is awake anyway).
    internal func wake(_ byte: UInt8) {
        var value = byte
        _ = write(writeDescriptor, &value, 1)
    }

    /// Reads every waiting byte.
    internal func drain() -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readDescriptor, $0.baseAddress, 64) }
            if count <= 0 { break }
            result += chunk[0..<count]
        }
        return result
    }

    /// Closes both ends.
    internal func close() {
        #if canImport(Glibc)
        _ = Glibc.close(readDescriptor)
        _ = Glibc.close(writeDescriptor)
        #else
        _ = Darwin.close(readDescriptor)
        _ = Darwin.close(writeDescriptor)
        #endif
    }
}
