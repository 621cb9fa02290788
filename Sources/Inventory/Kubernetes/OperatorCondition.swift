/// One entry of an operator resource's `status.conditions` (`Ready`, `Progressing`, `Degraded`).
public struct OperatorCondition: Hashable, Sendable, Decodable {
    /// `Ready`, `Progressing`, `Degraded`…
    public var type: String
    /// `True`, `False` or `Unknown`.
    public var status: String
    /// The machine-readable reason, when given.
    public var reason: String?
    /// The operator's message, when given.
    public var message: String?
    /// When the status last changed (RFC 3339).
    public var lastTransitionTime: String?

    /// Creates a condition.
    public init(type: String, status: String, reason: String? = nil, message: String? = nil, lastTransitionTime: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransitionTime = lastTransitionTime
    }

    /// True when `status` is `True`.
    public var isTrue: Bool { status == "True" }

    /// `Degraded: ResourceNotReady` — the condition as a table shows it.
    public var summary: String {
        reason.map { "\(type): \($0)" } ?? type
    }
}
