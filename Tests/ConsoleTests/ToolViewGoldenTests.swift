import Console
import Foundation
import Testing

/// The Trace, Whois, Findings and Events views rendered at 80×24 and 160×48 against golden files.
@Suite("Golden renders: trace, whois, findings, events")
struct ToolViewGoldenTests {
    static let sizes: [(width: Int, height: Int)] = [(80, 24), (160, 48)]

    /// Keys that bring each view into an interesting state.
    static let scenarios: [(name: String, keys: String)] = [
        ("trace-empty", "5"),
        ("trace", ":trace payments/payments-api-7f9c6d8b4-2xv9q 172.16.0.10:23\n"),
        ("trace-drop", ":trace legacy-batch/legacy-batch-runner-6c5b8d7f9-9fkx2 172.16.0.10:23\n"),
        ("whois-eip", ":whois 203.0.113.10\n"),
        ("findings", "7"),
        ("events", "8"),
    ]

    @Test("each new view at 80x24 and 160x48", arguments: scenarios.map(\.name), [0, 1])
    func viewMatchesGolden(name: String, sizeIndex: Int) throws {
        let size = Self.sizes[sizeIndex]
        var console = Fixtures.console(width: size.width, height: size.height)
        let keys = try #require(Self.scenarios.first { $0.name == name }).keys
        console.type(keys)
        Golden.check(console.render().text, "\(name)-\(size.width)x\(size.height)")
    }

    @Test func traceFormWithPodCompletionAt80x24() {
        var console = Fixtures.console()
        console.type("5\npayments/payments-a")
        Golden.check(console.render().text, "trace-form-completion-80x24")
    }

    @Test func traceStartedWithTOnAGatewayAt80x24() {
        var console = Fixtures.console()
        console.type("jt")
        Golden.check(console.render().text, "trace-from-gateway-80x24")
    }

    @Test func whatIfSideBySideAt160x48() throws {
        // A fixed path: it shows on screen.
        let directory = URL(fileURLWithPath: "/tmp/gatewatch-console-golden")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("candidate.cfg")
        try "access-list inside_access_in extended deny ip any any\naccess-group inside_access_in in interface inside\n"
            .write(to: file, atomically: true, encoding: .utf8)
        var console = Fixtures.console(width: 160, height: 48)
        console.type(":trace payments/payments-api-7f9c6d8b4-2xv9q 172.16.0.10:23\n")
        console.type(":whatif firewall \(file.path)\n")
        console.type("G")
        Golden.check(console.render().text, "trace-whatif-160x48")
    }

    @Test func whoisOfASyslogLineAt80x24() {
        var console = Fixtures.console()
        console.type(":whois %ASA-4-106023: Deny tcp src inside:10.0.41.58/40112 dst outside:103.47.244.10/443 "
                     + "by access-group \"inside_access_in\" [0x0, 0x0]\n")
        Golden.check(console.render().text, "whois-syslog-80x24")
    }

    @Test func findingsInASCIIAt80x24() {
        var console = Fixtures.console(asciiOnly: true)
        console.type("7")
        Golden.check(console.render().text, "findings-ascii-80x24")
    }

    @Test func helpOverlayScrolledAt80x24() {
        var console = Fixtures.console()
        console.type("?")
        for _ in 0..<40 { console.send(.down) }
        Golden.check(console.render().text, "help-scrolled-80x24")
    }
}

extension ToolViewGoldenTests {
    @Test func traceInASCIIAt80x24() {
        var console = Fixtures.console(asciiOnly: true)
        console.type(":trace payments/payments-api-7f9c6d8b4-2xv9q 172.16.0.10:23\nG")
        Golden.check(console.render().text, "trace-ascii-80x24")
    }
}

extension ToolViewGoldenTests {
    @Test func findingPageAt80x24() {
        var console = Fixtures.console()
        console.type("7j\n")
        Golden.check(console.render().text, "detail-finding-80x24")
    }
}
