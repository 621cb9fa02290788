import LPM

extension ConfigParser {
    // MARK: - interface

    internal mutating func parseInterface(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        _ = t.next()
        guard let id = t.next() else {
            fail(block.line, block.text, .expected("an interface ID", found: nil))
            skipChildren(block, as: "interface")
            return
        }
        var interface = FirewallInterface(hardwareID: id, line: block.line)
        for child in block.children {
            var c = TokenCursor(child.text)
            do throws(LineFailure) {
                switch c.next()?.lowercased() {
                case "nameif":
                    guard let name = c.next() else { throw .expected("a name", found: nil) }
                    interface.name = name
                case "security-level":
                    interface.securityLevel = try integer(c.next(), 0...100, "a security level 0-100")
                case "ip" where c.peekKeyword == "address":
                    _ = c.next()
                    if c.peekKeyword == "dhcp" || c.peekKeyword == "pppoe" {
                        count("interface/ip address dhcp", lines: 1)
                        continue
                    }
                    let address = try ipv4(c.next(), "an IPv4 address")
                    let mask = try ipv4(c.next(), "a network mask")
                    var standby: IPv4Address?
                    if c.accept("standby") { standby = try ipv4(c.next(), "a standby address") }
                    interface.ipv4.append(.init(address: address, mask: mask, standby: standby))
                case "ipv6" where c.peekKeyword == "address":
                    _ = c.next()
                    guard let text = c.next() else { throw .expected("an IPv6 address/length", found: nil) }
                    if c.peekKeyword == "link-local" || !text.contains("/") {
                        count("interface/ipv6 address link-local", lines: 1)
                        continue
                    }
                    guard let slash = text.firstIndex(of: "/"),
                          let address = IPv6Address(parsing: text[..<slash]),
                          let length = Int(text[text.index(after: slash)...]), (0...128).contains(length)
                    else { throw .expected("an IPv6 address/length", found: text) }
                    interface.ipv6.append(.init(address: address, prefixLength: length))
                case "management-only":
                    interface.isManagementOnly = true
                case "shutdown":
                    interface.isShutdown = true
                case "description":
                    interface.description = c.rest()
                case "no":
                    if c.peekKeyword == "nameif" { interface.name = nil } else { count("interface/no", lines: 1) }
                case let other:
                    count("interface/\(other ?? "")", lines: 1)
                }
            } catch {
                fail(child.line, child.text, error.problem)
            }
        }
        config.interfaces.append(interface)
    }

    // MARK: - object network

    internal mutating func parseNetworkObject(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        _ = t.next(); _ = t.next()
        guard let name = t.next() else {
            fail(block.line, block.text, .expected("an object name", found: nil))
            skipChildren(block, as: "object network")
            return
        }
        var object = config.networkObjects[name] ?? NetworkObject(name: name, value: nil, line: block.line)
        for child in block.children {
            var c = TokenCursor(child.text)
            do throws(LineFailure) {
                let keyword = c.next()?.lowercased()
                var value: NetworkObject.Value?
                switch keyword {
                case "host":
                    value = .host(try address(c.next(), "an address"))
                case "subnet":
                    if let text = c.peek, text.contains(":") {
                        value = .ipv6Subnet(try ipv6Prefix(c.next(), "an IPv6 prefix"))
                    } else {
                        let network = try ipv4(c.next(), "a network address")
                        let mask = try ipv4(c.next(), "a network mask")
                        warnIfNonContiguous(mask, line: child.line, text: child.text)
                        value = .subnet(network, mask: mask)
                    }
                case "range":
                    let first = try address(c.next(), "the first address of the range")
                    let last = try address(c.next(), "the last address of the range")
                    guard first.family == last.family, first <= last else {
                        throw .expected("a range whose first address is not after its last, in one family",
                                        found: "\(first) \(last)")
                    }
                    value = .range(first, last)
                case "fqdn":
                    var family: IPFamily?
                    if c.accept("v4") { family = .v4 } else if c.accept("v6") { family = .v6 }
                    guard let fqdn = c.next() else { throw .expected("a domain name", found: nil) }
                    value = .fqdn(fqdn, family: family)
                case "description":
                    object.description = c.rest()
                default:
                    count("object network/\(keyword ?? "")", lines: 1)
                }
                if let value {
                    if let old = object.value, old != value {
                        fail(child.line, child.text, .conflictingDefinition(
                            "object network \(name) redefined from '\(old)' to '\(value)'; the later value is used"),
                             severity: .warning)
                    }
                    object.value = value
                    if c.peek != nil { throw .expected("end of line", found: c.peek) }
                }
            } catch {
                fail(child.line, child.text, error.problem)
            }
        }
        config.networkObjects[name] = object
    }

