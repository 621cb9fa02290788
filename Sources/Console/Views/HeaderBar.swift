#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import History
import Inventory

/// The top row: program, source, data age (or `AT <time> (read-only)` for a past state), a STALE
/// marker when a source failed (NOT RECORDING when the journal stopped), and the counts
/// (gateways ready/total, pools, Elastic IPs, policies, firewalls). On narrow screens the counts
/// get shorter labels, then the program name goes, then the counts. A past state's label is never
/// dropped: it gets shorter, and the source goes, before the counts do.
internal enum HeaderBar {
    /// Draws the header on `row`.
    internal static func render(into grid: inout CellGrid, row: Int, model: ConsoleModel, context: FrameContext) {
        let width = grid.width
        let separator = context.glyphs.separator
        grid.fill(Rect(x: 0, y: row, width: width, height: 1), role: .header)
        let snapshot = model.snapshot
        let firewalls = model.firewalls.isEmpty ? "none" : model.firewalls.joined(separator: ",")
        let gateways = "\(model.readyGateways)/\(snapshot.gateways.count)"
        let full = "gateways \(gateways) ready\(separator)pools \(snapshot.pools.count)\(separator)EIPs "
            + "\(snapshot.elasticIPBindings.count)\(separator)policies \(snapshot.policies.count)\(separator)"
            + "firewall\(model.firewalls.count == 1 ? "" : "s") \(firewalls)"
        let compact = "gw \(gateways)\(separator)pools \(snapshot.pools.count)\(separator)EIPs "
            + "\(snapshot.elasticIPBindings.count)\(separator)pol \(snapshot.policies.count)\(separator)fw \(firewalls)"
        var stale = context.status.isStale ? " STALE: \(context.status.failures.joined(separator: "; ")) " : ""
        if context.recordingProblem != nil { stale = " NOT RECORDING " + stale.dropFirst() }
        let source = snapshot.source.description
        // A past state (`:at`, `--at`) says so where the data's age would be, in a colour of its own.
        if let moment = context.pastMoment {
            renderPast(into: &grid, row: row, moment: moment, source: source, stale: stale, counts: [full, compact],
                       context: context)
            return
        }
        let age = " data \(Formatting.age(seconds: context.now - context.receivedAt)) ago"

        // The failures leave room for up to 30 columns of the source (the Events view has them in
        // full), so the header still says where the data comes from.
        let staleCap = max(16, width - min(CellWidth.columns(of: source), 30) - CellWidth.columns(of: age) - 4)
        let staleWidth = min(CellWidth.columns(of: stale), staleCap)
        let choices: [(name: Bool, counts: String)] = [(true, full), (true, compact), (false, compact), (false, "")]
        let fixed = CellWidth.columns(of: age) + staleWidth + (stale.isEmpty ? 0 : 1)
            + CellWidth.columns(of: separator) + 1 + min(CellWidth.columns(of: source), 16)
        let name = " gatewatch" + separator
        let choice = choices.first { choice in
            let need = fixed + (choice.name ? CellWidth.columns(of: name) : 0)
                + (choice.counts.isEmpty ? 0 : CellWidth.columns(of: choice.counts) + 2)
            return need <= width
        } ?? (false, "")

        var x = writeName(choice.name, into: &grid, row: row, separator: separator)
        let countsWidth = CellWidth.columns(of: choice.counts)
        let sourceRoom = width - x - CellWidth.columns(of: age) - staleWidth - (stale.isEmpty ? 0 : 1)
            - (countsWidth == 0 ? 0 : countsWidth + 2)
        x += grid.write(source, x: x, y: row, maxWidth: max(1, sourceRoom), role: .headerAccent,
                        ellipsis: context.glyphs.ellipsis)
        x += grid.write(separator, x: x, y: row, role: .header)
        x += grid.write(age.dropFirst(), x: x, y: row, role: .header)
        if !stale.isEmpty {
            x += 1
            x += grid.write(stale, x: x, y: row, maxWidth: min(width - x, staleCap), role: .stale,
                            ellipsis: context.glyphs.ellipsis)
        }
        if countsWidth > 0, width - countsWidth - 1 >= x + 1 {
            grid.write(choice.counts, x: width - countsWidth - 1, y: row, role: .headerAccent)
        }
    }

