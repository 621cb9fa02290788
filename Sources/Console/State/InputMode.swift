/// What keys currently mean.
internal enum InputMode: Hashable, Sendable {
    /// Navigation keys.
    case normal
    /// Typing a `/` filter (applied as you type).
    case filter(LineEditor)
    /// Typing a `:` command.
    case command(CommandPrompt)
    /// The help overlay is open; any key closes it.
    case help
}
