import Foundation
import HTTP

/// Reads CloudWatch Logs with `FilterLogEvents` (read-only; docs/traffic.md §2): the JSON 1.1
/// protocol (`X-Amz-Target: Logs_20140328.FilterLogEvents`), SigV4 for the service `logs` with
/// the same credential cache, retry policy (throttling, 5xx, one refresh after an expired token)
/// and clock as the EC2 client, and `nextToken` paging.
public struct CloudWatchLogsClient: Sendable {
    /// The JSON 1.1 content type.
    public static let contentType = "application/x-amz-json-1.1"
    /// The target prefix of the 2014-03-28 API.
    public static let targetPrefix = "Logs_20140328."
    /// The SigV4 service name.
    public static let signingName = "logs"
    /// Pages read for one window at most (a runaway token loop ends here, reported).
    public static let maximumPages = 10_000

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

    /// A client for `configuration`: its region (or the instance's, from IMDS), its credential
    /// chain and retry settings. `endpoint` overrides `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`,
    /// `AWS_ENDPOINT_URL` and the regional `https://logs.<region>.amazonaws.com`.
    public static func connect(configuration: AWSConfiguration, transport: any HTTPTransport, endpoint: String? = nil,
                               clock: AWSClock = .system) async throws(EC2Error) -> CloudWatchLogsClient {
        let region = try await configuration.resolvedRegion(transport: transport)
        let url = endpoint ?? configuration.logsEndpoint(region: region)
        guard URLParts(url) != nil else { throw .configuration("endpoint URL \(url) is not an http(s) URL") }
        let provider = configuration.credentialSource.provider(configuration: configuration, region: region,
                                                               transport: transport, clock: clock)
        return CloudWatchLogsClient(endpoint: url, region: region, transport: transport,
                                    credentials: CredentialCache(provider: provider, clock: clock),
                                    retryPolicy: RetryPolicy(maxAttempts: configuration.maxAttempts, clock: clock),
                                    clock: clock, tls: configuration.tls)
    }

    /// One page.
    public func filterLogEvents(_ request: FilterLogEventsRequest) async throws(EC2Error) -> FilterLogEventsPage {
        let operation = "FilterLogEvents"
        let body: [UInt8]
        do { body = Array(try JSONEncoder().encode(request)) } catch {
            throw .configuration("FilterLogEvents: cannot encode the request (\(error))")
        }
        let response = try await send(body, operation: operation)
        do {
            return try JSONDecoder().decode(FilterLogEventsPage.self, from: Data(response))
        } catch {
            throw .malformedResponse(operation: operation, detail: "\(error)")
        }
    }

    /// Every event of `request` (its `nextToken` ignored), page after page. Empty pages do not end
    /// the listing; only a missing `nextToken` does. Also returns the number of pages read.
    public func filterAllLogEvents(_ request: FilterLogEventsRequest) async throws(EC2Error)
        -> (events: [LogEvent], pages: Int) {
        var next = request
        next.nextToken = nil
        var events: [LogEvent] = []
        var pages = 0
        repeat {
            let current = try await filterLogEvents(next)
            pages += 1
            events += current.events
            if let token = current.nextToken, token == next.nextToken {
                throw .malformedResponse(operation: "FilterLogEvents", detail: "the same nextToken came back twice")
            }
            if pages >= Self.maximumPages, current.nextToken != nil {
                throw .malformedResponse(operation: "FilterLogEvents",
                                         detail: "more than \(Self.maximumPages) pages for one window")
            }
            next.nextToken = current.nextToken
        } while next.nextToken != nil
        return (events, pages)
    }

    private func send(_ body: [UInt8], operation: String) async throws(EC2Error) -> [UInt8] {
        return try await SignedRequestLoop(retryPolicy: retryPolicy, credentials: credentials, clock: clock)
            .send(operation: operation) { keys throws(EC2Error) in
                try await sendOnce(body: body, operation: operation, keys: keys)
            }
    }

    private func sendOnce(body: [UInt8], operation: String, keys: AWSCredentials) async throws(EC2Error) -> [UInt8] {
        var request = HTTPRequest(method: "POST", url: endpoint,
                                  headers: [HTTPHeader("Content-Type", Self.contentType),
                                            HTTPHeader("X-Amz-Target", Self.targetPrefix + operation)],
                                  body: body, tls: tls, totalTimeout: timeout)
        try SigV4Signer(region: region, service: Self.signingName).sign(&request, credentials: keys, date: clock.now())
        let response: HTTPResponse
        do { response = try await transport.send(request) } catch { throw .transport(operation: operation, error) }
        guard response.status == 200 else {
            throw Self.error(response, operation: operation)
        }
        return response.body
    }

    /// The error of a JSON 1.1 response: `{"__type": "…#Code", "message": "…"}` (or the
    /// `X-Amzn-ErrorType` header), the request id from `x-amzn-RequestId`; else by status.
    static func error(_ response: HTTPResponse, operation: String) -> EC2Error {
        struct Document: Decodable {
            var type: String?
            var message: String?
            var capitalMessage: String?
            enum CodingKeys: String, CodingKey {
                case type = "__type"
                case message
                case capitalMessage = "Message"
            }
        }
        let header = { (name: String) in
            response.headers.first { $0.name.lowercased() == name }?.value
        }
        let document = try? JSONDecoder().decode(Document.self, from: Data(response.body))
        let raw = document?.type ?? header("x-amzn-errortype")
        guard let raw, !raw.isEmpty else {
            return .httpStatus(operation: operation, status: response.status,
                               detail: EC2ResponseDecoder.summary(of: response.body))
        }
        // `com.amazonaws…#ThrottlingException`, or `ThrottlingException:http://…` in the header.
        var code = raw.split(separator: "#").last.map(String.init) ?? raw
        if let colon = code.firstIndex(of: ":") { code = String(code[..<colon]) }
        return .service(EC2ServiceError(operation: operation, code: code,
                                        message: document?.message ?? document?.capitalMessage ?? "",
                                        requestID: header("x-amzn-requestid"), httpStatus: response.status,
                                        service: signingName))
    }
}

extension AWSConfiguration {
    /// The CloudWatch Logs endpoint for a region: `AWS_ENDPOINT_URL_CLOUDWATCH_LOGS`, else
    /// `AWS_ENDPOINT_URL` (unless `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`), else
    /// `https://logs.<region>.amazonaws.com` (`.com.cn` in China).
    public func logsEndpoint(region: String) -> String {
        if environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() != "true" {
            for name in ["AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "AWS_ENDPOINT_URL"] {
                if let value = environment[name], !value.isEmpty { return value }
            }
        }
        return "https://logs.\(region).\(Self.dnsSuffix(region))"
    }
}
