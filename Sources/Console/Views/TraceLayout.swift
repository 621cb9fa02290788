/// The Trace view's geometry: the form's rows above the result, and the result's lines for a
/// width (one column, or two side by side when comparing with a what-if candidate).
internal enum TraceLayout {
    /// Rows the form takes (three fields and a rule under them).
    internal static let formHeight = 4

    /// The width of each result column for a content `width`.
    internal static func columnWidth(_ form: TraceForm, width: Int) -> Int {
        comparing(form) ? (width - 1) / 2 - 1 : width - 1
    }

    /// True when the result shows the candidate side by side.
    internal static func comparing(_ form: TraceForm) -> Bool {
        form.compare && form.run?.candidate != nil
    }

    /// The current result's lines, and the candidate's when comparing.
    internal static func lines(_ form: TraceForm, width: Int) -> (current: [DetailPage.Line], candidate: [DetailPage.Line]?) {
        guard let run = form.run else { return ([], nil) }
        let columnWidth = columnWidth(form, width: width)
        let currentResult = try? run.current.get()
        guard comparing(form), let candidate = run.candidate else {
            return (TracePage.lines(run.current, query: run.query, width: columnWidth), nil)
        }
        let candidateResult = try? candidate.get()
        return (TracePage.lines(run.current, query: run.query, width: columnWidth, other: candidateResult),
                TracePage.lines(candidate, query: run.query, width: columnWidth, other: currentResult))
    }

    /// How many result lines there are at content `width` (the longer side when comparing).
    internal static func lineCount(_ form: TraceForm, width: Int) -> Int {
        let (current, candidate) = lines(form, width: width)
        return max(current.count, candidate?.count ?? 0) + (comparing(form) ? 1 : 0)
    }
}
