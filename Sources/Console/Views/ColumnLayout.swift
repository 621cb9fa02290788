/// Which columns of a table fit in a width, and how wide each is.
///
/// Columns are taken in priority order while their narrowest form fits; fixed columns get their
/// width, text columns the width of their widest text (up to `maxWidth`), and flexible columns
/// share what is left (they are the ones cut with an ellipsis when space is short).
internal struct ColumnLayout: Hashable, Sendable {
    /// A column placed on screen.
    internal struct Placed: Hashable, Sendable {
        /// Index into the model's columns.
        var index: Int
        /// Column offset from the area's left edge.
        var x: Int
        /// Width.
        var width: Int
    }

    /// The visible columns, left to right.
    internal var columns: [Placed]

    /// Lays out `model`'s columns in `width` cells (one leading space, one space between columns).
    internal init(model: TableModel, width: Int) {
        let count = model.columns.count
        func natural(_ index: Int) -> Int {
            let column = model.columns[index]
            if let fixed = column.fixedWidth { return fixed }
            return min(model.contentWidths[index], column.maxWidth)
        }
        func narrowest(_ index: Int) -> Int {
            let column = model.columns[index]
            if column.flexible { return min(column.minWidth, natural(index)) }
            return natural(index)
        }
        let order = (0..<count).sorted { a, b in
            let pa = model.columns[a].priority
            let pb = model.columns[b].priority
            return pa != pb ? pa < pb : a < b
        }
        // 1. In priority order, every column that fits at its narrowest (priority 0 always).
        var chosen = Set<Int>()
        var widths = [Int](repeating: 0, count: count)
        var used = 1
        for index in order {
            let separator = chosen.isEmpty ? 0 : 1
            guard used + separator + narrowest(index) <= width || model.columns[index].priority == 0 else { continue }
            widths[index] = narrowest(index)
            chosen.insert(index)
            used += separator + widths[index]
        }
        var spare = width - used
        func grow() {
            for index in order where chosen.contains(index) && spare > 0 {
                let amount = min(spare, natural(index) - widths[index])
                if amount > 0 {
                    widths[index] += amount
                    spare -= amount
                }
            }
        }
        // 2. Flexible columns grow towards their natural width, most important first.
        grow()
        // 3. A more important column is never cut to show a less important one: drop the least
        //    important column while a column of higher priority is still cut.
        while let cut = order.first(where: { chosen.contains($0) && widths[$0] < natural($0) }),
              let victim = order.last(where: { chosen.contains($0)
                  && model.columns[$0].priority > model.columns[cut].priority }) {
            chosen.remove(victim)
            spare += widths[victim] + 1
            widths[victim] = 0
            grow()
        }
        var placed: [Placed] = []
        var x = 1
        for index in 0..<count where chosen.contains(index) {
            placed.append(Placed(index: index, x: x, width: widths[index]))
            x += widths[index] + 1
        }
        columns = placed
    }
}
