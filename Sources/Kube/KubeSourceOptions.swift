/// Tuning of the live source; the defaults suit a real cluster, tests shorten the delays.
public struct KubeSourceOptions: Sendable {
    /// Items per list page (`limit`), as kubectl uses.
    public var pageSize: Int
    /// The first reconnect delay; each failure doubles it, with ±50 % jitter.
    public var backoffBase: Duration
    /// The longest reconnect delay.
    public var backoffCap: Duration
    /// The shortest time between two published updates (coalescing).
    public var publishInterval: Duration
    /// The server-side watch timeout range in seconds (a random value in it, as client-go does).
    public var watchTimeoutSeconds: ClosedRange<Int>
    /// A watch that delivers no byte (event or bookmark) for this long is presumed dead and is
    /// reconnected from its last resourceVersion.
    public var watchIdleTimeout: Duration

    /// Creates options; the defaults are 500 items, 0.5 s → 30 s backoff, 4 updates/s, 5–10 min
    /// watches, reconnected after 2 min of silence.
    public init(pageSize: Int = 500, backoffBase: Duration = .milliseconds(500), backoffCap: Duration = .seconds(30),
                publishInterval: Duration = .milliseconds(250), watchTimeoutSeconds: ClosedRange<Int> = 300...600,
                watchIdleTimeout: Duration = .seconds(120)) {
        self.pageSize = pageSize
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.publishInterval = publishInterval
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.watchIdleTimeout = watchIdleTimeout
    }
}
