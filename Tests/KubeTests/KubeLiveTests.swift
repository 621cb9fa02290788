import Foundation
import HTTP
import Inventory
import Kube
import Testing

@Suite("live reflectors against the stand-in", .serialized)
struct KubeLiveTests {
    /// Starts `source.run` in a task; the caller cancels it.
    private func start(_ source: KubeSource, _ recorder: LiveRecorder) -> Task<Void, Never> {
        Task { await source.run { recorder.record($0, $1) } }
    }

    private func podJSON(_ name: String, ip: String) -> String {
        #"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\#(name)","namespace":"checkout","labels":{"app":"test"}},"#
            + #""spec":{"nodeName":"ip-10-0-1-10.ec2.internal","containers":[{"name":"c","image":"x"}]},"#
            + #""status":{"phase":"Running","podIP":"\#(ip)","conditions":[{"type":"Ready","status":"True"}]}}"#
    }

    @Test("the first update holds every object, and the status names the Calico group")
    func firstUpdateIsComplete() async throws {
        let standIn = try StandIn()
        let recorder = LiveRecorder()
        let task = start(try standIn.source(), recorder)
        defer { task.cancel() }
        let expected = try await standIn.source().fetchOnce()
        let first = await recorder.wait { _ in true }
        #expect(first.map(comparable) == comparable(expected))
        let status = try #require(recorder.statuses.last)
        #expect(status.phase == .connected)
        #expect(status.description.contains("projectcalico.org/v3"))
        #expect(!status.isStale)
    }

    @Test("an object changed while watching is visible in the next state")
    func inFlightMutationIsVisible() async throws {
        let standIn = try StandIn()
        let recorder = LiveRecorder()
        let task = start(try standIn.source(), recorder)
        defer { task.cancel() }
        let first = try #require(await recorder.wait { !$0.pods.isEmpty })
        let pod = try #require(first.pods.first)
        try await standIn.admin("/mutate", """
            {"op":"patch","apiVersion":"v1","kind":"Pod","namespace":"\(pod.namespace)","name":"\(pod.name)",
             "patch":{"metadata":{"labels":{"gatewatch-test":"changed"}}}}
            """)
        let changed = await recorder.wait { state in
            state.pods.first { $0.qualifiedName == pod.qualifiedName }?.metadata.labels["gatewatch-test"] == "changed"
        }
        #expect(changed != nil)
    }

