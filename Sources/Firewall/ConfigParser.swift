import LPM

extension FirewallConfig {
    /// Parses `show running-config` text (ASA, or FTD's ASA-style CLI).
    ///
    /// Never fails as a whole: unknown commands are skipped and counted, malformed lines of
    /// known commands become diagnostics with their line number and what was expected, and
    /// references (objects, groups, time ranges) are resolved after the whole text is read, so
    /// names may be used before they are defined.
    public static func parse(_ text: String) -> FirewallConfig {
        var parser = ConfigParser()
        return parser.parse(text)
    }
}

/// One top-level command with its indented sub-lines.
internal struct ConfigBlock {
    internal let line: Int
    internal let text: Substring
    internal var children: [(line: Int, text: Substring)] = []
}

/// The `show running-config` reader behind `FirewallConfig.parse`.
internal struct ConfigParser {
    internal var config = FirewallConfig()
    /// `access-list` and `clear configure access-list` lines, read after every object is known.
    internal var accessListCommands: [(line: Int, text: Substring)] = []
    /// `name A NAME` aliases (`names` feature): a host name usable wherever an address is.
    internal var hostNames: [String: IPAddress] = [:]
    /// The config's lines, for quoting them in diagnostics.
    internal var sourceLines: [Substring] = []

    internal mutating func parse(_ text: String) -> FirewallConfig {
        var text = text
        if text.utf8.count > FirewallLimits.maxConfigBytes {
            // Keep the whole lines that fit; report the first line left out.
            let utf8 = text.utf8
            let cut = utf8.index(utf8.startIndex, offsetBy: FirewallLimits.maxConfigBytes)
            let end = utf8[..<cut].lastIndex(of: UInt8(ascii: "\n")) ?? utf8.startIndex
            text = String(utf8[..<end]) ?? ""
            let firstLeftOut = ConfigParser.lines(text).count + 1
            config.diagnostics.append(ConfigDiagnostic(
                line: firstLeftOut, severity: .error,
                problem: .limitExceeded(.configBytes, subject: "the config text (\(utf8.count) bytes)"), text: ""))
        }
        sourceLines = ConfigParser.lines(text)
        for block in blocksWithinLineLength() {
            handle(block)
        }
        for command in accessListCommands {
            parseAccessListCommand(line: command.line, text: command.text)
        }
        validateReferences()
        config.diagnostics.sort { ($0.line, $0.severity) < ($1.line, $1.severity) }
        return config
    }

