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
            Binding(keys: "5 6 7 8", action: "Trace, Whois, Findings, Events"),
            Binding(keys: "9", action: "Rules: firewall ACEs and who they decide"),
            Binding(keys: "0", action: "Traffic: observed bytes, cost, denies"),
            Binding(keys: "/", action: "filter: words, -l k=v labels; Enter keeps"),
            Binding(keys: "s >  <  S", action: "sort by next / previous column, reverse"),
            Binding(keys: "t", action: "trace from the selected pod or gateway"),
            Binding(keys: "?  Ctrl-L", action: "this help, redraw the screen"),
            Binding(keys: "q  Ctrl-C", action: "quit"),
        ]),
        ("Trace and Whois", [
            Binding(keys: "Enter  e", action: "edit the form / the input; Enter runs it"),
            Binding(keys: "Tab  Up Down", action: "complete the pod / protocol; next field"),
            Binding(keys: "Esc", action: "leave the form (the result stays)"),
            Binding(keys: "w", action: "what-if: compare with the candidate"),
        ]),
        ("Command line", [
            Binding(keys: ":  Tab  Shift-Tab", action: "command; complete, cycle back"),
            Binding(keys: "^U  ^W", action: "clear the line / the last word"),
            Binding(keys: ":gw :pools :eips :pol", action: "switch view (also :check :events :traffic)"),
            Binding(keys: ":trace POD DST[:PORT]", action: "trace [tcp|udp|icmp]; POD: NS/NAME or ns=NS,k=v"),
            Binding(keys: ":whois IP|LINE", action: "look up an IP or an ASA syslog line"),
            Binding(keys: ":whatif policy|fw FILE", action: "load a what-if candidate (off: drop it)"),
            Binding(keys: ":whatif fail zone=Z", action: "lose a zone, node=N or gateway=NS/NAME"),
            Binding(keys: ":at TIME  :at now", action: "the state at TIME from the journal, read-only"),
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
        Binding(keys: ":", action: "cmd"), Binding(keys: "0-9", action: "views"), Binding(keys: "?", action: "help"),
        Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints on the Traffic view, where Enter on a deny traces the flow.
    internal static let trafficFooter: [Binding] = [
        Binding(keys: "Enter", action: "trace deny"), Binding(keys: "/", action: "filter"), Binding(keys: "s", action: "sort"),
        Binding(keys: ":", action: "cmd"), Binding(keys: "0-9", action: "views"), Binding(keys: "?", action: "help"),
        Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints on a table of gateway pods (Gateways), where `t` traces.
    internal static let podTableFooter: [Binding] = [
        Binding(keys: "Enter", action: "open"), Binding(keys: "t", action: "trace"), Binding(keys: "/", action: "filter"),
        Binding(keys: "s", action: "sort"), Binding(keys: ":", action: "cmd"), Binding(keys: "0-9", action: "views"),
        Binding(keys: "?", action: "help"), Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints on the Trace view.
    internal static let traceFooter: [Binding] = [
        Binding(keys: "Enter", action: "edit"), Binding(keys: "j k", action: "scroll"), Binding(keys: "w", action: "what-if"),
        Binding(keys: ":", action: "cmd"), Binding(keys: "0-9", action: "views"), Binding(keys: "?", action: "help"),
        Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints while editing the trace form.
    internal static let traceFormFooter: [Binding] = [
        Binding(keys: "Tab", action: "complete/next"), Binding(keys: "Up Down", action: "field"),
        Binding(keys: "Enter", action: "trace"), Binding(keys: "Esc", action: "done"),
    ]

    /// Footer hints on the Whois view.
    internal static let whoisFooter: [Binding] = [
        Binding(keys: "Enter", action: "open/edit"), Binding(keys: "e", action: "edit"), Binding(keys: "t", action: "trace"),
        Binding(keys: ":", action: "cmd"), Binding(keys: "0-9", action: "views"), Binding(keys: "?", action: "help"),
        Binding(keys: "q", action: "quit"),
    ]

    /// Footer hints while typing the whois input.
    internal static let whoisInputFooter: [Binding] = [
        Binding(keys: "Enter", action: "look up"), Binding(keys: "Esc", action: "cancel"), Binding(keys: "^U", action: "clear"),
    ]

    /// Footer hints while the help overlay is open.
    internal static let helpFooter: [Binding] = [
        Binding(keys: "j k", action: "scroll"), Binding(keys: "any other key", action: "close"),
    ]

    /// Footer hints on a detail page.
    internal static let detailFooter: [Binding] = [
        Binding(keys: "Enter", action: "follow"), Binding(keys: "Esc", action: "back"), Binding(keys: ":", action: "cmd"),
        Binding(keys: "t", action: "trace"), Binding(keys: "0-9", action: "views"), Binding(keys: "?", action: "help"),
        Binding(keys: "q", action: "quit"),
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
