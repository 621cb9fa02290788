import LPM

extension AsaSyslogMessage {
    /// Parses one syslog line; nil when it carries no `%ASA-`/`%FTD-`/`%PIX-`/`%NGIPS-` tag, is not
    /// one of the messages listed on the type, or does not read. Whatever header precedes the
    /// tag is ignored. `parseResult` says why a line is refused.
    public static func parse(_ line: String, names: NameTable = NameTable()) -> AsaSyslogMessage? {
        try? parseResult(line, names: names).get()
    }

    /// Parses one syslog line, or says why not (the reason names the message id). Endpoints
    /// logged as host names are resolved through `names`.
    public static func parseResult(_ line: String, names: NameTable = NameTable()) -> Result<AsaSyslogMessage, Refusal> {
        guard let tag = Tag(line) else { return .failure(Refusal(messageID: nil, reason: .noTag)) }
        var words = tag.body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let last = words.last, last.hasSuffix("\r") { words[words.count - 1] = String(last.dropLast()) }
        let reader = BodyReader(product: tag.product, severity: tag.severity, id: tag.messageID, names: names)
        do {
            switch tag.messageID {
            case 106015: return .success(try reader.deniedNoConnection(words))
            case 106023: return .success(try reader.denied(words))
            case 106100: return .success(try reader.accessListHit(words))
            case 302013, 302015: return .success(try reader.built(words))
            case 302014, 302016: return .success(try reader.teardown(words))
            case 302020, 302021: return .success(try reader.icmp(words))
            case 305011, 305012: return .success(try reader.translation(words))
            case 430002, 430003: return .success(try reader.ftdConnection(String(tag.body)))
            case 710003: return .success(try reader.toTheBox(words))
            default: return .failure(Refusal(messageID: tag.messageID, reason: .unsupportedMessage))
            }
        } catch {
            return .failure(error)
        }
    }

    /// The `%PRODUCT[-class]-SEVERITY-ID` tag anywhere in a line, and the body after it.
    struct Tag {
        let product: String
        let severity: Int
        let messageID: Int
        let body: Substring
        /// Where the tag starts (everything before it is the syslog header).
        let start: String.Index

        init?(_ line: String) {
            var search = line[...]
            while let percent = search.firstIndex(of: "%") {
                let rest = search[search.index(after: percent)...]
                search = rest
                guard let product = ["ASA", "FTD", "PIX", "NGIPS"].first(where: { rest.hasPrefix($0 + "-") }) else {
                    continue
                }
                let fields = rest.dropFirst(product.count + 1)
                let end = fields.firstIndex { $0 == ":" || $0 == " " } ?? fields.endIndex
                let parts = fields[..<end].split(separator: "-")
                guard parts.count >= 2, let severity = Int(parts[parts.count - 2]), let id = Int(parts[parts.count - 1])
                else { continue }
                self.product = product
                self.severity = severity
                self.messageID = id
                var body = fields[end...]
                if body.first == ":" { body = body.dropFirst() }
                self.body = body
                self.start = percent
                return
            }
            return nil
        }
    }

    /// Reads the body of one message id, throwing a `Refusal` that names it.
    struct BodyReader {
        let product: String
        let severity: Int
        let id: Int
        let names: NameTable

        func fail(_ expected: String) -> Refusal {
            Refusal(messageID: id, reason: .malformed(expected: expected))
        }

        /// An address, or a host name resolved through the `name` table.
        func address(_ text: Substring) throws(Refusal) -> (IPAddress, String?) {
            if let address = IPAddress(parsing: text) { return (address, nil) }
            guard let first = text.first, first.isLetter || first == "_" else { throw fail("an address, found `\(text)`") }
            guard let address = names.address(named: text) else {
                throw Refusal(messageID: id, reason: .endpointIsName(String(text)))
            }
            return (address, String(text))
        }

