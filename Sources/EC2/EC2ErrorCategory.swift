/// How a failure is handled: retried, refreshed once, or reported.
public enum EC2ErrorCategory: Sendable, Equatable {
    /// Throttled: retry with backoff and slow down.
    case throttling
    /// 5xx or network: retry with backoff.
    case transient
    /// `UnauthorizedOperation`/`AccessDenied`: report the missing IAM action.
    case permission
    /// Bad or unknown keys, signature mismatch: report the credential source.
    case credentials
    /// `ExpiredToken`/`RequestExpired`: refresh the credentials once and retry once.
    case expired
    /// Anything else (request bugs, not found).
    case other

    /// Throttling error codes of the standard retry mode.
    public static let throttlingCodes: Set<String> = [
        "RequestLimitExceeded", "Throttling", "ThrottlingException", "EC2ThrottledException", "RequestThrottled",
        "TooManyRequestsException", "SlowDown", "BandwidthLimitExceeded", "LimitExceededException",
        "ProvisionedThroughputExceededException", "RequestThrottledException", "ThrottledException",
        "PriorRequestNotComplete",
    ]
    /// Transient error codes of the standard retry mode.
    public static let transientCodes: Set<String> = [
        "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable", "RequestTimeout",
        "RequestTimeoutException", "IDPCommunicationError",
    ]
    /// Credential error codes.
    public static let credentialCodes: Set<String> = [
        "AuthFailure", "InvalidClientTokenId", "SignatureDoesNotMatch", "IncompleteSignature",
        "MissingAuthenticationToken", "OptInRequired", "Blocked", "UnrecognizedClientException",
        "InvalidIdentityToken",
    ]

    /// Classifies a code (preferred) or, without one, the HTTP status.
    public init(code: String, status: Int) {
        if Self.throttlingCodes.contains(code) || (code.isEmpty && status == 429) {
            self = .throttling
        } else if code == "UnauthorizedOperation" || code == "AccessDenied" || code == "AccessDeniedException" {
            self = .permission
        } else if code == "ExpiredToken" || code == "RequestExpired" || code == "ExpiredTokenException" {
            self = .expired
        } else if Self.credentialCodes.contains(code) {
            self = .credentials
        } else if Self.transientCodes.contains(code) || [500, 502, 503, 504].contains(status) {
            self = .transient
        } else if code.isEmpty && (status == 401) {
            self = .credentials
        } else if code.isEmpty && status == 403 {
            self = .permission
        } else {
            self = .other
        }
    }

    /// True when standard mode retries it.
    public var isRetryable: Bool { self == .throttling || self == .transient }
}
