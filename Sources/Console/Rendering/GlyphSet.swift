/// The glyphs the console draws with: Unicode box drawing and block elements on UTF-8 terminals,
/// ASCII look-alikes otherwise.
public struct GlyphSet: Hashable, Sendable {
    /// True for the ASCII set.
    public let isASCII: Bool
    internal let horizontal: Unicode.Scalar
    internal let vertical: Unicode.Scalar
    internal let topLeft: Unicode.Scalar
    internal let topRight: Unicode.Scalar
    internal let bottomLeft: Unicode.Scalar
    internal let bottomRight: Unicode.Scalar
    internal let ellipsis: Unicode.Scalar
    /// The gauge: full block, then 1/8…7/8 partial blocks, then the empty cell.
    internal let gaugeFull: Unicode.Scalar
    internal let gaugePartials: [Unicode.Scalar]
    internal let gaugeEmpty: Unicode.Scalar
    /// Sparkline levels from lowest to highest.
    internal let sparkLevels: [Unicode.Scalar]
    internal let sortAscending: Unicode.Scalar
    internal let sortDescending: Unicode.Scalar
    internal let groupMarker: Unicode.Scalar
    internal let linkMarker: Unicode.Scalar
    internal let separator: String

    /// Box drawing and block elements.
    public static let unicode = GlyphSet(
        isASCII: false, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└",
        bottomRight: "┘", ellipsis: "…", gaugeFull: "█", gaugePartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        gaugeEmpty: "·", sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], sortAscending: "▲",
        sortDescending: "▼", groupMarker: "▾", linkMarker: "›", separator: " · ")

    /// Plain ASCII, for terminals whose locale is not UTF-8.
    public static let ascii = GlyphSet(
        isASCII: true, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+",
        bottomRight: "+", ellipsis: "~", gaugeFull: "#", gaugePartials: [], gaugeEmpty: ".",
        sparkLevels: ["_", ".", "-", "~", "=", "+", "*", "#"], sortAscending: "^", sortDescending: "v",
        groupMarker: "-", linkMarker: ">", separator: " | ")
}
