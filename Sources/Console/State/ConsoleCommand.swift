import Inventory

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
    /// Candidates for an argument, given the arguments typed before it and the word being typed
    /// (the result is filtered by that prefix anyway; commands with many candidates use it).
    internal var completions: @Sendable (CommandContext, [String], String) -> [String]
    /// Runs the command with its arguments.
    internal var run: @Sendable (inout ConsoleState, CommandContext, [String]) -> ConsoleEffect

    /// Creates a command.
    internal init(names: [String], argument: String? = nil, summary: String,
         completions: @escaping @Sendable (CommandContext, [String], String) -> [String] = { _, _, _ in [] },
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
    internal static let builtin: [ConsoleCommand] = ViewCatalog.all.filter { view in
        view.id != .trace && view.id != .whois
    }.map { view in
        ConsoleCommand(names: view.commands, summary: "show \(view.title): \(view.summary)") { state, _, _ in
            state.switchView(to: view.id)
            return .none
        }
    } + [
        ConsoleCommand(names: ["theme"], argument: "NAME", summary: "switch theme (a name or a .yaml file)",
                       completions: { context, _, _ in context.themeNames }) { state, context, arguments in
            guard !arguments.isEmpty else {
                state.message = ConsoleMessage("theme \(state.themeName); available: "
                                               + context.themeNames.joined(separator: ", "))
                return .none
            }
            return .applyTheme(arguments.joined(separator: " "))
        },
        ConsoleCommand(names: ["trace"], argument: "[NS/POD|ns=NS,k=v] DST[:PORT] [tcp|udp|icmp]",
                       summary: "trace a packet (no argument: the Trace view)",
                       completions: traceCompletions) { state, context, arguments in
            state.runTraceCommand(arguments, model: context.model)
            return .none
        },
        ConsoleCommand(names: ["whois"], argument: "IP|LINE", summary: "what an IP or an ASA syslog line's source is",
                       completions: { context, previous, _ in
                           previous.isEmpty ? whoisCandidates(context.model.snapshot) : []
                       }) { state, context, arguments in
            state.runWhoisCommand(arguments, model: context.model)
            return .none
        },
        ConsoleCommand(names: ["whatif"], argument: "policy FILE|firewall [NAME=]FILE|fail zone=Z|off",
                       summary: "load a what-if candidate for the Trace view (no argument: toggle the comparison)",
                       completions: { context, previous, _ in
                           if previous.isEmpty { return ["policy", "firewall", "fail", "off"] }
                           guard previous.first == "fail" else { return [] }
                           let gateways = context.model.snapshot.gateways
                           return Set(gateways.compactMap { $0.zone.map { "zone=\($0)" } }).sorted()
                               + Set(gateways.compactMap { $0.node.map { "node=\($0)" } }).sorted()
                       }) { state, context, arguments in
            state.runWhatIfCommand(arguments, model: context.model)
            return .none
        },
        ConsoleCommand(names: ["at"], argument: "TIME|now",
                       summary: "show the state at TIME from the journal, read-only (ISO-8601 or -2h; now: the present)",
                       completions: { _, previous, _ in previous.isEmpty ? ["now", "-1h", "-1d"] : [] }) { state, _, arguments in
            guard !arguments.isEmpty else {
                state.message = ConsoleMessage("usage: :at TIME (2026-11-25T14:00:00Z, -2h) or :at now", isError: true)
                return .none
            }
            return .travel(arguments.joined(separator: " "))
        },
        ConsoleCommand(names: ["help"], summary: "list every key and command") { state, _, _ in
            state.mode = .help
            return .none
        },
        ConsoleCommand(names: ["q", "quit", "q!"], summary: "quit") { _, _, _ in .quit },
    ] + testHooks

    /// `:trace` completes the pod first, then the protocol after the destination.
    private static func traceCompletions(_ context: CommandContext, _ previous: [String], _ word: String) -> [String] {
        switch previous.count {
        case 0: return TraceInput.senderCandidates(word, in: context.model.snapshot)
        case 2: return TraceInput.protocolNames
        default: return []
        }
    }

    /// `:whois` completes the Elastic IPs and the gateways' IPs.
    private static func whoisCandidates(_ snapshot: Snapshot) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for text in snapshot.elasticIPBindings.map({ $0.elasticIP.publicIP.description })
            + snapshot.gateways.compactMap({ $0.ip?.description }) where seen.insert(text).inserted {
            result.append(text)
        }
        return result
    }

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
