import Foundation
import HTTP
import LPM
import Inventory

/// ECS task role / EKS Pod Identity credentials: `GET` the full or relative URI, with
/// `Authorization` from `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read each time) or
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN`. Plain http may only reach loopback or the ECS/EKS
/// link-local hosts. 2 s timeout, 3 attempts, never through a proxy.
public struct ContainerCredentialProvider: AWSCredentialProvider {
    let url: String
    let token: String?
    let tokenFile: String?
    let transport: any HTTPTransport
    let clock: AWSClock

    /// Hosts plain http may reach.
    static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]", "localhost", "[::1]"]

    /// True for an IPv4 loopback address literal (127.0.0.0/8), not a host name that merely starts
    /// with `127.` (`127.attacker.example` resolves anywhere).
    static func isIPv4Loopback(_ host: String) -> Bool {
        guard case .v4(let address)? = IPAddress(parsing: host) else { return false }
        return address.value >> 24 == 127
    }

    /// A provider for one endpoint.
    public init(url: String, authorizationToken: String?, authorizationTokenFile: String?,
                transport: any HTTPTransport, clock: AWSClock = .system) {
        self.url = url
        self.token = authorizationToken
        self.tokenFile = authorizationTokenFile
        self.transport = transport
        self.clock = clock
    }

    private struct Document: Decodable {
        var AccessKeyId: String
        var SecretAccessKey: String
        var Token: String?
        var Expiration: String?
    }

    /// Fetches the credentials (up to 3 attempts).
    public func fetch() async throws(EC2Error) -> AWSCredentials {
        guard let parts = URLParts(url) else { throw .credentials("container credentials URL is not an http(s) URL") }
        if parts.scheme == "http", !(Self.allowedHTTPHosts.contains(parts.host) || Self.isIPv4Loopback(parts.host)) {
            throw .credentials("container credentials over plain http must go to loopback or 169.254.170.2/23, not \(parts.host)")
        }
        var headers: [HTTPHeader] = []
        if let tokenFile {
            guard let text = InputFile.text(tokenFile) else {
                throw .credentials("cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(tokenFile)")
            }
            headers.append(HTTPHeader("Authorization", text.trimmingCharacters(in: .whitespacesAndNewlines)))
        } else if let token {
            headers.append(HTTPHeader("Authorization", token))
        }
        let request = HTTPRequest(method: "GET", url: url, headers: headers, proxy: .none, connectTimeout: .seconds(2),
                                  totalTimeout: .seconds(2), acceptCompressed: false)
        var lastProblem = ""
        for attempt in 1...3 {
            if attempt > 1 { try? await clock.sleep(.milliseconds(100)) }
            let response: HTTPResponse
            do { response = try await transport.send(request) } catch {
                lastProblem = error.description
                continue
            }
            guard response.status == 200 else {
                lastProblem = "HTTP \(response.status)"
                if response.status < 500 { break }
                continue
            }
            guard let document = try? JSONDecoder().decode(Document.self, from: Data(response.body)) else {
                throw .credentials("container credentials at \(parts.origin): unreadable JSON")
            }
            return AWSCredentials(accessKeyID: document.AccessKeyId, secretAccessKey: document.SecretAccessKey,
                                  sessionToken: document.Token,
                                  expiration: document.Expiration.flatMap(Timestamp.date),
                                  source: "container credentials at \(parts.origin)")
        }
        throw .credentials("container credentials at \(parts.origin) failed: \(lastProblem)")
    }
}
