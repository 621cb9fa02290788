import CNCurses
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The ncurses screen: opens the terminal, writes only the cells that changed since the last
/// frame, decodes keys, mouse and resize into `ConsoleEvent`s, and restores the terminal on close.
///
/// Not `Sendable`: it lives on the thread that runs the console and nowhere else.
internal final class Terminal {
    private let screen: OpaquePointer
    /// The colours in use.
    internal let colorMode: ColorMode
    /// True when mouse events were granted.
    internal let mouseEnabled: Bool
    private let defaultColors: Bool
    private var palette: TerminalPalette
    private var previous: CellGrid?
    private var buffer: [wchar_t] = []
    private var closed = false

    /// Opens the terminal named by `TERM` on standard input and output.
    internal init(theme: Theme, colors: ColorMode?, noColor: Bool, mouse: Bool) throws {
        let term = getenv("TERM").map { String(cString: $0) }
        guard let screen = newterm(nil, gw_stdout(), gw_stdin()) else {
            throw ConsoleError.terminalUnavailable(term: term)
        }
        set_term(screen)
        // `dumb` and similar types load, but cannot address the cursor: a full-screen UI is impossible.
        let cursorAddress = tigetstr("cup")
        guard let cursorAddress, Int(bitPattern: cursorAddress) != -1 else {
            endwin()
            delscreen(screen)
            throw ConsoleError.terminalUnavailable(term: term)
        }
        self.screen = screen
        raw()
        noecho()
        nonl()
        keypad(gw_stdscr(), true)
        nodelay(gw_stdscr(), true)
        set_escdelay(25)
        // Home/End arrive in several dialects (tmux and rxvt send \e[1~ and \e[4~, some xterms
        // \e[H and \e[F); teach ncurses all of them.
        for (sequence, key) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME),
                                ("\u{1B}OH", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END),
                                ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END)] {
            _ = define_key(sequence, key)
        }
        curs_set(0)
        var mode = ColorMode.monochrome
        var defaults = false
        if !noColor, has_colors() {
            start_color()
            defaults = use_default_colors() == OK
            mode = colors ?? ColorMode(colors: Int(gw_colors()))
            if Int(gw_color_pairs()) <= ThemeRole.allCases.count { mode = .monochrome }
        }
        colorMode = mode
        defaultColors = defaults
        if mouse {
            let wanted = gw_button1_clicked() | gw_button1_double_clicked() | gw_button4_pressed() | gw_button5_pressed()
            mouseEnabled = mousemask(wanted, nil) != 0
        } else {
            mouseEnabled = false
        }
        palette = TerminalPalette(theme: theme, mode: mode, defaultColors: defaults)
    }

    deinit {
        close()
    }

    /// The screen size.
    internal var size: ScreenSize {
        ScreenSize(width: Int(getmaxx(gw_stdscr())), height: Int(getmaxy(gw_stdscr())))
    }

    /// The bytes that put the terminal back the way a shell expects (leave the alternate screen,
    /// show the cursor, plain attributes, keypad and mouse reporting off), for the crash path.
    internal func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for capability in ["sgr0", "rmkx", "cnorm", "rmcup"] {
            guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { continue }
            bytes += Array(String(cString: value).utf8)
        }
        if mouseEnabled { bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l".utf8) }
        return bytes
    }

    /// Uses `theme` from the next frame on (which is then written in full).
    internal func apply(_ theme: Theme) {
        palette = TerminalPalette(theme: theme, mode: colorMode, defaultColors: defaultColors)
        previous = nil
    }

    /// Forgets what is on screen: the next frame is written in full (after a resize, Ctrl-L).
    internal func invalidate() {
        previous = nil
        clearok(gw_stdscr(), true)
    }

    /// Writes the cells of `grid` that differ from the previous frame, then updates the screen.
    internal func draw(_ grid: CellGrid) {
        let window = gw_stdscr()
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { werase(window) }
        let width = grid.width
        let cells = grid.cells
        let old = full ? nil : previous?.cells
        if buffer.count < width + 1 { buffer = [wchar_t](repeating: 0, count: width + 1) }
        for y in 0..<grid.height {
            let base = y * width
            var x = 0
            while x < width {
                if let old, old[base + x] == cells[base + x] {
                    x += 1
                    continue
                }
                // A run of changed cells in one role.
                let role = cells[base + x].role
                let start = x
                var count = 0
                while x < width, cells[base + x].role == role, old.map({ $0[base + x] != cells[base + x] }) ?? true {
                    buffer[count] = wchar_t(bitPattern: cells[base + x].scalar.value)
                    count += 1
                    x += 1
                }
                let index = Int(role.rawValue)
                _ = gw_wattr_set(window, palette.attributes[index], palette.pairs[index])
                _ = wmove(window, Int32(y), Int32(start))
                _ = buffer.withUnsafeBufferPointer { waddnwstr(window, $0.baseAddress, Int32(count)) }
            }
        }
        _ = gw_wattr_set(window, gw_a_normal(), 0)
        wrefresh(window)
        previous = grid
    }

    /// Every event waiting, without blocking.
    internal func pendingEvents() -> [ConsoleEvent] {
        var events: [ConsoleEvent] = []
        var value: wint_t = 0
        while true {
            let status = wget_wch(gw_stdscr(), &value)
            if status == ERR { break }
            if status == KEY_CODE_YES {
                if let event = functionKey(Int32(value)) { events.append(event) }
            } else if let event = character(UInt32(value)) {
                events.append(event)
            }
        }
        return events
    }

    private func functionKey(_ code: Int32) -> ConsoleEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case gw_key_resize():
            invalidate()
            return .resize(size)
        case gw_key_mouse():
            return mouseEvent()
        default: return nil
        }
    }

    private func character(_ value: UInt32) -> ConsoleEvent? {
        switch value {
        case 0x0D, 0x0A: return .key(.enter)
        case 0x1B: return .key(.escape)
        case 0x7F, 0x08: return .key(.backspace)
        case 0x09: return .key(.tab)
        case 0x01...0x1A: return .key(.control(Character(Unicode.Scalar(value + 0x60)!)))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(.character(Character(scalar)))
        }
    }

    private func mouseEvent() -> ConsoleEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let state = event.bstate
        let kind: MouseEvent.Kind
        if state & gw_button4_pressed() != 0 {
            kind = .wheelUp
        } else if gw_button5_pressed() != 0 && state & gw_button5_pressed() != 0 {
            kind = .wheelDown
        } else if state & gw_button1_double_clicked() != 0 {
            kind = .doubleClick
        } else if state & gw_button1_clicked() != 0 {
            kind = .click
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind, column: Int(event.x), row: Int(event.y)))
    }

    /// Restores the terminal (idempotent).
    internal func close() {
        guard !closed else { return }
        closed = true
        if mouseEnabled { mousemask(0, nil) }
        curs_set(1)
        endwin()
        delscreen(screen)
    }
}
