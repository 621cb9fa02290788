import Foundation
import HTTP
import Inventory
import Kube
import Testing

@Suite("one-shot listing against the stand-in", .serialized)
struct KubeFetchTests {
    @Test("fetchOnce on the demo bundle gives the same objects as the bundle")
    func fetchMatchesDemoBundle() async throws {
        let standIn = try StandIn()
        let cluster = try await standIn.source().fetchOnce()
        #expect(comparable(cluster) == comparable(DemoBundle.load().snapshot.cluster))
        #expect(!cluster.pods.isEmpty)
    }

    @Test("small pages (limit + continue) give the same state as one page")
    func paginationGivesTheSameState() async throws {
        let standIn = try StandIn()
        let paged = try await standIn.source(pageSize: 2).fetchOnce()
        let whole = try await standIn.source(pageSize: 500).fetchOnce()
        #expect(paged == whole)
        let podLists = try await standIn.requests().filter { $0.path == "/api/v1/pods" && !$0.watch }
        #expect(podLists.contains { $0.query["limit"] == "2" && $0.query["continue"] != nil })
        #expect(podLists.filter { $0.query["limit"] == "2" }.count >= whole.pods.count / 2)
    }

    @Test("only GET is ever sent")
    func onlyGetIsSent() async throws {
        let standIn = try StandIn()
        _ = try await standIn.source().fetchOnce()
        let methods = Set(try await standIn.requests().map(\.method))
        #expect(methods == ["GET"])
    }

    @Test("a client certificate from files authenticates")
    func clientCertificateFromFiles() async throws {
        let standIn = try StandIn()
        let cluster = try await standIn.source("cert").fetchOnce()
        #expect(!cluster.pods.isEmpty)
    }

    @Test("a client certificate from inline data authenticates")
    func clientCertificateInline() async throws {
        let standIn = try StandIn()
        let source = KubeSource(connection: try standIn.connection("cert", inline: true), transport: standIn.transport)
        #expect(!(try await source.fetchOnce()).pods.isEmpty)
    }

    @Test("a token file authenticates")
    func tokenFileAuthenticates() async throws {
        let standIn = try StandIn()
        let dir = try TemporaryDirectory()
        try dir.write("token", standIn.token + "\n")
        var connection = try standIn.connection("token")
        connection.credential = .tokenFile(dir.path + "/token")
        let source = KubeSource(connection: connection, transport: standIn.transport)
        #expect(!(try await source.fetchOnce()).pods.isEmpty)
    }

    @Test("a client certificate from an untrusted CA is rejected with 401")
    func untrustedCertificateIsRejected() async throws {
        let standIn = try StandIn()
        let source = try standIn.source("untrusted-cert")
        do {
            _ = try await source.fetchOnce()
            Issue.record("expected an error")
        } catch {
            #expect(error.statusCode == 401)
        }
    }

    @Test("a wrong token is a 401 whose description does not contain the token")
    func wrongTokenErrorHidesToken() async throws {
        let standIn = try StandIn()
        var connection = try standIn.connection("token")
        connection.credential = .token("wrong-secret-token-4711")
        do {
            _ = try await KubeSource(connection: connection, transport: standIn.transport).fetchOnce()
            Issue.record("expected an error")
        } catch {
            #expect(error.statusCode == 401)
            #expect(!error.description.contains("wrong-secret-token-4711"))
            #expect(!String(reflecting: error).contains("wrong-secret-token-4711"))
        }
    }

    @Test("a server whose CA is not trusted fails TLS without leaking the token")
    func unknownServerCAFailsTLS() async throws {
        let standIn = try StandIn()
        var connection = try standIn.connection("token")
        connection.tls.certificateAuthority = .file(try standIn.peer.string("untrustedCa"))
        do {
            _ = try await KubeSource(connection: connection, transport: standIn.transport).fetchOnce()
            Issue.record("expected an error")
        } catch {
            guard case .transport = error else {
                Issue.record("expected a transport error, got \(error)")
                return
            }
            #expect(!error.description.contains(standIn.token))
        }
    }

