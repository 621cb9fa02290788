/// Every key of the console, for the help overlay and the footer (one table, so the two agree).
internal enum KeyBindings {
    /// A key and what it does.
    internal struct Binding: Hashable, Sendable {
        /// The keys, as shown.
        var keys: String
        /// What they do.
        var action: String
    }

    /// Help overlay sections: title and bindings.
    internal static let sections: [(title: String, bindings: [Binding])] = [
        ("Move", [
            Binding(keys: "j k  Down Up", action: "next / previous row"),
            Binding(keys: "PgDn PgUp Space ^F ^B", action: "page down / up"),
            Binding(keys: "Home End  g G", action: "first / last row"),
            Binding(keys: "Enter  l  Right", action: "open: drill down, follow a link"),
            Binding(keys: "Esc  Backspace  h Left", action: "back (Esc also clears a filter)"),
        ]),
        ("Views", [
            Binding(keys: "1 2 3 4", action: "Gateways, Pools, Elastic IPs, Policies"),
            Binding(keys: "/", action: "filter: words, -l k=v labels; Enter keeps"),
            Binding(keys: "s >  <  S", action: "sort by next / previous column, reverse"),
            Binding(keys: "?  Ctrl-L", action: "this help, redraw the screen"),
            Binding(keys: "q  Ctrl-C", action: "quit"),
        ]),
        ("Command line", [
            Binding(keys: ":  Tab  Shift-Tab", action: "command; complete, cycle back"),
            Binding(keys: "^U  ^W", action: "clear the line / the last word"),
            Binding(keys: ":gw :pools :eips :pol", action: "switch view"),
            Binding(keys: ":theme NAME  :help  :q", action: "theme (a name or a .yaml file), help, quit"),
        ]),
        ("Mouse", [
            Binding(keys: "wheel  click", action: "scroll; select, click again to open"),
            Binding(keys: "click title / tab", action: "sort by that column / switch view"),
        ]),
    ]

    /// Footer hints on a table view.
    internal static let tableFooter: [Binding] = [
        Binding(keys: "Enter", action: "open"), Binding(keys: "/", action: "filter"), Binding(keys: "s", action: "sort"),
        Binding(keys: ":", action: "cmd"), Binding(keys: "1-4", action: "views"), Binding(keys: "?", action: "help"),
        Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints on a detail page.
    internal static let detailFooter: [Binding] = [
        Binding(keys: "Enter", action: "follow"), Binding(keys: "Esc", action: "back"), Binding(keys: ":", action: "cmd"),
        Binding(keys: "1-4", action: "views"), Binding(keys: "?", action: "help"), Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints while typing a filter.
    internal static let filterFooter: [Binding] = [
        Binding(keys: "Enter", action: "keep"), Binding(keys: "Esc", action: "clear"),
        Binding(keys: "-l k=v", action: "labels"), Binding(keys: "Down Up", action: "move"),
    ]

    /// Footer hints while typing a command.
    internal static let commandFooter: [Binding] = [
        Binding(keys: "Tab", action: "complete"), Binding(keys: "Enter", action: "run"), Binding(keys: "Esc", action: "cancel"),
    ]
}
