import Presentation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure a command reports to the user: a one-line message and the exit code to leave with.
struct CommandFailure: Error {
    /// What went wrong, in one line.
    var message: String
    /// 2 for usage and input errors, 1 for findings or a deny.
    var exitCode: Int32

    /// A usage or input error (exit 2).
    static func input(_ message: String) -> CommandFailure {
        CommandFailure(message: message, exitCode: 2)
    }
}

/// Writes `gatewatch: MESSAGE` to standard error, as one line with control and bidi characters
/// neutralised (`TerminalText`): messages echo arguments, file contents and servers' words.
func printError(_ message: String) {
    let text = TerminalText.neutralized(message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message,
                                        keepingNewlines: false)
    let line = Array("gatewatch: \(text)\n".utf8)
    fflush(nil)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// Ends the process with `code`, flushing standard output first.
func exitProcess(_ code: Int32) -> Never {
    fflush(nil)
    exit(code)
}

/// Writes a command's output to standard output with control and bidi characters neutralised
/// (`TerminalText`); JSON output is unchanged by it (its strings are escaped already).
func emit(_ text: String) {
    print(TerminalText.neutralized(text))
}
