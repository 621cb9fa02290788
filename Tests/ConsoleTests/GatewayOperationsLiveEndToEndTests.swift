import Foundation
import TestSupport
import Testing

/// A simulated rollout against the Kubernetes stand-in, seen in the console in tmux: the
/// EgressGateway's status turns Progressing, a gateway pod starts terminating and client pods gain
/// Calico's maintenance annotations; the Gateways view counts the window down with the clients
/// being moved, the Events view logs the drain, and `--metrics-listen` serves the same state.
@Suite("Gateway operations in the live console", .serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct GatewayOperationsLiveEndToEndTests {
    private static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    @Test("a rollout's drain shows as a countdown with its clients, an event, and a metric")
    func rolloutDrainIsShown() throws {
        let kube = try DemoPeers.kubeStandIn()
        defer { kube.stop() }
        let pane = try TmuxPane(width: 230, height: 70)
        defer { pane.kill() }
        let environment = "TERM=xterm-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=/nonexistent AWS_ACCESS_KEY_ID=AKIDTEST "
            + "AWS_SECRET_ACCESS_KEY=console-secret AWS_EC2_METADATA_DISABLED=true"
        let metricsPort = Int.random(in: 20_000..<40_000)
        try pane.launch("--kubeconfig '\(try kube.string("kubeconfig"))' --region us-east-1 --endpoint-url http://127.0.0.1:9 "
                        + "--metrics-listen 127.0.0.1:\(metricsPort)", environment: environment)
        var screen = try pane.waitFor("Gateways (7)", timeout: 30)
        // The operator's view comes from the cluster: the probe targets and the conditions.
        #expect(screen.contains("icmp 172.16.99"))
        #expect(screen.contains("Progressing: ResourceNotReady"))

        // The rollout: m2p7w terminates with a 120 s window; two clients are moved off it.
        let start = Date()
        let end = start.addingTimeInterval(120)
        let annotations = #"""
            {"egress.projectcalico.org/gatewayMaintenanceGatewayIP":"10.0.42.37",
             "egress.projectcalico.org/gatewayMaintenanceStartedTimestamp":"\#(Self.iso(start))",
             "egress.projectcalico.org/gatewayMaintenanceFinishedTimestamp":"\#(Self.iso(end))"}
            """#
        try kube.admin("/mutate", #"""
            {"ops":[
              {"op":"patch","apiVersion":"operator.tigera.io/v1","kind":"EgressGateway","namespace":"dlp-service-egw",
               "name":"dlp-service-egw","patch":{"status":{"state":"Progressing","conditions":[
                 {"type":"Ready","status":"False","reason":"ResourceNotReady","message":"rolling out"},
                 {"type":"Progressing","status":"True","reason":"ResourceNotReady"}]}}},
              {"op":"patch","apiVersion":"v1","kind":"Pod","namespace":"dlp-service-egw","name":"dlp-service-egw-6d9f7c8b5-m2p7w",
               "patch":{"metadata":{"deletionTimestamp":"\#(Self.iso(end))","deletionGracePeriodSeconds":120}}},
              {"op":"patch","apiVersion":"v1","kind":"Pod","namespace":"checkout","name":"checkout-web-6b7d9c5f8-8hj2k",
               "patch":{"metadata":{"annotations":\#(annotations)}}},
              {"op":"patch","apiVersion":"v1","kind":"Pod","namespace":"checkout","name":"checkout-web-6b7d9c5f8-w5n4x",
               "patch":{"metadata":{"annotations":\#(annotations)}}}
            ], "interval": 0.3}
            """#)
        screen = try pane.waitUntil("the drain with its two clients", timeout: 30) {
            $0.contains("s left · 2 clients moving") && $0.contains("Ready: ResourceNotReady")
        }
        #expect(screen.contains("Terminating"))
        // The countdown moves as the frames are drawn, without new data.
        let first = screen.split(separator: "\n").first { $0.contains("m2p7w") }.map(String.init) ?? ""
        Thread.sleep(forTimeInterval: 2.2)
        let later = try pane.screen().split(separator: "\n").first { $0.contains("m2p7w") }.map(String.init) ?? ""
        #expect(first != later, "the countdown did not move:\n\(first)\n\(later)")

        // The gateway's page names the clients being moved.
        try pane.type("/m2p7w")
        try pane.press("Enter")
        try pane.press("Enter")
        screen = try pane.waitFor("Maintenance window", timeout: 10)
        #expect(screen.contains("checkout/checkout-web-6b7d9c5f8-8hj2k"))
        #expect(screen.contains("checkout/checkout-web-6b7d9c5f8-w5n4x"))
        try pane.press("Escape")

        try pane.type("8")
        screen = try pane.waitFor("draining (10.0.42.37)", timeout: 10)
        #expect(screen.contains("dlp-service-egw/dlp-service-egw-6d9f7c8b5-m2p7w"))

        // The metrics page says the same.
        let page = try DemoPeers.curl(["http://127.0.0.1:\(metricsPort)/metrics"])
        #expect(page.contains(#"gatewatch_gateway_draining_pods{namespace="dlp-service-egw",gateway="dlp-service-egw"} 1"#))
        #expect(page.contains(#"gatewatch_gateway_draining_clients{namespace="dlp-service-egw",gateway="dlp-service-egw"} 2"#))
        #expect(!page.contains("console-secret"))

        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }
}
