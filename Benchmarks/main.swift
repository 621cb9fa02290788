// gatewatch-bench [SUITE...] [--data PATH]
//
// Runs the named benchmark suites (all of them when none is named), prints figures and budget
// lines, and exits non-zero when any budget fails.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The console's memory probe runs in a process of its own (`ConsoleMemoryProbe`).
if CommandLine.arguments.dropFirst().first == ConsoleMemoryProbe.argument { ConsoleMemoryProbe.runInChild() }

var options = BenchmarkOptions()
var names: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--data":
        guard let path = arguments.popFirst() else {
            print("gatewatch-bench: --data needs a path")
            exit(2)
        }
        options.dataPath = path
    case "-h", "--help":
        print("usage: gatewatch-bench [SUITE...] [--data PATH]\nsuites:")
        for suite in BenchmarkRegistry.suites { print("  \(suite.name)  \(suite.summary)") }
        exit(0)
    default:
        names.append(argument)
    }
}

var selected: [BenchmarkSuite] = []
for name in names {
    guard let suite = BenchmarkRegistry.suite(named: name) else {
        print("gatewatch-bench: unknown suite '\(name)'; known: "
            + BenchmarkRegistry.suites.map(\.name).joined(separator: ", "))
        exit(2)
    }
    selected.append(suite)
}
if selected.isEmpty { selected = BenchmarkRegistry.suites }

var report = BudgetReport()
for suite in selected {
    do {
        try suite.run(options, &report)
    } catch {
        report.budget("\(suite.name): ran to completion", "error: \(error)", budget: "no error", passed: false)
    }
}
print("\n\(report.passes) budgets passed, \(report.failures.count) failed"
    + (report.failures.isEmpty ? "" : ": " + report.failures.joined(separator: "; ")))
exit(report.failures.isEmpty ? 0 : 1)
