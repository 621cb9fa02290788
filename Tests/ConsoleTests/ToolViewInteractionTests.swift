@testable import Console
import Foundation
import Inventory
import Simulator
import Testing

/// The Trace, Whois, Findings and Events views driven with keys and commands.
@Suite("Trace, whois, findings and events interaction")
struct ToolViewInteractionTests {
    static let context = CommandContext(model: gatewaysShown(), themeNames: ThemeCatalog.builtinNames)

    /// The demo's model with the Gateways view shown (its table built).
    static func gatewaysShown() -> ConsoleModel {
        var model = ConsoleModel(ModelInputs(snapshot: Fixtures.demo, utilizationHistory: [:], now: 0), generation: 0)
        model.prepare(.gateways)
        return model
    }
    static let payments = "payments/payments-api-7f9c6d8b4-2xv9q"

    @Test func numberKeysReachTheNewViews() {
        var console = Fixtures.console()
        for (key, view) in [("5", ViewID.trace), ("6", .whois), ("7", .findings), ("8", .events)] {
            console.type(key)
            #expect(console.currentView == view)
        }
    }

    @Test func traceCommandRunsTheTraceAndShowsTheVerdict() {
        // Tall enough for every phase of the mainframe path (security group, ACL, transit gateway).
        var console = Fixtures.console(width: 120, height: 60)
        console.type(":trace \(Self.payments) 172.16.0.10:23\n")
        let screen = console.render().text
        #expect(console.currentView == .trace)
        #expect(screen.contains("Trace: ALLOW ─ \(Self.payments) → 172.16.0.10:23 tcp"))
        #expect(screen.contains("EGRESS-POLICY   OK"))
        #expect(screen.contains("FIREWALL"))
    }

