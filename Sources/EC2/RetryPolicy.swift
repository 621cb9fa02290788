/// The SDKs' "standard" retry mode, shared by every concurrent call of one client: at most
/// `maxAttempts` attempts, full-jitter exponential backoff capped at 20 s, a retry quota of 500
/// tokens, and — after a throttle — a client-side send rate (the rate-limiting half of "adaptive"
/// mode) that starts at 10 requests/s, halves at most once a second (never below 1/s) and
/// recovers by half with each success.
public actor RetryPolicy {
    /// Attempts per call, the first included.
    public static let standardMaxAttempts = 3
    /// Backoff base in seconds: before retry i, sleep random × min(base × 2^(i−1), cap).
    public static let backoffBase = 1.0
    /// Backoff cap in seconds.
    public static let backoffCap = 20.0
    /// Initial retry quota.
    public static let initialQuota = 500
    /// Quota a retry costs.
    public static let retryCost = 5
    /// Quota a retry after a timeout costs.
    public static let timeoutRetryCost = 10
    /// Quota a success without retries returns.
    public static let successRefund = 1

    /// Attempts per call.
    public let maxAttempts: Int
    private let clock: AWSClock
    private var quota = RetryPolicy.initialQuota
    /// Requests per second allowed after throttling; nil when not throttled.
    private var rateLimit: Double?
    private var lastSend: Double = 0
    private var throttles = 0
    /// When the rate limit was last cut (seconds since 1970).
    private var lastReduction: Double?

    /// A policy.
    public init(maxAttempts: Int = RetryPolicy.standardMaxAttempts, clock: AWSClock = .system) {
        self.maxAttempts = max(1, maxAttempts)
        self.clock = clock
    }

    /// The retry quota left.
    public var remainingQuota: Int { quota }
    /// Throttling responses seen so far.
    public var throttleCount: Int { throttles }
    /// The client-side send rate limit in requests per second; nil when not limited.
    public var currentRateLimit: Double? { rateLimit }

    /// What to do after a failed attempt.
    public enum Decision: Sendable, Equatable {
        /// Retry after this delay; `cost` is the quota taken.
        case retry(after: Duration, cost: Int)
        /// Give up.
        case fail
    }

    /// Decides whether attempt `attempt` (1-based) that failed with `error` is retried.
    public func decide(after error: EC2Error, attempt: Int) -> Decision {
        let category = error.category
        if category == .throttling { noteThrottle() }
        guard category.isRetryable, attempt < maxAttempts else { return .fail }
        let cost = error.isTimeout ? Self.timeoutRetryCost : Self.retryCost
        guard quota >= cost else { return .fail }
        quota -= cost
        let ceiling = min(Self.backoffBase * Double(1 << min(attempt - 1, 30)), Self.backoffCap)
        let seconds = clock.random() * ceiling
        return .retry(after: .milliseconds(Int64(seconds * 1000)), cost: cost)
    }

    /// Records a success: refunds the quota the retries took (or one token), and lets the rate recover.
    public func recordSuccess(retryCost: Int) {
        quota = min(Self.initialQuota, quota + (retryCost > 0 ? retryCost : Self.successRefund))
        if let limit = rateLimit {
            let next = limit * 1.5
            rateLimit = next >= Self.unlimitedRate ? nil : next
        }
    }

    /// Waits until the client-side rate limit allows the next send.
    public func acquireSendSlot() async throws {
        guard let limit = rateLimit else { return }
        let now = clock.now().timeIntervalSince1970
        let earliest = lastSend + 1 / limit
        lastSend = max(now, earliest)
        if earliest > now {
            try await clock.sleep(.milliseconds(Int64((earliest - now) * 1000)))
        }
    }

    /// The rate above which limiting stops.
    static let unlimitedRate = 50.0
    /// The send rate set by the first throttle, in requests per second.
    public static let throttledStartRate = 10.0
    /// The lowest send rate, in requests per second.
    public static let minimumRate = 1.0
    /// Throttles within this many seconds of the last cut count as one: the concurrent calls of
    /// one poll, throttled together, halve the rate once, not once each.
    public static let reductionWindow = 1.0

    private func noteThrottle() {
        throttles += 1
        let now = clock.now().timeIntervalSince1970
        if rateLimit != nil, let last = lastReduction, now - last < Self.reductionWindow { return }
        rateLimit = rateLimit.map { max(Self.minimumRate, $0 / 2) } ?? Self.throttledStartRate
        lastReduction = now
    }
}
