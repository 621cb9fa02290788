extension ConfigParser {
    internal static let logLevels: Set<String> = [
        "emergencies", "alerts", "critical", "errors", "warnings", "notifications", "informational", "debugging",
    ]

    /// `access-list ...` or `clear configure access-list [NAME]`, in config order.
    internal mutating func parseAccessListCommand(line: Int, text: Substring) {
        var t = TokenCursor(text)
        if t.peekKeyword == "clear" {
            _ = t.next(); _ = t.next(); _ = t.next()
            if let name = t.next() {
                if config.accessLists[name] != nil { config.accessLists[name]?.lines = [] }
            } else {
                for name in config.accessLists.keys { config.accessLists[name]?.lines = [] }
            }
            return
        }
        _ = t.next()
        guard let name = t.next() else {
            fail(line, text, .expected("an access-list name", found: nil))
            return
        }
        var position: Int?
        if t.peekKeyword == "line" {
            _ = t.next()
            let numberText = t.next()
            guard let numberText, let number = Int(numberText), number >= 1 else {
                fail(line, text, .expected("a line number", found: numberText))
                return
            }
            position = number
        }
        let typeKeyword = t.peekKeyword
        // The text as it would be saved: `line N` is not part of the configuration.
        let savedText = ConfigParser.savedText(t, name: name)
        switch typeKeyword {
        case "remark":
            _ = t.next()
            let remark = AccessListRemark(accessList: name, remark: t.rest(), text: savedText, line: line)
            insert(.remark(remark), into: name, at: position)
        case "extended", "advanced":
            _ = t.next()
            appendEntry(&t, name: name, kind: typeKeyword == "advanced" ? .advanced : .extended,
                        savedText: savedText, line: line, text: text, position: position)
        case "permit", "deny":
            // Pre-8.3 syntax without the type keyword; the device saves it as `extended`.
            appendEntry(&t, name: name, kind: .extended, savedText: savedText, line: line, text: text,
                        position: position)
        case "standard", "webtype", "ethertype":
            count("access-list \(typeKeyword ?? "")", lines: 1)
        default:
            count("access-list \(typeKeyword ?? "")", lines: 1)
        }
    }

    internal static func savedText(_ t: TokenCursor, name: String) -> String {
        (["access-list", name] + t.tokens[t.index...].map(String.init)).joined(separator: " ")
    }

    internal mutating func insert(_ entry: AccessList.Line, into name: String, at position: Int?) {
        if config.accessLists[name] == nil {
            config.accessLists[name] = AccessList(name: name)
            config.accessListOrder.append(name)
        }
        let count = config.accessLists[name]?.lines.count ?? 0
        if let position, position - 1 < count {
            config.accessLists[name]?.lines.insert(entry, at: position - 1)
        } else {
            config.accessLists[name]?.lines.append(entry)
        }
    }

    internal mutating func appendEntry(_ t: inout TokenCursor, name: String, kind: AccessControlEntry.Kind,
                                       savedText: String, line: Int, text: Substring, position: Int?) {
        do throws(LineFailure) {
            let entry = try accessControlEntry(&t, name: name, kind: kind, savedText: savedText, line: line, text: text)
            insert(.entry(entry), into: name, at: position)
        } catch {
            fail(line, text, error.problem)
            let unparsed = UnparsedAccessListLine(accessList: name, text: savedText, line: line, problem: error.problem)
            insert(.unparsed(unparsed), into: name, at: position)
        }
    }

    /// Everything after `extended`/`advanced`.
    internal mutating func accessControlEntry(_ t: inout TokenCursor, name: String, kind: AccessControlEntry.Kind,
                                     savedText: String, line: Int, text: Substring)
        throws(LineFailure) -> AccessControlEntry
    {
        let actionText = t.next()
        let action: AccessControlEntry.Action
        switch actionText?.lowercased() {
        case "permit": action = .permit
        case "deny": action = .deny
        case "trust" where kind == .advanced: action = .trust
        default: throw .expected(kind == .advanced ? "permit, deny or trust" : "permit or deny", found: actionText)
        }

        // Protocol position.
        let protoText = t.next()
        let protocolSpecifier: AccessControlEntry.ProtocolSpecifier
        switch protoText?.lowercased() {
        case nil: throw .expected("a protocol, object or object-group", found: nil)
        case "ip": protocolSpecifier = .ip
        case "object":
            guard let object = t.next() else { throw .expected("a service object name", found: nil) }
            protocolSpecifier = .object(ConfigParser.objectName(object))
        case "object-group":
            guard let group = t.next() else { throw .expected("a protocol or service group name", found: nil) }
            protocolSpecifier = .objectGroup(ConfigParser.objectName(group))
        default:
            guard let protoText, let number = IPProtocolTable.number(for: protoText) else {
                throw .expected("a protocol name or number, object or object-group", found: protoText)
            }
            if IPProtocolTable.isUnconfirmedAlias(protoText) {
                fail(line, text, .unconfirmed("protocol alias '\(protoText)' read as \(number)"), severity: .warning)
            }
            protocolSpecifier = .number(number)
        }
        let portTable = portTableFor(protocolSpecifier)

        // Source.
        let sourceInterface = try interfaceQualifier(&t, kind: kind)
        try rejectIdentityMatch(&t)
        let source = try addressSpecifier(&t, what: "a source (any, any4, any6, host, address and mask, "
                                                + "IPv6 prefix, object, object-group, interface)",
                                          line: line, text: text)
        let sourcePort = try portSpecifier(&t, table: portTable, line: line, text: text)

        // Destination.
        let destinationInterface = try interfaceQualifier(&t, kind: kind)
        try rejectIdentityMatch(&t)
        let destination = try addressSpecifier(&t, what: "a destination (any, any4, any6, host, address and mask, "
                                                     + "IPv6 prefix, object, object-group, interface)",
                                               line: line, text: text)
        var destinationPort: AccessControlEntry.PortSpecifier?
        var icmp: AccessControlEntry.ICMPSpecifier?
        if let icmpSpec = try icmpSpecifier(&t, protocolSpecifier: protocolSpecifier) {
            icmp = icmpSpec
        } else {
            destinationPort = try portSpecifier(&t, table: portTable, line: line, text: text)
        }

        // Options, in any order.
        var log: String?
        var timeRange: String?
        var inactive = false
        var ruleID: UInt64?
        while let keyword = t.peekKeyword {
            switch keyword {
            case "log":
                var words = [t.next() ?? "log"]
                if let next = t.peekKeyword {
                    if next == "disable" || next == "default" {
                        words.append(t.next() ?? next)
                    } else {
                        if let level = Int(next), (0...7).contains(level) {
                            words.append(t.next() ?? next)
                        } else if ConfigParser.logLevels.contains(next) {
                            words.append(t.next() ?? next)
                        }
                        if t.peekKeyword == "interval" {
                            words.append(t.next() ?? "interval")
                            let seconds = t.next()
                            guard let seconds, Int(seconds) != nil else {
                                throw .expected("a log interval in seconds", found: seconds)
                            }
                            words.append(seconds)
                        }
                    }
                }
                log = words.joined(separator: " ")
            case "time-range":
                _ = t.next()
                guard let rangeName = t.next() else { throw .expected("a time-range name", found: nil) }
                timeRange = rangeName
            case "inactive":
                _ = t.next()
                inactive = true
            case "rule-id":
                _ = t.next()
                let idText = t.next()
                guard let idText, let id = UInt64(idText) else { throw .expected("a rule id", found: idText) }
                ruleID = id
            case "event-log":
                _ = t.next()
                let mode = t.next()
                guard let mode, ["flow-start", "flow-end", "both", "disable"].contains(mode.lowercased()) else {
                    throw .expected("flow-start, flow-end or both", found: mode)
                }
            case "established":
                _ = t.next()
                fail(line, text, .ignoredKeyword("established", reason: "the ASA's extended access-list syntax has no "
                    + "such keyword; the entry is evaluated without it"), severity: .warning)
            default:
                throw .expected("log, time-range, inactive or end of line", found: t.peek)
            }
        }

        return AccessControlEntry(
            accessList: name, kind: kind, action: action, protocolSpecifier: protocolSpecifier,
            sourceInterface: sourceInterface, source: source, sourcePort: sourcePort,
            destinationInterface: destinationInterface, destination: destination, destinationPort: destinationPort,
            icmp: icmp, log: log, timeRange: timeRange, isInactive: inactive, ruleID: ruleID, text: savedText,
            line: line)
    }

    /// Port names follow the entry's protocol: UDP names for `udp`, TCP names otherwise.
    internal func portTableFor(_ spec: AccessControlEntry.ProtocolSpecifier) -> PortNameTable.Table {
        if case .number(let n) = spec { return PortNameTable.table(forProtocol: n) }
        if case .objectGroup(let name) = spec, let group = config.objectGroups[name], group.kind == .protocols,
           group.entries.allSatisfy({ $0.member == .protocolNumber(IPProtocolTable.udp) }) {
            return .udp
        }
        return .tcp
    }

    /// FTD's `ifc NAME` before an address.
    internal func interfaceQualifier(_ t: inout TokenCursor, kind: AccessControlEntry.Kind)
        throws(LineFailure) -> String?
    {
        guard t.peekKeyword == "ifc" else { return nil }
        _ = t.next()
        guard let name = t.next() else { throw .expected("an interface name after 'ifc'", found: nil) }
        return name
    }

    /// Identity and TrustSec matches are not modelled: such a line cannot be evaluated.
    internal func rejectIdentityMatch(_ t: inout TokenCursor) throws(LineFailure) {
        if let keyword = t.peekKeyword,
           ["user", "user-group", "object-group-user", "security-group", "object-group-security"].contains(keyword) {
            throw LineFailure(problem: .ignoredKeyword(keyword, reason: "identity and security-group matches are "
                + "not modelled; the line never matches"))
        }
    }

    /// A port comparison or a port group after an address, if one stands there.
    internal mutating func portSpecifier(_ t: inout TokenCursor, table: PortNameTable.Table, line: Int, text: Substring)
        throws(LineFailure) -> AccessControlEntry.PortSpecifier?
    {
        guard let keyword = t.peekKeyword else { return nil }
        if ConfigParser.portOperatorKeywords.contains(keyword) {
            return .compare(try portOperator(&t, table: table, line: line, text: text))
        }
        if keyword == "object-group", t.index + 1 < t.tokens.count {
            let name = ConfigParser.objectName(String(t.tokens[t.index + 1]))
            if case .ports? = config.objectGroups[name]?.kind {
                _ = t.next(); _ = t.next()
                return .objectGroup(name)
            }
        }
        return nil
    }

    /// An ICMP type (and code) or an icmp-type group after the destination of an ICMP entry.
    internal func icmpSpecifier(_ t: inout TokenCursor, protocolSpecifier: AccessControlEntry.ProtocolSpecifier)
        throws(LineFailure) -> AccessControlEntry.ICMPSpecifier?
    {
        guard let keyword = t.peekKeyword else { return nil }
        if keyword == "object-group", t.index + 1 < t.tokens.count {
            let name = ConfigParser.objectName(String(t.tokens[t.index + 1]))
            if config.objectGroups[name]?.kind == .icmpTypes {
                _ = t.next(); _ = t.next()
                return .objectGroup(name)
            }
            return nil
        }
        let icmp6: Bool
        switch protocolSpecifier {
        case .number(IPProtocolTable.icmp): icmp6 = false
        case .number(IPProtocolTable.icmp6): icmp6 = true
        default: return nil
        }
        guard let typeText = t.peek, let type = ICMPTypeTable.type(for: typeText, icmp6: icmp6) else { return nil }
        _ = t.next()
        var code: UInt8?
        if let codeText = t.peek, let value = UInt8(codeText) {
            _ = t.next()
            code = value
        }
        return .type(ICMPMatch(type: type, code: code))
    }
}
