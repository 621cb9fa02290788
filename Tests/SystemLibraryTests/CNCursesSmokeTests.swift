import CNCurses
import Testing

/// The ncursesw shim links, exposes the wide-character build, and can open a terminal without a TTY.
@Suite struct CNCursesSmokeTests {
    @Test func reportsAWideCharacterNcursesVersion() throws {
        let version = try #require(gw_curses_version()).withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
        #expect(version.hasPrefix("ncurses 6"))
        // The wide-character API exists only when the shim defines NCURSES_WIDECHAR.
        var cell = cchar_t()
        #expect(setcchar(&cell, [0x2588, 0], 0, 0, nil) == OK)
    }

    @Test func opensAndClosesATerminalOnDevNull() throws {
        let output = try #require(fopen("/dev/null", "w"))
        let input = try #require(fopen("/dev/null", "r"))
        defer {
            fclose(output)
            fclose(input)
        }
        let screen = try #require(newterm("xterm-256color", output, input))
        #expect(gw_lines() > 0 && gw_cols() > 0)
        #expect(has_colors())
        endwin()
        delscreen(screen)
    }
}
