import Console
import Foundation
import Testing

/// The console settings file (`$XDG_CONFIG_HOME/gatewatch/config.yaml`) and the theme precedence.
@Suite("Console settings file")
struct ConsoleConfigFileTests {
    @Test func defaultPathFollowsXDGThenHome() {
        #expect(ConsoleConfigFile.defaultPath(environment: ["XDG_CONFIG_HOME": "/x", "HOME": "/h"])
                == "/x/gatewatch/config.yaml")
        #expect(ConsoleConfigFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.config/gatewatch/config.yaml")
        #expect(ConsoleConfigFile.defaultPath(environment: [:]) == nil)
    }

    @Test func themeKeyIsReadAndRelativeFilesResolveNextToTheFile() throws {
        let named = try ConsoleConfigFile.parse("theme: light\n", path: "/c/config.yaml").get()
        #expect(named.theme == "light")
        let file = try ConsoleConfigFile.parse("theme: mine.yaml\nother: 1\n", path: "/c/config.yaml").get()
        #expect(file.theme == "/c/mine.yaml")
        let none = try ConsoleConfigFile.parse("other: 1\n", path: "/c/config.yaml").get()
        #expect(none.theme == nil)
    }

    @Test func malformedFilesNameTheFileAndLine() {
        guard case .failure(let problem) = ConsoleConfigFile.parse("x: 1\ntheme: [a\n", path: "/c/config.yaml") else {
            Issue.record("expected a failure")
            return
        }
        #expect(problem.file == "/c/config.yaml")
        #expect(problem.line != nil)
        guard case .failure(let notScalar) = ConsoleConfigFile.parse("\n\ntheme: {a: 1}\n", path: "/c/config.yaml") else {
            Issue.record("expected a failure")
            return
        }
        #expect(notScalar.description == "/c/config.yaml:3: `theme` must be a theme name or a theme file")
    }

    @Test func precedenceIsOptionThenEnvironmentThenFileThenDefault() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gw-config-\(getpid())")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("gatewatch"),
                                                withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "theme: high-contrast\n".write(to: directory.appendingPathComponent("gatewatch/config.yaml"), atomically: true,
                                           encoding: .utf8)
        let environment = ["XDG_CONFIG_HOME": directory.path]
        #expect(ThemeSelection.spec(option: "light", environment: environment + ["GATEWATCH_THEME": "monochrome"]).spec
                == "light")
        #expect(ThemeSelection.spec(option: nil, environment: environment + ["GATEWATCH_THEME": "monochrome"]).spec
                == "monochrome")
        #expect(ThemeSelection.spec(option: nil, environment: environment).spec == "high-contrast")
        #expect(ThemeSelection.spec(option: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent"]).spec == nil)
        #expect(ThemeSelection.spec(option: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent"]).problem == nil)
    }
}

private func + (lhs: [String: String], rhs: [String: String]) -> [String: String] {
    lhs.merging(rhs) { _, new in new }
}

/// Theme and settings problems are located, one line, and bounded (issue #18 item 7).
@Suite("Console YAML errors")
struct ConsoleYAMLErrorTests {
    private static func aliasFlood() -> String {
        var text = "a0: &a0 [x, x]\n"
        for level in 1...9 { text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n" }
        return text + "theme: *a9\n"
    }

    @Test func settingsAliasFloodIsRefusedQuickly() throws {
        let started = Date()
        guard case .failure(let problem) = ConsoleConfigFile.parse(Self.aliasFlood(), path: "/c/config.yaml") else {
            Issue.record("expected a failure")
            return
        }
        #expect(problem.description.hasPrefix("/c/config.yaml:"))
        #expect(problem.description.contains("aliases expand"))
        #expect(Date().timeIntervalSince(started) < 2)
    }

    @Test func themeDuplicateKeyAndControlCharacterAreLocated() throws {
        guard case .failure(let duplicate) = ThemeParser.parse("name: a\nroles: {}\nname: b\n", file: "t.yaml") else {
            Issue.record("expected a failure")
            return
        }
        #expect(duplicate.line != nil && duplicate.description.contains("duplicate key 'name'"))
        guard case .failure(let control) = ThemeParser.parse("name: a\u{1b}]0;x\u{7}\nroles: {}\n", file: "t.yaml") else {
            Issue.record("expected a failure")
            return
        }
        #expect(control.line == 1 && control.description.contains("U+001B"))
        for text in [duplicate.description, control.description] {
            #expect(!text.contains("\n") && !text.contains("\u{1b}"))
        }
    }

    /// Fuzz finding (theme-settings): a colour value with a line break was quoted raw across lines.
    @Test func quotedValuesStayOnOneLine() {
        guard case .failure(let problem) = ThemeParser.parse("name: x\nroles:\n  header: { fg: \"bright-whi\\nte\" }\n",
                                                           file: "t.yaml") else {
            Issue.record("expected a failure")
            return
        }
        #expect(!problem.description.contains("\n"))
    }
}
