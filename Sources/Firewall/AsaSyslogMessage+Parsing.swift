import LPM

extension AsaSyslogMessage {
    /// Parses one syslog line; nil when it carries no `%ASA-`/`%FTD-`/`%PIX-` tag or is not one
    /// of the messages listed on the type. Whatever header precedes the tag is ignored.
    public static func parse(_ line: String) -> AsaSyslogMessage? {
        guard let (product, severity, id, body) = header(line) else { return nil }
        var words = body.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if let last = words.last, last.hasSuffix("\r") { words[words.count - 1] = String(last.dropLast()) }
        switch id {
        case 106023: return denied(words, product, severity)
        case 106100: return accessListHit(words, product, severity)
        case 302013, 302015: return built(words, product, severity, id)
        case 302014, 302016: return teardown(words, product, severity, id)
        case 710003: return toTheBox(words, product, severity)
        default: return nil
        }
    }

    /// `%ASA-6-302013: body` anywhere in the line.
    private static func header(_ line: String) -> (String, Int, Int, Substring)? {
        var search = line[...]
        while let percent = search.firstIndex(of: "%") {
            let rest = search[search.index(after: percent)...]
            search = rest
            let product = rest.prefix(3)
            guard ["ASA", "FTD", "PIX"].contains(product) else { continue }
            let afterProduct = rest.dropFirst(3)
            guard afterProduct.first == "-" else { continue }
            let fields = afterProduct.dropFirst()
            guard let colon = fields.firstIndex(of: ":") else { continue }
            let parts = fields[..<colon].split(separator: "-")
            guard parts.count == 2, let severity = Int(parts[0]), let id = Int(parts[1]) else { continue }
            return (String(product), severity, id, fields[fields.index(after: colon)...])
        }
        return nil
    }