    /// The past-state labels, longest first: the moment to the second (or millisecond) with
    /// "(read-only)", without it, then to the minute.
    /// Writes ` gatewatch ·` at the row's start when `shown` (else leaves one blank column);
    /// returns the columns used.
    private static func writeName(_ shown: Bool, into grid: inout CellGrid, row: Int, separator: String) -> Int {
        guard shown else { return 1 }
        let x = grid.write(" gatewatch", x: 0, y: row, role: .headerAccent)
        return x + grid.write(separator, x: x, y: row, role: .header)
    }

    internal static func pastLabels(_ moment: Double) -> [String] {
        let exact = JournalTime.format(Date(timeIntervalSince1970: moment))
        let minute = String(exact.prefix(16).replacing("T", with: " ")) + "Z"
        return [" AT \(exact) (read-only) ", " AT \(exact) ", " AT \(minute) "]
    }

    /// The header of a past state: the AT label always, in the past-state colour; the counts kept
    /// before the label's full length, then before the source (which the label and the journal
    /// path repeat).
    private static func renderPast(into grid: inout CellGrid, row: Int, moment: Double, source: String, stale: String,
                                   counts: [String], context: FrameContext) {
        let width = grid.width
        let separator = context.glyphs.separator
        let labels = pastLabels(moment)
        let name = " gatewatch" + separator
        let separatorWidth = CellWidth.columns(of: separator)
        let sourceMinimum = min(CellWidth.columns(of: source), 12)
        let staleWidth = min(CellWidth.columns(of: stale), max(0, width / 4))
        // In order of preference.
        var choices: [(name: Bool, counts: String, label: String, source: Bool)] = []
        for count in counts { choices.append((true, count, labels[0], true)) }
        let compact = counts.last ?? ""
        for label in labels { choices.append((false, compact, label, true)) }
        for label in labels { choices.append((false, compact, label, false)) }
        for label in labels { choices.append((false, "", label, false)) }
        func need(_ choice: (name: Bool, counts: String, label: String, source: Bool)) -> Int {
            (choice.name ? CellWidth.columns(of: name) : 1)
                + (choice.source ? sourceMinimum + separatorWidth : 0)
                + CellWidth.columns(of: choice.label) + (stale.isEmpty ? 0 : staleWidth + 1)
                + (choice.counts.isEmpty ? 0 : CellWidth.columns(of: choice.counts) + 2)
        }
        let choice = choices.first { need($0) <= width } ?? (false, "", labels[labels.count - 1], false)

        var x = writeName(choice.name, into: &grid, row: row, separator: separator)
        let labelWidth = CellWidth.columns(of: choice.label)
        let countsWidth = CellWidth.columns(of: choice.counts)
        if choice.source {
            let sourceRoom = width - x - separatorWidth - labelWidth - (stale.isEmpty ? 0 : staleWidth + 1)
                - (countsWidth == 0 ? 0 : countsWidth + 2)
            x += grid.write(source, x: x, y: row, maxWidth: max(1, sourceRoom), role: .headerAccent,
                            ellipsis: context.glyphs.ellipsis)
            x += grid.write(separator, x: x, y: row, role: .header)
        }
        x += grid.write(choice.label, x: x, y: row, maxWidth: max(1, width - x), role: .pastState)
        if !stale.isEmpty, x + 1 < width {
            x += 1
            x += grid.write(stale, x: x, y: row, maxWidth: min(width - x, max(1, staleWidth)), role: .stale,
                            ellipsis: context.glyphs.ellipsis)
        }
        if countsWidth > 0, width - countsWidth - 1 >= x + 1 {
            grid.write(choice.counts, x: width - countsWidth - 1, y: row, role: .headerAccent)
        }
    }
}
