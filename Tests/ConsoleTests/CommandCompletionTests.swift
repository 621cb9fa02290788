@testable import Console
import Testing

/// Command mode: candidates as you type, Tab completion and cycling, unknown commands.
@Suite("Command completion")
struct CommandCompletionTests {
    static let context = CommandContext(
        model: ConsoleModel(ModelInputs(snapshot: Fixtures.demo, utilizationHistory: [:], now: 0), generation: 0),
        themeNames: ThemeCatalog.builtinNames)

    @Test func candidatesForCommandNames() {
        #expect(CommandPrompt.candidates(for: "", context: Self.context).starts(with: ["gw", "gateways", "pools"]))
        #expect(CommandPrompt.candidates(for: "p", context: Self.context) == ["pools", "pool", "pol", "policies"])
        #expect(CommandPrompt.candidates(for: "th", context: Self.context) == ["theme"])
        #expect(CommandPrompt.candidates(for: "zz", context: Self.context).isEmpty)
    }

    @Test func candidatesForThemeArguments() {
        #expect(CommandPrompt.candidates(for: "theme ", context: Self.context)
                == ["default", "light", "high-contrast", "monochrome"])
        #expect(CommandPrompt.candidates(for: "theme h", context: Self.context) == ["high-contrast"])
    }

    @Test func tabCompletesAUniqueCommandAndAddsASpaceBeforeItsArgument() {
        var prompt = CommandPrompt()
        for character in "th" { _ = prompt.apply(.character(character)) }
        prompt.complete(context: Self.context)
        #expect(prompt.editor.text == "theme ")
        for character in "mo" { _ = prompt.apply(.character(character)) }
        prompt.complete(context: Self.context)
        #expect(prompt.editor.text == "theme monochrome")
    }

    @Test func tabExtendsToTheCommonPrefixThenCycles() {
        var prompt = CommandPrompt()
        for character in "ga" { _ = prompt.apply(.character(character)) }
        prompt.complete(context: Self.context)
        #expect(prompt.editor.text == "gateways")
        var cycling = CommandPrompt()
        _ = cycling.apply(.character("p"))
        cycling.complete(context: Self.context)
        #expect(cycling.editor.text == "po")
        cycling.complete(context: Self.context)
        #expect(cycling.editor.text == "pools")
        cycling.complete(context: Self.context)
        #expect(cycling.editor.text == "pool")
        #expect(cycling.cycledCandidate(context: Self.context) == "pool")
        cycling.complete(context: Self.context, backwards: true)
        #expect(cycling.editor.text == "pools")
        _ = cycling.apply(.backspace)
        #expect(cycling.editor.text == "pool")
        #expect(cycling.cycledCandidate(context: Self.context) == nil)
    }

    @Test func completionLineShowsCandidatesWhileTyping() {
        var console = Fixtures.console()
        console.type(":theme ")
        let grid = console.render()
        #expect(grid.line(22).contains("default") && grid.line(22).contains("high-contrast"))
        #expect(grid.line(23).hasPrefix(":theme "))
    }

    @Test func unknownCommandSaysSo() {
        var console = Fixtures.console()
        console.type(":frobnicate\n")
        #expect(console.message == "unknown command 'frobnicate' (Tab lists the commands)")
        #expect(!console.isFinished)
    }

    @Test func uniquePrefixRunsTheCommand() {
        var console = Fixtures.console()
        console.type(":gat\n")
        #expect(console.currentView == .gateways)
        console.type(":polic\n")
        #expect(console.currentView == .policies)
    }

    @Test func escapeAndBackspaceLeaveCommandMode() {
        var console = Fixtures.console()
        console.type(":po")
        console.send(.escape)
        #expect(!console.render().line(23).hasPrefix(":"))
        console.type(":")
        console.send(.backspace)
        console.type("2")
        #expect(console.currentView == .pools)
    }
}