        /// `address[/port][(user)]`; the port may be a service name.
        func addressAndPort(_ raw: Substring) throws(Refusal) -> Endpoint {
            var text = raw
            var user: String?
            if text.last == ")", let open = text.firstIndex(of: "(") {
                user = String(text[text.index(after: open)..<text.index(before: text.endIndex)])
                text = text[..<open]
            }
            if let slash = text.lastIndex(of: "/") {
                let (address, name) = try address(text[..<slash])
                let portText = text[text.index(after: slash)...]
                if let port = UInt16(portText) {
                    return Endpoint(interface: nil, address: address, port: port, name: name, user: user)
                }
                return Endpoint(interface: nil, address: address, port: PortNameTable.port(for: String(portText), in: .tcp),
                                service: String(portText), name: name, user: user)
            }
            let (address, name) = try address(text)
            return Endpoint(interface: nil, address: address, port: nil, name: name, user: user)
        }

        /// `ifc:address[/port][(user)]`.
        func colonEndpoint(_ text: String) throws(Refusal) -> Endpoint {
            guard let colon = text.firstIndex(of: ":") else { throw fail("`interface:address/port`, found `\(text)`") }
            let e = try addressAndPort(text[text.index(after: colon)...])
            return Endpoint(interface: String(text[..<colon]), address: e.address, port: e.port, service: e.service,
                            name: e.name, user: e.user)
        }

        /// `ifc/address(port)` (106100).
        func slashEndpoint(_ text: String) throws(Refusal) -> Endpoint {
            guard let slash = text.firstIndex(of: "/"), let open = text.lastIndex(of: "("), text.last == ")",
                  slash < open,
                  let port = UInt16(text[text.index(after: open)..<text.index(before: text.endIndex)])
            else { throw fail("`interface/address(port)`, found `\(text)`") }
            let (address, name) = try address(text[text.index(after: slash)..<open])
            return Endpoint(interface: String(text[..<slash]), address: address, port: port, name: name)
        }

        func hashes(_ words: ArraySlice<String>) -> [String] {
            words.joined(separator: " ").split(whereSeparator: { "[], ".contains($0) }).map(String.init)
        }

        func unquoted(_ text: String) -> String {
            var t = Substring(text)
            if t.first == "\"" { t = t.dropFirst() }
            if t.last == "\"" { t = t.dropLast() }
            return String(t)
        }

        // MARK: - Messages

        /// `Deny TCP (no connection) from <ip>/<port> to <ip>/<port> flags <flags> on interface <ifc>`
        func deniedNoConnection(_ w: [String]) throws(Refusal) -> AsaSyslogMessage {
            guard w.count >= 8, w[0] == "Deny", w[2] == "(no", w[3] == "connection)", w[4] == "from", w[6] == "to" else {
                throw fail("`Deny TCP (no connection) from A/P to B/P flags F on interface I`")
            }
            let from = try addressAndPort(w[5][...])
            let to = try addressAndPort(w[7][...])
            var flags: [String] = []
            var i = 8
            if i < w.count, w[i] == "flags" {
                i += 1
                while i < w.count, w[i] != "on" { flags.append(w[i]); i += 1 }
            }
            let interface = i + 2 < w.count && w[i] == "on" && w[i + 1] == "interface" ? w[i + 2] : nil
            let src = Endpoint(interface: interface, address: from.address, port: from.port, name: from.name, user: from.user)
            return AsaSyslogMessage(product: product, severity: severity, messageID: id, event: .deniedNoConnection,
                                    protocolName: w[1].lowercased(), endpoints: [src, to], source: src, destination: to,
                                    tcpFlags: flags.isEmpty ? nil : flags.joined(separator: " "))
        }

