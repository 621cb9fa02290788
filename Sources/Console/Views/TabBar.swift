/// The row of views under the header: `1 Gateways  2 Pools  3 Elastic IPs  4 Policies  5 Trace …`.
/// On narrow screens the tabs use short titles and less padding, so all ten fit in 80 columns.
internal enum TabBar {
    /// A tab's place on the row.
    internal struct Region: Hashable, Sendable {
        /// The view.
        var view: ViewID
        /// The label.
        var label: String
        /// The columns it covers.
        var columns: Range<Int>
    }

    /// Where each tab goes on a row `width` wide: the first style in which every tab fits (tabs
    /// that still do not fit are left out).
    internal static func regions(width: Int) -> [Region] {
        let styles: [(short: Bool, pad: String, gap: Int)] = [(false, " ", 1), (true, " ", 1), (true, " ", 0), (true, "", 2), (true, "", 1)]
        var best: [Region] = []
        for style in styles {
            var regions: [Region] = []
            var x = 1
            for view in ViewCatalog.all {
                let label = "\(style.pad)\(view.shortcut) \(style.short ? view.shortTitle : view.title)\(style.pad)"
                guard x + label.count <= width else { break }
                regions.append(Region(view: view.id, label: label, columns: x..<(x + label.count)))
                x += label.count + style.gap
            }
            if regions.count == ViewCatalog.all.count { return regions }
            if regions.count > best.count { best = regions }
        }
        return best
    }

    /// Draws the tab bar on `row`.
    internal static func render(into grid: inout CellGrid, row: Int, current: ViewID) {
        grid.fill(Rect(x: 0, y: row, width: grid.width, height: 1), role: .tab)
        for region in regions(width: grid.width) {
            grid.write(region.label, x: region.columns.lowerBound, y: row, role: region.view == current ? .tabActive : .tab)
        }
    }
}