    // MARK: - object service

    internal mutating func parseServiceObject(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        _ = t.next(); _ = t.next()
        guard let name = t.next() else {
            fail(block.line, block.text, .expected("an object name", found: nil))
            skipChildren(block, as: "object service")
            return
        }
        var object = config.serviceObjects[name] ?? ServiceObject(name: name, service: nil, line: block.line)
        for child in block.children {
            var c = TokenCursor(child.text)
            do throws(LineFailure) {
                switch c.next()?.lowercased() {
                case "service":
                    object.service = try serviceSpecification(&c, line: child.line, text: child.text)
                case "description":
                    object.description = c.rest()
                case let other:
                    count("object service/\(other ?? "")", lines: 1)
                }
            } catch {
                fail(child.line, child.text, error.problem)
            }
        }
        config.serviceObjects[name] = object
    }

    /// `PROTO [source OP] [destination OP]`, `icmp|icmp6 [TYPE [CODE]]` or `tcp-udp ...`.
    internal mutating func serviceSpecification(_ c: inout TokenCursor, line: Int, text: Substring)
        throws(LineFailure) -> ServiceSpecification
    {
        guard let protoText = c.next() else { throw .expected("a protocol", found: nil) }
        let lower = protoText.lowercased()
        let serviceProtocol: ServiceSpecification.ServiceProtocol
        if lower == "ip" {
            serviceProtocol = .ip
        } else if lower == "tcp-udp" {
            serviceProtocol = .tcpUDP
        } else if let number = IPProtocolTable.number(for: protoText) {
            if IPProtocolTable.isUnconfirmedAlias(protoText) {
                fail(line, text, .unconfirmed("protocol alias '\(protoText)' read as \(number)"), severity: .warning)
            }
            serviceProtocol = .number(number)
        } else {
            throw .expected("a protocol name or number", found: protoText)
        }
        if case .number(let n) = serviceProtocol, IPProtocolTable.isICMP(n) {
            var icmp: ICMPMatch?
            if let typeText = c.next() {
                guard let type = ICMPTypeTable.type(for: typeText, icmp6: n == IPProtocolTable.icmp6) else {
                    throw .expected("an ICMP type", found: typeText)
                }
                var code: UInt8?
                if let codeText = c.next() {
                    guard let value = UInt8(codeText) else { throw .expected("an ICMP code 0-255", found: codeText) }
                    code = value
                }
                icmp = ICMPMatch(type: type, code: code)
            }
            if let extra = c.peek { throw .expected("end of line", found: extra) }
            return ServiceSpecification(serviceProtocol: serviceProtocol, icmp: icmp)
        }
        let table: PortNameTable.Table
        if case .number(let n) = serviceProtocol { table = PortNameTable.table(forProtocol: n) } else { table = .tcp }
        var source: PortOperator?
        var destination: PortOperator?
        while let keyword = c.peekKeyword {
            if keyword == "source" {
                _ = c.next()
                source = try portOperator(&c, table: table, line: line, text: text)
            } else if keyword == "destination" {
                _ = c.next()
                destination = try portOperator(&c, table: table, line: line, text: text)
            } else if ConfigParser.portOperatorKeywords.contains(keyword) {
                fail(line, text, .unconfirmed("a port operator without 'source'/'destination' read as destination"),
                     severity: .warning)
                destination = try portOperator(&c, table: table, line: line, text: text)
            } else {
                throw .expected("'source', 'destination' or end of line", found: c.peek)
            }
        }
        return ServiceSpecification(serviceProtocol: serviceProtocol, sourcePort: source, destinationPort: destination)
    }

