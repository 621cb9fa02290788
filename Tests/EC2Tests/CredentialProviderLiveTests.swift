import Foundation
import HTTP
import TestSupport
import Testing
@testable import EC2
import Inventory

@Suite("Credential providers against loopback stand-ins", .serialized)
struct CredentialProviderLiveTests {
    static func resolve(_ environment: [String: String], profile: String? = nil, region: String? = "us-east-1",
                        config: String = "", credentials: String = "") throws -> AWSConfiguration {
        try AWSConfiguration.resolve(profile: profile, region: region, endpointURL: nil, environment: environment,
                                     files: SharedConfigFiles(configText: config, credentialsText: credentials))
    }

    static func fetch(_ configuration: AWSConfiguration) async throws -> AWSCredentials {
        try await configuration.credentialSource.provider(configuration: configuration, region: configuration.region ?? "us-east-1",
                                                          transport: LivePeer.transport).fetch()
    }

    @Test("IMDSv2: token PUT with a TTL, then the role's credentials with the token header")
    func instanceMetadataCredentials() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["imds", "--port", "0"])
        defer { peer.stop() }
        let configuration = try Self.resolve(["AWS_EC2_METADATA_SERVICE_ENDPOINT": try peer.string("url")])
        #expect(configuration.credentialSource == .instanceMetadata)
        let credentials = try await Self.fetch(configuration)
        #expect(credentials.accessKeyID.hasPrefix("ASIAIMDS"))
        #expect(credentials.sessionToken != nil && credentials.expiration != nil)
        let log = try await LivePeer.requests(peer)
        let put = try #require(log.first { $0["method"] as? String == "PUT" })
        let headers = put["headers"] as? [String: String] ?? [:]
        #expect(headers.first { $0.key.lowercased() == "x-aws-ec2-metadata-token-ttl-seconds" }?.value == "21600")
        #expect(log.allSatisfy { ($0["status"] as? Int) == 200 })
    }

    @Test("the region comes from IMDS when nothing else names one")
    func instanceMetadataRegion() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["imds", "--region", "eu-west-3", "--port", "0"])
        defer { peer.stop() }
        let configuration = try Self.resolve(["AWS_EC2_METADATA_SERVICE_ENDPOINT": try peer.string("url")], region: nil)
        #expect(configuration.region == nil)
        let source = EC2Source(configuration: configuration, transport: LivePeer.transport)
        #expect(try await source.region() == "eu-west-3")
    }

    @Test("an IMDSv1-only host (token PUT 405) falls back to token-less reads")
    func instanceMetadataV1Fallback() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["imds", "--v1", "--put-status", "405", "--port", "0"])
        defer { peer.stop() }
        let credentials = try await Self.fetch(try Self.resolve(["AWS_EC2_METADATA_SERVICE_ENDPOINT": try peer.string("url")]))
        #expect(credentials.accessKeyID.hasPrefix("ASIAIMDS"))
    }

    @Test("with IMDSv1 disabled, a refused token PUT is an error")
    func instanceMetadataV1Disabled() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["imds", "--v1", "--put-status", "403", "--port", "0"])
        defer { peer.stop() }
        let configuration = try Self.resolve(["AWS_EC2_METADATA_SERVICE_ENDPOINT": try peer.string("url"),
                                              "AWS_EC2_METADATA_V1_DISABLED": "true"])
        await #expect(throws: EC2Error.self) { _ = try await Self.fetch(configuration) }
    }

    @Test("a token PUT that times out says the metadata hop limit may be too low")
    func instanceMetadataHopLimit() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["imds", "--put-delay", "3", "--port", "0"])
        defer { peer.stop() }
        let configuration = try Self.resolve(["AWS_EC2_METADATA_SERVICE_ENDPOINT": try peer.string("url"),
                                              "AWS_METADATA_SERVICE_TIMEOUT": "0.5"])
        do {
            _ = try await Self.fetch(configuration)
            Issue.record("expected a timeout")
        } catch {
            #expect(String(describing: error).contains("hop limit"))
        }
    }

    @Test("temporary IMDS credentials are refreshed when they come close to expiry")
    func refreshBeforeExpiry() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["imds", "--expires-in", "300", "--rotate", "--port", "0"])
        defer { peer.stop() }
        let configuration = try Self.resolve(["AWS_EC2_METADATA_SERVICE_ENDPOINT": try peer.string("url")])
        let cache = CredentialCache(provider: configuration.credentialSource.provider(
            configuration: configuration, region: "us-east-1", transport: LivePeer.transport))
        let first = try await cache.credentials()
        let second = try await cache.credentials()
        #expect(first.accessKeyID != second.accessKeyID)
        #expect(await cache.fetchCount == 2)
    }

    @Test("container credentials send the authorization token")
    func containerCredentials() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["container", "--token", "tok-123", "--port", "0"])
        defer { peer.stop() }
        let environment = try #require(peer.ready["env"] as? [String: String])
        let credentials = try await Self.fetch(try Self.resolve(environment))
        #expect(credentials.accessKeyID.hasPrefix("ASIACONT"))
    }

    @Test("container credentials read the token from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
    func containerTokenFile() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["container", "--token", "tok-file", "--port", "0"])
        defer { peer.stop() }
        let directory = try TemporaryDirectory()
        let file = try directory.write("token", "tok-file\n")
        let url = try #require((peer.ready["env"] as? [String: String])?["AWS_CONTAINER_CREDENTIALS_FULL_URI"])
        let credentials = try await Self.fetch(try Self.resolve(["AWS_CONTAINER_CREDENTIALS_FULL_URI": url,
                                                                 "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": file]))
        #expect(credentials.accessKeyID.hasPrefix("ASIACONT"))
    }

    @Test("container credentials survive one failing answer (3 attempts)")
    func containerRetries() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["container", "--fail", "1", "--port", "0"])
        defer { peer.stop() }
        let credentials = try await Self.fetch(try Self.resolve(try #require(peer.ready["env"] as? [String: String])))
        #expect(credentials.accessKeyID.hasPrefix("ASIACONT"))
    }

    @Test("role_arn + source_profile: AssumeRole signed with the source keys, verified by botocore")
    func assumeRole() async throws {
        let peer = try PeerProcess(script: "ec2/with_botocore.py",
                                   arguments: ["stand_ins.py", "sts", "--verify", "AKIABASEGATEWATCH:base/secret+key", "--port", "0"])
        defer { peer.stop() }
        let config = """
        [profile readonly]
        role_arn = arn:aws:iam::123456789012:role/gatewatch-readonly
        source_profile = base
        external_id = jump/1 ops:a+b=c
        """
        let configuration = try Self.resolve(["AWS_ENDPOINT_URL_STS": try peer.string("url")], profile: "readonly",
                                             config: config,
                                             credentials: "[base]\naws_access_key_id = AKIABASEGATEWATCH\naws_secret_access_key = base/secret+key\n")
        let credentials = try await Self.fetch(configuration)
        #expect(credentials.accessKeyID.hasPrefix("ASIASTSX"))
        #expect(credentials.expiration != nil)
        let log = try await LivePeer.requests(peer)
        #expect(LivePeer.parameters(try #require(log.first))["ExternalId"] == "jump/1 ops:a+b=c")
    }

    @Test("a denied AssumeRole reports the role and the STS error, without secrets")
    func assumeRoleDenied() async throws {
        let role = "arn:aws:iam::123456789012:role/gatewatch-readonly"
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["sts", "--deny-role", role, "--port", "0"])
        defer { peer.stop() }
        let configuration = try Self.resolve(["AWS_ENDPOINT_URL_STS": try peer.string("url")], profile: "readonly",
                                             config: "[profile readonly]\nrole_arn = \(role)\nsource_profile = base\n",
                                             credentials: "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = base/secret\n")
        do {
            _ = try await Self.fetch(configuration)
            Issue.record("expected AccessDenied")
        } catch {
            #expect(String(describing: error).contains("AccessDenied"))
            #expect(String(describing: error).contains(role))
            #expect(!String(describing: error).contains("base/secret"))
        }
    }

    @Test("web identity: an unsigned AssumeRoleWithWebIdentity with the token file's contents")
    func webIdentity() async throws {
        let peer = try PeerProcess(script: "ec2/stand_ins.py", arguments: ["sts", "--web-identity-token", "eyJ.token", "--port", "0"])
        defer { peer.stop() }
        let directory = try TemporaryDirectory()
        let file = try directory.write("token", "eyJ.token")
        let credentials = try await Self.fetch(try Self.resolve([
            "AWS_ENDPOINT_URL_STS": try peer.string("url"), "AWS_WEB_IDENTITY_TOKEN_FILE": file,
            "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/gatewatch-irsa"]))
        #expect(credentials.accessKeyID.hasPrefix("ASIAWEBI"))
        let log = try await LivePeer.requests(peer)
        #expect(log.first?["auth"] is NSNull || log.first?["auth"] == nil)
    }

    @Test("credential_process: the command's JSON becomes the credentials")
    func credentialProcess() async throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("creds.sh", """
        #!/bin/sh
        printf '{"Version": 1, "AccessKeyId": "ASIAPROCESS%s", "SecretAccessKey": "proc/secret", "SessionToken": "t", "Expiration": "2099-01-01T00:00:00Z"}' "$1"
        """, executable: true)
        let configuration = try Self.resolve([:], profile: "p", config: "[profile p]\ncredential_process = \(script) \"01\"\n")
        let credentials = try await Self.fetch(configuration)
        #expect(credentials.accessKeyID == "ASIAPROCESS01")
        #expect(credentials.expiration == Timestamp.date("2099-01-01T00:00:00Z"))
    }

    @Test("a failing credential_process reports its exit status and stderr")
    func credentialProcessFailure() async throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("fail.sh", "#!/bin/sh\necho 'vault: permission denied' >&2\nexit 3\n", executable: true)
        let configuration = try Self.resolve([:], profile: "p", config: "[profile p]\ncredential_process = \(script)\n")
        do {
            _ = try await Self.fetch(configuration)
            Issue.record("expected a failure")
        } catch {
            #expect(String(describing: error).contains("status 3"))
            #expect(String(describing: error).contains("vault: permission denied"))
        }
    }
}
