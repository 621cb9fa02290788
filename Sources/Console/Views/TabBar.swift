/// The row of views under the header: `1 Gateways  2 Pools  3 Elastic IPs  4 Policies`.
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

    /// Where each tab goes on a row `width` wide (tabs that do not fit are left out).
    internal static func regions(width: Int) -> [Region] {
        var regions: [Region] = []
        var x = 1
        for view in ViewCatalog.all {
            let label = " \(view.shortcut) \(view.title) "
            guard x + label.count <= width else { break }
            regions.append(Region(view: view.id, label: label, columns: x..<(x + label.count)))
            x += label.count + 1
        }
        return regions
    }

    /// Draws the tab bar on `row`.
    internal static func render(into grid: inout CellGrid, row: Int, current: ViewID) {
        grid.fill(Rect(x: 0, y: row, width: grid.width, height: 1), role: .tab)
        for region in regions(width: grid.width) {
            grid.write(region.label, x: region.columns.lowerBound, y: row, role: region.view == current ? .tabActive : .tab)
        }
    }
}
