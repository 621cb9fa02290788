import Foundation
import Testing

/// Data never drives the terminal: escape sequences and bidi overrides in names, labels and
/// arguments reach stdout and stderr as visible escapes.
@Suite struct TerminalEscapeTests {
    static let escape = "\u{1B}]0;pwned\u{07}"
    static let bidi = "\u{202E}"

    private func assertNeutral(_ text: String) {
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(text.debugDescription)")
    }

    @Test func namesFromABundleAreShownEscaped() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-escape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("cluster"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pod = """
        {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "evil\\u001b]0;pwned\\u0007", "namespace": "ns\\u202ex",
         "labels": {"app": "x"}}, "spec": {}, "status": {"podIP": "10.0.0.9"}}
        """
        try Data(pod.utf8).write(to: directory.appendingPathComponent("cluster/pod.json"))
        let result = try CommandRunner.run("select", "app == 'x'", "--from", directory.path)
        #expect(result.exitCode == 0, "\(result.stderr)")
        assertNeutral(result.stdout)
        #expect(result.stdout.contains("ns\\u{202E}x/evil\\x1B]0;pwned\\x07"))
        let json = try CommandRunner.run("select", "app == 'x'", "--from", directory.path, "-o", "json")
        assertNeutral(json.stdout)
        #expect(try CommandRunner.json(json.stdout) as? [String] == ["ns\u{202E}x/evil\u{1B}]0;pwned\u{07}"])
    }

    @Test func errorsEchoingArgumentsAreEscaped() throws {
        let result = try CommandRunner.run("trace", "--demo", "--pod", "a\(Self.escape)/b", "--dst", "10.0.0.1")
        #expect(result.exitCode == 2)
        assertNeutral(result.stderr)
        #expect(result.stderr.contains("a\\x1B]0;pwned\\x07/b"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