        /// `Deny <proto> src <ifc>:<ip>[/<port>] dst <ifc>:<ip>[/<port>] [(type T, code C)]
        /// by access-group "<acl>" [h1, h2]`
        func denied(_ w: [String]) throws(Refusal) -> AsaSyslogMessage {
            let layout = "`Deny PROTO src IFC:ADDR[/PORT] dst IFC:ADDR[/PORT] by access-group ACL`"
            guard w.count >= 6, w[0].lowercased() == "deny" else { throw fail(layout) }
            var i = 1
            var proto = w[i].lowercased()
            if proto == "protocol", w.count > i + 1 { i += 1; proto = w[i] }
            i += 1
            guard i + 3 < w.count, w[i] == "src", w[i + 2] == "dst" else { throw fail(layout) }
            var type: UInt8?
            var code: UInt8?
            let src = try colonEndpoint(w[i + 1])
            let dst = try colonEndpoint(w[i + 3])
            i += 4
            if i < w.count, w[i] == "(type" {
                type = i + 1 < w.count ? UInt8(w[i + 1].filter(\.isNumber)) : nil
                code = i + 3 < w.count ? UInt8(w[i + 3].filter(\.isNumber)) : nil
                i += 4
            }
            guard i + 2 < w.count, w[i] == "by", w[i + 1] == "access-group" else { throw fail(layout) }
            return AsaSyslogMessage(product: product, severity: severity, messageID: id, event: .deniedByAccessGroup,
                                    protocolName: proto, endpoints: [src, dst], source: src, destination: dst,
                                    accessList: unquoted(w[i + 2]), icmpType: type, icmpCode: code,
                                    hashes: hashes(w[(i + 3)...]))
        }

        /// `access-list <acl> permitted|denied|est-allowed <proto> <ifc>/<ip>(<port>) -> <ifc>/<ip>(<port>) hit-cnt N ...`
        func accessListHit(_ w: [String]) throws(Refusal) -> AsaSyslogMessage {
            guard w.count >= 7, w[0] == "access-list", let outcome = AccessListOutcome(rawValue: w[2]), w[5] == "->" else {
                throw fail("`access-list ACL permitted|denied|est-allowed PROTO IFC/ADDR(PORT) -> IFC/ADDR(PORT)`")
            }
            let src = try slashEndpoint(w[4])
            let dst = try slashEndpoint(w[6])
            var rest = w[7...]
            if rest.first == "hit-cnt" { rest = rest.dropFirst(2) }
            let bracket = rest.firstIndex { $0.hasPrefix("[") }
            let protocolName = w[3].lowercased()
            var type: UInt8?
            if IPProtocolTable.number(for: protocolName).map(IPProtocolTable.isICMP) == true, let port = dst.port {
                type = UInt8(truncatingIfNeeded: port)
            }
            return AsaSyslogMessage(product: product, severity: severity, messageID: id,
                                    event: .accessListHit(outcome), protocolName: protocolName, endpoints: [src, dst],
                                    source: src, destination: dst, accessList: w[1], icmpType: type,
                                    hashes: bracket.map { hashes(w[$0...]) } ?? [])
        }

