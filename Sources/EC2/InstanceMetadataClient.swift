import Foundation
import HTTP
import Inventory

/// The EC2 instance metadata service: IMDSv2 (a session token from `PUT /latest/api/token`,
/// sent on every read), falling back to IMDSv1 when the PUT gets 403/404/405 unless v1 is
/// disabled. Never through a proxy.
public struct InstanceMetadataClient: AWSCredentialProvider {
    let settings: InstanceMetadataSettings
    let transport: any HTTPTransport

    /// A client.
    public init(settings: InstanceMetadataSettings, transport: any HTTPTransport) {
        self.settings = settings
        self.transport = transport
    }

    private struct CredentialDocument: Decodable {
        var Code: String?
        var AccessKeyId: String
        var SecretAccessKey: String
        var Token: String?
        var Expiration: String?
    }

    /// The instance role's credentials.
    public func fetch() async throws(EC2Error) -> AWSCredentials {
        let token = try await sessionToken()
        let roles = try await get("/latest/meta-data/iam/security-credentials/", token: token)
        guard let role = roles.split(whereSeparator: \.isNewline).first.map(String.init), !role.isEmpty else {
            throw .credentials("IMDS: the instance has no IAM role (instance profile)")
        }
        let body = try await get("/latest/meta-data/iam/security-credentials/\(role)", token: token)
        guard let document = try? JSONDecoder().decode(CredentialDocument.self, from: Data(body.utf8)) else {
            throw .credentials("IMDS: unreadable credentials of role \(role)")
        }
        if let code = document.Code, code != "Success" { throw .credentials("IMDS: role \(role) credentials: \(code)") }
        return AWSCredentials(accessKeyID: document.AccessKeyId, secretAccessKey: document.SecretAccessKey,
                              sessionToken: document.Token, expiration: document.Expiration.flatMap(Timestamp.date),
                              source: "IMDS role \(role)")
    }

    /// The instance's region (`placement/region`).
    public func region() async throws(EC2Error) -> String {
        let token = try await sessionToken()
        let region = try await get("/latest/meta-data/placement/region", token: token)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !region.isEmpty else { throw .configuration("IMDS returned an empty region") }
        return region
    }

    /// An IMDSv2 token; nil when IMDSv1 fallback applies.
    func sessionToken() async throws(EC2Error) -> String? {
        guard !settings.disabled else { throw .credentials("instance metadata is disabled (AWS_EC2_METADATA_DISABLED)") }
        let request = HTTPRequest(method: "PUT", url: settings.endpoint + "/latest/api/token",
                                  headers: [HTTPHeader("X-aws-ec2-metadata-token-ttl-seconds", String(settings.tokenTTLSeconds))],
                                  proxy: .none, connectTimeout: settings.timeout, totalTimeout: settings.timeout,
                                  acceptCompressed: false)
        var lastError: HTTPError?
        for _ in 0..<settings.attempts {
            do {
                let response = try await transport.send(request)
                if response.status == 200 {
                    let token = String(decoding: response.body, as: UTF8.self)
                    guard !token.isEmpty else { throw EC2Error.credentials("IMDS returned an empty token") }
                    return token
                }
                if [403, 404, 405].contains(response.status) {
                    if settings.v1Disabled {
                        throw EC2Error.credentials("IMDS token request got HTTP \(response.status) and IMDSv1 is disabled")
                    }
                    return nil
                }
                throw EC2Error.credentials("IMDS token request got HTTP \(response.status)")
            } catch let error as EC2Error {
                throw error
            } catch let error as HTTPError {
                lastError = error
            } catch {
                throw .credentials("IMDS: \(error)")
            }
        }
        if case .timeout = lastError {
            throw .credentials("IMDS token request timed out: not on EC2, or the metadata hop limit is too low (inside a container)")
        }
        throw .credentials("IMDS unreachable at \(URLParts(settings.endpoint)?.origin ?? settings.endpoint): "
                           + (lastError?.description ?? "no answer"))
    }

    private func get(_ path: String, token: String?) async throws(EC2Error) -> String {
        var headers: [HTTPHeader] = []
        if let token { headers.append(HTTPHeader("X-aws-ec2-metadata-token", token, isSecret: true)) }
        let request = HTTPRequest(method: "GET", url: settings.endpoint + path, headers: headers, proxy: .none,
                                  connectTimeout: settings.timeout, totalTimeout: settings.timeout, acceptCompressed: false)
        var lastError: HTTPError = .cancelled
        for _ in 0..<settings.attempts {
            do {
                let response = try await transport.send(request)
                guard response.status == 200 else { throw EC2Error.credentials("IMDS \(path) got HTTP \(response.status)") }
                return String(decoding: response.body, as: UTF8.self)
            } catch let error as EC2Error {
                throw error
            } catch let error as HTTPError {
                lastError = error
            } catch {
                throw .credentials("IMDS: \(error)")
            }
        }
        throw .credentials("IMDS \(path): \(lastError)")
    }
}
