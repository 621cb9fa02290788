import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signal handling while the console runs:
///
/// - SIGTERM, SIGINT, SIGHUP: write `T` to the wake pipe, so the run loop quits normally and
///   restores the terminal.
/// - SIGWINCH: write `W` to the wake pipe (the run loop may be blocked in `poll` on any thread's
///   behalf), then chain to ncurses' own handler, which queues KEY_RESIZE.
/// - SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP (a crash, a Swift trap): write the
///   terminal's restore sequence and put back the original termios, both async-signal-safe, then
///   re-raise with the previous handler (the Swift backtracer, or the default) in place.
///
/// The handlers read process-wide storage. It is written only by `install` and `uninstall`, on the
/// thread running the console, while none of these handlers is installed; handlers only read it.
/// That confinement is why `nonisolated(unsafe)` is sound here.
internal enum SignalTrap {
    internal static let terminationSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP]
    internal static let crashSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
    private static let slots = 65

    nonisolated(unsafe) private static var wakeDescriptor: Int32 = -1
    nonisolated(unsafe) private static var restoreBytes: UnsafeMutableBufferPointer<UInt8>?
    nonisolated(unsafe) private static var savedTermios: UnsafeMutablePointer<termios>?
    nonisolated(unsafe) private static var previousActions: UnsafeMutablePointer<sigaction>?

    /// Saves the terminal modes of standard input, before ncurses changes them.
    internal static func saveTerminalModes() {
        let modes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        if tcgetattr(0, modes) == 0 {
            savedTermios = modes
        } else {
            modes.deallocate()
        }
    }

    /// Installs the handlers; `wake` is the write end of the run loop's wake pipe and `restore` the
    /// bytes that reset the terminal.
    internal static func install(wake: Int32, restore: [UInt8]) {
        wakeDescriptor = wake
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, restore.count))
        _ = bytes.initialize(from: restore)
        restoreBytes = UnsafeMutableBufferPointer(rebasing: bytes[0..<restore.count])
        let actions = UnsafeMutablePointer<sigaction>.allocate(capacity: slots)
        actions.initialize(repeating: sigaction(), count: slots)
        previousActions = actions
        for signal in terminationSignals {
            _ = gw_sigaction_install(signal, { _ in SignalTrap.wake(UInt8(ascii: "T")) }, actions + Int(signal))
        }
        _ = gw_sigaction_install(SIGWINCH, { signal in
            SignalTrap.wake(UInt8(ascii: "W"))
            if let previous = SignalTrap.previousActions { _ = gw_sigaction_chain(signal, previous + Int(signal)) }
        }, actions + Int(SIGWINCH))
        for signal in crashSignals {
            _ = gw_sigaction_install(signal, { signal in SignalTrap.crashed(signal) }, actions + Int(signal))
        }
    }

    /// Puts every previous handler back and frees the storage.
    internal static func uninstall() {
        if let actions = previousActions {
            for signal in terminationSignals + crashSignals + [SIGWINCH] {
                _ = gw_sigaction_restore(signal, actions + Int(signal))
            }
            previousActions = nil
            actions.deallocate()
        }
        if let bytes = restoreBytes, let base = bytes.baseAddress { base.deallocate() }
        restoreBytes = nil
        wakeDescriptor = -1
        if let modes = savedTermios {
            savedTermios = nil
            modes.deallocate()
        }
    }

    private static func wake(_ byte: UInt8) {
        guard wakeDescriptor >= 0 else { return }
        var value = byte
        _ = write(wakeDescriptor, &value, 1)
    }

    private static func crashed(_ signal: Int32) {
        if let bytes = restoreBytes, let base = bytes.baseAddress, bytes.count > 0 {
            _ = write(1, base, bytes.count)
        }
        if let modes = savedTermios { _ = tcsetattr(0, TCSANOW, modes) }
        if let previous = previousActions {
            _ = gw_sigaction_restore(signal, previous + Int(signal))
        }
        raise(signal)
    }
}
