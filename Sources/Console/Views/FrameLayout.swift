/// Where each part of a frame goes on a screen of a given size:
///
/// ```
/// row 0        header: source, data age, STALE, counts
/// row 1        tab bar: 1 Gateways  2 Pools  3 Elastic IPs  4 Policies
/// rows 2…h-2   the framed view (title in the top border; completions in the bottom border)
/// row h-1      footer: the keys that work here, a message, or the : / prompt
/// ```
struct FrameLayout: Hashable, Sendable {
    /// The screen size.
    var size: ScreenSize

    /// The header row.
    var headerRow: Int { 0 }
    /// The tab bar row.
    var tabRow: Int { 1 }
    /// The view's frame, borders included.
    var frame: Rect { Rect(x: 0, y: 2, width: size.width, height: size.height - 3) }
    /// Inside the frame.
    var content: Rect { frame.inset(by: 1) }
    /// The column-title row of a table.
    var tableHeaderRow: Int { content.y }
    /// The rows of a table below its column titles.
    var tableBody: Rect { Rect(x: content.x, y: content.y + 1, width: content.width, height: content.height - 1) }
    /// The footer row.
    var footerRow: Int { size.height - 1 }
    /// The row completions are listed on while typing a command (the frame's bottom border).
    var completionRow: Int { size.height - 2 }
}
