import Firewall

/// `unused-ace`: the active permit entries of one applied access list that the firewall's
/// `show access-list` capture counts 0 hits for. Needs a capture; entries another finding already
/// names (`shadowed-ace`, `stale-ace`) are left to it.
struct UnusedEntryAudit {
    let list: ExpandedAccessList
    let firewall: String
    let counts: FirewallHitCounts?

    /// The findings, skipping the lines `reported` already names.
    func findings(excluding reported: [Finding]) -> [Finding] {
        guard let counts else { return [] }
        let prefix = ["firewall/\(firewall)", "access-list/\(list.name)"]
        let named = Set(reported.filter { Array($0.objects.prefix(2)) == prefix }.compactMap(\.objects.last))
        var findings: [Finding] = []
        for entry in list.entries where entry.isActive && entry.entry.action.permits {
            let line = "line/\(entry.lineNumber)"
            guard !named.contains(line), counts.hits(accessList: list.name, line: entry.lineNumber) == 0 else { continue }
            findings.append(Finding(.info, .unusedACE,
                "firewall \(firewall): access-list \(list.name) line \(entry.lineNumber) is a permit with "
                    + counts.evidence(hits: 0),
                objects: prefix + [line]))
        }
        return findings
    }
}
