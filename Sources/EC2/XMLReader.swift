/// A small, strict-enough XML reader for AWS Query responses: one pass over the bytes, no size
/// limit, no libxml2. It handles the XML declaration, comments, processing instructions,
/// DOCTYPE, CDATA, the five predefined entities and numeric character references; namespaces
/// are ignored (local names only), as are attributes.
struct XMLReader {
    /// Why a document could not be read.
    struct Failure: Error, Sendable, CustomStringConvertible {
        /// What was wrong.
        var reason: String
        /// The byte offset.
        var offset: Int
        var description: String { "\(reason) at byte \(offset)" }
    }

    /// Parses a whole document and returns its root element.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> XMLNode {
        var reader = XMLReader(bytes: bytes)
        return try reader.document()
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func document() throws(Failure) -> XMLNode {
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
        var stack: [XMLNode] = []
        var root: XMLNode?
        while index < bytes.count {
            let byte = bytes[index]
            if byte != UInt8(ascii: "<") {
                let start = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "<") { index += 1 }
                if !stack.isEmpty {
                    stack[stack.count - 1].text += try decodeText(start, index)
                } else if bytes[start..<index].contains(where: { !Self.isSpace($0) }) {
                    throw Failure(reason: "text outside the root element", offset: start)
                }
                continue
            }
            guard index + 1 < bytes.count else { throw Failure(reason: "truncated markup", offset: index) }
            switch bytes[index + 1] {
            case UInt8(ascii: "?"):
                try skip(past: Array("?>".utf8))
            case UInt8(ascii: "!"):
                if hasPrefix("<!--") {
                    try skip(past: Array("-->".utf8))
                } else if hasPrefix("<![CDATA[") {
                    let start = index + 9
                    try skip(past: Array("]]>".utf8))
                    guard !stack.isEmpty else { throw Failure(reason: "CDATA outside the root element", offset: start) }
                    stack[stack.count - 1].text += String(decoding: bytes[start..<(index - 3)], as: UTF8.self)
                } else {
                    try skipDeclaration()
                }
            case UInt8(ascii: "/"):
                index += 2
                let name = try readName()
                skipSpaces()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ">") else {
                    throw Failure(reason: "malformed end tag", offset: index)
                }
                index += 1
                guard var closed = stack.popLast() else { throw Failure(reason: "unexpected end tag", offset: index) }
                guard closed.name == name else {
                    throw Failure(reason: "end tag </\(name)> does not close <\(closed.name)>", offset: index)
                }
                if !closed.children.isEmpty { closed.text = "" }
                if stack.isEmpty {
                    guard root == nil else { throw Failure(reason: "a second root element", offset: index) }
                    root = closed
                } else {
                    stack[stack.count - 1].children.append(closed)
                }
            default:
                index += 1
                let name = try readName()
                let selfClosing = try skipAttributes()
                let node = XMLNode(name: name, text: "", children: [])
                if selfClosing {
                    if stack.isEmpty {
                        guard root == nil else { throw Failure(reason: "a second root element", offset: index) }
                        root = node
                    } else {
                        stack[stack.count - 1].children.append(node)
                    }
                } else {
                    if stack.isEmpty, root != nil { throw Failure(reason: "a second root element", offset: index) }
                    stack.append(node)
                }
            }
        }
        guard stack.isEmpty else { throw Failure(reason: "unclosed <\(stack[stack.count - 1].name)>", offset: index) }
        guard let root else { throw Failure(reason: "no root element", offset: index) }
        return root
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func hasPrefix(_ text: String) -> Bool {
        let pattern = Array(text.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        return bytes[index..<(index + pattern.count)].elementsEqual(pattern)
    }

    private mutating func skip(past terminator: [UInt8]) throws(Failure) {
        let start = index
        index += 2
        while index + terminator.count <= bytes.count {
            if bytes[index] == terminator[0], bytes[index..<(index + terminator.count)].elementsEqual(terminator) {
                index += terminator.count
                return
            }
            index += 1
        }
        throw Failure(reason: "unterminated markup", offset: start)
    }

    /// `<!DOCTYPE …>` with an optional internal subset in brackets.
    private mutating func skipDeclaration() throws(Failure) {
        let start = index
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ">") where depth <= 0:
                index += 1
                return
            default: break
            }
            index += 1
        }
        throw Failure(reason: "unterminated declaration", offset: start)
    }

    private mutating func skipSpaces() {
        while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
    }

    /// Reads a tag name and returns its local part.
    private mutating func readName() throws(Failure) -> String {
        let start = index
        var colon: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") { break }
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"") {
                throw Failure(reason: "malformed tag name", offset: index)
            }
            if byte == UInt8(ascii: ":") { colon = index }
            index += 1
        }
        guard index > start else { throw Failure(reason: "empty tag name", offset: start) }
        let from = colon.map { $0 + 1 } ?? start
        return String(decoding: bytes[from..<index], as: UTF8.self)
    }

    /// Skips attributes up to `>` or `/>`; returns true for a self-closing tag.
    private mutating func skipAttributes() throws(Failure) -> Bool {
        let start = index
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "<") {
                throw Failure(reason: "malformed start tag", offset: index)
            } else if byte == UInt8(ascii: ">") {
                index += 1
                return bytes[index - 2] == UInt8(ascii: "/")
            }
            index += 1
        }
        throw Failure(reason: "unterminated start tag", offset: start)
    }

    /// Decodes character data with entity and character references.
    private func decodeText(_ start: Int, _ end: Int) throws(Failure) -> String {
        guard bytes[start..<end].contains(UInt8(ascii: "&")) else {
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var position = start
        while position < end {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "&") else {
                out.append(byte)
                position += 1
                continue
            }
            guard let semicolon = bytes[position..<end].firstIndex(of: UInt8(ascii: ";")) else {
                throw Failure(reason: "unterminated entity", offset: position)
            }
            let entity = String(decoding: bytes[(position + 1)..<semicolon], as: UTF8.self)
            switch entity {
            case "amp": out.append(UInt8(ascii: "&"))
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let scalarValue: UInt32? = entity.hasPrefix("#x") || entity.hasPrefix("#X")
                    ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst(), radix: 10) : nil
                guard let value = scalarValue, let scalar = Unicode.Scalar(value) else {
                    throw Failure(reason: "unknown entity &\(entity);", offset: position)
                }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            }
            position = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
