import Firewall
import Simulator

/// The page Enter opens on a Rules view row: the entry, the traffic classes it decides (all of a
/// class's packets, or part of them), and a trace of one of those classes, so the firewall team
/// sees who the line is for and how such a packet gets there.
internal enum RulesPage {
    /// The most classes listed on one page (the rest are counted).
    internal static let maximumClassLines = 200
    /// The width the sample trace is laid out in.
    internal static let traceWidth = 76

    /// The page for `reference`.
    internal static func page(_ reference: RuleEntryReference) -> DetailPage {
        let index = reference.simulation.rulesIndex()
        var page = DetailPage(title: "\(reference.firewall) \(reference.accessList) line \(reference.line)")
        guard index.entries.indices.contains(reference.index) else {
            page.text("This entry is not in the current Snapshot.", role: .warn)
            return page
        }
        let entry = index.entries[reference.index]
        page.section("Access-control entry")
        page.field("Firewall", "\(entry.firewall) (in on \(entry.interface))")
        page.field("Access list", entry.accessList)
        page.field("Line", String(entry.line))
        page.field("Action", entry.action.rawValue, role: entry.action.permits ? .phaseAllow : .phaseDeny)
        page.field("Hits", entry.hits.map(String.init) ?? "no show access-list capture (firewall/\(entry.firewall).acl)",
                   role: entry.hits == nil ? .muted : .text)
        if let range = entry.timeRange { page.field("Time range", range) }
        if !entry.isActive { page.field("State", "inactive: decides nothing", role: .muted) }
        for part in TextWrap.lines(entry.text, width: traceWidth - 2) { page.text(part, role: .muted) }

        let namespaces = index.namespaces(of: entry)
        page.section("Decides \(entry.decides.count) traffic class\(entry.decides.count == 1 ? "" : "es")"
            + (namespaces.isEmpty ? "" : " of \(RulesTable.names(namespaces, limit: 6))"))
        if entry.decides.isEmpty {
            page.text(entry.isActive
                ? "No workload's egress reaches this line: no gateway, node or pod address it admits sends "
                    + "traffic to its destinations through this firewall, or an earlier line decides all of it."
                : "Inactive entries match nothing.", role: .muted)
        }
        for decision in entry.decides.prefix(maximumClassLines) {
            let trafficClass = index.classes[decision.classIndex]
            let scope = decision.whole ? "all " : "part"
            let rule = trafficClass.policy.map { policy in " (\(policy) #\(trafficClass.rule.map(String.init) ?? "?"))" } ?? ""
            page.line([DetailPage.Segment(text: "  \(scope)  ", role: decision.whole ? .text : .muted),
                       DetailPage.Segment(text: trafficClass.label + rule,
                                          role: trafficClass.gateways.isEmpty ? .text : .link)],
                      link: trafficClass.gateways.first.map(DetailTarget.gateway))
        }
        if entry.decides.count > maximumClassLines {
            page.text("… and \(entry.decides.count - maximumClassLines) more classes", role: .muted)
        }

        // A trace of one class: the first it decides whole, else the first.
        guard let chosen = entry.decides.first(where: \.whole) ?? entry.decides.first,
              let query = index.sampleQuery(for: entry, classIndex: chosen.classIndex, in: reference.simulation) else {
            return page
        }
        page.section("Trace of one class")
        let result: Result<TraceResult, TraceInputError>
        do {
            result = .success(try reference.simulation.tracer.trace(query))
        } catch {
            result = .failure(TraceInputError(error.message))
        }
        for line in TracePage.lines(result, query: query, width: traceWidth) {
            page.line([DetailPage.Segment(text: "  ", role: .text)] + line.segments, link: line.link)
        }
        let source = index.classes[chosen.classIndex].source
        if case .success(let trace) = result,
           let firewall = trace.paths.first(where: { $0.firewall?.sourceSeen == source })?.firewall ?? trace.firewall,
           firewall.name == entry.firewall, firewall.acl != entry.accessList || firewall.line != entry.line {
            let decided = firewall.line.map { "line \($0)" } ?? "the implicit deny"
            page.text("This packet met \(decided) of access-list \(firewall.acl ?? "-"), not this line: the line decides "
                + "only part of the class (other ports or protocols).", role: .warn)
        }
        return page
    }
}
