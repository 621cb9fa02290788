#if canImport(Glibc)
import Glibc
#endif

/// What every fuzz target shares: the input as bytes and text, the invariant check that stops
/// the run with a message, and the time bound per input byte.
enum Fuzz {
    /// The time one input may take: a fixed allowance plus a per-byte allowance (generous:
    /// the fuzz build is unoptimised and under AddressSanitizer). Inputs are capped by -max_len.
    static let allowanceNanoseconds: UInt64 = 500_000_000
    static let perByteNanoseconds: UInt64 = 200_000

    /// Runs `body` on the input, then checks it took a bounded time.
    static func run(_ data: UnsafePointer<UInt8>?, _ size: Int, _ body: ([UInt8], String) -> Void) -> CInt {
        let bytes = size > 0 && data != nil ? Array(UnsafeBufferPointer(start: data, count: size)) : []
        let text = String(decoding: bytes, as: UTF8.self)
        let started = now()
        body(bytes, text)
        let elapsed = now() - started
        require(elapsed <= allowanceNanoseconds + perByteNanoseconds * UInt64(size),
                "took \(elapsed / 1_000_000) ms for \(size) bytes")
        return 0
    }

    /// Stops the run (a finding) when `condition` is false.
    static func require(_ condition: Bool, _ message: @autoclosure () -> String) {
        guard !condition else { return }
        let text = Array("fuzz invariant failed: \(message())\n".utf8)
        _ = text.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        abort()
    }

    /// True when `message` is one line (the located-error contract).
    static func isOneLine(_ message: String) -> Bool {
        !message.contains("\n") && !message.isEmpty
    }

    private static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
