import Foundation
import Testing

/// The real binary (`gatewatch --demo`) in tmux panes, driven with keys and read off the screen.
@Suite("Console in tmux", .serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct ConsoleEndToEndTests {
    @Test func everyViewAt120x40AndQuitRestoresTheTerminal() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.launch()
        // The title is drawn before the rows: wait for the last group's row, not just the title.
        var screen = try pane.waitUntil("the gateways and their last group") {
            $0.contains("Gateways (7)") && $0.contains("dlp-service-egw-6d9f7c8b5-r8vtn")
        }
        #expect(screen.contains("gatewatch · demo"))
        #expect(screen.contains("gateways 6/7 ready · pools 7 · EIPs 6 · policies 1 · firewall ftd-egress"))
        #expect(screen.contains("dlp-service-egw-6d9f7c8b5-r8vtn"))
        #expect(screen.contains("▾ dlp-service-egw / dlp-service-egw  3 pods, 2 ready"))
        // Each view's title is written before its rows: wait for a row below the title too.
        try pane.type("2")
        screen = try pane.waitUntil("the pools") { $0.contains("Pools (7)") && $0.contains("mainframe-use1c") }
        #expect(screen.contains("mainframe-use1b"))
        #expect(screen.contains("UTILIZATION"))
        try pane.type("3")
        screen = try pane.waitUntil("the Elastic IPs") { $0.contains("Elastic IPs (6)") && $0.contains("idle") }
        #expect(screen.contains("203.0.113.12"))
        #expect(!screen.contains("mainframe-use1c"))
        try pane.type("4")
        screen = try pane.waitUntil("the policies") {
            $0.contains("Policies (4)") && $0.contains("Gateway to Corporate Mainframe")
        }
        #expect(screen.contains("Cisco-Secure-Firewall"))
        #expect(screen.contains("Gateway to Corporate Mainframe"))
        try pane.type("?")
        try pane.waitFor("any key closes")
        try pane.type("x")
        try pane.waitUntil("help closed") { !$0.contains("any key closes") }
        try pane.type("q")
        screen = try pane.waitFor("EXIT=0")
        #expect(!screen.contains("Policies (4)"))
        try pane.expectRestored()
    }

    @Test func filterSortAndDrillDownAt80x24() throws {
        let pane = try TmuxPane(width: 80, height: 24)
        defer { pane.kill() }
        try pane.launch()
        try pane.waitFor("Gateways (7)")
        try pane.type("/dlp")
        var screen = try pane.waitFor("filter: dlp (3 of 7)")
        #expect(!screen.contains("corp-mainframe-egw-7b4d6f9c8-hq5ld"))
        try pane.press("Enter")
        try pane.press("Escape")
        screen = try pane.waitUntil("filter cleared") { !$0.contains("filter:") && $0.contains("corp-mainframe") }
        try pane.type("s")
        screen = try pane.waitFor("sort: NAME ▲")
        try pane.type("S")
        screen = try pane.waitFor("sort: NAME ▼")
        // Descending by name inside each group: v6ncz before 2kjfx.
        let v6ncz = try #require(screen.range(of: "v6ncz"))
        let kjfx = try #require(screen.range(of: "2kjfx"))
        #expect(v6ncz.lowerBound < kjfx.lowerBound)
        try pane.press("Home")
        try pane.press("Enter")
        screen = try pane.waitFor("Rules that select it")
        #expect(screen.contains("Gateways › corp-database-egw-58c7d9f6b-v6ncz"))
        try pane.press("Enter")  // the first link: its pool
        screen = try pane.waitFor("Blocks (1)")
        #expect(screen.contains("database-use1c"))
        try pane.press("BSpace")
        try pane.waitFor("Rules that select it")
        try pane.press("Escape")
        try pane.waitFor("Gateways (7)")
        try pane.type("3")
        try pane.waitFor("Elastic IPs (6)")
        try pane.press("Enter")
        screen = try pane.waitFor("Elastic IPs › 198.51.100.20")
        #expect(screen.contains("mismatch"))
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test func commandModeCompletionAndThemeSwitch() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.launch()
        try pane.waitFor("Gateways (7)")
        try pane.type(":ei")
        try pane.press("Tab")
        try pane.waitFor(":eip ")
        try pane.press("Tab")
        try pane.waitFor(":eips")
        try pane.press("Enter")
        try pane.waitFor("Elastic IPs (6)")
        try pane.type(":theme li")
        try pane.press("Tab")
        try pane.waitFor(":theme light")
        try pane.press("Enter")
        try pane.waitFor("theme light")
        // The light theme's header: white on blue 25.
        try pane.waitUntilColors("the light theme's header") { $0.contains("48;5;25m") }
        try pane.type(":theme /nonexistent/x.yaml")
        try pane.press("Enter")
        try pane.waitFor("/nonexistent/x.yaml: cannot read the theme file; using the default theme")
        try pane.waitUntilColors("the default theme's header") { $0.contains("48;5;24m") }
        try pane.type(":q")
        try pane.press("Enter")
        try pane.waitFor("EXIT=0")
    }

    @Test func malformedThemeFileFallsBackWithFileAndLine() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gw-bad-\(getpid()).yaml")
        try "name: bad\nroles:\n  header: { fg: purple-ish }\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.launch("--demo --theme \(file.path)")
        try pane.waitFor("Gateways (7)")
        try pane.waitFor("\(file.lastPathComponent):3: role 'header': 'purple-ish' is not a colour")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
    }

    @Test func resizeRelayoutsAndTooSmallSaysSo() throws {
        let pane = try TmuxPane(width: 120, height: 40)
        defer { pane.kill() }
        try pane.launch()
        var screen = try pane.waitFor("Gateways (7)")
        #expect(screen.contains("NODE"))
        try pane.resize(width: 80, height: 24)
        screen = try pane.waitUntil("80-column layout") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("┌─ Gateways (7)") && $0.count == 80 && $0.hasSuffix("┐") }
                && !screen.contains("NODE") && screen.contains("gw 6/7")
        }
        #expect(screen.contains("corp-mainframe-egw-7b4d6f9c8-hq5ld"))
        try pane.resize(width: 60, height: 20)
        try pane.waitFor("Terminal too small: 60x20")
        try pane.resize(width: 100, height: 30)
        try pane.waitFor("Gateways (7)")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test func sigtermQuitsAndRestoresTheTerminal() throws {
        let pane = try TmuxPane(width: 100, height: 30)
        defer { pane.kill() }
        try pane.launch()
        try pane.waitFor("Gateways (7)")
        let shell = try pane.format("#{pane_pid}")
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let pids = children.split(separator: " ").compactMap { Int32($0) }
        let console = try #require(pids.first { pid in
            let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            return command.contains("gatewatch")
        })
        #expect(Foundation.kill(console, SIGTERM) == 0)
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test func crashRestoresTheTerminal() throws {
        let pane = try TmuxPane(width: 100, height: 30)
        defer { pane.kill() }
        try pane.launch(environment: "TERM=xterm-256color LC_ALL=C.UTF-8 GATEWATCH_CONSOLE_TEST_HOOKS=1 SWIFT_BACKTRACE=enable=no")
        try pane.waitFor("Gateways (7)")
        try pane.type(":debug-crash")
        try pane.press("Enter")
        let screen = try pane.waitUntil("the crash exit code") { $0.contains("EXIT=132") || $0.contains("EXIT=134") }
        #expect(!screen.contains("Gateways (7)"))
        try pane.expectRestored()
    }

    @Test("terminal types and colour settings", arguments: [
        "TERM=tmux-256color LC_ALL=C.UTF-8", "TERM=screen-256color LC_ALL=C.UTF-8", "TERM=vt100 LC_ALL=C.UTF-8",
        "TERM=xterm-256color LC_ALL=C.UTF-8 NO_COLOR=1", "TERM=xterm-256color LC_ALL=C",
        "TERM=screen LC_ALL=C.UTF-8", "TERM=xterm LC_ALL=C.UTF-8",
    ])
    func runsUnder(environment: String) throws {
        let pane = try TmuxPane(width: 80, height: 24)
        defer { pane.kill() }
        try pane.launch(environment: environment)
        let ascii = environment.hasSuffix("LC_ALL=C")
        try pane.waitFor(ascii ? "+- Gateways (7) -" : "┌─ Gateways (7) ─")
        // The whole first frame, not just its title (tmux may capture a frame half drawn).
        try pane.waitFor("dlp-service-egw-6d9f7c8b5-m2p7w")
        let colors = try pane.screenWithColors()
        if environment.contains("NO_COLOR") || environment.contains("vt100") {
            let colorCodes = ["38;5;", "48;5;"] + (0...7).flatMap { ["\u{1B}[3\($0)m", "\u{1B}[4\($0)m"] }
            #expect(!colorCodes.contains { colors.contains($0) })
            #expect(colors.contains("\u{1B}[7m"))
        } else if environment.contains("256color") {
            #expect(colors.contains("38;5;"))
        } else if !ascii {
            // 8 and 16 colours: plain SGR colours, no 256-colour escapes.
            #expect(!colors.contains("38;5;"))
            #expect((0...7).contains { colors.contains("\u{1B}[3\($0)m") || colors.contains("\u{1B}[9\($0)m") })
        }
        try pane.type("2")
        try pane.waitFor("Pools (7)")
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test func dumbTerminalIsAClearError() throws {
        let pane = try TmuxPane(width: 100, height: 30)
        defer { pane.kill() }
        try pane.launch(environment: "TERM=dumb LC_ALL=C.UTF-8")
        try pane.waitFor("cannot open the terminal 'dumb'")
        let screen = try pane.waitFor("EXIT=")
        #expect(!screen.contains("EXIT=0"))
    }
}
