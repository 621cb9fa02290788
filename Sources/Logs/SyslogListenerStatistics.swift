/// What a syslog listener received and what it could not keep.
public struct SyslogListenerStatistics: Hashable, Sendable {
    /// Messages received and queued.
    public var received = 0
    /// Messages dropped because the queue was full (the reader fell behind).
    public var droppedQueueFull = 0
    /// Datagrams the kernel dropped because the socket's buffer was full (UDP, SO_RXQ_OVFL).
    public var droppedByKernel = 0
    /// Messages longer than the size limit, skipped.
    public var oversize = 0
    /// TCP frames that did not read as a message.
    public var malformed = 0
    /// TCP connections accepted.
    public var connections = 0
    /// TCP connections refused over the connection limit.
    public var refusedConnections = 0

    /// No messages yet.
    public init() {}

    /// Every message lost: queue full, kernel drops and oversize messages.
    public var dropped: Int { droppedQueueFull + droppedByKernel + oversize }

    /// `N messages received, M dropped (queue full Q, kernel K, oversize O), F malformed frames`:
    /// the line the traffic command and a live intake report.
    public var summary: String {
        "\(received) messages received, \(dropped) dropped (queue full \(droppedQueueFull), kernel \(droppedByKernel), "
            + "oversize \(oversize)), \(malformed) malformed frames"
    }
}