    internal static let portOperatorKeywords: Set<String> = ["eq", "neq", "lt", "gt", "range"]

    /// `eq|neq|lt|gt PORT` or `range PORT PORT`, ports by number or by name (`table` first, then
    /// the other protocol's names).
    internal mutating func portOperator(_ c: inout TokenCursor, table: PortNameTable.Table, line: Int, text: Substring)
        throws(LineFailure) -> PortOperator
    {
        let keywordText = c.next()
        guard let keyword = keywordText?.lowercased(), ConfigParser.portOperatorKeywords.contains(keyword) else {
            throw .expected("eq, neq, lt, gt or range", found: keywordText)
        }
        func port(_ word: String?) throws(LineFailure) -> UInt16 {
            guard let word else { throw .expected("a port number or name", found: nil) }
            if let value = PortNameTable.port(for: word, in: table) { return value }
            if let value = PortNameTable.port(for: word, in: table == .tcp ? .udp : .tcp) { return value }
            throw .expected("a port number 0-65535 or a port name", found: word)
        }
        switch keyword {
        case "eq": return .equal(try port(c.next()))
        case "neq": return .notEqual(try port(c.next()))
        case "lt": return .lessThan(try port(c.next()))
        case "gt": return .greaterThan(try port(c.next()))
        default:
            let first = try port(c.next())
            let last = try port(c.next())
            guard first <= last else {
                throw .expected("a range whose first port is not above its last", found: "\(first) \(last)")
            }
            return .range(first, last)
        }
    }


    // MARK: - object-group

    internal mutating func parseObjectGroup(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        _ = t.next()
        let typeKeyword = t.next()?.lowercased() ?? ""
        guard let name = t.next() else {
            fail(block.line, block.text, .expected("a group name", found: nil))
            skipChildren(block, as: "object-group")
            return
        }
        var kind: ObjectGroup.Kind
        switch typeKeyword {
        case "network": kind = .network
        case "protocol": kind = .protocols
        case "icmp-type": kind = .icmpTypes
        default:
            switch t.peekKeyword {
            case "tcp": kind = .ports(.tcp)
            case "udp": kind = .ports(.udp)
            case "tcp-udp": kind = .ports(.tcpUDP)
            case nil: kind = .services
            default:
                fail(block.line, block.text, .expected("tcp, udp, tcp-udp or end of line", found: t.peek))
                kind = .services
            }
        }
        // Taken out of the dictionary while members are appended, so a group re-opened many times
        // is not copied each time.
        var group = config.objectGroups.removeValue(forKey: name)
            ?? ObjectGroup(name: name, kind: kind, line: block.line)
        if group.kind != kind {
            config.objectGroups[name] = group
            fail(block.line, block.text, .conflictingDefinition(
                "object-group \(name) already defined as \(group.kind), here as \(kind); members ignored"))
            skipChildren(block, as: "object-group")
            return
        }
        let portTable: PortNameTable.Table = kind == .ports(.udp) ? .udp : .tcp
        for child in block.children {
            var c = TokenCursor(child.text)
            do throws(LineFailure) {
                let keyword = c.next()?.lowercased() ?? ""
                var member: ObjectGroup.Member?
                switch (keyword, kind) {
                case ("description", _):
                    group.description = c.rest()
                case ("group-object", _):
                    guard let nested = c.next() else { throw .expected("a group name", found: nil) }
                    member = .group(nested)
                case ("network-object", .network):
                    let spec = try addressSpecifier(&c, what: "host, object, an address and mask, or an IPv6 prefix",
                                                    line: child.line, text: child.text)
                    switch spec {
                    case .host, .network, .ipv6Prefix, .object: member = .network(spec)
                    default: throw .expected("host, object, an address and mask, or an IPv6 prefix",
                                             found: spec.description)
                    }
                case ("port-object", .ports):
                    member = .port(try portOperator(&c, table: portTable, line: child.line, text: child.text))
                case ("service-object", .services):
                    if c.peekKeyword == "object" {
                        _ = c.next()
                        guard let object = c.next() else { throw .expected("a service object name", found: nil) }
                        member = .serviceObject(object)
                    } else {
                        member = .service(try serviceSpecification(&c, line: child.line, text: child.text))
                    }
                case ("protocol-object", .protocols):
                    guard let text = c.next() else { throw .expected("a protocol", found: nil) }
                    if text.lowercased() == "ip" {
                        member = .protocolNumber(nil)
                    } else if let number = IPProtocolTable.number(for: text) {
                        member = .protocolNumber(number)
                    } else {
                        throw .expected("a protocol name or number", found: text)
                    }
                case ("icmp-object", .icmpTypes):
                    guard let text = c.next() else { throw .expected("an ICMP type", found: nil) }
                    guard UInt8(text) != nil || ICMPTypeTable.isName(text) else {
                        throw .expected("an ICMP type name or number", found: text)
                    }
                    member = .icmpType(text)
                default:
                    throw .expected("a member line of an object-group \(kind)", found: keyword)
                }
                if let member {
                    if c.peek != nil { throw .expected("end of line", found: c.peek) }
                    group.entries.append(ObjectGroup.Entry(member: member, line: child.line))
                }
            } catch {
                fail(child.line, child.text, error.problem)
            }
        }
        config.objectGroups[name] = group
    }