        /// The `for A (mA) [(user)] to B (mB) [(user)]` part of a Built/Teardown message, from index `start`.
        func connectionEndpoints(_ w: [String], from start: Int) throws(Refusal) -> (Endpoint, Endpoint, Int) {
            var i = start
            func endpoint() throws(Refusal) -> Endpoint {
                guard i < w.count else { throw fail("an endpoint `IFC:ADDR/PORT`") }
                let real = try colonEndpoint(w[i])
                i += 1
                var mappedAddress: IPAddress?
                var mappedPort: UInt16?
                var user = real.user
                if i < w.count, w[i].hasPrefix("("), w[i].contains("/") || w[i].contains("."),
                   let mapped = try? addressAndPort(w[i].dropFirst().prefix { $0 != ")" }) {
                    mappedAddress = mapped.address
                    mappedPort = mapped.port
                    // `(mapped/port)(user)` written without a space.
                    if let close = w[i].firstIndex(of: ")"), w[i][w[i].index(after: close)...].hasPrefix("(") {
                        user = String(w[i][w[i].index(close, offsetBy: 2)...].dropLast())
                    }
                    i += 1
                }
                // An identity-firewall user or snooped host name in its own parentheses.
                while i < w.count, w[i].hasPrefix("("), w[i] != "(type" {
                    if user == nil { user = String(w[i].dropFirst().prefix { $0 != ")" }) }
                    i += 1
                }
                return Endpoint(interface: real.interface, address: real.address, port: real.port,
                                mappedAddress: mappedAddress, mappedPort: mappedPort, service: real.service,
                                name: real.name, user: user)
            }
            guard i < w.count, w[i] == "for" else { throw fail("`for IFC:ADDR/PORT`") }
            i += 1
            let first = try endpoint()
            guard i < w.count, w[i] == "to" else { throw fail("`to IFC:ADDR/PORT`") }
            i += 1
            let second = try endpoint()
            return (first, second, i)
        }

        /// `Built inbound|outbound TCP|UDP connection <id> for ... to ...` (FTD may add `Probe`).
        func built(_ w: [String]) throws(Refusal) -> AsaSyslogMessage {
            var w = w
            if w.count > 2, w[2] == "Probe" { w.remove(at: 2) }
            guard w.count >= 7, w[0] == "Built", let direction = ConnectionDirection(rawValue: w[1]),
                  w[3] == "connection", let connection = UInt64(w[4])
            else { throw fail("`Built inbound|outbound TCP|UDP connection ID for … to …`") }
            let (first, second, _) = try connectionEndpoints(w, from: 5)
            let (source, destination) = direction == .inbound ? (first, second) : (second, first)
            return AsaSyslogMessage(product: product, severity: severity, messageID: id,
                                    event: .connectionBuilt(direction), protocolName: w[2].lowercased(),
                                    endpoints: [first, second], source: source, destination: destination,
                                    connectionID: connection)
        }

        /// `Teardown TCP|UDP connection <id> for ... to ... duration h:mm:ss bytes N [reason]`
        func teardown(_ w: [String]) throws(Refusal) -> AsaSyslogMessage {
            guard w.count >= 6, w[0] == "Teardown", w[2] == "connection", let connection = UInt64(w[3]) else {
                throw fail("`Teardown TCP|UDP connection ID for … to … duration H:MM:SS bytes N`")
            }
            let (first, second, next) = try connectionEndpoints(w, from: 4)
            var i = next
            var duration: String?
            var bytes: UInt64?
            if i + 1 < w.count, w[i] == "duration" { duration = w[i + 1]; i += 2 }
            if i + 1 < w.count, w[i] == "bytes" {
                guard let count = UInt64(w[i + 1]) else { throw fail("a byte count after `bytes`") }
                bytes = count
                i += 2
            }
            let reason = i < w.count ? w[i...].joined(separator: " ") : nil
            return AsaSyslogMessage(product: product, severity: severity, messageID: id, event: .connectionTeardown,
                                    protocolName: w[1].lowercased(), endpoints: [first, second], source: nil,
                                    destination: nil, connectionID: connection, duration: duration, bytes: bytes,
                                    reason: reason)
        }

