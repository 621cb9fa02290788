import Console
import Foundation
import Inventory
import Testing

/// Shared fixtures: the demo Snapshot, loaded once.
enum Fixtures {
    static let demo: Snapshot = DemoBundle.load().snapshot

    /// An off-screen console on the demo at `width`×`height`.
    static func console(width: Int = 80, height: Int = 24, theme: String? = nil, asciiOnly: Bool = false,
                        history: [String: [Double]] = [:], status: SourceHealth = .ok,
                        themeDirectories: [String] = []) -> OffscreenConsole {
        OffscreenConsole(snapshot: demo, width: width, height: height, theme: theme, asciiOnly: asciiOnly,
                         utilizationHistory: history, status: status, themeDirectories: themeDirectories)
    }
}

/// Golden files under `Tests/ConsoleTests/Golden/`, found from this file's path. Set
/// `GATEWATCH_UPDATE_GOLDEN=1` to rewrite them.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static var updating: Bool { ProcessInfo.processInfo.environment["GATEWATCH_UPDATE_GOLDEN"] == "1" }

    /// Compares `text` with the golden file `name`.txt.
    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = text + "\n"
        if updating {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(name).txt; run with GATEWATCH_UPDATE_GOLDEN=1 to record it",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            var firstDifference = 0
            while firstDifference < min(expectedLines.count, actualLines.count)
                && expectedLines[firstDifference] == actualLines[firstDifference] {
                firstDifference += 1
            }
            let wanted = firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end>"
            let got = firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end>"
            Issue.record("""
                golden \(name).txt differs at line \(firstDifference + 1):
                expected: \(wanted)
                actual:   \(got)
                (GATEWATCH_UPDATE_GOLDEN=1 rewrites goldens)
                """, sourceLocation: sourceLocation)
        }
    }
}
