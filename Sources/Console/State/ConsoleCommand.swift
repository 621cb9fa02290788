#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a command's completion and action can see.
internal struct CommandContext: Sendable {
    /// The current Snapshot's model.
    internal var model: ConsoleModel
    /// Theme names `:theme` completes.
    internal var themeNames: [String]
}

/// A command-mode command (`:gw`, `:theme NAME`, `:q`).
///
/// To add one (`:trace`, `:whois IP`, `:check`), append it to `CommandRegistry.builtin`; views
/// get their commands from `ViewCatalog` automatically.
internal struct ConsoleCommand: Sendable {
    /// Names, canonical first.
    internal var names: [String]
    /// The argument placeholder shown in help and completion (`NAME`), nil for none.
    internal var argument: String?
    /// One line for the help overlay and the completion line.
    internal var summary: String
    /// Candidates for the argument.
    internal var completions: @Sendable (CommandContext) -> [String]
    /// Runs the command with its arguments.
    internal var run: @Sendable (inout ConsoleState, CommandContext, [String]) -> ConsoleEffect

    /// Creates a command.
    internal init(names: [String], argument: String? = nil, summary: String,
         completions: @escaping @Sendable (CommandContext) -> [String] = { _ in [] },
         run: @escaping @Sendable (inout ConsoleState, CommandContext, [String]) -> ConsoleEffect) {
        self.names = names
        self.argument = argument
        self.summary = summary
        self.completions = completions
        self.run = run
    }

    /// `name ARG`, for help.
    internal var usage: String { argument.map { "\(names[0]) \($0)" } ?? names[0] }
}

/// Every command the console knows.
internal enum CommandRegistry {
    /// View commands (from `ViewCatalog`), then the others.
    internal static let builtin: [ConsoleCommand] = ViewCatalog.all.map { view in
        ConsoleCommand(names: view.commands, summary: "show \(view.title): \(view.summary)") { state, _, _ in
            state.switchView(to: view.id)
            return .none
        }
    } + [
        ConsoleCommand(names: ["theme"], argument: "NAME", summary: "switch theme (a name or a .yaml file)",
                       completions: { $0.themeNames }) { state, context, arguments in
            guard !arguments.isEmpty else {
                state.message = ConsoleMessage("theme \(state.themeName); available: "
                                               + context.themeNames.joined(separator: ", "))
                return .none
            }
            return .applyTheme(arguments.joined(separator: " "))
        },
        ConsoleCommand(names: ["help"], summary: "list every key and command") { state, _, _ in
            state.mode = .help
            return .none
        },
        ConsoleCommand(names: ["q", "quit", "q!"], summary: "quit") { _, _, _ in .quit },
    ] + testHooks

    /// `:debug-crash`, only with `GATEWATCH_CONSOLE_TEST_HOOKS=1`: traps on purpose, so the
    /// end-to-end tests can check that a crash still restores the terminal.
    private static var testHooks: [ConsoleCommand] {
        guard let flag = getenv("GATEWATCH_CONSOLE_TEST_HOOKS"), String(cString: flag) == "1" else { return [] }
        return [ConsoleCommand(names: ["debug-crash"], summary: "crash on purpose (tests)") { _, _, _ in
            fatalError("debug-crash: crashing on purpose")
        }]
    }

    /// The command `name` names: an exact name, else the only command one of whose names starts
    /// with it.
    internal static func command(named name: String, in commands: [ConsoleCommand] = builtin) -> ConsoleCommand? {
        if let exact = commands.first(where: { $0.names.contains(name) }) { return exact }
        let prefixed = commands.filter { $0.names.contains { $0.hasPrefix(name) } }
        return prefixed.count == 1 ? prefixed[0] : nil
    }
}
