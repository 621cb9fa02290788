import Firewall
import Inventory
import Simulator

/// The Rules view: every access-control entry of every placed firewall's applied access lists
/// (grouped by firewall and list), with its line, action, hit count, what `check` says about it
/// (shadowed, stale, unused) and the workloads whose egress it decides, from the Simulation's
/// reverse index (`Simulation.rulesIndex()`). Enter opens the entry's page: the classes it
/// decides and a trace of one of them. `/` finds entries by namespace, gateway, address or text.
internal enum RulesTable {
    internal static let columns: [TableColumn] = [
        TableColumn(title: "LINE", alignment: .right, priority: 0, maxWidth: 5),
        TableColumn(title: "ACTION", priority: 0, maxWidth: 6),
        TableColumn(title: "HITS", alignment: .right, priority: 1, maxWidth: 12),
        TableColumn(title: "MARK", priority: 1, maxWidth: 9),
        TableColumn(title: "WORKLOADS", priority: 0, flexible: true, minWidth: 14, maxWidth: 40),
        TableColumn(title: "GATEWAYS", priority: 1, flexible: true, minWidth: 12, maxWidth: 32),
        TableColumn(title: "ACE", priority: 2, flexible: true, minWidth: 20, maxWidth: 80),
    ]

    /// What `check` says about a line, as the MARK column shows it.
    internal enum Mark: String, CaseIterable, Sendable {
        case shadowed
        case stale
        case unused
        case inactive

        /// The role it is drawn in.
        internal var role: ThemeRole {
            switch self {
            case .shadowed, .stale: return .severityWarning
            case .unused: return .severityInfo
            case .inactive: return .muted
            }
        }
    }

    /// The marks of every line `findings` name, keyed `firewall|list|line`.
    internal static func marks(_ findings: [Finding]) -> [String: [Mark]] {
        var marks: [String: [Mark]] = [:]
        for finding in findings {
            let mark: Mark
            switch finding.code {
            case .shadowedACE: mark = .shadowed
            case .staleACE: mark = .stale
            case .unusedACE: mark = .unused
            default: continue
            }
            var firewall: String?
            var list: String?
            var line: String?
            for object in finding.objects {
                if object.hasPrefix("firewall/") { firewall = String(object.dropFirst(9)) }
                if object.hasPrefix("access-list/") { list = String(object.dropFirst(12)) }
                if object.hasPrefix("line/") { line = String(object.dropFirst(5)) }
            }
            guard let firewall, let list, let line else { continue }
            let key = "\(firewall)|\(list)|\(line)"
            if marks[key]?.contains(mark) != true { marks[key, default: []].append(mark) }
        }
        return marks
    }

    /// The entry text without `access-list NAME [extended]`.
    internal static func shortText(_ text: String, accessList: String) -> String {
        var rest = Substring(text)
        for word in ["access-list", accessList, "extended", "advanced"] {
            let trimmed = rest.drop(while: { $0 == " " })
            guard trimmed.hasPrefix(word + " ") else { continue }
            rest = trimmed.dropFirst(word.count + 1)
        }
        return String(rest.drop(while: { $0 == " " }))
    }

    /// `payments, checkout +3` for a list of names that may be long.
    internal static func names(_ names: [String], limit: Int = 3) -> String {
        guard names.count > limit else { return names.joined(separator: ", ") }
        return names.prefix(limit).joined(separator: ", ") + " +\(names.count - limit)"
    }

    /// Gateways as sets by namespace: `dlp-service-egw ×2, corp-mainframe-egw/gw-1`.
    internal static func gatewaySets(_ gateways: [String]) -> [String] {
        var byNamespace: [String: [String]] = [:]
        for gateway in gateways {
            let namespace = gateway.split(separator: "/", maxSplits: 1).first.map(String.init) ?? gateway
            byNamespace[namespace, default: []].append(gateway)
        }
        return byNamespace.keys.sorted().map { namespace in
            let members = byNamespace[namespace] ?? []
            return members.count == 1 ? members[0] : "\(namespace) ×\(members.count)"
        }
    }

