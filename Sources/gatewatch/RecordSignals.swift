import Foundation

/// `record`'s signals, through a self-pipe: the handlers (async-signal-safe) only write the
/// signal's number to a pipe; one thread reads it and calls `handle` outside signal context.
///
/// Real handlers rather than `SIG_IGN` and a dispatch source: as PID 1 of a container (the
/// in-cluster Deployment), a signal without a handler is dropped by the kernel, so `kill -HUP 1`
/// would do nothing. SIGPIPE is ignored.
///
/// The write end is process-wide storage written once by `install`, before any handler is in
/// place, and only read afterwards: that is why `nonisolated(unsafe)` is sound.
enum RecordSignals {
    /// The signals handled.
    static let handled: [Int32] = [SIGTERM, SIGINT, SIGHUP]
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1

    /// Installs the handlers (once per process) and starts the thread that calls `handle` with
    /// each signal's number, in order.
    static func install(_ handle: @escaping @Sendable (Int32) -> Void) {
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else { return }
        _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        writeDescriptor = descriptors[1]
        let readDescriptor = descriptors[0]
        signal(SIGPIPE, SIG_IGN)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in handled {
            sigaddset(&unblock, number)
            signal(number) { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(RecordSignals.writeDescriptor, &byte, 1)
            }
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(readDescriptor, &byte, 1)
                if count < 0 && errno == EINTR { continue }
                guard count == 1 else { return }
                handle(Int32(byte))
            }
        }
        thread.name = "gatewatch-signals"
        thread.start()
    }
}
