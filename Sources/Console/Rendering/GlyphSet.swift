/// The glyphs the console draws with: Unicode box drawing and block elements on UTF-8 terminals,
/// ASCII look-alikes otherwise.
public struct GlyphSet: Hashable, Sendable {
    /// True for the ASCII set.
    public let isASCII: Bool
    let horizontal: Unicode.Scalar
    let vertical: Unicode.Scalar
    let topLeft: Unicode.Scalar
    let topRight: Unicode.Scalar
    let bottomLeft: Unicode.Scalar
    let bottomRight: Unicode.Scalar
    let ellipsis: Unicode.Scalar
    /// The gauge: full block, then 1/8…7/8 partial blocks, then the empty cell.
    let gaugeFull: Unicode.Scalar
    let gaugePartials: [Unicode.Scalar]
    let gaugeEmpty: Unicode.Scalar
    /// Sparkline levels from lowest to highest.
    let sparkLevels: [Unicode.Scalar]
    let sortAscending: Unicode.Scalar
    let sortDescending: Unicode.Scalar
    let groupMarker: Unicode.Scalar
    let linkMarker: Unicode.Scalar
    let separator: String

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