    /// `ifc:address[/port]` (106023, Built, Teardown, 710003 destination).
    internal static func colonEndpoint(_ text: String) -> Endpoint? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let interface = String(text[..<colon])
        guard let (address, port, service) = addressAndPort(text[text.index(after: colon)...]) else { return nil }
        return Endpoint(interface: interface, address: address, port: port, service: service)
    }

    /// `address[/port]`; the port may be a service name.
    internal static func addressAndPort(_ text: Substring) -> (IPAddress, UInt16?, String?)? {
        if let slash = text.lastIndex(of: "/") {
            guard let address = IPAddress(parsing: text[..<slash]) else { return nil }
            let portText = text[text.index(after: slash)...]
            if let port = UInt16(portText) { return (address, port, nil) }
            return (address, PortNameTable.port(for: String(portText), in: .tcp), String(portText))
        }
        guard let address = IPAddress(parsing: text) else { return nil }
        return (address, nil, nil)
    }

    /// `ifc/address(port)` (106100).
    internal static func slashEndpoint(_ text: String) -> Endpoint? {
        guard let slash = text.firstIndex(of: "/"), let open = text.lastIndex(of: "("), text.last == ")",
              slash < open
        else { return nil }
        let interface = String(text[..<slash])
        guard let address = IPAddress(parsing: text[text.index(after: slash)..<open]),
              let port = UInt16(text[text.index(after: open)..<text.index(before: text.endIndex)])
        else { return nil }
        return Endpoint(interface: interface, address: address, port: port)
    }

    /// `(mapped/port)` possibly followed by `(user)`.
    internal static func mapped(_ text: String) -> (IPAddress, UInt16?)? {
        guard text.first == "(", let close = text.firstIndex(of: ")") else { return nil }
        let inner = text[text.index(after: text.startIndex)..<close]
        guard let (address, port, _) = addressAndPort(inner) else { return nil }
        return (address, port)
    }

    internal static func unquoted(_ text: String) -> String {
        var t = Substring(text)
        if t.first == "\"" { t = t.dropFirst() }
        if t.last == "\"" { t = t.dropLast() }
        return String(t)
    }

    internal static func hashes(_ words: ArraySlice<String>) -> [String] {
        words.joined(separator: " ").split(whereSeparator: { "[], ".contains($0) }).map(String.init)
    }

    // MARK: - Messages

    /// `Deny <proto> src <ifc>:<ip>[/<port>] dst <ifc>:<ip>[/<port>] [(type T, code C)]
    /// by access-group "<acl>" [h1, h2]`
    private static func denied(_ w: [String], _ product: String, _ severity: Int) -> AsaSyslogMessage? {
        guard w.count >= 6, w[0].lowercased() == "deny" else { return nil }
        var i = 1
        var proto = w[i].lowercased()
        if proto == "protocol", w.count > i + 1 { i += 1; proto = w[i] }
        i += 1
        guard i + 3 < w.count, w[i] == "src", let src = colonEndpoint(w[i + 1]), w[i + 2] == "dst",
              let dst = colonEndpoint(w[i + 3])
        else { return nil }
        i += 4
        var type: UInt8?
        var code: UInt8?
        if i < w.count, w[i] == "(type" {
            type = i + 1 < w.count ? UInt8(w[i + 1].trimmingSuffix(",")) : nil
            code = i + 3 < w.count ? UInt8(w[i + 3].trimmingSuffix(")")) : nil
            i += 4
        }
        guard i + 2 < w.count, w[i] == "by", w[i + 1] == "access-group" else { return nil }
        return AsaSyslogMessage(product: product, severity: severity, messageID: 106023, event: .deniedByAccessGroup,
                                protocolName: proto, endpoints: [src, dst], source: src, destination: dst,
                                accessList: unquoted(w[i + 2]), icmpType: type, icmpCode: code,
                                hashes: hashes(w[(i + 3)...]))
    }

    /// `access-list <acl> permitted|denied|est-allowed <proto> <ifc>/<ip>(<port>) -> <ifc>/<ip>(<port>) hit-cnt N ...`
    private static func accessListHit(_ w: [String], _ product: String, _ severity: Int) -> AsaSyslogMessage? {
        guard w.count >= 7, w[0] == "access-list", let outcome = AccessListOutcome(rawValue: w[2]),
              let src = slashEndpoint(w[4]), w[5] == "->", let dst = slashEndpoint(w[6])
        else { return nil }
        var rest = w[7...]
        if rest.first == "hit-cnt" { rest = rest.dropFirst(2) }
        let bracket = rest.firstIndex { $0.hasPrefix("[") }
        let protocolName = w[3].lowercased()
        var type: UInt8?
        if IPProtocolTable.number(for: protocolName).map(IPProtocolTable.isICMP) == true, let port = dst.port {
            type = UInt8(truncatingIfNeeded: port)
        }
        return AsaSyslogMessage(product: product, severity: severity, messageID: 106100,
                                event: .accessListHit(outcome), protocolName: protocolName, endpoints: [src, dst],
                                source: src, destination: dst, accessList: w[1], icmpType: type,
                                hashes: bracket.map { hashes(w[$0...]) } ?? [])
    }

    /// The `for A (mA) [(user)] to B (mB) [(user)]` part of a Built message, from index `i`.
    private static func builtEndpoints(_ w: [String], from start: Int) -> (Endpoint, Endpoint, Int)? {
        var i = start
        func endpoint() -> Endpoint? {
            guard i < w.count, let real = colonEndpoint(w[i]) else { return nil }
            i += 1
            var mappedAddress: IPAddress?
            var mappedPort: UInt16?
            if i < w.count, let (address, port) = mapped(w[i]) {
                mappedAddress = address
                mappedPort = port
                i += 1
            }
            // An identity-firewall user in its own parentheses.
            while i < w.count, w[i].hasPrefix("("), w[i] != "(type" { i += 1 }
            return Endpoint(interface: real.interface, address: real.address, port: real.port,
                            mappedAddress: mappedAddress, mappedPort: mappedPort)
        }
        guard i < w.count, w[i] == "for" else { return nil }
        i += 1
        guard let first = endpoint(), i < w.count, w[i] == "to" else { return nil }
        i += 1
        guard let second = endpoint() else { return nil }
        return (first, second, i)
    }

    /// `Built inbound|outbound TCP|UDP connection <id> for ... to ...`
    private static func built(_ w: [String], _ product: String, _ severity: Int, _ id: Int) -> AsaSyslogMessage? {
        guard w.count >= 7, w[0] == "Built", let direction = ConnectionDirection(rawValue: w[1]),
              w[3] == "connection", let connection = UInt64(w[4]),
              let (first, second, _) = builtEndpoints(w, from: 5)
        else { return nil }
        let (source, destination) = direction == .inbound ? (first, second) : (second, first)
        return AsaSyslogMessage(product: product, severity: severity, messageID: id,
                                event: .connectionBuilt(direction), protocolName: w[2].lowercased(),
                                endpoints: [first, second], source: source, destination: destination,
                                connectionID: connection)
    }

    /// `Teardown TCP|UDP connection <id> for ... to ... duration h:mm:ss bytes N [reason]`
    private static func teardown(_ w: [String], _ product: String, _ severity: Int, _ id: Int) -> AsaSyslogMessage? {
        guard w.count >= 6, w[0] == "Teardown", w[2] == "connection", let connection = UInt64(w[3]),
              let (first, second, next) = builtEndpoints(w, from: 4)
        else { return nil }
        var i = next
        var duration: String?
        var bytes: UInt64?
        if i + 1 < w.count, w[i] == "duration" { duration = w[i + 1]; i += 2 }
        if i + 1 < w.count, w[i] == "bytes" { bytes = UInt64(w[i + 1]); i += 2 }
        let reason = i < w.count ? w[i...].joined(separator: " ") : nil
        return AsaSyslogMessage(product: product, severity: severity, messageID: id, event: .connectionTeardown,
                                protocolName: w[1].lowercased(), endpoints: [first, second], source: nil,
                                destination: nil, connectionID: connection, duration: duration, bytes: bytes,
                                reason: reason)
    }

    /// `TCP|UDP access denied by ACL from <ip>/<port> to <ifc>:<ip>/<service>`
    private static func toTheBox(_ w: [String], _ product: String, _ severity: Int) -> AsaSyslogMessage? {
        guard w.count >= 9, w[1] == "access", w[2] == "denied", w[5] == "from",
              let (address, port, _) = addressAndPort(w[6][...]), w[7] == "to", let dst = colonEndpoint(w[8])
        else { return nil }
        let src = Endpoint(interface: nil, address: address, port: port)
        return AsaSyslogMessage(product: product, severity: severity, messageID: 710003, event: .toTheBoxDenied,
                                protocolName: w[0].lowercased(), endpoints: [src, dst], source: src, destination: dst)
    }
}

private extension String {
    func trimmingSuffix(_ suffix: Character) -> String {
        last == suffix ? String(dropLast()) : self
    }
}
