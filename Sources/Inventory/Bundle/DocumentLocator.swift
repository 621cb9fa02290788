import Yams

/// Finds the line of a decoding error in the YAML (or JSON) text it came from, by walking the
/// composed document along the error's coding path.
enum DocumentLocator {
    /// The 1-based line of the deepest node along `path` in `root`.
    static func line(of path: [any CodingKey], in root: Yams.Node) -> Int? {
        var node = root
        var line = root.mark?.line
        for key in path {
            let next: Yams.Node?
            if let index = key.intValue, let sequence = node.sequence {
                next = index < sequence.count ? sequence[index] : nil
            } else {
                next = node[key.stringValue]
            }
            guard let next else { break }
            node = next
            if let mark = next.mark { line = mark.line }
        }
        return line
    }

    /// The coding path and message of a decoding error, as a user reads it.
    static func describe(_ error: any Error) -> (path: [any CodingKey], message: String) {
        guard let decoding = error as? DecodingError else {
            // Gatewatch's own errors say what was expected; whatever an error says is escaped, never shown raw.
            return ([], TextSafety.escapedLine(String(describing: error)))
        }
        switch decoding {
        case .typeMismatch(let type, let context):
            return (context.codingPath, "\(pathText(context.codingPath)): expected \(typeName(type))")
        case .valueNotFound(let type, let context):
            return (context.codingPath, "\(pathText(context.codingPath)): expected \(typeName(type)), found null")
        case .keyNotFound(let key, let context):
            return (context.codingPath, "\(pathText(context.codingPath + [key])): required field is missing")
        case .dataCorrupted(let context):
            return (context.codingPath, "\(pathText(context.codingPath)): \(plain(context.debugDescription))")
        @unknown default:
            return ([], "unreadable value")
        }
    }

    /// A decoder's own message without Swift type names: the standard library says `Cannot
    /// initialize SourceView from invalid String value x` for an enum value it does not know.
    static func plain(_ message: String) -> String {
        guard message.hasPrefix("Cannot initialize "), let range = message.range(of: " value ") else { return message }
        return "unknown value '\(message[range.upperBound...])'; expected one of the documented values"
    }

    /// `spec.rules[1].destination.cidr`.
    static func pathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "document" : text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is Double.Type: return "a number"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "a list" }
            if name.hasPrefix("Dictionary") || name.contains("KeyedDecodingContainer") { return "a mapping" }
            return name
        }
    }
}