    // MARK: - Addresses

    /// `any|any4|any6`, `host A`, `A M`, `P/L`, `object N`, `object-group N`, `interface N`.
    internal mutating func addressSpecifier(_ c: inout TokenCursor, what: String, line: Int, text: Substring)
        throws(LineFailure) -> AddressSpecifier
    {
        guard let token = c.next() else { throw .expected(what, found: nil) }
        switch token.lowercased() {
        case "any": return .any
        case "any4": return .any4
        case "any6": return .any6
        case "host": return .host(try address(c.next(), "an address after 'host'"))
        case "object":
            guard let name = c.next() else { throw .expected("an object name", found: nil) }
            return .object(ConfigParser.objectName(name))
        case "object-group":
            guard let name = c.next() else { throw .expected("an object-group name", found: nil) }
            return .objectGroup(ConfigParser.objectName(name))
        case "interface":
            guard let name = c.next() else { throw .expected("an interface name", found: nil) }
            return .interface(name)
        default:
            if token.contains(":") {
                return .ipv6Prefix(try ipv6Prefix(token, what))
            }
            let network = try ipv4(token, what)
            let mask = try ipv4(c.next(), "a network mask after \(token)")
            warnIfNonContiguous(mask, line: line, text: text)
            return .network(network, mask: mask)
        }
    }

    /// Reports a non-contiguous mask (it is still matched bit by bit, as the ASA does): a warning
    /// when its inverse is a netmask, so it reads like an IOS wildcard typed by mistake; a note
    /// otherwise (generators such as aerleon's DSMO summarize into such masks on purpose).
    internal mutating func warnIfNonContiguous(_ mask: IPv4Address, line: Int, text: Substring) {
        guard NetworkMask.prefixLength(of: mask.value) == nil else { return }
        let looksLikeWildcard = NetworkMask.prefixLength(of: ~mask.value) != nil
        fail(line, text, .nonContiguousMask(mask.description, looksLikeWildcard: looksLikeWildcard),
             severity: looksLikeWildcard ? .warning : .note)
    }

    // MARK: - time-range

