import Console
import Foundation
import Testing

/// The Rules view (`9`, `:rules`): every access-control entry of the demo's firewall and the
/// workloads whose egress it decides; Enter opens an entry's classes and a trace of one.
@Suite("Rules view")
struct RulesViewTests {
    static let sizes: [(width: Int, height: Int)] = [(80, 24), (160, 48)]

    /// Keys that bring the view into an interesting state.
    static let scenarios: [(name: String, keys: String)] = [
        ("rules", "9"),
        ("rules-detail", "9\n"),
        ("rules-filter", "9/payments\n"),
    ]

    @Test("the Rules view at 80x24 and 160x48", arguments: scenarios.map(\.name), [0, 1])
    func viewMatchesGolden(name: String, sizeIndex: Int) throws {
        let size = Self.sizes[sizeIndex]
        var console = Fixtures.console(width: size.width, height: size.height)
        console.type(try #require(Self.scenarios.first { $0.name == name }).keys)
        Golden.check(console.render().text, "\(name)-\(size.width)x\(size.height)")
    }

    @Test func theCommandShowsTheView() {
        var console = Fixtures.console(width: 160, height: 48)
        console.type(":rules\n")
        let text = console.render().text
        #expect(text.contains("┌─ Rules ("))
        #expect(text.contains("ftd-egress / access-list inside_access_in (in on inside)"))
    }

    @Test func everyEntryOfTheAppliedListIsARow() {
        var console = Fixtures.console(width: 160, height: 48)
        console.type("9")
        let text = console.render().text
        // The demo's inside_access_in has 11 entries (its remarks are not entries).
        #expect(text.contains("┌─ Rules (11)"))
        // Line 3 permits the DLP gateways; line 5, shadowed by it, decides nothing.
        let rows = text.split(separator: "\n")
        let line3 = rows.first { $0.hasPrefix("│    3 permit") }
        let line5 = rows.first { $0.hasPrefix("│    5 permit") }
        #expect(line3?.contains("dlp-service-egw ×2") == true)
        #expect(line5?.contains("shadowed") == true)
        #expect(line5?.contains("none") == true)
    }

    @Test func aFilterOnAGatewayAddressKeepsTheEntriesItsTrafficMeets() {
        var console = Fixtures.console(width: 160, height: 48)
        console.type("9/10.0.30.11\n")
        let rows = console.render().text.split(separator: "\n").filter { $0.contains(" permit ") || $0.contains(" deny ") }
        // The mainframe gateway's traffic meets lines 9 and 10 (its own), 19 and 21 — not the DLP lines.
        #expect(rows.contains { $0.hasPrefix("│    9 permit") })
        #expect(!rows.contains { $0.hasPrefix("│    3 permit") })
    }

    @Test func enterListsTheClassesAndTracesOne() {
        var console = Fixtures.console(width: 160, height: 48)
        console.type("9\n")
        let text = console.render().text
        #expect(text.contains("Decides "))
        #expect(text.contains("Trace of one class"))
        #expect(text.contains("1 POD"))
        #expect(text.contains("EGRESS-POLICY"))
        #expect(text.contains("line 3"))
    }
}

/// The Rules view in the real binary in tmux.
@Suite("Rules view in tmux", .serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct RulesViewEndToEndTests {
    @Test func rulesViewFilterAndDetailAt120x40() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.launch()
        try pane.waitFor("Gateways (7)")
        try pane.type("9")
        try pane.waitFor("┌─ Rules (11)")
        try pane.waitFor("ftd-egress / access-list inside_access_in (in on inside)")
        try pane.type("/corp-mainframe")
        try pane.press("Enter")
        try pane.waitFor("corp-mainframe-egw")
        try pane.press("Enter")
        try pane.waitFor("Decides ")
        try pane.waitFor("Trace of one class")
        try pane.press("Escape")
        try pane.waitFor("┌─ Rules (")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }
}
