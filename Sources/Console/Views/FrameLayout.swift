/// Where each part of a frame goes on a screen of a given size:
///
/// ```
/// row 0        header: source, data age, STALE, counts
/// row 1        tab bar: 1 Gateways  2 Pools  3 Elastic IPs  4 Policies
/// rows 2…h-2   the framed view (title in the top border; completions in the bottom border)
/// row h-1      footer: the keys that work here, a message, or the : / prompt
/// ```
internal struct FrameLayout: Hashable, Sendable {
    /// The screen size.
    internal var size: ScreenSize

    /// The header row.
    internal var headerRow: Int { 0 }
    /// The tab bar row.
    internal var tabRow: Int { 1 }
    /// The view's frame, borders included.
    internal var frame: Rect { Rect(x: 0, y: 2, width: size.width, height: size.height - 3) }
    /// Inside the frame.
    internal var content: Rect { frame.inset(by: 1) }
    /// The column-title row of a table.
    internal var tableHeaderRow: Int { content.y }
    /// The rows of a table below its column titles.
    internal var tableBody: Rect { Rect(x: content.x, y: content.y + 1, width: content.width, height: content.height - 1) }
    /// The footer row.
    internal var footerRow: Int { size.height - 1 }
    /// The row completions are listed on while typing a command (the frame's bottom border).
    internal var completionRow: Int { size.height - 2 }
}
