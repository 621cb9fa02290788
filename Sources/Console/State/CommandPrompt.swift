/// The `:` prompt: the line being typed and the completion state.
///
/// Completion shows the candidates for the word under the cursor as you type; Tab extends the
/// word to the candidates' common prefix, and when that adds nothing, cycles through them.
internal struct CommandPrompt: Hashable, Sendable {
    /// The line.
    internal var editor = LineEditor()
    /// While Tab cycles: the word as typed, and the candidate last put in.
    private(set) var cycle: (base: String, index: Int)? {
        get { cycleBase.map { ($0, cycleIndex) } }
        set {
            cycleBase = newValue?.base
            cycleIndex = newValue?.index ?? 0
        }
    }
    private var cycleBase: String?
    private var cycleIndex = 0

    /// Creates an empty prompt.
    internal init() {}

    /// The line split into the part before the word being completed and that word.
    internal static func split(_ line: String) -> (head: String, word: String) {
        guard let space = line.lastIndex(of: " ") else { return ("", line) }
        return (String(line[...space]), String(line[line.index(after: space)...]))
    }

    /// The candidates for the word being typed in `line`.
    internal static func candidates(for line: String, context: CommandContext,
                           commands: [ConsoleCommand] = CommandRegistry.builtin) -> [String] {
        let (head, word) = split(line)
        if head.isEmpty {
            var names: [String] = []
            for command in commands {
                for name in command.names where name.hasPrefix(word) && !names.contains(name) { names.append(name) }
            }
            return names
        }
        let commandName = head.split(separator: " ").first.map(String.init) ?? ""
        guard let command = CommandRegistry.command(named: commandName, in: commands) else { return [] }
        let previous = head.split(separator: " ").dropFirst().map(String.init)
        return command.completions(context, previous, word).filter { $0.hasPrefix(word) }
    }

    /// The candidates for the current line (or for the word Tab is cycling through).
    internal func candidates(context: CommandContext) -> [String] {
        if let cycle {
            return Self.candidates(for: Self.split(editor.text).head + cycle.base, context: context)
        }
        return Self.candidates(for: editor.text, context: context)
    }

    /// The candidate Tab put in last, for highlighting.
    internal func cycledCandidate(context: CommandContext) -> String? {
        guard let cycle else { return nil }
        let all = candidates(context: context)
        return all.isEmpty ? nil : all[cycle.index % all.count]
    }

    /// Edits the line (and ends any Tab cycle).
    internal mutating func apply(_ key: ConsoleKey) -> Bool {
        let edited = editor.apply(key)
        if edited { cycle = nil }
        return edited
    }

    /// Tab (or Shift-Tab when `backwards`).
    internal mutating func complete(context: CommandContext, backwards: Bool = false) {
        let (head, word) = Self.split(editor.text)
        if let cycle {
            let all = Self.candidates(for: head + cycle.base, context: context)
            guard !all.isEmpty else { return }
            let next = (cycle.index + (backwards ? all.count - 1 : 1)) % all.count
            editor.text = head + all[next]
            self.cycle = (cycle.base, next)
            return
        }
        let all = Self.candidates(for: editor.text, context: context)
        guard !all.isEmpty else { return }
        if all.count == 1 {
            editor.text = head + all[0]
            if head.isEmpty, let command = CommandRegistry.command(named: all[0]), command.argument != nil {
                editor.text += " "
            }
            return
        }
        let common = Self.commonPrefix(all)
        if common.count > word.count {
            editor.text = head + common
        } else {
            let index = backwards ? all.count - 1 : 0
            editor.text = head + all[index]
            cycle = (word, index)
        }
    }

    internal static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first else { return "" }
        for word in words.dropFirst() {
            while !word.hasPrefix(prefix) { prefix.removeLast() }
        }
        return prefix
    }
}
