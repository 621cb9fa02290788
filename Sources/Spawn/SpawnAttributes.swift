#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `posix_spawn` attributes that give the child an empty signal mask and default signal
/// handlers. Threads of the parent (a test runner, an async runtime) block signals, and a child
/// that inherited that mask would ignore SIGTERM and never see its own children exit.
public final class SpawnAttributes {
    /// The attributes, for `posix_spawn`.
    public var raw = posix_spawnattr_t()

    /// Attributes that reset the signal mask and every handler.
    public init() {
        posix_spawnattr_init(&raw)
        var empty = sigset_t()
        sigemptyset(&empty)
        var all = sigset_t()
        sigfillset(&all)
        sigdelset(&all, SIGKILL)
        sigdelset(&all, SIGSTOP)
        posix_spawnattr_setsigmask(&raw, &empty)
        posix_spawnattr_setsigdefault(&raw, &all)
        posix_spawnattr_setflags(&raw, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    }

    deinit { posix_spawnattr_destroy(&raw) }
}
