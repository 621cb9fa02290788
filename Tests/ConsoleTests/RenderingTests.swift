@testable import Console
import Inventory
import LPM
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Roles (colours) and glyphs of rendered frames, and the pure helpers behind them.
@Suite("Rendering")
struct RenderingTests {
    @Test func idleElasticIPRowIsHighlighted() {
        var console = Fixtures.console()
        console.type("3")
        let grid = console.render()
        let row = (0..<grid.height).first { grid.line($0).contains("203.0.113.12") }!
        let roles = grid.roleLine(row)
        let idle = ThemeRole.idle.code
        #expect(roles.unicodeScalars.dropFirst(1).dropLast(1).allSatisfy { $0 == idle })
        let bound = (0..<grid.height).first { grid.line($0).contains("203.0.113.10") }!
        #expect(!grid.roleLine(bound).unicodeScalars.contains(idle))
    }

    @Test func selectedRowUsesTheSelectionRole() {
        let grid = Fixtures.console().render()
        let row = (0..<grid.height).first { grid.line($0).contains("2kjfx") }!
        #expect(grid.roleLine(row).unicodeScalars.dropFirst().dropLast().allSatisfy { $0 == ThemeRole.selection.code })
    }

    @Test func gaugeRoleFollowsThe80And95PercentThresholds() {
        #expect(PoolsTable.gaugeRole(0.5) == .gaugeOK)
        #expect(PoolsTable.gaugeRole(0.80) == .gaugeWarn)
        #expect(PoolsTable.gaugeRole(0.949) == .gaugeWarn)
        #expect(PoolsTable.gaugeRole(0.95) == .gaugeCritical)
        var grid = CellGrid(width: 10, height: 1)
        Gauge.render(into: &grid, fraction: 0.97, x: 0, y: 0, width: 10, glyphs: .unicode)
        #expect(grid.line(0) == "█████████▊")
        #expect(grid[0, 0].role == .gaugeCritical)
        Gauge.render(into: &grid, fraction: 0.84, x: 0, y: 0, width: 10, glyphs: .ascii)
        #expect(grid.line(0) == "########..")
        #expect(grid[0, 0].role == .gaugeWarn)
        #expect(grid[9, 0].role == .gaugeEmpty)
        Gauge.render(into: &grid, fraction: 0.001, x: 0, y: 0, width: 10, glyphs: .unicode)
        #expect(grid.line(0) == "▏·········")
    }

