/// Why the console cannot start.
public enum ConsoleError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (it is a pipe or a file).
    case notATerminal(stream: String)
    /// ncurses cannot drive this terminal type (`newterm` failed: unknown or `dumb` TERM).
    case terminalUnavailable(term: String?)
    /// `run()` was called while the console was already running.
    case alreadyRunning

    /// One line for the user.
    public var description: String {
        switch self {
        case .notATerminal(let stream):
            return "the console needs a terminal, but standard \(stream) is not one (use `gatewatch get …` for scripts)"
        case .terminalUnavailable(let term):
            let name = term.map { "'\($0)'" } ?? "(TERM is not set)"
            return "cannot open the terminal \(name): it is unknown or cannot address the cursor; "
                + "try TERM=xterm-256color"
        case .alreadyRunning:
            return "the console is already running"
        }
    }
}
