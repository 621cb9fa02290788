/// What keys currently mean.
internal enum InputMode: Hashable, Sendable {
    /// Navigation keys.
    case normal
    /// Typing a `/` filter (applied as you type).
    case filter(LineEditor)
    /// Typing a `:` command.
    case command(CommandPrompt)
    /// The help overlay is open; j/k and the page keys scroll it, any other key closes it.
    case help
    /// Editing the Trace view's form.
    case traceForm
    /// Typing the Whois view's IP or syslog line.
    case whoisInput
}