    @Test func sparklineScalesBetweenMinimumAndMaximum() {
        var grid = CellGrid(width: 8, height: 1)
        Sparkline.render(into: &grid, samples: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], x: 0, y: 0, width: 8,
                         glyphs: .unicode)
        #expect(grid.line(0) == "▁▂▃▄▅▆▇█")
        var short = CellGrid(width: 8, height: 1)
        Sparkline.render(into: &short, samples: [0.5], x: 0, y: 0, width: 8, glyphs: .unicode)
        #expect(short.line(0) == "")
    }

    @Test func poolsShowATrendColumnOnlyWithHistory() {
        var plain = Fixtures.console(width: 160, height: 48)
        plain.type("2")
        #expect(!plain.render().text.contains("TREND"))
        var history = Fixtures.console(width: 160, height: 48, history: ["dlp-use1a": [0.1, 0.5, 0.9]])
        history.type("2")
        #expect(history.render().text.contains("TREND"))
    }

    @Test func asciiModeDrawsOnlyASCII() {
        for view in ["1", "2", "3", "4", "?", "5", "6", "7", "8", ":trace payments/payments-api-7f9c6d8b4-2xv9q 172.16.0.10\n",
                     ":whois 203.0.113.10\n"] {
            var console = Fixtures.console(asciiOnly: true)
            console.type(view)
            #expect(console.render().cells.allSatisfy { $0.scalar.isASCII }, "view \(view)")
        }
    }

    @Test func controlAndWideCharactersInDataCannotBreakTheGrid() {
        var grid = CellGrid(width: 10, height: 1)
        grid.write("a\u{1B}[31mb漢e\u{301}", x: 0, y: 0, role: .text)
        #expect(grid.line(0) == "a?[31mb?e")
        var ascii = CellGrid(width: 10, height: 1, asciiOnly: true)
        ascii.write("née→x", x: 0, y: 0, role: .text)
        #expect(ascii.line(0) == "n?e->x")
    }

    @Test func truncationEndsWithAnEllipsis() {
        var grid = CellGrid(width: 10, height: 1)
        #expect(grid.write("abcdefghijkl", x: 0, y: 0, maxWidth: 6, role: .text, ellipsis: "…") == 6)
        #expect(grid.line(0) == "abcde…")
    }

    @Test func rfc3339Timestamps() {
        #expect(Timestamp.secondsSince1970("1970-01-01T00:00:00Z") == 0)
        #expect(Timestamp.secondsSince1970("2026-11-25T12:00:00Z") == 1_795_608_000)
        #expect(Timestamp.secondsSince1970("2026-11-25T13:00:00+01:00") == 1_795_608_000)
        #expect(Timestamp.secondsSince1970("2026-11-25T12:00:00.5Z") == 1_795_608_000.5)
        #expect(Timestamp.secondsSince1970("yesterday") == nil)
    }

    @Test func agesAndPercentages() {
        #expect(Formatting.age(seconds: 42) == "42s")
        #expect(Formatting.age(seconds: 3599) == "59m")
        #expect(Formatting.age(seconds: 7200) == "2h")
        #expect(Formatting.age(seconds: 86_400 * 3) == "3d")
        #expect(Formatting.age(seconds: nil) == "-")
        #expect(Formatting.percent(0.0078) == "0.8%")
        #expect(Formatting.percent(1) == "100.0%")
    }

    @Test func roleNamesAreKebabCaseAndRoundTrip() {
        #expect(ThemeRole.gaugeOK.name == "gauge-ok")
        #expect(ThemeRole.tableHeaderSorted.name == "table-header-sorted")
        for role in ThemeRole.allCases { #expect(ThemeRole(name: role.name) == role) }
        #expect(Set(ThemeRole.allCases.map(\.code)).count == ThemeRole.allCases.count)
    }

    @Test func filterQueryParsing() {
        let query = FilterQuery("Dlp -l app=x,tier 1b")
        #expect(query.words == [Array("dlp".utf8), Array("1b".utf8)])
        #expect(query.labels == [.init(key: "app", value: "x"), .init(key: "tier", value: nil)])
        #expect(FilterQuery("").isEmpty)
        #expect(FilterQuery.contains(Array("hello world".utf8), Array("o w".utf8)))
        #expect(!FilterQuery.contains(Array("hello".utf8), Array("hello!".utf8)))
    }

    @Test func everyViewFillsExactlyTheScreen() {
        for (width, height) in [(80, 24), (100, 30), (160, 48), (200, 60)] {
            for key in ["1", "2", "3", "4"] {
                var console = Fixtures.console(width: width, height: height)
                console.type(key)
                let grid = console.render()
                #expect(grid.width == width && grid.height == height)
                #expect(grid.line(2).hasSuffix("┐"), "\(width)x\(height) view \(key)")
                #expect(grid.line(height - 2).hasSuffix("┘"), "\(width)x\(height) view \(key)")
            }
        }
    }
}

/// What the public entry point says when it cannot run.
@Suite("Console app errors")
struct ConsoleAppErrorTests {
    @Test func withoutATerminalTheConsoleSaysSoInsteadOfExiting() {
        // The test runner's standard input or output is not a terminal.
        guard isatty(0) == 0 || isatty(1) == 0 else { return }
        #expect(throws: ConsoleError.self) { try ConsoleApp(snapshot: Fixtures.demo, options: ConsoleOptions()) }
    }

    @Test func errorDescriptionsAreOneLineForTheUser() {
        #expect(ConsoleError.terminalUnavailable(term: "dumb").description
                == "cannot open the terminal 'dumb': it is unknown or cannot address the cursor; try TERM=xterm-256color")
        #expect(ConsoleError.notATerminal(stream: "output").description.hasPrefix("the console needs a terminal"))
    }
}
