/// Where the journal lives when `--journal` is not given: `$GATEWATCH_JOURNAL`, else
/// `$XDG_STATE_HOME/gatewatch/journal.sqlite`, else `~/.local/state/gatewatch/journal.sqlite`.
public enum JournalLocation {
    /// The path for `explicit` (`--journal`), falling back on the environment.
    public static func path(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let variable = environment["GATEWATCH_JOURNAL"], !variable.isEmpty { return variable }
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/gatewatch/journal.sqlite"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
        return home + "/.local/state/gatewatch/journal.sqlite"
    }
}