    @Test("resources the user may not read are reported unavailable with the server's reason")
    func forbiddenResourcesAreReported() async throws {
        let standIn = try StandIn()
        let fetch = try await standIn.source("limited").fetch()
        #expect(fetch.cluster.nodes.isEmpty)
        #expect(!fetch.cluster.pods.isEmpty)
        let error = try #require(fetch.unavailable["nodes"])
        #expect(error.statusCode == 403)
        #expect(error.description.contains("Forbidden"))
        #expect(error.description.contains("forbidden"))
    }

    @Test("with the Calico API server, Calico kinds come from v3 and IPAM blocks from the CRDs")
    func apiserverModeUsesV3AndCRDBlocks() async throws {
        let standIn = try StandIn(["--calico-mode", "apiserver"])
        let fetch = try await standIn.source().fetch()
        #expect(fetch.apis.calicoGroup == .projectcalicoV3)
        #expect(fetch.apis.ipamBlocksGroup == .crdV1)
        #expect(fetch.apis.operatorEgressGateways)
        #expect(!fetch.cluster.ipamBlocks.isEmpty)
    }

    @Test("in native v3 CRD mode everything comes from projectcalico.org/v3")
    func nativeModeUsesV3() async throws {
        let standIn = try StandIn(["--calico-mode", "native"])
        let fetch = try await standIn.source().fetch()
        #expect(fetch.apis.calicoGroup == .projectcalicoV3)
        #expect(fetch.apis.ipamBlocksGroup == .projectcalicoV3)
        #expect(comparable(fetch.cluster) == comparable(DemoBundle.load().snapshot.cluster))
    }

    @Test("without the Calico API server everything comes from crd.projectcalico.org/v1")
    func crdModeUsesV1() async throws {
        let standIn = try StandIn(["--calico-mode", "crd"])
        let fetch = try await standIn.source().fetch()
        #expect(fetch.apis.calicoGroup == .crdV1)
        #expect(fetch.apis.ipamBlocksGroup == .crdV1)
        #expect(fetch.apis.description.hasPrefix("crd.projectcalico.org/v1"))
        #expect(comparable(fetch.cluster) == comparable(DemoBundle.load().snapshot.cluster))
    }

    @Test("without the operator group, no EgressGateway resources are read")
    func operatorGroupIsOptional() async throws {
        let standIn = try StandIn(["--without", "operator.tigera.io"])
        let fetch = try await standIn.source().fetch()
        #expect(!fetch.apis.operatorEgressGateways)
        #expect(fetch.cluster.egressGateways.isEmpty)
    }

    @Test("a transient 503 on a list is retried")
    func transientListFailureIsRetried() async throws {
        let standIn = try StandIn()
        try await standIn.admin("/fail", #"{"code":503,"count":1,"match":"/api/v1/pods","watch":false}"#)
        let cluster = try await standIn.source().fetchOnce()
        #expect(!cluster.pods.isEmpty)
        let statuses = try await standIn.requests().filter { $0.path == "/api/v1/pods" }.map(\.status)
        #expect(statuses == [503, 200])
    }

    @Test("a persistent 500 fails the fetch with the server's message")
    func persistentServerErrorFails() async throws {
        let standIn = try StandIn()
        try await standIn.admin("/fail", #"{"code":500,"count":10,"match":"/api/v1/nodes","message":"etcd is sad"}"#)
        let source = try standIn.source()
        do {
            _ = try await source.fetchOnce()
            Issue.record("expected an error")
        } catch {
            #expect(error.statusCode == 500)
            #expect(error.description.contains("etcd is sad"))
            #expect(error.description.contains("/api/v1/nodes"))
        }
    }

    @Test("the in-cluster service account (host, port, token, CA) reaches the API")
    func inClusterServiceAccountWorks() async throws {
        let standIn = try StandIn()
        let dir = try TemporaryDirectory()
        try dir.write("sa/token", standIn.token)
        try dir.write("sa/ca.crt", try String(contentsOfFile: try standIn.peer.string("ca"), encoding: .utf8))
        let connection = try KubeConfigLoader.load(
            kubeconfigPath: nil, context: nil,
            environment: ["HOME": dir.path, "KUBERNETES_SERVICE_HOST": "127.0.0.1",
                          "KUBERNETES_SERVICE_PORT": String(try standIn.peer.int("port"))],
            serviceAccountDirectory: dir.path + "/sa")
        let source = KubeSource(connection: connection, transport: standIn.transport)
        #expect(!(try await source.fetchOnce()).pods.isEmpty)
    }
}
