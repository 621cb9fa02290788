import Foundation
import Testing

/// The Trace, Whois and Findings views and the settings-file theme, in the real binary in tmux.
@Suite("Console tool views in tmux", .serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct ToolViewsEndToEndTests {
    @Test func traceFromAGatewayPodWithTAt120x40() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.launch()
        try pane.waitFor("Gateways (7)")
        try pane.type("j")
        try pane.type("t")
        try pane.waitFor("Pod          corp-database-egw/corp-database-egw-58c7d9f6b-v6ncz")
        try pane.waitFor("Tab complete/next")
        try pane.type("172.16.99.5:1521")
        try pane.press("Enter")
        try pane.waitFor("corp-database-egw/corp-database-egw-58c7d9f6b-v6ncz → 172.16.99.5:1521 tcp")
        try pane.waitFor("┌─ Trace: ")
        try pane.waitFor("1 POD")
        try pane.waitFor("EGRESS-POLICY")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test func traceCommandWithPodCompletionAt80x24() throws {
        let pane = try TmuxPane(width: 80, height: 24)
        defer { pane.kill() }
        try pane.launch()
        try pane.waitFor("Gateways (7)")
        try pane.type(":trace payments/payments-w")
        try pane.press("Tab")
        try pane.waitFor(":trace payments/payments-worker-5d8c7b9f6-qz7mn")
        try pane.type(" 172.16.0.10:23")
        try pane.press("Enter")
        try pane.waitFor("┌─ Trace: ALLOW ─ payments/payments-worker-5d8c7b9f6-qz7mn → 172.16.0.10:23")
        try pane.waitFor("2 EGRESS-POLICY   OK")
        try pane.type("G")
        try pane.waitFor("RESULT          ALLOW")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
    }

    @Test("whois of an Elastic IP", arguments: [(120, 40), (80, 24)])
    func whoisOfAnElasticIP(width: Int, height: Int) throws {
        let pane = try TmuxPane(width: width, height: height)
        defer { pane.kill() }
        try pane.launch()
        try pane.waitFor("Gateways (7)")
        try pane.type(":whois 203.0.113.10")
        try pane.press("Enter")
        try pane.waitFor("203.0.113.10 is an Elastic IP")
        try pane.waitFor("dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz")
        try pane.waitFor("Cisco-Secure-Firewall #0")
        try pane.type("j")
        try pane.press("Enter")
        try pane.waitFor("Whois › dlp-service-egw-6d9f7c8b5-4xkqz")
        try pane.waitFor("Rules that select it")
        try pane.press("Escape")
        try pane.waitFor("203.0.113.10 is an Elastic IP")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
    }

    @Test("check lists the findings by severity", arguments: [(120, 40), (80, 24)])
    func checkListsTheFindings(width: Int, height: Int) throws {
        let pane = try TmuxPane(width: width, height: height)
        defer { pane.kill() }
        try pane.launch()
        try pane.waitFor("Gateways (7)")
        try pane.type(":check")
        try pane.press("Enter")
        try pane.waitFor("Findings (14)")
        let screen = try pane.waitFor("eip-not-gateway")
        let error = try #require(screen.range(of: "missing-policy"))
        let info = try #require(screen.range(of: "eip-not-gateway"))
        #expect(error.lowerBound < info.lowerBound)
        try pane.type("8")
        try pane.waitFor("Events (1)")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
    }

    @Test func settingsFileThemeAndItsProblems() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("gw-xdg-\(getpid())")
        let directory = home.appendingPathComponent("gatewatch")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let config = directory.appendingPathComponent("config.yaml")
        try "theme: light\n".write(to: config, atomically: true, encoding: .utf8)
        // Wide enough for the whole located YAML error and what the console does about it.
        let pane = try TmuxPane(width: 180, height: 40)
        defer { pane.kill() }
        try pane.launch(environment: "TERM=xterm-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=\(home.path)")
        try pane.waitFor("Gateways (7)")
        // The light theme's header: white on blue 25.
        try pane.waitUntilColors("the light theme from the settings file") { $0.contains("48;5;25m") }
        try pane.type(":theme default")
        try pane.press("Enter")
        try pane.waitFor("theme default")
        try pane.waitUntilColors("the default theme's header") { $0.contains("48;5;24m") }
        try pane.type("q")
        try pane.waitFor("EXIT=0")

        try "# settings\ntheme: [light\n".write(to: config, atomically: true, encoding: .utf8)
        try pane.launch(environment: "TERM=xterm-256color LC_ALL=C.UTF-8 XDG_CONFIG_HOME=\(home.path)")
        try pane.waitFor("using the default theme")
        try pane.waitFor("config.yaml:3: not valid YAML")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
    }
}
