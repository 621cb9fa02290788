import Foundation
import HTTP
import Inventory
import Kube
import Testing

/// A hung API server (connections open, no byte sent) and a stalled watch are seen within 15 s,
/// stay STALE while they last, and recover by themselves to exactly the server's objects
/// (issue #18 item 2). The source runs with the default watch timeouts and stall grace.
@Suite("live reflectors against a hung or stalled stand-in", .serialized)
struct KubeHangTests {
    private func podJSON(_ name: String, ip: String) -> String {
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","namespace":"checkout","labels":{"app":"test"}},"#
            + #""spec":{"nodeName":"ip-10-0-1-10.ec2.internal","containers":[{"name":"c","image":"x"}]},"#
            + #""status":{"phase":"Running","podIP":"\#(ip)","conditions":[{"type":"Ready","status":"True"}]}}"#
    }

    /// Runs one fault: `mode` hangs the stand-in, objects change meanwhile, the status must turn
    /// STALE within 15 s and stay so, and after the hang ends the state must equal a fresh list.
    private func faultRecovers(mode: String) async throws {
        let standIn = try StandIn()
        let recorder = LiveRecorder()
        let source = try standIn.source()
        #expect(source.options.maxStallDetection <= .seconds(15))
        let task = Task { await source.run { recorder.record($0, $1) } }
        defer { task.cancel() }
        let first = try #require(await recorder.wait(seconds: 15) { !$0.pods.isEmpty })
        #expect(recorder.statuses.last?.isStale == false)
        let victim = try #require(first.pods.first)

        try await standIn.admin("/hang", #"{"mode":"\#(mode)"}"#)
        let hungAt = Date()
        try await standIn.admin("/mutate", """
            {"ops":[{"op":"add","object":\(podJSON("during-hang", ip: "10.0.1.230"))},
                    {"op":"delete","apiVersion":"v1","kind":"Pod","namespace":"\(victim.namespace)","name":"\(victim.name)"}]}
            """)
        var staleAt: Date?
        while Date().timeIntervalSince(hungAt) < 20 {
            if recorder.statuses.last?.isStale == true {
                staleAt = Date()
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let seen = try #require(staleAt, "no STALE within 20 s of the hang")
        #expect(seen.timeIntervalSince(hungAt) <= 15)
        let staleCount = recorder.statuses.count
        // Reconnects during the hang (backoff is at most 1 s here) must not clear STALE.
        try await Task.sleep(for: .seconds(4))
        let during = recorder.statuses.dropFirst(staleCount - 1)
        #expect(during.allSatisfy { $0.isStale })
        #expect(recorder.statuses.last?.lastError?.contains("hung or watch stalled") == true
                    || recorder.statuses.last?.lastError?.contains("timed out") == true)

        try await standIn.admin("/hang", #"{"mode":"none"}"#)
        let expected = comparable(try await standIn.source().fetchOnce())
        #expect(expected.pods.contains { $0.name == "during-hang" })
        let recovered = await recorder.wait(seconds: 25) { comparable($0) == expected }
        #expect(recovered != nil, "the state did not come back to the server's objects")
        let deadline = Date().addingTimeInterval(10)
        while recorder.statuses.last?.isStale != false && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(recorder.statuses.last?.phase == .connected)
    }

    @Test("a hung server (connections open, no byte) is STALE within 15 s, stays STALE, and recovers exactly")
    func hungServer() async throws {
        try await faultRecovers(mode: "all")
    }

    @Test("stalled watches while lists still answer are STALE within 15 s and recover exactly")
    func stalledWatches() async throws {
        try await faultRecovers(mode: "watch")
    }

    @Test("a one-shot listing against a hung server fails after the read deadline, naming the server")
    func oneShotHitsReadDeadline() async throws {
        let standIn = try StandIn()
        var options = StandIn.fastOptions()
        options.readTimeout = .seconds(1)
        let source = KubeSource(connection: try standIn.connection(), transport: standIn.transport, options: options)
        try await standIn.admin("/hang", #"{"mode":"all"}"#)
        let started = Date()
        do {
            _ = try await source.fetchOnce()
            Issue.record("a hung server produced a listing")
        } catch {
            #expect(error.description.contains("127.0.0.1"))
            guard case .transport(.timeout) = error else {
                Issue.record("expected a timeout, got \(error)")
                return
            }
        }
        #expect(Date().timeIntervalSince(started) < 10)
        try await standIn.admin("/hang", #"{"mode":"none"}"#)
    }
}
