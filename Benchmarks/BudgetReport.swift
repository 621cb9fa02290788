/// Collects the figures and budget verdicts a benchmark run prints.
///
/// Each budget line reads `PASS` or `FAIL`, the figure, and the budget it was held to; the run's
/// exit code is non-zero when any budget failed.
struct BudgetReport {
    private(set) var failures: [String] = []
    private(set) var passes = 0

    /// Prints a section heading.
    func section(_ title: String) {
        print("\n== \(title)")
    }

    /// Prints a figure that has no budget.
    func figure(_ name: String, _ value: String) {
        print("      \(pad(name)) \(value)")
    }

    /// Prints an informational line that is neither a figure nor a budget (skips, notes).
    func note(_ text: String) {
        print("      \(text)")
    }

    /// Prints a budget verdict: `figure` is the measured value in words, `budget` the limit.
    mutating func budget(_ name: String, _ figure: String, budget: String, passed: Bool) {
        print("\(passed ? "PASS" : "FAIL")  \(pad(name)) \(figure)  (budget \(budget))")
        if passed { passes += 1 } else { failures.append(name) }
    }

    /// Prints a measured value against a distant target that is tracked but not enforced.
    func target(_ name: String, _ figure: String, target: String, reached: Bool) {
        print("\(reached ? "MET " : "TODO")  \(pad(name)) \(figure)  (long-run target \(target))")
    }

    private func pad(_ name: String) -> String {
        name.count >= 44 ? name : name + String(repeating: " ", count: 44 - name.count)
    }
}

/// Number formatting without Foundation's locale machinery.
enum Format {
    /// `1234567.8` → `"1.23 M"` style, with the unit appended.
    static func millions(_ value: Double, _ unit: String) -> String {
        "\(fixed(value / 1e6, 2)) M\(unit)"
    }

    /// Seconds as milliseconds.
    static func milliseconds(_ seconds: Double) -> String {
        "\(fixed(seconds * 1e3, 1)) ms"
    }

    /// Bytes as MiB.
    static func mebibytes(_ bytes: Int) -> String {
        "\(fixed(Double(bytes) / 1_048_576, 2)) MiB"
    }

    /// A decimal with `digits` fraction digits.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = "\(rounded)"
        if let dot = text.firstIndex(of: ".") {
            let decimals = text.distance(from: dot, to: text.endIndex) - 1
            if decimals < digits { text += String(repeating: "0", count: digits - decimals) }
        } else if digits > 0 {
            text += "." + String(repeating: "0", count: digits)
        }
        return text
    }

    /// An integer with thousands separators.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { result.append(",") }
            result.append(c)
        }
        return value < 0 ? "-" + result : result
    }
}

/// Wall-clock timing.
enum Stopwatch {
    /// Runs `body` and returns its result with the seconds it took.
    ///
    /// Not optimized, so `body` stays an opaque call between the two clock reads: otherwise the
    /// optimizer may move pure work out of the timed region.
    @inline(never) @_optimize(none)
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        let (seconds, attoseconds) = elapsed.components
        return (result, Double(seconds) + Double(attoseconds) / 1e18)
    }
}
