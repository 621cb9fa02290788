/// A drill-down page: titled sections of lines, some of which lead to another page.
internal struct DetailPage: Hashable, Sendable {
    /// One piece of a line in one role.
    internal struct Segment: Hashable, Sendable {
        /// The text.
        var text: String
        /// Its role.
        var role: ThemeRole
    }

    /// One line of the page.
    internal struct Line: Hashable, Sendable {
        /// The line's pieces.
        var segments: [Segment]
        /// Where Enter on this line leads.
        var link: DetailTarget?
    }

    /// The page title (shown in the frame title after the view's name).
    internal var title: String
    /// The lines.
    internal var lines: [Line]

    /// Creates a page.
    internal init(title: String, lines: [Line] = []) {
        self.title = title
        self.lines = lines
    }

    /// Adds a section heading (preceded by a blank line unless first).
    internal mutating func section(_ heading: String) {
        if !lines.isEmpty { lines.append(Line(segments: [], link: nil)) }
        lines.append(Line(segments: [Segment(text: heading, role: .title)], link: nil))
    }

    /// Adds `label: value` with the label padded to a column.
    internal mutating func field(_ label: String, _ value: String?, role: ThemeRole = .text, link: DetailTarget? = nil) {
        let padded = "  " + label + String(repeating: " ", count: max(1, 18 - label.count))
        lines.append(Line(segments: [Segment(text: padded, role: .muted),
                                     Segment(text: value ?? "-", role: link == nil ? role : .link)], link: link))
    }

    /// Adds a free line of segments.
    internal mutating func line(_ segments: [Segment], link: DetailTarget? = nil) {
        lines.append(Line(segments: segments, link: link))
    }

    /// Adds a plain indented text line.
    internal mutating func text(_ text: String, role: ThemeRole = .text) {
        lines.append(Line(segments: [Segment(text: "  " + text, role: role)], link: nil))
    }
}
