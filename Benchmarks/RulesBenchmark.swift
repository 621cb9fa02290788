import Inventory
import TestSupport
import LPM
import Simulator

/// The Rules view's reverse index (`Simulation.rulesIndex()`): every access-control entry and the
/// traffic classes it decides, for 10,000 pods (200 namespaces, 50 policies × 40 rules, 300
/// gateways) behind a firewall with 5,000 entries. Budget: ≤ 200 ms to build, off the UI thread.
enum RulesBenchmark {
    static let suite = BenchmarkSuite(
        name: "rules",
        summary: "the Rules view's reverse index: 10,000 pods × 5,000 ACEs",
        run: { _, report in run(&report) })

    static let entryCount = 5_000
    static let budgetSeconds = 0.200

    static func run(_ report: inout BudgetReport) {
        report.section("rules: reverse index, 10,000 pods × 5,000 ACEs, 300 gateways")
        var cluster = SyntheticCluster()
        _ = cluster.snapshot()  // fills ruleDestinations
        let config = firewallConfig(destinations: cluster.ruleDestinations, gatewayNamespaces: cluster.gatewayNamespaces,
                                    gatewaysPerNamespace: cluster.gatewaysPerNamespace)
        let snapshot = cluster.snapshot(firewallConfig: config)
        let clock = ContinuousClock()
        var timings: [Double] = []
        var index: RulesIndex?
        for _ in 0..<3 {
            // A fresh Simulation each time: the index is cached per Simulation.
            let simulation = Simulation(snapshot: snapshot)
            simulation.prepare()
            let elapsed = clock.measure { index = simulation.rulesIndex() }
            timings.append(elapsed.seconds)
        }
        guard let index else { return }
        let decided = index.entries.filter { !$0.decides.isEmpty }.count
        let links = index.entries.reduce(0) { $0 + $1.decides.count }
        report.figure("entries / entries deciding some class", "\(Format.count(index.entries.count)) / \(Format.count(decided))")
        report.figure("traffic classes / entry-class links", "\(Format.count(index.classes.count)) / \(Format.count(links))")
        report.figure("trace decisions made", Format.count(index.decisionCount))
        let best = timings.min() ?? 0
        let median = timings.sorted()[timings.count / 2]
        report.figure("build times (3 runs)", timings.map { Format.milliseconds($0) }.joined(separator: ", "))
        report.budget("rules: reverse index build (median of 3)", Format.milliseconds(median),
                      budget: "≤ \(Format.milliseconds(budgetSeconds))", passed: median <= budgetSeconds && best > 0
                          && index.entries.count > entryCount && decided > 0)
    }

    /// A firewall config with `entryCount` entries (plus the final deny): permits and some denies
    /// from gateway hosts, gateway subnets and the node subnet to the rules' destinations, on
    /// HTTPS, other ports or any protocol.
    static func firewallConfig(destinations: [IPPrefix], gatewayNamespaces: Int, gatewaysPerNamespace: Int) -> String {
        var lines = ["interface GigabitEthernet0/1", " nameif inside", " security-level 100", "!"]
        var rng = SplitMix64(seed: 7)
        for index in 0..<entryCount {
            let destination = destinations[Int(rng.next() % UInt64(destinations.count))]
            let g = Int(rng.next() % UInt64(gatewayNamespaces))
            let source: String
            switch index % 3 {
            case 0: source = "host 10.\(64 + g / 256).\(g % 256).\(10 + Int(rng.next() % UInt64(gatewaysPerNamespace)))"
            case 1: source = "10.\(64 + g / 256).\(g % 256).0 255.255.255.0"
            default: source = "10.0.0.0 255.255.192.0"
            }
            let action = rng.next() % 10 == 0 ? "deny" : "permit"
            let target = "\(destination.address) \(mask(destination.length))"
            switch rng.next() % 4 {
            case 0: lines.append("access-list inside_in extended \(action) ip \(source) \(target)")
            case 1: lines.append("access-list inside_in extended \(action) tcp \(source) \(target) eq \(1024 + Int(rng.next() % 4000))")
            default: lines.append("access-list inside_in extended \(action) tcp \(source) \(target) eq https")
            }
        }
        lines.append("access-list inside_in extended deny ip any4 any4")
        lines.append("access-group inside_in in interface inside")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func mask(_ length: Int) -> String {
        let value: UInt32 = length == 0 ? 0 : UInt32.max << UInt32(32 - length)
        return IPv4Address(value).description
    }
}
