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
    /// The API server ends every watch at its `timeoutSeconds` (sending a bookmark shortly before
    /// when bookmarks are allowed); that end is the watch's heartbeat. Short watches make a hung
    /// server or a stalled watch visible quickly; each one resumes from the last resourceVersion,
    /// which the server answers from its watch cache without a list.
    public var watchTimeoutSeconds: ClosedRange<Int>
    /// A watch that has neither ended nor been ended by the server this long after its
    /// `timeoutSeconds` is stalled (or the server hung): it is aborted, the resource is shown
    /// STALE, and it stays STALE until a watch delivers an event or bookmark or ends on time.
    public var watchStallGrace: Duration
    /// A watch that delivers no byte (event or bookmark) for this long is presumed dead and is
    /// reconnected from its last resourceVersion.
    public var watchIdleTimeout: Duration
    /// A list or discovery request that receives no byte for this long fails (the read deadline).
    public var readTimeout: Duration

    /// Creates options; the defaults are 500 items, 0.5 s → 30 s backoff, 4 updates/s, 7–9 s
    /// watches declared stalled 4 s after their end was due (a hang is seen within
    /// `maxStallDetection`, 13 s), reconnected after 2 min of silence, lists failing after 10 s
    /// without a byte.
    public init(pageSize: Int = 500, backoffBase: Duration = .milliseconds(500), backoffCap: Duration = .seconds(30),
                publishInterval: Duration = .milliseconds(250), watchTimeoutSeconds: ClosedRange<Int> = 7...9,
                watchStallGrace: Duration = .seconds(4), watchIdleTimeout: Duration = .seconds(120),
                readTimeout: Duration = .seconds(10)) {
        self.pageSize = pageSize
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.publishInterval = publishInterval
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.watchStallGrace = watchStallGrace
        self.watchIdleTimeout = watchIdleTimeout
        self.readTimeout = readTimeout
    }

    /// The longest time from a server hanging (or a watch stalling) to the resource being shown
    /// STALE: the longest watch plus the grace.
    public var maxStallDetection: Duration {
        .seconds(watchTimeoutSeconds.upperBound) + watchStallGrace
    }
}
