#if canImport(Glibc)
import Glibc
#endif
import Console
import Foundation
import Inventory

/// The console's peak resident memory at 100,000 pods measured in a process of its own: the
/// benchmark runs itself again as `gatewatch-bench --memory-probe console`, which builds the
/// synthetic cluster, opens the console on it, draws, re-draws and filters as the console suite
/// does, and prints its peak RSS. The figure is then the console's, not what other suites run
/// before it in the same process left behind.
enum ConsoleMemoryProbe {
    /// The argument that makes `gatewatch-bench` run the probe instead of suites.
    static let argument = "--memory-probe"
    /// The line the probe prints: `peak-rss-kib N`.
    static let marker = "peak-rss-kib"

    /// Runs in the child: the console's work at 100,000 pods, then its peak RSS on standard output.
    static func runInChild() -> Never {
        var cluster = SyntheticCluster(appNamespaces: 2_000, podsPerNamespace: 50, policies: 50, rulesPerPolicy: 40,
                                       gatewayNamespaces: 1_000, gatewaysPerNamespace: 10, nodes: 300)
        let snapshot = cluster.snapshot()
        var console = OffscreenConsole(snapshot: snapshot, width: 160, height: 48)
        var grid = CellGrid(width: 160, height: 48)
        console.render(into: &grid)
        for _ in 0..<20 { console.render(into: &grid) }
        for character in "/egw-42" {
            _ = console.send(.character(character))
            console.render(into: &grid)
        }
        print("\(marker) \(peakKibibytes())")
        exit(0)
    }

    /// Runs the probe in a child process; its peak RSS in MiB, or nil (with why) when it failed.
    static func measure() -> Result<Double, ProbeError> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        process.arguments = [argument, "console"]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            return .failure(ProbeError(reason: "could not start: \(error)"))
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0,
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(marker + " ") }),
              let kibibytes = Double(line.dropFirst(marker.count + 1)) else {
            return .failure(ProbeError(reason: "exit \(process.terminationStatus), output '\(text.prefix(200))'"))
        }
        return .success(kibibytes / 1024)
    }

    /// Why the probe gave no figure.
    struct ProbeError: Error, CustomStringConvertible {
        let reason: String
        var description: String { reason }
    }

    /// Peak resident set size of this process, in KiB (Linux reports `ru_maxrss` in kilobytes).
    static func peakKibibytes() -> Int {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Int(usage.ru_maxrss)
    }
}