        /// `Built inbound|outbound ICMP connection for faddr A/id gaddr G/id laddr L/id [type T code C]`,
        /// `Teardown ICMP connection for faddr … gaddr … laddr … [type T code C]`. Endpoints are
        /// [foreign, local]; the local one carries the global address as its mapped address.
        func icmp(_ w: [String]) throws(Refusal) -> AsaSyslogMessage {
            let built = id == 302020
            var i = 0
            var direction: ConnectionDirection?
            if built {
                guard w.count > 2, w[0] == "Built", let d = ConnectionDirection(rawValue: w[1]) else {
                    throw fail("`Built inbound|outbound ICMP connection for faddr … gaddr … laddr …`")
                }
                direction = d
                i = 2
            } else {
                guard w.first == "Teardown" else { throw fail("`Teardown ICMP connection for faddr … gaddr … laddr …`") }
                i = 1
            }
            guard i + 2 < w.count, w[i + 1] == "connection", w[i + 2] == "for" else {
                throw fail("`ICMP connection for faddr …`")
            }
            let protocolName = w[i].lowercased()
            i += 3
            var addresses: [String: Endpoint] = [:]
            var type: UInt8?
            var code: UInt8?
            while i < w.count {
                let key = w[i]
                switch key {
                case "faddr", "gaddr", "laddr":
                    guard i + 1 < w.count else { throw fail("an address after `\(key)`") }
                    var endpoint = try addressAndPort(w[i + 1][...])
                    i += 2
                    if i < w.count, w[i].hasPrefix("(") {
                        endpoint = Endpoint(interface: nil, address: endpoint.address, port: endpoint.port,
                                            name: endpoint.name, user: String(w[i].dropFirst().prefix { $0 != ")" }))
                        i += 1
                    }
                    addresses[key] = endpoint
                case "type":
                    type = i + 1 < w.count ? UInt8(w[i + 1]) : nil
                    i += 2
                case "code":
                    code = i + 1 < w.count ? UInt8(w[i + 1]) : nil
                    i += 2
                default:
                    i += 1
                }
            }
            guard let foreign = addresses["faddr"], let local = addresses["laddr"] else {
                throw fail("`faddr ADDR/ID` and `laddr ADDR/ID`")
            }
            let global = addresses["gaddr"]
            let localWithMapped = Endpoint(interface: nil, address: local.address, port: local.port,
                                           mappedAddress: global?.address, mappedPort: global?.port, name: local.name,
                                           user: local.user)
            var source: Endpoint?
            var destination: Endpoint?
            if let direction {
                (source, destination) = direction == .inbound ? (foreign, localWithMapped) : (localWithMapped, foreign)
            }
            return AsaSyslogMessage(product: product, severity: severity, messageID: id,
                                    event: direction.map { .icmpConnectionBuilt($0) } ?? .icmpConnectionTeardown,
                                    protocolName: protocolName, endpoints: [foreign, localWithMapped], source: source,
                                    destination: destination, icmpType: type, icmpCode: code)
        }

        /// `Built|Teardown dynamic|static TCP|UDP|ICMP translation from <ifc>:<real>/<p> to <ifc>:<mapped>/<p> [duration …]`
        func translation(_ w: [String]) throws(Refusal) -> AsaSyslogMessage {
            let verb = id == 305011 ? "Built" : "Teardown"
            guard w.count >= 8, w[0] == verb, let kind = TranslationKind(rawValue: w[1]), w[3] == "translation",
                  w[4] == "from", w[6] == "to"
            else { throw fail("`\(verb) dynamic|static PROTO translation from IFC:REAL/PORT to IFC:MAPPED/PORT`") }
            let real = try colonEndpoint(w[5])
            let mapped = try colonEndpoint(w[7])
            let source = Endpoint(interface: real.interface, address: real.address, port: real.port,
                                  mappedAddress: mapped.address, mappedPort: mapped.port, service: real.service,
                                  name: real.name, user: real.user)
            var duration: String?
            if let index = w.firstIndex(of: "duration"), index + 1 < w.count { duration = w[index + 1] }
            return AsaSyslogMessage(product: product, severity: severity, messageID: id,
                                    event: id == 305011 ? .translationBuilt(kind) : .translationTeardown(kind),
                                    protocolName: w[2].lowercased(), endpoints: [source, mapped], source: source,
                                    destination: nil, duration: duration)
        }

