import Foundation
import HTTP
import TestSupport
import Testing

@Suite("HTTP client: streamed responses")
struct HTTPClientStreamTests {
    private let client = HTTPClient()

    @Test("a chunk is delivered while the server is still holding the response open")
    func chunksArriveAsSent() async throws {
        let peer = try await TestPeers.echo()
        let base = try peer.string("url")
        var events = client.stream(TestPeers.request(base + "/hold?id=chunks", idleTimeout: .seconds(20))).makeAsyncIterator()
        guard case .head(let status, let headers)? = try await events.next() else {
            Issue.record("no head first")
            return
        }
        #expect(status == 200)
        #expect(headers.contains { $0.name.lowercased() == "transfer-encoding" })
        guard case .body(let first)? = try await events.next() else {
            Issue.record("no first chunk")
            return
        }
        #expect(String(decoding: first, as: UTF8.self) == "first\n")
        // The server sends the rest only once it is released: the first chunk came on its own.
        _ = try await client.send(TestPeers.request(base + "/release?id=chunks"))
        var rest: [UInt8] = []
        while let event = try await events.next() {
            if case .body(let bytes) = event { rest += bytes }
        }
        #expect(String(decoding: rest, as: UTF8.self) == "second\n")
    }

    @Test("a Kubernetes watch delivers an event caused after it started")
    func kubernetesWatchDeliversEvents() async throws {
        let peer = try await TestPeers.kube()
        let resourceVersion = try peer.int("resourceVersion")
        let request = try TestPeers.kubeRequest(
            peer, path: "/api/v1/namespaces/payments/pods?watch=true&resourceVersion=\(resourceVersion)")
        var events = client.stream(request).makeAsyncIterator()
        guard case .head(let status, _)? = try await events.next() else {
            Issue.record("no head")
            return
        }
        #expect(status == 200)
        try await TestPeers.admin(peer, "/mutate", """
            {"op":"patch","apiVersion":"v1","kind":"Pod","namespace":"payments","name":"payments-api-7f9c6d8b4-2xv9q",
             "patch":{"metadata":{"labels":{"gatewatch-test":"seen"}}}}
            """)
        var received: [UInt8] = []
        while !received.contains(UInt8(ascii: "\n")), let event = try await events.next() {
            if case .body(let bytes) = event { received += bytes }
        }
        let line = try #require(received.split(separator: UInt8(ascii: "\n")).first)
        let event = try TestPeers.object(Array(line))
        #expect(event["type"] as? String == "MODIFIED")
        let labels = ((event["object"] as? [String: Any])?["metadata"] as? [String: Any])?["labels"] as? [String: String]
        #expect(labels?["gatewatch-test"] == "seen")
    }

    @Test("a watch the server ends cleanly finishes the stream")
    func cleanEndFinishes() async throws {
        let peer = try await TestPeers.kube()
        let request = try TestPeers.kubeRequest(peer, path: "/api/v1/namespaces?watch=true")
        var events = client.stream(request).makeAsyncIterator()
        _ = try await events.next()
        try await TestPeers.admin(peer, "/drop-watches", #"{"match":"/namespaces","mode":"end"}"#)
        while try await events.next() != nil {}
    }

    @Test("a watch cut without its terminating chunk throws a transfer error")
    func cutWatchThrows() async throws {
        let peer = try await TestPeers.kube()
        let request = try TestPeers.kubeRequest(peer, path: "/api/v1/namespaces?watch=true")
        var events = client.stream(request).makeAsyncIterator()
        _ = try await events.next()
        try await TestPeers.admin(peer, "/drop-watches", #"{"match":"/namespaces","mode":"close"}"#)
        do {
            while try await events.next() != nil {}
            Issue.record("the stream finished normally")
        } catch let error as HTTPError {
            guard case .transfer(let host, _, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(host == "127.0.0.1")
        }
    }

    @Test("dropping the stream aborts the transfer: the server sees the connection close")
    func droppingTheStreamAborts() async throws {
        let peer = try await TestPeers.echo()
        let base = try peer.string("url")
        do {
            var events = client.stream(TestPeers.request(base + "/hold?id=dropped")).makeAsyncIterator()
            _ = try await events.next()
            _ = try await events.next()
        }
        var closed = 0
        for _ in 0..<200 where closed == 0 {
            closed = try await TestPeers.stats(peer)["holdsClosedByClient"] ?? 0
            if closed == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(closed == 1)
    }

    @Test("cancelling the consuming task ends the iteration and aborts the transfer")
    func cancellingTheTaskAborts() async throws {
        let peer = try await TestPeers.echo()
        let base = try peer.string("url")
        let client = self.client
        let started = AsyncStream.makeStream(of: Void.self)
        let consumer = Task {
            for try await event in client.stream(TestPeers.request(base + "/hold?id=cancelled")) {
                if case .body = event { started.continuation.yield() }
            }
        }
        var iterator = started.stream.makeAsyncIterator()
        await iterator.next()
        consumer.cancel()
        _ = await consumer.result
        var closed = 0
        for _ in 0..<200 where closed == 0 {
            closed = try await TestPeers.stats(peer)["holdsClosedByClient"] ?? 0
            if closed == 0 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(closed == 1)
    }
}
