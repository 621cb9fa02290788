/// Every key of the console, for the help overlay and the footer (one table, so the two agree).
enum KeyBindings {
    /// A key and what it does.
    struct Binding: Hashable, Sendable {
        /// The keys, as shown.
        var keys: String
        /// What they do.
        var action: String
    }

    /// Help overlay sections: title and bindings.
    static let sections: [(title: String, bindings: [Binding])] = [
        ("Move", [
            Binding(keys: "j k  Down Up", action: "next / previous row"),
            Binding(keys: "PgDn PgUp  Space", action: "page down / up"),
            Binding(keys: "Home End  g G", action: "first / last row"),
            Binding(keys: "Enter", action: "open: drill down, follow a link"),
            Binding(keys: "Esc  Backspace", action: "back (Esc also clears a filter)"),
        ]),
        ("Views", [
            Binding(keys: "1 2 3 4", action: "Gateways, Pools, Elastic IPs, Policies"),
            Binding(keys: "/", action: "filter: words, -l k=v labels; Enter keeps"),
            Binding(keys: "s >  <  S", action: "sort by next / previous column, reverse"),
            Binding(keys: ":", action: "command; Tab completes"),
            Binding(keys: "?", action: "this help"),
            Binding(keys: "q  Ctrl-C", action: "quit"),
        ]),
        ("Commands", [
            Binding(keys: ":gw :pools :eips :pol", action: "switch view"),
            Binding(keys: ":theme NAME", action: "switch theme (or a .yaml file)"),
            Binding(keys: ":help  :q", action: "help, quit"),
        ]),
        ("Mouse", [
            Binding(keys: "wheel", action: "scroll"),
            Binding(keys: "click", action: "select; again to open"),
            Binding(keys: "click title, tab", action: "sort by the column, switch view"),
        ]),
    ]

    /// Footer hints on a table view.
    static let tableFooter: [Binding] = [
        Binding(keys: "Enter", action: "open"), Binding(keys: "/", action: "filter"), Binding(keys: "s", action: "sort"),
        Binding(keys: ":", action: "cmd"), Binding(keys: "1-4", action: "views"), Binding(keys: "?", action: "help"),
        Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints on a detail page.
    static let detailFooter: [Binding] = [
        Binding(keys: "Enter", action: "follow"), Binding(keys: "Esc", action: "back"), Binding(keys: ":", action: "cmd"),
        Binding(keys: "1-4", action: "views"), Binding(keys: "?", action: "help"), Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints while typing a filter.
    static let filterFooter: [Binding] = [
        Binding(keys: "Enter", action: "keep"), Binding(keys: "Esc", action: "clear"),
        Binding(keys: "-l k=v", action: "labels"), Binding(keys: "Down Up", action: "move"),
    ]

    /// Footer hints while typing a command.
    static let commandFooter: [Binding] = [
        Binding(keys: "Tab", action: "complete"), Binding(keys: "Enter", action: "run"), Binding(keys: "Esc", action: "cancel"),
    ]
}
