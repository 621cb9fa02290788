#if canImport(Glibc)
import Glibc
#endif
import Console
import Inventory
import Simulator

/// The console off-screen: first frame for the demo and for a large synthetic cluster, full-frame
/// re-render at 160×48, and a filter keystroke with its redraw; resident memory.
enum ConsoleBenchmark {
    static let suite = BenchmarkSuite(
        name: "console",
        summary: "first frame, 160×48 re-render, filter keystroke, memory (demo and 10,000 gateways / 100,000 pods)",
        run: { _, report in run(&report) })

    static func run(_ report: inout BudgetReport) {
        let clock = ContinuousClock()
        report.section("console: demo bundle")
        var demoFrame = CellGrid(width: 160, height: 48)
        let demoFirst = clock.measure {
            let console = OffscreenConsole(snapshot: DemoBundle.load().snapshot, width: 160, height: 48)
            console.render(into: &demoFrame)
        }
        report.budget("demo: load + first frame", Format.milliseconds(demoFirst.seconds), budget: "≤ 200 ms",
                      passed: demoFirst.seconds <= 0.2)

        report.section("console: 10,000 gateways and 100,000 pods")
        var cluster = SyntheticCluster(appNamespaces: 2_000, podsPerNamespace: 50, policies: 50, rulesPerPolicy: 40,
                                       gatewayNamespaces: 1_000, gatewaysPerNamespace: 10, nodes: 300)
        var snapshot: Snapshot?
        let build = clock.measure { snapshot = cluster.snapshot() }
        guard let snapshot else { return }
        report.figure("snapshot build (not the console's)", Format.milliseconds(build.seconds))
        var console: OffscreenConsole?
        var grid = CellGrid(width: 160, height: 48)
        let first = clock.measure {
            let created = OffscreenConsole(snapshot: snapshot, width: 160, height: 48)
            created.render(into: &grid)
            console = created
        }
        report.figure("synthetic: console model + first frame", Format.milliseconds(first.seconds))
        let start = build.seconds + first.seconds
        report.budget("synthetic: snapshot build + first frame", Format.milliseconds(start), budget: "≤ 1 s",
                      passed: start <= 1)
        guard var console else { return }
        let frames = 200
        let rerender = clock.measure {
            for _ in 0..<frames { console.render(into: &grid) }
        }
        let perFrame = rerender.seconds / Double(frames)
        report.budget("full 160×48 re-render", Format.milliseconds(perFrame), budget: "≤ 5 ms", passed: perFrame <= 0.005)
        _ = console.send(.character("/"))
        var slowest = 0.0
        for character in "egw-42" {
            let keystroke = clock.measure {
                _ = console.send(.character(character))
                console.render(into: &grid)
            }
            slowest = max(slowest, keystroke.seconds)
        }
        report.budget("filter keystroke → redraw (slowest of 6)", Format.milliseconds(slowest), budget: "≤ 20 ms",
                      passed: slowest <= 0.02)

        report.figure("peak resident memory of this process so far (every suite run before included)",
                      "\(Format.fixed(residentMebibytes(), 1)) MiB")
        switch ConsoleMemoryProbe.measure() {
        case .success(let resident):
            report.budget("peak resident memory, the console's own process (100,000 pods, first frame, re-render, filter)",
                          "\(Format.fixed(resident, 1)) MiB", budget: "≤ 150 MB", passed: resident * 1_048_576 <= 150_000_000)
        case .failure(let error):
            report.budget("peak resident memory, the console's own process", "probe failed: \(error)", budget: "≤ 150 MB",
                          passed: false)
        }

        // A new Snapshot arriving: the producer (Live, off the UI thread) prepares its Simulation;
        // the UI thread only swaps the content in and draws. Before, the UI thread prepared the
        // simulator itself on the first trace, whois or Findings of every Snapshot.
        let next = cluster.snapshot()
        var simulation: Simulation?
        let prepare = clock.measure {
            let made = Simulation(snapshot: next)
            made.prepare()
            simulation = made
        }
        report.figure("off the UI thread: Simulation prepared by the producer", Format.milliseconds(prepare.seconds))
        let take = clock.measure {
            console.publish(ConsoleContent(snapshot: next, simulation: simulation, generation: 2))
            console.render(into: &grid)
        }
        report.figure("UI thread: take a new Snapshot (model + frame), was + the preparation above",
                      Format.milliseconds(take.seconds))
        report.figure("UI-thread time saved per Snapshot with a trace or Findings shown",
                      Format.milliseconds(prepare.seconds))
    }

    /// Peak resident set size of the process so far.
    static func residentMebibytes() -> Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }
}
