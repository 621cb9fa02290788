import Foundation
import TestSupport
import Testing

/// The console against a live cluster (the Kubernetes stand-in serving the demo bundle) in a
/// tmux pane: data arrives after start, changes in the cluster show up as events, and a source
/// that cannot be read leaves the console up, marked STALE.
@Suite("Live console in tmux", .serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct LiveConsoleEndToEndTests {
    @Test("gateways arrive from the cluster, a pod turning unready is an event, a dead AWS endpoint is STALE")
    func liveClusterUpdatesTheConsole() throws {
        let kube = try DemoPeers.kubeStandIn()
        defer { kube.stop() }
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        let environment = "TERM=xterm-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent AWS_ACCESS_KEY_ID=AKIDTEST "
            + "AWS_SECRET_ACCESS_KEY=console-secret AWS_EC2_METADATA_DISABLED=true"
        try pane.launch("--kubeconfig '\(try kube.string("kubeconfig"))' --region us-east-1 --endpoint-url http://127.0.0.1:9",
                        environment: environment)
        // Pods arrive namespace by namespace: wait for the last group, not only for the count.
        var screen = try pane.waitUntil("every gateway pod", timeout: 30) {
            $0.contains("Gateways (7)") && $0.contains("dlp-service-egw-6d9f7c8b5-4xkqz")
        }
        #expect(screen.contains("token"))  // the kubeconfig context in the header
        try pane.waitUntil("the AWS failure marks the data stale", timeout: 30) { $0.contains("STALE") }

        try kube.admin("/mutate", #"""
            {"op":"patch","apiVersion":"v1","kind":"Pod","namespace":"dlp-service-egw",
             "name":"dlp-service-egw-6d9f7c8b5-4xkqz",
             "patch":{"status":{"conditions":[{"type":"Ready","status":"False"}]}}}
            """#)
        try pane.type("8")
        screen = try pane.waitFor("NOT READY", timeout: 30)
        #expect(screen.contains("dlp-service-egw-6d9f7c8b5-4xkqz"))
        #expect(!screen.contains("console-secret"))
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }
}
