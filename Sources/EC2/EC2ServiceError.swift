import Foundation

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
