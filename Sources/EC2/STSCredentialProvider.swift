import Foundation
import HTTP
import Inventory

/// STS `AssumeRole` (signed with source credentials) and `AssumeRoleWithWebIdentity` (unsigned,
/// the token file re-read on every refresh).
public struct STSCredentialProvider: AWSCredentialProvider {
    /// Which STS call to make.
    public enum Method: Sendable {
        /// AssumeRole with credentials from the source.
        case assumeRole(AssumeRoleParameters, source: CredentialCache)
        /// AssumeRoleWithWebIdentity with the token in this file.
        case webIdentity(tokenFile: String, roleARN: String, sessionName: String)
    }

    /// The STS API version.
    public static let version = "2011-06-15"

    let method: Method
    let endpoint: String
    let region: String
    let transport: any HTTPTransport
    let tls: TLSOptions
    let clock: AWSClock

    /// A provider calling STS at `endpoint`, signing for `region`.
    public init(method: Method, endpoint: String, region: String, transport: any HTTPTransport,
                tls: TLSOptions = TLSOptions(), clock: AWSClock = .system) {
        self.method = method
        self.endpoint = endpoint
        self.region = region
        self.transport = transport
        self.tls = tls
        self.clock = clock
    }

    /// Calls STS once.
    public func fetch() async throws(EC2Error) -> AWSCredentials {
        var parameters: QueryParameters
        let operation: String
        var signer: AWSCredentials?
        let source: String
        switch method {
        case .assumeRole(let role, let cache):
            operation = "AssumeRole"
            parameters = QueryParameters(action: operation, version: Self.version)
            parameters.append("RoleArn", role.roleARN)
            parameters.append("RoleSessionName", role.sessionName)
            if let duration = role.durationSeconds { parameters.append("DurationSeconds", String(duration)) }
            if let external = role.externalID { parameters.append("ExternalId", external) }
            signer = try await cache.credentials()
            source = "role \(role.roleARN)"
        case .webIdentity(let file, let roleARN, let sessionName):
            operation = "AssumeRoleWithWebIdentity"
            let token: String
            do {
                guard let text = InputFile.text(file) else { throw CocoaError(.fileReadUnknown) }
                token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw .credentials("cannot read the web identity token file \(file)")
            }
            parameters = QueryParameters(action: operation, version: Self.version)
            parameters.append("RoleArn", roleARN)
            parameters.append("RoleSessionName", sessionName)
            parameters.append("WebIdentityToken", token)
            source = "web identity role \(roleARN)"
        }
        var request = HTTPRequest(method: "POST", url: endpoint,
                                  headers: [HTTPHeader("Content-Type", EC2Client.formContentType)],
                                  body: Array(parameters.encoded.utf8), tls: tls, totalTimeout: .seconds(30))
        if let signer {
            try SigV4Signer(region: region, service: "sts").sign(&request, credentials: signer, date: clock.now())
        }
        let response: HTTPResponse
        do { response = try await transport.send(request) } catch { throw .transport(operation: "sts:\(operation)", error) }
        guard response.status == 200 else {
            let error = EC2ResponseDecoder.error(body: response.body, status: response.status,
                                                 operation: operation, service: "sts")
            throw .credentials("\(source): \(error)")
        }
        guard let root = try? XMLReader.parse(response.body),
              let result = root.child("\(operation)Result"), let credentials = result.child("Credentials"),
              let key = credentials.string("AccessKeyId"), let secret = credentials.string("SecretAccessKey"),
              let token = credentials.string("SessionToken") else {
            throw .credentials("\(source): STS \(operation) answered without credentials")
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: token,
                              expiration: credentials.string("Expiration").flatMap(Timestamp.date), source: source)
    }
}