        /// FTD 430002/430003: `Key: Value` pairs joined by `, ` (values may hold `, `).
        func ftdConnection(_ body: String) throws(Refusal) -> AsaSyslogMessage {
            var pairs: [String: String] = [:]
            var lastKey: String?
            for segment in Self.split(body, on: ", ") {
                let trimmed = segment.drop { $0 == " " }
                if let colon = Self.firstRange(of: ": ", in: trimmed)
                    ?? (trimmed.hasSuffix(":") ? trimmed.index(before: trimmed.endIndex)..<trimmed.endIndex : nil) {
                    let key = trimmed[..<colon.lowerBound]
                    if !key.isEmpty, key.count <= 40, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || $0 == "_" }) {
                        lastKey = String(key)
                        pairs[String(key)] = String(trimmed[colon.upperBound...])
                        continue
                    }
                }
                if let lastKey { pairs[lastKey, default: ""] += ", " + segment }
            }
            guard let srcText = pairs["SrcIP"], let dstText = pairs["DstIP"] else { throw fail("`SrcIP: …, DstIP: …`") }
            let (srcAddress, srcName) = try address(srcText[...])
            let (dstAddress, dstName) = try address(dstText[...])
            let src = Endpoint(interface: pairs["IngressInterface"], address: srcAddress,
                               port: pairs["SrcPort"].flatMap { UInt16($0) }, name: srcName, user: pairs["User"])
            let dst = Endpoint(interface: pairs["EgressInterface"], address: dstAddress,
                               port: pairs["DstPort"].flatMap { UInt16($0) }, name: dstName)
            let initiator = pairs["InitiatorBytes"].flatMap { UInt64($0) }
            let responder = pairs["ResponderBytes"].flatMap { UInt64($0) }
            let total: UInt64? = initiator == nil && responder == nil ? nil : (initiator ?? 0) + (responder ?? 0)
            let proto = (pairs["Protocol"] ?? "").lowercased()
            let duration = pairs["ConnectionDuration"]
            return AsaSyslogMessage(product: product, severity: severity, messageID: id,
                                    event: id == 430002 ? .connectionStart : .connectionEnd, protocolName: proto,
                                    endpoints: [src, dst], source: src, destination: dst,
                                    accessList: pairs["AccessControlRuleName"],
                                    connectionID: pairs["ConnectionID"].flatMap { UInt64($0) }, duration: duration,
                                    bytes: total, initiatorBytes: initiator, responderBytes: responder,
                                    ruleAction: pairs["AccessControlRuleAction"])
        }

        /// `text` cut at every `separator`.
        static func split(_ text: String, on separator: String) -> [Substring] {
            var parts: [Substring] = []
            var rest = text[...]
            while let range = firstRange(of: separator, in: rest) {
                parts.append(rest[..<range.lowerBound])
                rest = rest[range.upperBound...]
            }
            parts.append(rest)
            return parts
        }

        /// The first occurrence of `needle` in `text`.
        static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
            guard let first = needle.first else { return nil }
            var index = text.startIndex
            while let found = text[index...].firstIndex(of: first) {
                if text[found...].hasPrefix(needle) {
                    return found..<text.index(found, offsetBy: needle.count)
                }
                index = text.index(after: found)
            }
            return nil
        }

        /// `TCP|UDP access denied by ACL from <ip>/<port> to <ifc>:<ip>/<service>`
        func toTheBox(_ w: [String]) throws(Refusal) -> AsaSyslogMessage {
            guard w.count >= 9, w[1] == "access", w[2] == "denied", w[5] == "from", w[7] == "to" else {
                throw fail("`PROTO access denied by ACL from ADDR/PORT to IFC:ADDR/SERVICE`")
            }
            let src = try addressAndPort(w[6][...])
            let dst = try colonEndpoint(w[8])
            return AsaSyslogMessage(product: product, severity: severity, messageID: 710003, event: .toTheBoxDenied,
                                    protocolName: w[0].lowercased(), endpoints: [src, dst], source: src, destination: dst)
        }
    }
}