    internal mutating func parseTimeRange(_ block: ConfigBlock) {
        var t = TokenCursor(block.text)
        _ = t.next()
        guard let name = t.next() else {
            fail(block.line, block.text, .expected("a time-range name", found: nil))
            skipChildren(block, as: "time-range")
            return
        }
        var range = config.timeRanges.removeValue(forKey: name) ?? TimeRange(name: name, line: block.line)
        for child in block.children {
            var c = TokenCursor(child.text)
            do throws(LineFailure) {
                switch c.next()?.lowercased() {
                case "absolute":
                    if c.accept("start") { range.absoluteStart = try dateTime(&c) }
                    if c.accept("end") { range.absoluteEnd = try dateTime(&c) }
                    if c.peek != nil { throw .expected("'start', 'end' or end of line", found: c.peek) }
                case "periodic":
                    let startDays = try days(&c)
                    let start = try clockTime(c.next())
                    guard c.accept("to") else { throw .expected("'to'", found: c.peek) }
                    var endDays: Set<LocalDateTime.Weekday>?
                    if let next = c.peek, !next.contains(":") { endDays = try days(&c) }
                    let end = try clockTime(c.next())
                    if c.peek != nil { throw .expected("end of line", found: c.peek) }
                    range.periodic.append(TimeRange.Periodic(startDays: startDays, startMinute: start,
                                                             endDays: endDays, endMinute: end,
                                                             text: ConfigParser.trimmed(child.text)))
                case let other:
                    count("time-range/\(other ?? "")", lines: 1)
                }
            } catch {
                fail(child.line, child.text, error.problem)
            }
        }
        config.timeRanges[name] = range
    }

    internal static let weekdayNames: [String: LocalDateTime.Weekday] = [
        "monday": .monday, "tuesday": .tuesday, "wednesday": .wednesday, "thursday": .thursday,
        "friday": .friday, "saturday": .saturday, "sunday": .sunday,
    ]

    internal static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]

    /// One or more of Monday…Sunday, `daily`, `weekdays`, `weekend`.
    internal func days(_ c: inout TokenCursor) throws(LineFailure) -> Set<LocalDateTime.Weekday> {
        var result: Set<LocalDateTime.Weekday> = []
        while let word = c.peekKeyword, !word.contains(":") {
            switch word {
            case "daily": result.formUnion(LocalDateTime.Weekday.allCases)
            case "weekdays": result.formUnion([.monday, .tuesday, .wednesday, .thursday, .friday])
            case "weekend": result.formUnion([.saturday, .sunday])
            default:
                guard let day = ConfigParser.weekdayNames[word] else {
                    throw .expected("a day (Monday-Sunday, daily, weekdays, weekend)", found: c.peek)
                }
                result.insert(day)
            }
            _ = c.next()
        }
        if result.isEmpty { throw .expected("a day (Monday-Sunday, daily, weekdays, weekend)", found: c.peek) }
        return result
    }

    /// `HH:MM` → minutes after midnight.
    internal func clockTime(_ text: String?) throws(LineFailure) -> Int {
        guard let text, let colon = text.firstIndex(of: ":"),
              let hour = Int(text[..<colon]), let minute = Int(text[text.index(after: colon)...]),
              (0...23).contains(hour), (0...59).contains(minute)
        else { throw .expected("a time HH:MM", found: text) }
        return hour * 60 + minute
    }

    /// `HH:MM D Month YYYY`.
    internal func dateTime(_ c: inout TokenCursor) throws(LineFailure) -> LocalDateTime {
        let minutes = try clockTime(c.next())
        let day = try integer(c.next(), 1...31, "a day of the month")
        let monthText = c.next()
        guard let monthText,
              let month = ConfigParser.monthNames.firstIndex(where: {
                  $0 == monthText.lowercased() || (monthText.count >= 3 && $0.hasPrefix(monthText.lowercased()))
              })
        else { throw .expected("a month name", found: monthText) }
        let year = try integer(c.next(), 1993...2035, "a year 1993-2035")
        guard let time = LocalDateTime(year: year, month: month + 1, day: day, hour: minutes / 60, minute: minutes % 60)
        else { throw .expected("a valid date", found: "\(day) \(monthText) \(year)") }
        return time
    }
}
