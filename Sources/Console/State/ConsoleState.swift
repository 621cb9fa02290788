/// The console's whole UI state, a plain value: which view, filters, sorts, selections, the
/// drill-down stack, the prompt. Events change it (`handle`); frames are drawn from it
/// (`FrameRenderer`). Neither step touches the terminal, so both are tested without one.
internal struct ConsoleState: Hashable, Sendable {
    /// The screen size.
    internal var size: ScreenSize
    /// The top-level view shown.
    private(set) var currentView: ViewID = .gateways
    /// Per-view table state.
    internal var tables: [ViewID: TableViewState] = [:]
    /// Drill-down pages over the current view, innermost last.
    internal var details: [DetailState] = []
    /// What keys mean now.
    internal var mode: InputMode = .normal
    /// The footer message, until the next key.
    internal var message: ConsoleMessage?
    /// The theme in use, for `:theme` without argument.
    internal var themeName: String
    /// The Trace view's form and result.
    internal var trace = TraceForm()
    /// The Whois view's input and result.
    internal var whois = WhoisForm()
    /// How far the help overlay is scrolled.
    internal var helpScroll = 0
    /// The model generation the detail pages were built from.
    private(set) var pagesGeneration = -1

    /// Creates the state for a screen of `size`.
    internal init(size: ScreenSize, view: ViewID = .gateways, themeName: String = "default") {
        self.size = size
        self.currentView = view
        self.themeName = themeName
    }

    /// The frame geometry for the current size.
    internal var layout: FrameLayout { FrameLayout(size: size) }

    /// Rows of table lines that fit below the column titles.
    internal var tableRows: Int { max(1, layout.tableBody.height) }

    /// Rows of detail lines that fit.
    internal var detailRows: Int { max(1, layout.content.height) }

    /// The current view's table state.
    internal var currentTable: TableViewState {
        get { tables[currentView] ?? TableViewState() }
        set { tables[currentView] = newValue }
    }

    /// Shows `view`, leaving any drill-down (and any form being edited).
    internal mutating func switchView(to view: ViewID) {
        currentView = view
        details.removeAll()
        // A form's keys belong to its view.
        if mode == .traceForm || mode == .whoisInput { mode = .normal }
    }

    /// Brings every cached list and page up to date with `model` (a new Snapshot arrived).
    internal mutating func refresh(_ model: ConsoleModel) {
        trace.refresh(with: model.simulator, generation: model.snapshotGeneration)
        whois.refresh(with: model.simulator, generation: model.snapshotGeneration)
        if let table = model.tables[currentView] {
            currentTable.refresh(table, generation: model.generation)
            currentTable.reveal(rows: tableRows)
        }
        guard model.generation != pagesGeneration else { return }
        pagesGeneration = model.generation
        for index in details.indices {
            let target = details[index].target
            let page = DetailPages.page(for: target, in: model.snapshot)
            if page != details[index].page {
                details[index].page = page
                details[index].cursor.clamp(count: page.lines.count)
            }
        }
    }
}
