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

    /// The operation (`DescribeRouteTables`) that failed; nil for credential and configuration problems.
    public var operation: String? {
        switch self {
        case .service(let error): error.operation
        case .httpStatus(let operation, _, _), .transport(let operation, _), .malformedResponse(let operation, _): operation
        case .credentials, .configuration: nil
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