    @Test func traceCommandTakesAHypotheticalPodAndAProtocol() throws {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40))
        _ = state.execute("trace ns=legacy-batch,app=x 172.16.0.10 udp", context: Self.context)
        #expect(state.trace.text(.source) == "ns=legacy-batch,app=x")
        #expect(state.trace.text(.proto) == "udp")
        let run = try #require(state.trace.run)
        #expect(run.verdict == .drop)
        #expect(run.query?.ipProtocol == 17)
    }

    @Test func aBadDestinationSaysWhyInsteadOfTracing() throws {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40))
        _ = state.execute("trace \(Self.payments) 172.16.0.999", context: Self.context)
        let run = try #require(state.trace.run)
        guard case .failure(let error) = run.current else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.message == "destination: '172.16.0.999' is not an IP address")
    }

    @Test func tOnAGatewayRowPrefillsTheFormAndFocusesTheDestination() {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40))
        state.refresh(Self.context.model)
        _ = state.handle(.key(.character("t")), context: Self.context)
        #expect(state.currentView == .trace)
        #expect(state.mode == .traceForm)
        #expect(state.trace.text(.source) == "corp-database-egw/corp-database-egw-58c7d9f6b-2kjfx")
        #expect(state.trace.focus == .destination)
        for event in ConsoleEvent.typing("172.16.99.5:1521\n") { _ = state.handle(event, context: Self.context) }
        #expect(state.mode == .normal)
        #expect(state.trace.run?.input.destination == "172.16.99.5:1521")
        #expect(state.trace.run?.verdict != nil)
    }

    @Test func tOnAPoolRowDoesNothing() {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40), view: .pools)
        state.refresh(Self.context.model)
        _ = state.handle(.key(.character("t")), context: Self.context)
        #expect(state.currentView == .pools)
        #expect(state.mode == .normal)
    }

    @Test func tabCompletesThePodToTheCommonPrefixThenCycles() {
        var form = TraceForm()
        for character in "payments/p" { _ = form.edit(.character(character)) }
        var completed = form.complete(in: Fixtures.demo)
        #expect(completed)
        #expect(form.text(.source) == "payments/payments-")
        completed = form.complete(in: Fixtures.demo)
        #expect(completed)
        #expect(form.text(.source) == "payments/payments-api-7f9c6d8b4-2xv9q")
        completed = form.complete(in: Fixtures.demo)
        #expect(completed)
        #expect(form.text(.source) == "payments/payments-api-7f9c6d8b4-kp4rt")
    }

    @Test func tabMovesOnWhenThereIsNothingToComplete() {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40))
        _ = state.execute("trace", context: Self.context)
        _ = state.handle(.key(.enter), context: Self.context)
        #expect(state.mode == .traceForm)
        state.trace.set(.source, Self.payments)
        _ = state.handle(.key(.tab), context: Self.context)
        #expect(state.trace.focus == .destination)
        _ = state.handle(.key(.tab), context: Self.context)
        #expect(state.trace.focus == .proto)
        _ = state.handle(.key(.up), context: Self.context)
        #expect(state.trace.focus == .destination)
        _ = state.handle(.key(.escape), context: Self.context)
        #expect(state.mode == .normal)
    }

    @Test func namespaceCandidatesCompleteHypotheticalSenders() {
        #expect(TraceInput.senderCandidates("ns=pay", in: Fixtures.demo) == ["ns=payments"])
    }

    @Test func traceCommandCompletesPodsThenProtocols() {
        #expect(CommandPrompt.candidates(for: "trace payments/payments-w", context: Self.context)
                == ["payments/payments-worker-5d8c7b9f6-qz7mn"])
        #expect(CommandPrompt.candidates(for: "trace \(Self.payments) 10.0.0.1 u", context: Self.context) == ["udp"])
        #expect(CommandPrompt.candidates(for: "whois 203.0.113.1", context: Self.context)
                == ["203.0.113.10", "203.0.113.11", "203.0.113.12"])
        #expect(CommandPrompt.candidates(for: "whatif ", context: Self.context) == ["policy", "firewall", "fail", "off"])
    }

    @Test func sctpKeepsItsPortAndICMPHasNone() throws {
        let sctp = try TraceInput(source: "a/b", destination: "10.0.0.1:9899", proto: "sctp").query().get()
        #expect(sctp.ipProtocol == 132)
        #expect(sctp.destinationPort == 9899)
        let icmp = try TraceInput(source: "a/b", destination: "10.0.0.1:80", proto: "icmp").query().get()
        #expect(icmp.destinationPort == nil)
        let gre = try TraceInput(source: "a/b", destination: "10.0.0.1", proto: "gre").query().get()
        #expect(gre.ipProtocol == 47)
    }

    @Test func whoisCommandLooksUpAnElasticIP() {
        var console = Fixtures.console(width: 120, height: 40)
        console.type(":whois 203.0.113.10\n")
        let screen = console.render().text
        #expect(console.currentView == .whois)
        #expect(screen.contains("203.0.113.10 is an Elastic IP"))
        #expect(screen.contains("dlp-service-egw/dlp-service-egw-6d9f7c8b5-4xkqz"))
    }

    @Test func whoisEnterFollowsTheSelectedLinkAndEscComesBack() {
        var console = Fixtures.console(width: 120, height: 40)
        console.type(":whois 203.0.113.10\n")
        console.send(.down)
        console.send(.enter)
        #expect(console.render().text.contains("Whois › dlp-service-egw-6d9f7c8b5-4xkqz"))
        console.send(.escape)
        #expect(console.render().text.contains("203.0.113.10 is an Elastic IP"))
    }

    @Test func whoisInputTakesAnASASyslogLine() {
        var console = Fixtures.console(width: 120, height: 40)
        console.type("6\n%ASA-6-302013: Built outbound TCP connection 1 for outside:172.16.0.10/23 (172.16.0.10/23) "
                     + "to inside:10.0.30.11/40000 (10.0.30.11/40000)\n")
        let screen = console.render().text
        #expect(screen.contains("Syslog %ASA-6-302013"))
        #expect(screen.contains("10.0.30.11 is the egress gateway"))
    }

    @Test func whoisOfGarbageSaysWhatItTakes() {
        var console = Fixtures.console(width: 120, height: 40)
        console.type(":whois hello\n")
        #expect(console.render().text.contains("'hello' is neither an IP address nor an ASA"))
    }

    @Test func findingsAreSortedBySeverityAndOpenTheirObject() {
        var console = Fixtures.console(width: 160, height: 48)
        console.type(":check\n")
        let screen = console.render().text
        #expect(console.currentView == .findings)
        let error = screen.range(of: "eip-mismatch")
        let info = screen.range(of: "eip-not-gateway")
        #expect(error != nil && info != nil && error!.lowerBound < info!.lowerBound)
        console.send(.enter)
        let page = console.render().text
        #expect(page.contains("Findings › eip-mismatch"))
        #expect(page.contains("eip/198.51.100.20"))
        console.send(.enter)
        #expect(console.render().text.contains("Findings › eip-mismatch › 198.51.100.20"))
    }

    @Test func findingsSortKeepsTheLinterOrderWithinASeverity() {
        let findings = [Finding(.info, .idleEIP, "1", objects: []), Finding(.error, .missingPolicy, "2", objects: []),
                        Finding(.info, .eipNotGateway, "3", objects: []), Finding(.warning, .singleAZ, "4", objects: [])]
        #expect(FindingsTable.sorted(findings).map(\.code) == [.missingPolicy, .singleAZ, .idleEIP, .eipNotGateway])
    }

    @Test func whatIfFirewallCandidateComparesSideBySideAndWToggles() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gw-whatif-\(getpid()).cfg")
        try "access-list inside_access_in extended deny ip any any\naccess-group inside_access_in in interface inside\n"
            .write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var console = Fixtures.console(width: 160, height: 48)
        console.type(":trace \(Self.payments) 172.16.0.10:23\n:whatif firewall \(file.path)\n")
        var screen = console.render().text
        #expect(screen.contains("What-if: firewall ftd-egress="))
        #expect(screen.contains("Trace: ALLOW, what-if DENY"))
        console.type("w")
        screen = console.render().text
        #expect(!screen.contains("What-if: firewall"))
        #expect(screen.contains("loaded (w compares)"))
        console.type(":whatif off\n")
        #expect(console.message == "what-if candidate dropped")
        console.type("w")
        #expect(console.message?.hasPrefix("no what-if candidate") == true)
    }

    @Test func whatIfPolicyCandidateReplacesThePolicy() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gw-whatif-\(getpid()).yaml")
        try """
            apiVersion: projectcalico.org/v3
            kind: EgressGatewayPolicy
            metadata:
              name: Cisco-Secure-Firewall
            spec:
              rules:
              - destination:
                  cidr: 10.0.0.0/8
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var state = ConsoleState(size: ScreenSize(width: 160, height: 48))
        _ = state.execute("trace \(Self.payments) 172.16.0.10:23", context: Self.context)
        _ = state.execute("whatif policy \(file.path)", context: Self.context)
        #expect(state.message?.isError == false)
        let run = try #require(state.trace.run)
        let before = try run.current.get()
        let after = try #require(try run.candidate?.get())
        #expect(before.gateways.count == 2)
        #expect(after.gateways.isEmpty)
    }

    @Test func whatIfWithAnUnreadableFileSaysSo() {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40))
        _ = state.execute("whatif policy /nonexistent/p.yaml", context: Self.context)
        #expect(state.message == ConsoleMessage("what-if: cannot read /nonexistent/p.yaml", isError: true))
    }

    @Test func helpScrollsWithJAndClosesOnAnyOtherKey() {
        var state = ConsoleState(size: ScreenSize(width: 80, height: 24))
        _ = state.handle(.key(.character("?")), context: Self.context)
        _ = state.handle(.key(.character("j")), context: Self.context)
        _ = state.handle(.key(.character("j")), context: Self.context)
        #expect(state.helpScroll == 2)
        #expect(state.mode == .help)
        _ = state.handle(.key(.character("x")), context: Self.context)
        #expect(state.mode == .normal)
    }

    @Test func helpListsTheNewKeysAndCommands() {
        let keys = KeyBindings.sections.flatMap(\.bindings).map(\.keys)
        for key in ["t", "w", "5 6 7 8", ":trace POD DST[:PORT]", ":whois IP|LINE", ":whatif policy|fw FILE"] {
            #expect(keys.contains(key))
        }
    }

    @Test func everyTabFitsIn80Columns() {
        let regions = TabBar.regions(width: 80)
        #expect(regions.count == ViewCatalog.all.count)
        #expect((regions.last?.columns.upperBound ?? 99) <= 80)
    }

    @Test func traceResultScrollsWithJ() {
        var console = Fixtures.console()
        console.type(":trace \(Self.payments) 172.16.0.10:23\n")
        let first = console.render().text
        console.type("jjj")
        #expect(console.render().text != first)
        console.type("g")
        #expect(console.render().text == first)
    }

    @Test func clickingAWhoisLinkTwiceOpensIt() {
        var console = Fixtures.console(width: 120, height: 40)
        console.type(":whois 203.0.113.10\n")
        // Frame inside starts at row 3; the input and its rule take two rows; the answer's third
        // line is the gateway link.
        console.send(.mouse(MouseEvent(.click, column: 10, row: 3 + 2 + 2)))
        console.send(.mouse(MouseEvent(.click, column: 10, row: 3 + 2 + 2)))
        #expect(console.render().text.contains("Whois › dlp-service-egw-6d9f7c8b5-4xkqz"))
    }

    @Test func clickingATraceFieldEditsIt() {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40), view: .trace)
        _ = state.handle(.mouse(MouseEvent(.click, column: 20, row: 4)), context: Self.context)
        #expect(state.mode == .traceForm)
        #expect(state.trace.focus == .destination)
    }

    @Test func whoisOfAPodIPOpensThePodAndTTracesFromIt() {
        var console = Fixtures.console(width: 120, height: 40)
        console.type(":whois 192.168.91.1\n")
        #expect(console.render().text.contains("192.168.91.1 is a pod address"))
        console.send(.enter)
        let page = console.render().text
        #expect(page.contains("Whois › payments-api-7f9c6d8b4-2xv9q"))
        #expect(page.contains("Cisco-Secure-Firewall (from the namespace annotation)"))
        console.type("t")
        #expect(console.currentView == .trace)
        #expect(console.render().text.contains("Pod          \(Self.payments)"))
    }

    @Test func senderCandidatesAreTheFirstInOrderUpToTheLimit() {
        let all = TraceInput.senderCandidates("", in: Fixtures.demo, limit: 1000)
        #expect(all == all.sorted())
        #expect(all.first == "analytics/analytics-dashboard-5f6c9d7b8-pq2hv")
        #expect(TraceInput.senderCandidates("", in: Fixtures.demo, limit: 3) == Array(all.prefix(3)))
    }

    @Test func clickingATabLeavesTheFormBeingEdited() {
        var state = ConsoleState(size: ScreenSize(width: 120, height: 40), view: .trace)
        _ = state.handle(.key(.enter), context: Self.context)
        #expect(state.mode == .traceForm)
        _ = state.handle(.mouse(MouseEvent(.click, column: 3, row: 1)), context: Self.context)
        #expect(state.currentView == .gateways)
        #expect(state.mode == .normal)
    }
}