    @Test("ADDED and DELETED events add and remove objects")
    func addAndDeleteAreApplied() async throws {
        let standIn = try StandIn()
        let recorder = LiveRecorder()
        let task = start(try standIn.source(), recorder)
        defer { task.cancel() }
        let first = try #require(await recorder.wait { !$0.pods.isEmpty })
        let victim = try #require(first.pods.last)
        try await standIn.admin("/mutate", #"{"op":"add","object":\#(podJSON("added-pod", ip: "10.0.1.250"))}"#)
        try await standIn.admin("/mutate", """
            {"op":"delete","apiVersion":"v1","kind":"Pod","namespace":"\(victim.namespace)","name":"\(victim.name)"}
            """)
        let after = await recorder.wait { state in
            state.pods.contains { $0.name == "added-pod" } && !state.pods.contains { $0.qualifiedName == victim.qualifiedName }
        }
        #expect(after?.pods.count == first.pods.count)
    }

    @Test("a watch ERROR 410 makes the reflector list again")
    func goneRelists() async throws {
        let standIn = try StandIn()
        let recorder = LiveRecorder()
        let task = start(try standIn.source(), recorder)
        defer { task.cancel() }
        _ = try #require(await recorder.wait { !$0.pods.isEmpty })
        try await standIn.admin("/watch-error",
                                #"{"code":410,"reason":"Expired","message":"too old resource version","match":"/api/v1/pods"}"#)
        try await standIn.admin("/mutate", #"{"op":"add","object":\#(podJSON("after-relist", ip: "10.0.1.251"))}"#)
        let after = await recorder.wait { $0.pods.contains { $0.name == "after-relist" } }
        #expect(after != nil)
        let podLists = try await standIn.requests().filter { $0.path == "/api/v1/pods" && !$0.watch }
        #expect(podLists.count == 2)
        let expected = try await standIn.source().fetchOnce()
        #expect(await recorder.wait { podsInKeyOrder($0) == expected } != nil)
    }

    @Test("after a dropped watch and failed reconnects, the watch resumes with nothing lost or doubled")
    func disconnectBacksOffAndResumes() async throws {
        let standIn = try StandIn()
        let recorder = LiveRecorder()
        let task = start(try standIn.source(), recorder)
        defer { task.cancel() }
        let first = try #require(await recorder.wait { !$0.pods.isEmpty })
        try await standIn.admin("/fail", #"{"code":503,"count":3,"match":"/api/v1/pods","watch":true}"#)
        try await standIn.admin("/drop-watches", #"{"match":"/api/v1/pods","mode":"reset"}"#)
        let victim = try #require(first.pods.first)
        try await standIn.admin("/mutate", """
            {"ops":[{"op":"add","object":\(podJSON("while-away-1", ip: "10.0.1.240"))},
                    {"op":"add","object":\(podJSON("while-away-2", ip: "10.0.1.241"))},
                    {"op":"delete","apiVersion":"v1","kind":"Pod","namespace":"\(victim.namespace)","name":"\(victim.name)"}]}
            """)
        let expected = try await standIn.source().fetchOnce()
        let caughtUp = await recorder.wait(seconds: 15) { podsInKeyOrder($0) == expected }
        #expect(caughtUp != nil)
        #expect(caughtUp?.pods.count == first.pods.count + 1)
        #expect(recorder.statuses.contains { if case .backingOff = $0.phase { true } else { false } })
        let requests = try await standIn.requests()
        // One list by the reflector (no relist), one by the fetchOnce above.
        #expect(requests.filter { $0.path == "/api/v1/pods" && !$0.watch }.count == 2)
        #expect(requests.filter { $0.path == "/api/v1/pods" && $0.watch && $0.status == 503 }.count == 3)
        #expect(recorder.statuses.last?.phase == .connected)
    }

    @Test("a BOOKMARK advances the resume point without changing objects")
    func bookmarksAdvanceResourceVersion() async throws {
        let standIn = try StandIn()
        let recorder = LiveRecorder()
        let task = start(try standIn.source(), recorder)
        defer { task.cancel() }
        let first = try #require(await recorder.wait { !$0.pods.isEmpty })
        // Unrelated changes advance the global resourceVersion; a bookmark carries it to the pod watch.
        try await standIn.admin("/mutate", """
            {"op":"patch","apiVersion":"v1","kind":"Namespace","name":"checkout","patch":{"metadata":{"labels":{"x":"1"}}}}
            """)
        try await Task.sleep(for: .milliseconds(300))
        try await standIn.admin("/bookmark", "{}")
        try await Task.sleep(for: .milliseconds(300))
        try await standIn.admin("/drop-watches", #"{"match":"/api/v1/pods","mode":"end"}"#)
        try await Task.sleep(for: .milliseconds(500))
        let watches = try await standIn.requests().filter { $0.path == "/api/v1/pods" && $0.watch }
        #expect(watches.count >= 2)
        let versions = watches.compactMap { $0.query["resourceVersion"].flatMap(Int.init) }
        #expect(versions.count == watches.count)
        #expect(versions.last.map { $0 > versions[0] } == true)
        #expect(recorder.latest?.pods == first.pods)
    }

    @Test("a live error is reported in the status without the token")
    func liveErrorStatusHidesToken() async throws {
        let standIn = try StandIn()
        var connection = try standIn.connection("token")
        connection.credential = .token("live-secret-token-0815")
        let source = KubeSource(connection: connection, transport: standIn.transport, options: StandIn.fastOptions())
        let recorder = LiveRecorder()
        let task = start(source, recorder)
        defer { task.cancel() }
        let deadline = Date().addingTimeInterval(5)
        while recorder.statuses.isEmpty && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        let status = try #require(recorder.statuses.last)
        #expect(status.isStale)
        #expect(status.lastError?.contains("401") == true)
        #expect(!status.description.contains("live-secret-token-0815"))
    }

    @Test("a watch that goes silent is reconnected after the idle timeout and catches up")
    func stalledWatchIsReconnected() async throws {
        let standIn = try StandIn(["--bookmark-interval", "0"])
        var options = StandIn.fastOptions()
        options.watchIdleTimeout = .seconds(1)
        let source = KubeSource(connection: try standIn.connection(), transport: standIn.transport, options: options)
        let recorder = LiveRecorder()
        let task = start(source, recorder)
        defer { task.cancel() }
        _ = try #require(await recorder.wait { !$0.pods.isEmpty })
        try await standIn.admin("/stall", #"{"seconds":4,"count":1,"match":"/api/v1/pods","watch":true,"phase":"headers"}"#)
        try await standIn.admin("/drop-watches", #"{"match":"/api/v1/pods","mode":"end"}"#)
        try await standIn.admin("/mutate", #"{"op":"add","object":\#(podJSON("after-stall", ip: "10.0.1.252"))}"#)
        let after = await recorder.wait(seconds: 15) { $0.pods.contains { $0.name == "after-stall" } }
        #expect(after != nil)
        #expect(recorder.statuses.contains { if case .backingOff = $0.phase { true } else { false } })
    }
}
