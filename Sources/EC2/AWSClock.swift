import Foundation

/// Time, sleeping and randomness for signing, credential refresh and retry backoff; tests
/// inject a fixed clock and a sleeper that records instead of waiting.
public struct AWSClock: Sendable {
    /// The current time.
    public var now: @Sendable () -> Date
    /// Waits for a duration (cancellable).
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A uniform random number in [0, 1) for backoff jitter.
    public var random: @Sendable () -> Double

    /// A clock.
    public init(now: @escaping @Sendable () -> Date, sleep: @escaping @Sendable (Duration) async throws -> Void,
                random: @escaping @Sendable () -> Double) {
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// The real clock.
    public static let system = AWSClock(now: { Date() }, sleep: { try await Task.sleep(for: $0) },
                                        random: { Double.random(in: 0..<1) })
}
