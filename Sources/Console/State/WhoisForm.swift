import Inventory

/// The Whois view's state: the line typed (an IP or an ASA syslog line), the last lookup, and the
/// selected line of its page (links open the gateway, Elastic IP, pool or rule).
internal struct WhoisForm: Hashable, Sendable {
    /// The input line.
    internal var editor = LineEditor()
    /// The last lookup.
    private(set) var lookup: WhoisLookup?
    /// The Snapshot generation `lookup` was made on.
    private(set) var lookupGeneration = -1
    /// Selection and scroll in the page.
    internal var cursor = ListCursor()

    /// Creates an empty form.
    internal init() {}

    /// Looks the input up with `simulator`, selecting the first link.
    internal mutating func lookUp(with simulator: SimulatorCache, generation: Int) {
        let lookup = WhoisLookup(input: editor.text, simulator: simulator)
        self.lookup = lookup
        lookupGeneration = generation
        cursor = ListCursor()
        cursor.selected = lookup.page.lines.firstIndex { $0.link != nil } ?? 0
    }

    /// Looks the last input up again when the Snapshot changed.
    internal mutating func refresh(with simulator: SimulatorCache, generation: Int) {
        guard let lookup, generation != lookupGeneration else { return }
        self.lookup = WhoisLookup(input: lookup.input, simulator: simulator)
        lookupGeneration = generation
        cursor.clamp(count: self.lookup?.page.lines.count ?? 0)
    }
}
