import Foundation
import HTTP

/// Sends signed EC2 Query API requests: form POST, SigV4 with fresh credentials, the standard
/// retry mode, one credential refresh after `ExpiredToken`, and `NextToken` pagination.
public struct EC2Client: Sendable {
    /// The form content type botocore sends and signs.
    public static let formContentType = "application/x-www-form-urlencoded; charset=utf-8"
    /// Items per page asked for (route tables allow at most 100).
    public static let pageSize = 1000

    /// The endpoint URL.
    public let endpoint: String
    /// The signing region.
    public let region: String
    let transport: any HTTPTransport
    let credentials: CredentialCache
    let retryPolicy: RetryPolicy
    let clock: AWSClock
    let tls: TLSOptions
    let timeout: Duration

    /// A client for one endpoint and region.
    public init(endpoint: String, region: String, transport: any HTTPTransport, credentials: CredentialCache,
                retryPolicy: RetryPolicy, clock: AWSClock = .system, tls: TLSOptions = TLSOptions(),
                timeout: Duration = .seconds(30)) {
        self.endpoint = endpoint
        self.region = region
        self.transport = transport
        self.credentials = credentials
        self.retryPolicy = retryPolicy
        self.clock = clock
        self.tls = tls
        self.timeout = timeout
    }

    /// Sends one request and returns the parsed success document.
    func call(_ parameters: QueryParameters) async throws(EC2Error) -> XMLNode {
        let operation = parameters.value("Action") ?? "?"
        let body = try await send(parameters, operation: operation)
        return try EC2ResponseDecoder.root(body, operation: operation)
    }

    /// Requests every page: `MaxResults` plus the previous page's `NextToken`, the other
    /// parameters unchanged, until no token comes back. Restarts once on `InvalidPaginationToken`.
    func paginate<Item: Sendable>(_ parameters: QueryParameters, pageSize: Int = EC2Client.pageSize,
                                  decode: (XMLNode) throws(EC2Error) -> EC2ResponseDecoder.Page<Item>)
        async throws(EC2Error) -> [Item] {
        var restarted = false
        while true {
            var items: [Item] = []
            var token: String?
            do throws(EC2Error) {
                repeat {
                    var page = parameters
                    page.append("MaxResults", String(pageSize))
                    if let token { page.append("NextToken", token) }
                    let decoded = try decode(try await call(page))
                    items.append(contentsOf: decoded.items)
                    if let next = decoded.nextToken, next == token {
                        throw EC2Error.malformedResponse(operation: parameters.value("Action") ?? "?",
                                                         detail: "the same nextToken came back twice")
                    }
                    token = decoded.nextToken
                } while token != nil
                return items
            } catch {
                if case .service(let service) = error, service.code == "InvalidPaginationToken", !restarted {
                    restarted = true
                    continue
                }
                throw error
            }
        }
    }

    private func send(_ parameters: QueryParameters, operation: String) async throws(EC2Error) -> [UInt8] {
        let body = Array(parameters.encoded.utf8)
        return try await SignedRequestLoop(retryPolicy: retryPolicy, credentials: credentials, clock: clock)
            .send(operation: operation) { keys throws(EC2Error) in
                try await sendOnce(body: body, operation: operation, keys: keys)
            }
    }

    private func sendOnce(body: [UInt8], operation: String, keys: AWSCredentials) async throws(EC2Error) -> [UInt8] {
        var request = HTTPRequest(method: "POST", url: endpoint, headers: [HTTPHeader("Content-Type", Self.formContentType)],
                                  body: body, tls: tls, totalTimeout: timeout)
        try SigV4Signer(region: region).sign(&request, credentials: keys, date: clock.now())
        let response: HTTPResponse
        do { response = try await transport.send(request) } catch { throw .transport(operation: operation, error) }
        guard response.status == 200 else {
            throw EC2ResponseDecoder.error(body: response.body, status: response.status, operation: operation)
        }
        return response.body
    }
}