    /// Builds the table from `simulation`'s reverse index and findings.
    internal static func model(_ simulation: Simulation) -> TableModel {
        let index = simulation.rulesIndex()
        let marks = marks(simulation.findings())
        var rows: [TableRow] = []
        var groups: [TableGroup] = []
        var groupIndex: [String: Int] = [:]
        var perGroup: [String: (entries: Int, classes: Set<Int>)] = [:]
        for entry in index.entries {
            let key = entry.firewall + "\u{1}" + entry.accessList
            var counts = perGroup[key] ?? (0, [])
            counts.entries += 1
            counts.classes.formUnion(entry.decides.map(\.classIndex))
            perGroup[key] = counts
        }
        rows.reserveCapacity(index.entries.count)
        for (position, entry) in index.entries.enumerated() {
            let key = entry.firewall + "\u{1}" + entry.accessList
            let group: Int
            if let known = groupIndex[key] {
                group = known
            } else {
                group = groups.count
                groupIndex[key] = group
                let counts = perGroup[key] ?? (0, [])
                groups.append(TableGroup(
                    title: "\(entry.firewall) / access-list \(entry.accessList) (in on \(entry.interface))",
                    detail: "\(Formatting.count(counts.entries, "ACE")), \(counts.classes.count) traffic "
                        + "class\(counts.classes.count == 1 ? "" : "es") decided"))
            }
            var lineMarks = marks["\(entry.firewall)|\(entry.accessList)|\(entry.line)"] ?? []
            if !entry.isActive { lineMarks.append(.inactive) }
            let namespaces = index.namespaces(of: entry)
            let gateways = index.gateways(of: entry)
            let sources = Array(Set(entry.decides.map { index.classes[$0.classIndex].source.description })).sorted()
            let destinations = Array(Set(entry.decides.map { index.classes[$0.classIndex].destination.description })).sorted()
            let partOnly = !entry.decides.isEmpty && !entry.decides.contains(where: \.whole)
            let workloads = namespaces.isEmpty ? (entry.isActive ? "none" : "-")
                : names(namespaces) + (partOnly ? " (part)" : "")
            let actionRole: ThemeRole = entry.action.permits ? .phaseAllow : .phaseDeny
            rows.append(TableRow(
                key: "\(entry.firewall)|\(entry.accessList)|\(entry.line)",
                cells: [.number(Double(entry.line), String(entry.line), role: .muted),
                        TableCell(entry.action.rawValue, role: actionRole, sortKey: .text(entry.action.rawValue)),
                        entry.hits.map { .number(Double($0), String($0), role: $0 == 0 ? .muted : .text) }
                            ?? TableCell("-", role: .muted, sortKey: .number(-1)),
                        TableCell(lineMarks.map(\.rawValue).joined(separator: ","), role: lineMarks.first?.role ?? .text,
                                  sortKey: .text(lineMarks.map(\.rawValue).joined(separator: ","))),
                        TableCell(workloads, role: namespaces.isEmpty ? .muted : .text,
                                  sortKey: .number(Double(namespaces.count))),
                        TableCell(gateways.isEmpty ? (namespaces.isEmpty ? "-" : "direct") : names(gatewaySets(gateways), limit: 2),
                                  role: gateways.isEmpty ? .muted : .text, sortKey: .text(gateways.first ?? "")),
                        .text(shortText(entry.text, accessList: entry.accessList))],
                group: group,
                target: .accessControlEntry(RuleEntryReference(firewall: entry.firewall, accessList: entry.accessList,
                                                               line: entry.line, index: position, simulation: simulation)),
                extraSearch: namespaces + gateways + sources + destinations + [entry.text]))
        }
        return TableModel(columns: columns, rows: rows, groups: groups,
                          emptyText: "No access list applies on a placed firewall (gatewatch.yaml firewalls: and firewall/NAME.cfg).")
    }
}
