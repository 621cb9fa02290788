@testable import Console
import Foundation
import Testing

/// Theme files: parsing, every role named, the built-in copies, fallback with file and line.
@Suite("Themes")
struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    static func temporaryFile(_ text: String, name: String = "theme") throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gw-\(name)-\(UUID().uuidString).yaml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("every shipped theme names every role and parses", arguments: ThemeCatalog.builtinNames)
    func shippedThemeNamesEveryRole(name: String) throws {
        let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        for role in ThemeRole.allCases {
            #expect(text.contains("\n  \(role.name):"), "themes/\(name).yaml lacks role \(role.name)")
        }
        let theme = try ThemeParser.parse(text, file: "\(name).yaml").get()
        #expect(theme.name == name)
    }

    @Test("the binary's built-in themes are the files in themes/", arguments: BuiltinThemes.all.map(\.name))
    func builtinCopiesMatchFiles(name: String) throws {
        let text = try String(contentsOf: Self.themesDirectory.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        #expect(BuiltinThemes.all.first { $0.name == name }?.text == text,
                "Sources/Console/Theme/BuiltinThemes.swift is out of date with themes/\(name).yaml")
    }

    @Test func defaultThemeColours() {
        let theme = Theme.default
        #expect(theme.name == "default")
        #expect(theme[.header].background == .index(24))
        #expect(theme[.gaugeCritical].foreground == .index(196))
        #expect(theme[.selection].monochrome == .reverse)
    }

    @Test func colourSyntax() {
        #expect(ThemeColor(parsing: "default") == .terminalDefault)
        #expect(ThemeColor(parsing: "bright-blue") == .index(12))
        #expect(ThemeColor(parsing: "grey") == .index(8))
        #expect(ThemeColor(parsing: "231") == .index(231))
        #expect(ThemeColor(parsing: "#ff0000") == .index(196))
        #expect(ThemeColor(parsing: "256") == nil)
        #expect(ThemeColor(parsing: "purple-ish") == nil)
    }

    @Test func coloursDegradeTo16And8() {
        #expect(ThemeColor.index(196).terminalNumber(colors: 256) == 196)
        #expect(ThemeColor.index(196).terminalNumber(colors: 16) == 9)
        #expect(ThemeColor.index(196).terminalNumber(colors: 8) == 1)
        #expect(ThemeColor.index(12).terminalNumber(colors: 8) == 4)
        #expect(ThemeColor.terminalDefault.terminalNumber(colors: 256) == -1)
    }

    @Test func partialThemeKeepsTheDefaultForUnnamedRoles() throws {
        let theme = try ThemeParser.parse("name: mine\nroles:\n  header: { fg: red, bg: black, underline: true }\n",
                                          file: "mine.yaml", base: .default).get()
        #expect(theme[.header] == ThemeStyle(foreground: .index(1), background: .index(0), attributes: .underline,
                                             monochrome: .reverse))
        #expect(theme[.selection] == Theme.default[.selection])
    }

    @Test("malformed themes are reported with file and line", arguments: [
        ("name: x\nroles:\n  header: { fg: purple-ish }\n", 3, "'purple-ish' is not a colour"),
        ("name: x\nroles:\n  headr: { fg: red }\n", 3, "unknown role 'headr'"),
        ("name: x\nroles:\n  header: { fg: red, blink: true }\n", 3, "unknown key 'blink'"),
        ("name: x\nroles:\n  header: { bold: maybe }\n", 3, "'bold' must be true or false"),
        ("name: x\nroles:\n  header: { mono: [sparkly] }\n", 3, "unknown attribute 'sparkly'"),
        ("name: x\nroles:\n  header: [red]\n", 3, "must be a mapping"),
        ("name: x\ncolours: {}\n", 2, "unknown key 'colours'"),
        ("name: x\nroles:\n  header: { fg: red\n  footer: {}\n", 4, "not valid YAML"),
        ("name: x\n", 1, "missing `roles`"),
    ])
    func malformedTheme(text: String, line: Int, message: String) {
        switch ThemeParser.parse(text, file: "bad.yaml") {
        case .success:
            Issue.record("expected an error")
        case .failure(let error):
            #expect(error.file == "bad.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("bad.yaml:\(line): "))
        }
    }

    @Test func catalogResolvesNamesFilesAndFallsBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gw-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "name: ocean\nroles:\n  header: { fg: white, bg: 18 }\n"
            .write(to: directory.appendingPathComponent("ocean.yaml"), atomically: true, encoding: .utf8)
        let catalog = ThemeCatalog(searchDirectories: [directory.path])
        #expect(catalog.availableNames() == ["default", "light", "high-contrast", "monochrome", "ocean"])
        #expect(catalog.resolve(nil).theme == .default)
        #expect(catalog.resolve("light").theme.name == "light")
        #expect(catalog.resolve("ocean").theme[.header].background == .index(18))
        let file = try Self.temporaryFile("name: filed\nroles:\n  text: { fg: green }\n")
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(catalog.resolve(file).theme.name == "filed")
        let unknown = catalog.resolve("nope")
        #expect(unknown.theme == .default)
        #expect(unknown.problem?.description == "nope: no such theme; available: default, light, high-contrast, monochrome, ocean")
        let missing = catalog.resolve("/no/such/theme.yaml")
        #expect(missing.problem?.description == "/no/such/theme.yaml: cannot read the theme file")
    }

    @Test func environmentGivesTheSearchDirectories() {
        let catalog = ThemeCatalog.fromEnvironment(["GATEWATCH_THEME_DIR": "/a:/b", "HOME": "/home/sre"])
        #expect(catalog.searchDirectories == ["/a", "/b", "/home/sre/.config/gatewatch/themes"])
        #expect(ThemeCatalog.fromEnvironment(["XDG_CONFIG_HOME": "/x"]).searchDirectories == ["/x/gatewatch/themes"])
    }

    @Test func themeCommandSwitchesAndAMalformedFileFallsBackWithAMessage() throws {
        var console = Fixtures.console()
        console.type(":theme high-contrast\n")
        #expect(console.theme.name == "high-contrast")
        #expect(console.message == "theme high-contrast")
        let bad = try Self.temporaryFile("name: bad\nroles:\n  text: { fg: nope }\n", name: "bad")
        defer { try? FileManager.default.removeItem(atPath: bad) }
        console.type(":theme \(bad)\n")
        #expect(console.theme == .default)
        #expect(console.message == "\(bad):3: role 'text': 'nope' is not a colour; expected default, a name "
                + "(black, red, …, bright-white), 0-255 or #rrggbb; using the default theme")
        console.type(":theme\n")
        #expect(console.message?.hasPrefix("theme default; available: default, light, high-contrast, monochrome") == true)
    }

    @Test func startupThemeProblemIsShownInTheFooter() {
        let console = Fixtures.console(theme: "no-such-theme")
        #expect(console.theme == .default)
        #expect(console.render().line(23).contains("no-such-theme: no such theme"))
    }
}
