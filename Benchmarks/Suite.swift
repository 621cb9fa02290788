/// One named group of benchmarks, run by `gatewatch-bench NAME` or, with no name, with all others.
struct BenchmarkSuite: Sendable {
    /// The name given on the command line (`lpm`, `firewall`, ...).
    let name: String
    /// One line saying what the suite measures, for the usage text.
    let summary: String
    /// Runs the suite, printing figures and budget lines into `report`.
    let run: @Sendable (_ options: BenchmarkOptions, _ report: inout BudgetReport) throws -> Void
}

/// Options shared by every suite.
struct BenchmarkOptions: Sendable {
    /// `--data PATH`: the full-table file, when not at its usual place.
    var dataPath: String?
}

/// Every suite `gatewatch-bench` knows, in the order "all suites" runs them. Add new suites here.
enum BenchmarkRegistry {
    static let suites: [BenchmarkSuite] = [
        LPMBenchmark.suite,
        BenchmarkSuite(name: "firewall", summary: "ACL classification of 1,000,000 packets vs the linear reference",
                       run: { _, report in
                           let passed = FirewallBenchmark.run()
                           report.budget("firewall: every budget above", passed ? "met" : "missed", budget: "all met",
                                         passed: passed)
                       }),
        SimulatorBenchmark.suite,
        ConsoleBenchmark.suite,
        LiveBenchmark.suite,
        KubeBenchmark.suite,
        EC2Benchmark.suite,
        HistoryBenchmark.suite,
        TrafficBenchmark.suite,
        RulesBenchmark.suite,
    ]

    static func suite(named name: String) -> BenchmarkSuite? {
        suites.first { $0.name == name }
    }
}
