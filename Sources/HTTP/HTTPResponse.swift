/// A complete response: status, headers and the (inflated) body. Any status is a response;
/// mapping statuses to errors is the caller's business (Kubernetes `Status`, EC2 error XML).
public struct HTTPResponse: Sendable {
    /// The HTTP status code of the final response (after no redirects: Gatewatch follows none).
    public var status: Int
    /// Response headers in arrival order.
    public var headers: [HTTPHeader]
    /// The body, decompressed.
    public var body: [UInt8]

    /// A response.
    public init(status: Int, headers: [HTTPHeader], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the named header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// What a streamed response delivers, in order: one `head`, then `body` chunks as they arrive
/// (a Kubernetes watch delivers events this way); the stream then finishes or throws `HTTPError`.
public enum HTTPStreamEvent: Sendable {
    /// Status and headers.
    case head(status: Int, headers: [HTTPHeader])
    /// The next bytes of the body, decompressed.
    case body([UInt8])
}
