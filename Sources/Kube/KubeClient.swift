#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A read-only Kubernetes API client over an `HTTPTransport`: only `GET` is ever sent. It adds the
/// credentials, turns error responses into `KubeError.status` with the server's Status, and
/// retries once with fresh credentials after a 401 when the credential can be refreshed.
public struct KubeClient: Sendable {
    /// The cluster and credentials.
    public let connection: KubeConnection
    private let transport: any HTTPTransport
    private let credentials: CredentialStore
    /// A non-streamed request (list page, discovery) that receives no byte for this long fails.
    public let readTimeout: Duration

    /// A client for `connection` over `transport`; `readTimeout` is the read deadline of every
    /// request but watches (whose deadline follows their `timeoutSeconds`).
    public init(connection: KubeConnection, transport: any HTTPTransport, readTimeout: Duration = .seconds(10)) {
        self.connection = connection
        self.transport = transport
        self.credentials = CredentialStore(connection: connection)
        self.readTimeout = readTimeout
    }

    /// `GET path?query` and the response body of a 2xx answer.
    public func get(_ path: String, query: [(String, String)] = []) async throws(KubeError) -> [UInt8] {
        var retried = false
        while true {
            let request = try await makeRequest(path: path, query: query, streaming: false)
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch {
                throw KubeError.transport(error)
            }
            if (200..<300).contains(response.status) { return response.body }
            if response.status == 401, !retried, await credentials.canRefresh {
                await credentials.invalidate()
                retried = true
                continue
            }
            if response.status == 401 { await credentials.invalidate() }
            throw KubeStatus.error(status: response.status, body: response.body, path: path)
        }
    }

    /// `GET path?query`, or nil when the server answers 404 (a group or resource it does not serve).
    public func getIfServed(_ path: String) async throws(KubeError) -> [UInt8]? {
        do {
            return try await get(path)
        } catch let error where error.statusCode == 404 {
            return nil
        }
    }

    /// Opens a streamed `GET` (a watch), aborted after `timeout` in total or `idleTimeout` without a
    /// byte. The stream yields body chunks of a 2xx response; an error
    /// status throws `KubeError.status` (a 401 also drops cached credentials so the next attempt
    /// refreshes them); transport failures throw `KubeError.transport`.
    public func stream(_ path: String, query: [(String, String)], timeout: Duration?,
                       idleTimeout: Duration? = nil) -> AsyncThrowingStream<[UInt8], any Error> {
        let (stream, continuation) = AsyncThrowingStream<[UInt8], any Error>.makeStream()
        let task = Task {
            do {
                var request = try await makeRequest(path: path, query: query, streaming: true)
                request.totalTimeout = timeout
                request.idleTimeout = idleTimeout
                var status = 0
                var errorBody: [UInt8] = []
                for try await event in transport.stream(request) {
                    switch event {
                    case .head(let code, _):
                        status = code
                    case .body(let bytes):
                        if (200..<300).contains(status) {
                            continuation.yield(bytes)
                        } else {
                            errorBody.append(contentsOf: bytes)
                        }
                    }
                }
                if !(200..<300).contains(status) {
                    if status == 401 { await credentials.invalidate() }
                    throw KubeStatus.error(status: status, body: errorBody, path: path)
                }
                continuation.finish()
            } catch let error as HTTPError {
                continuation.finish(throwing: KubeError.transport(error))
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    private func makeRequest(path: String, query: [(String, String)], streaming: Bool) async throws(KubeError) -> HTTPRequest {
        let material = try await credentials.material()
        var url = connection.server + path
        if !query.isEmpty {
            url += "?" + query.map { "\(Self.percentEncode($0.0))=\(Self.percentEncode($0.1))" }.joined(separator: "&")
        }
        var headers = [HTTPHeader("Accept", "application/json"), HTTPHeader("User-Agent", "gatewatch")]
        if let bearer = material.bearer { headers.append(HTTPHeader("Authorization", "Bearer \(bearer)", isSecret: true)) }
        return HTTPRequest(method: "GET", url: url, headers: headers, tls: material.tls, proxy: connection.proxy,
                           idleTimeout: streaming ? nil : readTimeout, acceptCompressed: true)
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func percentEncode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                result += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return result
    }
}
