/// Which columns of a table fit in a width, and how wide each is.
///
/// Columns are taken in priority order while their narrowest form fits; fixed columns get their
/// width, text columns the width of their widest text (up to `maxWidth`), and flexible columns
/// share what is left (they are the ones cut with an ellipsis when space is short).
struct ColumnLayout: Hashable, Sendable {
    /// A column placed on screen.
    struct Placed: Hashable, Sendable {
        /// Index into the model's columns.
        var index: Int
        /// Column offset from the area's left edge.
        var x: Int
        /// Width.
        var width: Int
    }

    /// The visible columns, left to right.
    var columns: [Placed]

    /// Lays out `model`'s columns in `width` cells (one leading space, one space between columns).
    init(model: TableModel, width: Int) {
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
        // Pass 1: in priority order, every column that fits at its natural width (columns of
        // priority 0 always, at their narrowest if need be).
        var chosen = Set<Int>()
        var widths = [Int](repeating: 0, count: count)
        var used = 1
        for index in order {
            let separator = chosen.isEmpty ? 0 : 1
            if used + separator + natural(index) <= width {
                widths[index] = natural(index)
            } else if model.columns[index].priority == 0 {
                widths[index] = max(narrowest(index), min(natural(index), width - used - separator))
            } else {
                continue
            }
            chosen.insert(index)
            used += separator + widths[index]
        }
        // Pass 2: flexible columns that only fit cut down.
        for index in order where !chosen.contains(index) && model.columns[index].flexible {
            if used + 1 + narrowest(index) <= width {
                widths[index] = narrowest(index)
                chosen.insert(index)
                used += 1 + widths[index]
            }
        }
        var spare = width - used
        // Grow cut flexible columns towards their natural width, in priority order.
        for index in order where chosen.contains(index) && spare > 0 {
            let grow = min(spare, natural(index) - widths[index])
            if grow > 0 {
                widths[index] += grow
                spare -= grow
            }
        }
        var placed: [Placed] = []
        var x = 1
        for index in 0..<count where chosen.contains(index) {
            placed.append(Placed(index: index, x: x, width: widths[index]))
            x += widths[index] + 1
        }
        // Leftover space widens the last flexible column (or stays as margin).
        if spare > 0, let last = placed.lastIndex(where: { model.columns[$0.index].flexible }),
           model.columns[placed[last].index].maxWidth > placed[last].width {
            let grow = min(spare, model.columns[placed[last].index].maxWidth - placed[last].width)
            placed[last].width += grow
            for later in (last + 1)..<placed.count { placed[later].x += grow }
        }
        columns = placed
    }
}
