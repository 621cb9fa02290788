import Yams

/// The one way Gatewatch reads YAML (bundles, gatewatch.yaml, kubeconfig, themes, the settings
/// file): bounded in size, nesting and alias expansion, and every failure turned into one line
/// with the line number and what was expected — never a parser's internals.
public enum YAMLInput {
    /// A YAML problem: the 1-based line when known, and one line of text without internals.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// The 1-based line.
        public var line: Int?
        /// What was wrong and what was expected.
        public var message: String

        /// Creates a problem.
        public init(line: Int?, message: String) {
            self.line = line
            self.message = message
        }

        /// `line N: message`, or the message alone.
        public var description: String { line.map { "line \($0): \(message)" } ?? message }
    }

    /// Composes the single document of `text` (nil for an empty one), checking that its aliases
    /// do not expand it beyond `InputLimits.yamlExpansion(forBytes:)` nodes.
    public static func compose(_ text: String) throws(Problem) -> Yams.Node? {
        try checkSize(text)
        let root: Yams.Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw problem(error, in: text)
        }
        if let root {
            var budget = InputLimits.yamlExpansion(forBytes: text.utf8.count)
            try checkExpansion(root, budget: &budget)
        }
        return root
    }

    /// Decodes `type` from a composed document; a decoding error names the line of the field.
    public static func decode<T: Decodable>(_ type: T.Type, from root: Yams.Node,
                                            userInfo: [CodingUserInfoKey: any Sendable] = [:]) throws(Problem) -> T {
        do {
            return try YAMLDecoder().decode(type, from: root, userInfo: userInfo)
        } catch {
            let (path, message) = DocumentLocator.describe(error)
            throw Problem(line: DocumentLocator.line(of: path, in: root) ?? root.mark?.line, message: singleLine(message))
        }
    }

    /// Refuses text over `InputLimits.maxYAMLTextBytes`.
    public static func checkSize(_ text: String) throws(Problem) {
        guard text.utf8.count <= InputLimits.maxYAMLTextBytes else {
            throw Problem(line: nil, message: "larger than \(InputFile.byteCount(InputLimits.maxYAMLTextBytes)) of YAML; "
                            + "expected at most that much (a resource limit)")
        }
    }

    /// Walks `node` as a decoder would, with aliases expanded, taking one from `budget` per node;
    /// fails when the budget runs out (an alias flood: "billion laughs").
    public static func checkExpansion(_ node: Yams.Node, budget: inout Int) throws(Problem) {
        var stack: [Yams.Node] = [node]
        while let next = stack.popLast() {
            budget -= 1
            if budget < 0 {
                throw Problem(line: next.mark?.line ?? node.mark?.line,
                              message: "aliases expand the document beyond a resource limit "
                                + "(InputLimits.yamlExpansion); expected YAML without alias floods")
            }
            switch next {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append(key)
                    stack.append(value)
                }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence)
            default:
                continue
            }
        }
    }

    /// One line for any error a YAML parse can throw, with its line when known.
    public static func problem(_ error: any Error, in text: String) -> Problem {
        guard let yaml = error as? YamlError else { return Problem(line: nil, message: "not valid YAML") }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if problem.contains("nesting level") || problem.contains("nest_level") {
                return Problem(line: mark.line, message: "nested deeper than \(InputLimits.maxYAMLNesting) levels; "
                                + "expected at most that many (a resource limit)")
            }
            var message = "not valid YAML: " + singleLine(problem)
            if let context, !context.text.isEmpty { message += " (\(singleLine(context.text)))" }
            return Problem(line: mark.line, message: message)
        case .reader(let problem, let offset, let value, _):
            let line = offset.map { lineNumber(ofByte: $0, in: text) }
            if problem.contains("control characters") {
                return Problem(line: line, message: "control character \(codePoint(value)) is not allowed in YAML; "
                                + "expected printable text (escape it in a double-quoted string)")
            }
            if problem.contains("UTF-8") || problem.contains("utf-8") {
                return Problem(line: line, message: "not UTF-8 text; expected UTF-8 YAML")
            }
            return Problem(line: line, message: "not readable as YAML: \(singleLine(problem))")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\(singleLine($0))'" }.joined(separator: ", ")
            return Problem(line: context.mark.line, message: "duplicate key \(keys) in one mapping; expected each key once")
        case .dataCouldNotBeDecoded:
            return Problem(line: nil, message: "not UTF-8 text; expected UTF-8 YAML")
        case .memory:
            return Problem(line: nil, message: "too large to parse; expected a smaller YAML document")
        default:
            return Problem(line: nil, message: "not valid YAML")
        }
    }

    /// `U+0007`.
    private static func codePoint(_ value: Int32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// The 1-based line holding byte `offset` of `text`.
    private static func lineNumber(ofByte offset: Int, in text: String) -> Int {
        var line = 1
        for byte in text.utf8.prefix(max(0, offset)) where byte == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    /// `text` on one line without control characters, at most 200 characters.
    static func singleLine(_ text: String) -> String {
        let line = TextSafety.escapedLine(text)
        return line.count > 200 ? String(line.prefix(200)) + "…" : line
    }
}