    /// The lines of `text`; `\n`, `\r\n` (one Character in Swift) and a lone `\r` end a line.
    internal static func lines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
    }

    /// The blocks of `sourceLines`, with lines longer than `FirewallLimits.maxLineLength`
    /// reported and read as blank.
    internal mutating func blocksWithinLineLength() -> [ConfigBlock] {
        var tooLong: [Int] = []
        for (index, line) in sourceLines.enumerated() where line.utf8.count > FirewallLimits.maxLineLength {
            tooLong.append(index)
        }
        guard !tooLong.isEmpty else { return ConfigParser.blocks(sourceLines) }
        var lines = sourceLines
        for index in tooLong {
            config.diagnostics.append(ConfigDiagnostic(
                line: index + 1, severity: .error,
                problem: .limitExceeded(.lineLength, subject: "line \(index + 1) (\(lines[index].utf8.count) bytes)"),
                text: String(lines[index].prefix(80))))
            lines[index] = ""
        }
        return ConfigParser.blocks(lines)
    }

    /// Splits the text into top-level commands and their sub-lines. Comment lines (`!`, `:`)
    /// and blank lines end nothing and belong to nothing.
    internal static func blocks(_ text: String) -> [ConfigBlock] {
        blocks(lines(text))
    }

    /// The blocks of lines already split (line 1 first).
    internal static func blocks(_ lines: [Substring]) -> [ConfigBlock] {
        var blocks: [ConfigBlock] = []
        var number = 0
        for raw in lines {
            number += 1
            let line = raw
            guard let first = line.first(where: { $0 != " " && $0 != "\t" }) else { continue }
            if first == "!" || first == ":" { continue }
            if line.first == " " || line.first == "\t" {
                if blocks.isEmpty { blocks.append(ConfigBlock(line: number, text: "")) }
                blocks[blocks.count - 1].children.append((number, line))
            } else {
                blocks.append(ConfigBlock(line: number, text: line))
            }
        }
        return blocks
    }

    // MARK: - Dispatch

    internal mutating func handle(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        guard let keyword = t.peekKeyword else {
            skip(block, as: "(sub-lines without a command)")
            return
        }
        switch keyword {
        case "hostname":
            _ = t.next()
            if let name = t.next() {
                config.hostname = name
            } else {
                fail(block.line, block.text, .expected("a host name", found: nil))
            }
            skipChildren(block, as: "hostname")
        case "interface":
            parseInterface(block)
        case "object":
            switch t.peekSecondKeyword {
            case "network": parseNetworkObject(block)
            case "service": parseServiceObject(block)
            default: skip(block, as: "object \(t.peekSecondKeyword ?? "")")
            }
        case "object-group":
            switch t.peekSecondKeyword {
            case "network", "service", "protocol", "icmp-type": parseObjectGroup(block)
            default: skip(block, as: "object-group \(t.peekSecondKeyword ?? "")")
            }
        case "time-range":
            parseTimeRange(block)
        case "access-list":
            accessListCommands.append((block.line, block.text))
            skipChildren(block, as: "access-list")
        case "clear":
            if t.tokens.count >= 3, t.tokens[1].lowercased() == "configure", t.tokens[2].lowercased() == "access-list" {
                accessListCommands.append((block.line, block.text))
                skipChildren(block, as: "clear configure access-list")
            } else {
                skip(block, as: "clear")
            }
        case "access-group":
            parseAccessGroup(block)
        case "route":
            parseRoute(block, ipv6: false)
        case "ipv6" where t.peekSecondKeyword == "route":
            parseRoute(block, ipv6: true)
        case "clock":
            parseClock(block)
        case "same-security-traffic":
            if t.tokens.count >= 3, t.tokens[1].lowercased() == "permit",
               t.tokens[2].lowercased() == "inter-interface" {
                config.permitsSameSecurityInterInterface = true
            } else {
                skip(block, as: "same-security-traffic")
            }
        case "name":
            parseName(block)
        default:
            skip(block, as: String(keyword.prefix { $0 != ":" }))
        }
    }

    // MARK: - Reporting

    internal mutating func fail(_ line: Int, _ text: Substring, _ problem: ConfigDiagnostic.Problem,
                       severity: ConfigDiagnostic.Severity = .error) {
        config.diagnostics.append(ConfigDiagnostic(line: line, severity: severity, problem: problem,
                                                   text: ConfigParser.trimmed(text)))
    }

    internal mutating func skip(_ block: ConfigBlock, as key: String) {
        count(key, lines: 1 + block.children.count)
    }

    internal mutating func skipChildren(_ block: ConfigBlock, as key: String) {
        if !block.children.isEmpty { count(key + " (sub-lines)", lines: block.children.count) }
    }

    internal mutating func count(_ key: String, lines: Int) {
        config.skippedLineCount += lines
        config.skippedCommands[key, default: 0] += lines
    }

    /// The trimmed text of config line `line` (1-based).
    internal func lineText(_ line: Int) -> String {
        line >= 1 && line <= sourceLines.count ? ConfigParser.trimmed(sourceLines[line - 1]) : ""
    }

    internal static func trimmed(_ text: Substring) -> String {
        TokenCursor(text).normalized
    }

    // MARK: - Small shared readers

    /// An IPv4 address, or a `name` alias of one.
    internal func ipv4(_ text: String?, _ what: String) throws(LineFailure) -> IPv4Address {
        guard let text else { throw .expected(what, found: nil) }
        if let address = IPv4Address(parsing: text) { return address }
        if case .v4(let address)? = hostNames[text] { return address }
        throw .expected(what, found: text)
    }

    /// An address of either family, or a `name` alias.
    internal func address(_ text: String?, _ what: String) throws(LineFailure) -> IPAddress {
        guard let text else { throw .expected(what, found: nil) }
        if let address = IPAddress(parsing: text) { return address }
        if let address = hostNames[text] { return address }
        throw .expected(what, found: text)
    }

    /// An IPv6 `prefix/length`; host bits past the length are cleared.
    internal func ipv6Prefix(_ text: String?, _ what: String) throws(LineFailure) -> IPPrefix {
        guard let text, text.contains("/"), text.contains(":"),
              let parsed = try? IPPrefix.parseLenient(text), parsed.prefix.family == .v6
        else { throw .expected(what, found: text) }
        return parsed.prefix
    }

    /// A decimal integer within `range`.
    internal func integer(_ text: String?, _ range: ClosedRange<Int>, _ what: String) throws(LineFailure) -> Int {
        guard let text, let value = Int(text), range.contains(value) else { throw .expected(what, found: text) }
        return value
    }

    /// An object or group name as the ACE writes it; `NAME(298)` (object-group-search counts in
    /// show output) loses its parenthesised number.
    internal static func objectName(_ text: String) -> String {
        guard text.last == ")", let open = text.lastIndex(of: "("), open > text.startIndex else { return text }
        let digits = text[text.index(after: open)..<text.index(before: text.endIndex)]
        return !digits.isEmpty && digits.allSatisfy(\.isNumber) ? String(text[..<open]) : text
    }

    // MARK: - Single-line commands

    internal mutating func parseName(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        _ = t.next()
        guard let addressText = t.next(), let address = IPAddress(parsing: addressText), let name = t.next() else {
            fail(block.line, block.text, .expected("name ADDRESS NAME", found: t.peek))
            return
        }
        hostNames[name] = address
        skipChildren(block, as: "name")
    }

    internal mutating func parseAccessGroup(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        _ = t.next()
        guard let acl = t.next() else {
            fail(block.line, block.text, .expected("an access-list name", found: nil))
            return
        }
        let binding: AccessGroup.Binding
        switch t.peekKeyword {
        case "global":
            _ = t.next()
            binding = .global
        case "in", "out":
            let direction: AccessGroup.Direction = t.next()?.lowercased() == "in" ? .in : .out
            guard t.accept("interface") else {
                fail(block.line, block.text, .expected("'interface'", found: t.peek))
                return
            }
            guard let name = t.next() else {
                fail(block.line, block.text, .expected("an interface name", found: nil))
                return
            }
            binding = .interface(name, direction)
        default:
            fail(block.line, block.text, .expected("'in', 'out' or 'global'", found: t.peek))
            return
        }
        var isControlPlane = false
        if case .interface(_, .in) = binding, t.accept("control-plane") { isControlPlane = true }
        if let extra = t.peek {
            fail(block.line, block.text, .ignoredKeyword(extra, reason: "not modelled"), severity: .warning)
        }
        config.accessGroups.append(AccessGroup(accessList: acl, binding: binding, line: block.line,
                                               isControlPlane: isControlPlane))
        skipChildren(block, as: "access-group")
    }

    internal mutating func parseRoute(_ block: ConfigBlock, ipv6: Bool) {
        var t = TokenCursor(block.text)
        _ = t.next()
        if ipv6 { _ = t.next() }
        do throws(LineFailure) {
            guard let name = t.next() else { throw .expected("an interface name", found: nil) }
            let prefix: IPPrefix
            if ipv6 {
                prefix = try ipv6Prefix(t.next(), "an IPv6 prefix")
            } else {
                let network = try ipv4(t.next(), "a destination network")
                let maskText = t.next()
                let mask = try ipv4(maskText, "a network mask")
                guard let length = NetworkMask.prefixLength(of: mask.value) else {
                    throw .expected("a contiguous network mask", found: maskText)
                }
                prefix = IPPrefix(containing: .v4(network), length: length)
            }
            let gateway = try t.peek.map { text throws(LineFailure) in try address(text, "a gateway address") }
            _ = t.next()
            var distance = 1
            if let text = t.peek, let value = Int(text) {
                distance = value
                _ = t.next()
            }
            config.routes.append(StaticRoute(interface: name, prefix: prefix, gateway: gateway, distance: distance,
                                             line: block.line))
        } catch {
            fail(block.line, block.text, error.problem)
        }
        skipChildren(block, as: ipv6 ? "ipv6 route" : "route")
    }

    internal mutating func parseClock(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        _ = t.next()
        switch t.next()?.lowercased() {
        case "timezone":
            do throws(LineFailure) {
                guard let zone = t.next() else { throw .expected("a time zone name", found: nil) }
                let hoursText = t.next()
                guard let hoursText, let hours = Int(hoursText), (-23...23).contains(hours) else {
                    throw .expected("an hour offset from UTC", found: hoursText)
                }
                var minutes = 0
                if let text = t.next() { minutes = try integer(text, 0...59, "a minute offset") }
                config.clock.timeZoneName = zone
                config.clock.utcOffsetMinutes = hours * 60 + (hoursText.hasPrefix("-") ? -minutes : minutes)
            } catch {
                fail(block.line, block.text, error.problem)
            }
        case "summer-time":
            config.clock.hasSummerTime = true
            do throws(LineFailure) {
                config.clock.summerTime = try summerTime(&t)
            } catch {
                fail(block.line, block.text, error.problem)
            }
        default:
            skip(block, as: "clock")
            return
        }
        skipChildren(block, as: "clock")
    }
}
