import Firewall
import Inventory

/// `firewall-config` warnings about a placed firewall's `show access-list` capture: lines that do
/// not parse, and lines that do not match the running-config beside it (another config version).
/// Hit counts are used only where lines match, so a mismatch means silence, not wrong numbers;
/// these warnings say why. Access-list types Gatewatch does not model (`standard`) are not reported.
struct CaptureMismatchAudit {
    let context: SimulationContext
    let firewalls: FirewallSet

    func findings() -> [Finding] {
        var findings: [Finding] = []
        var audited = Set<String>()
        for placement in context.snapshot.config.firewalls where !audited.contains(placement.config) {
            audited.insert(placement.config)
            guard let counts = firewalls.hitCounts[placement.config] else { continue }
            let path = FirewallConfigFile(path: placement.config, text: "").accessListPath
            let objects = ["firewall/\(placement.name)", "file/\(path)"]
            for diagnostic in counts.counts.diagnostics where diagnostic.severity == .error {
                findings.append(Finding(.warning, .firewallConfig,
                    "firewall \(placement.name): \(counts.counts.located(diagnostic))", objects: objects))
            }
            let mismatched = counts.join.mismatches.filter {
                if case .notModelled = $0.problem { return false }
                return true
            }
            guard let first = mismatched.first else { continue }
            let line = first.lineNumber.map { " line \($0)" } ?? ""
            findings.append(Finding(.warning, .firewallConfig,
                "firewall \(placement.name): \(path) does not match \(placement.config) at \(mismatched.count) "
                    + "line\(mismatched.count == 1 ? "" : "s") (first: access-list \(first.accessList)\(line)); "
                    + "hit counts are used only where lines match",
                objects: objects))
        }
        return findings
    }
}
