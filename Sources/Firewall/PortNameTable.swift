/// The port names a Cisco ASA accepts and prints, per protocol (docs/cisco-firewall.md §4).
///
/// The ASA 9.x configuration guide's "TCP and UDP Ports" table, literal by literal, with the
/// protocols it gives each one (`http`, `www`, `cifs`, `sip`… are both TCP and UDP there).
/// Traps kept on purpose: `kerberos` is 750, `radius` is 1645, and `dns` is not a port name at
/// all (`domain` is 53).
public enum PortNameTable {
    /// Which name table applies to a port: TCP (also used for SCTP) or UDP.
    public enum Table: Hashable, Sendable {
        /// TCP port names; also used for SCTP, for which the docs list none.
        case tcp
        /// UDP port names.
        case udp
    }

    private static let tcp: [String: UInt16] = [
        "aol": 5190, "bgp": 179, "chargen": 19, "cifs": 3020, "citrix-ica": 1494, "cmd": 514, "ctiqbe": 2748,
        "daytime": 13, "diameter": 3868, "discard": 9, "domain": 53, "echo": 7, "exec": 512, "finger": 79,
        "ftp": 21, "ftp-data": 20, "gopher": 70, "h323": 1720, "hostname": 101, "http": 80, "https": 443,
        "ident": 113, "imap4": 143, "irc": 194, "kerberos": 750, "klogin": 543, "kshell": 544,
        "ldap": 389, "ldaps": 636, "login": 513, "lotusnotes": 1352, "lpd": 515, "netbios-ssn": 139,
        "nfs": 2049, "nntp": 119, "pcanywhere-data": 5631, "pim-auto-rp": 496, "pop2": 109, "pop3": 110,
        "pptp": 1723, "rsh": 514, "rtsp": 554, "sip": 5060, "smtp": 25, "sqlnet": 1521, "ssh": 22,
        "sunrpc": 111, "tacacs": 49, "talk": 517, "telnet": 23, "uucp": 540, "whois": 43, "www": 80,
    ]

    private static let udp: [String: UInt16] = [
        "biff": 512, "bootpc": 68, "bootps": 67, "cifs": 3020, "discard": 9, "dnsix": 195, "domain": 53,
        "echo": 7, "http": 80, "isakmp": 500, "kerberos": 750, "mobile-ip": 434, "nameserver": 42,
        "netbios-dgm": 138, "netbios-ns": 137, "nfs": 2049, "ntp": 123, "pcanywhere-status": 5632,
        "pim-auto-rp": 496, "radius": 1645, "radius-acct": 1646, "rip": 520, "secureid-udp": 5510, "sip": 5060,
        "snmp": 161, "snmptrap": 162, "sunrpc": 111, "syslog": 514, "tacacs": 49, "talk": 517, "tftp": 69,
        "time": 37, "vxlan": 4789, "who": 513, "www": 80, "xdmcp": 177,
    ]

    /// The names the ASA prints for a number (the first name wins where several exist).
    private static let tcpPrinted: [UInt16: String] = printedNames(tcp, preferring: ["www", "cmd"])
    private static let udpPrinted: [UInt16: String] = printedNames(udp, preferring: ["www"])

    /// The table that applies to IP protocol `number` (UDP for 17, TCP otherwise).
    public static func table(forProtocol number: UInt8) -> Table {
        number == IPProtocolTable.udp ? .udp : .tcp
    }

    /// The port for a name (case-insensitive) or a decimal number 0–65535.
    public static func port(for text: String, in table: Table) -> UInt16? {
        if let value = UInt16(text) { return value }
        let lower = text.lowercased()
        return table == .udp ? udp[lower] : tcp[lower]
    }

    /// True when `text` names a port in some table, so it cannot be an address or keyword.
    public static func isName(_ text: String) -> Bool {
        let lower = text.lowercased()
        return tcp[lower] != nil || udp[lower] != nil
    }

    /// True for a name whose value Gatewatch had to assume. None is left: every name in the
    /// tables is in the ASA 9.x port table for its protocol (UDP `www`/`http` included).
    public static func isUnconfirmed(_ text: String, in table: Table) -> Bool {
        false
    }

    /// The name the ASA prints for `port`, or the number in decimal.
    public static func printedName(for port: UInt16, in table: Table) -> String {
        (table == .udp ? udpPrinted[port] : tcpPrinted[port]) ?? String(port)
    }

    private static func printedNames(_ names: [String: UInt16], preferring preferred: Set<String>) -> [UInt16: String] {
        var result: [UInt16: String] = [:]
        for (name, port) in names.sorted(by: { $0.key < $1.key }) {
            if let existing = result[port], !preferred.contains(name) || preferred.contains(existing) { continue }
            result[port] = name
        }
        return result
    }
}
