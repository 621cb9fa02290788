import Foundation
import Kube
import Testing

@Suite("live source status line")
struct KubeSourceStatusTests {
    @Test("a connected source is not stale and reports no header failure")
    func connectedIsNotStale() {
        let status = KubeSourceStatus(phase: .connected, lastError: "old", apis: "projectcalico.org/v3", context: "prod")
        #expect(!status.isStale)
        #expect(status.failure == nil)
        #expect(status.description == "cluster prod: connected · projectcalico.org/v3")
    }

    @Test("backing off is stale, names the resources, the time and the last error")
    func backingOffIsStale() {
        let since = Date(timeIntervalSince1970: 1_795_000_000)
        let status = KubeSourceStatus(phase: .backingOff(since: since, resources: ["pods"]), lastError: "HTTP 503",
                                      context: "prod")
        #expect(status.isStale)
        let failure = try? #require(status.failure)
        #expect(failure?.hasPrefix("kube: cluster prod: backing off since 2026-") == true)
        #expect(failure?.contains("(pods)") == true)
        #expect(failure?.hasSuffix("last error: HTTP 503") == true)
    }
}
