import Foundation
import HTTP

/// Why an EC2 (or STS, IMDS, container-credentials) call failed. Descriptions name the operation,
/// the code, the message, the request id and the host; never a key, token or signature.
public enum EC2Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service answered with an error document.
    case service(EC2ServiceError)
    /// The service answered with a status and a body that is no error document (a proxy's or load
    /// balancer's HTML page), classified by the status alone.
    case httpStatus(operation: String, status: Int, detail: String)
    /// No response came.
    case transport(operation: String, HTTPError)
    /// No usable credentials, or a credential source failed.
    case credentials(String)
    /// The configuration (region, endpoint, profile) is unusable.
    case configuration(String)
    /// A success response could not be decoded.
    case malformedResponse(operation: String, detail: String)

    /// One line for the user.
    public var description: String {
        switch self {
        case .service(let error): error.description
        case .httpStatus(let operation, let status, let detail): "\(operation): HTTP \(status) (\(detail))"
        case .transport(let operation, let error): "\(operation): \(error)"
        case .credentials(let detail): "AWS credentials: \(detail)"
        case .configuration(let detail): "AWS configuration: \(detail)"
        case .malformedResponse(let operation, let detail): "\(operation): unreadable response: \(detail)"
        }
    }

    /// The retry class of this failure (section 3 of the EC2 notes).
    public var category: EC2ErrorCategory {
        switch self {
        case .service(let error): error.category
        case .httpStatus(_, let status, _): EC2ErrorCategory(code: "", status: status)
        case .transport(_, let error):
            switch error {
            case .cancelled, .invalidURL, .tls: .other
            default: .transient
            }
        case .credentials: .credentials
        case .configuration, .malformedResponse: .other
        }
    }

    /// The IAM action the caller lacks (`ec2:DescribeAddresses`) when the call was denied.
    public var missingIAMAction: String? {
        if case .service(let error) = self { return error.missingIAMAction }
        return nil
    }

    /// True for failures that took a timeout (they cost more retry quota).
    var isTimeout: Bool {
        if case .transport(_, .timeout) = self { return true }
        return false
    }
}

/// An error document from EC2 (`<Response><Errors><Error>…`) or STS (`<ErrorResponse><Error>…`).
public struct EC2ServiceError: Sendable, Equatable, CustomStringConvertible {
    /// The operation that failed, e.g. `DescribeAddresses`.
    public var operation: String
    /// The error code, e.g. `UnauthorizedOperation`.
    public var code: String
    /// The message.
    public var message: String
    /// The request id (`RequestID` / `RequestId`).
    public var requestID: String?
    /// The HTTP status.
    public var httpStatus: Int
    /// The signing service (`ec2`, `sts`), which names the IAM action's prefix.
    public var service: String

    /// An error document's content.
    public init(operation: String, code: String, message: String, requestID: String?, httpStatus: Int,
                service: String = "ec2") {
        self.operation = operation
        self.code = code
        self.message = message
        self.requestID = requestID
        self.httpStatus = httpStatus
        self.service = service
    }

    /// The retry class.
    public var category: EC2ErrorCategory { EC2ErrorCategory(code: code, status: httpStatus) }

    /// `ec2:<Operation>` when denied.
    public var missingIAMAction: String? {
        category == .permission ? "\(service):\(operation)" : nil
    }

    /// `DescribeAddresses: UnauthorizedOperation (HTTP 403): … [missing ec2:DescribeAddresses] (request id …)`.
    public var description: String {
        var text = "\(operation): \(code) (HTTP \(httpStatus))"
        // Encoded authorization messages are long opaque blobs: keep the readable head only.
        let readable = message.range(of: "Encoded authorization failure message:").map {
            String(message[..<$0.lowerBound]).trimmingCharacters(in: .whitespaces) + " (encoded details omitted)"
        } ?? message
        if !readable.isEmpty { text += ": \(readable)" }
        if let action = missingIAMAction { text += " — IAM action \(action) is missing" }
        if let requestID { text += " (request id \(requestID))" }
        return text
    }
}

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
