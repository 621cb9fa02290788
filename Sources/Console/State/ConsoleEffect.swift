/// What the run loop must do after the state machine handled an event.
internal enum ConsoleEffect: Hashable, Sendable {
    /// Nothing beyond redrawing.
    case none
    /// Leave the console.
    case quit
    /// Switch to the theme named (or the file given).
    case applyTheme(String)
    /// Show the state at the time given (`:at TIME`, `:at now`), rebuilt from the journal.
    case travel(String)
}
