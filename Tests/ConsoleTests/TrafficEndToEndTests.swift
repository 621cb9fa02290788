import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real binary with `--syslog-listen` in a tmux pane: util-linux `logger` sends real RFC 3164
/// (UDP) and RFC 5424 (TCP, octet counting) firewall denies to the console's listeners, and the
/// Traffic view shows each with its workloads and the entry that denied it; Enter traces it.
@Suite("Traffic view in tmux", .serialized,
       .enabled(if: TmuxPane.isAvailable && FileManager.default.isExecutableFile(atPath: "/usr/bin/logger"),
                "tmux or logger is not installed"))
struct TrafficEndToEndTests {
    /// A port the kernel says is free now (bound to 0 and released).
    static func freePort(_ type: Int32) throws -> UInt16 {
        let fd = socket(AF_INET, type, 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw -> Int32 in
                guard bind(fd, raw, length) == 0 else { return -1 }
                return getsockname(fd, raw, &length)
            }
        }
        #expect(bound == 0)
        return UInt16(bigEndian: address.sin_port)
    }

    /// Sends `message` with `logger`.
    static func logger(_ arguments: [String], _ message: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/logger")
        process.arguments = arguments + ["-t", "ftd-egress", "--", message]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func loggerDeniesAppearAttributedWithTheirEntry() throws {
        let udp = try Self.freePort(Int32(SOCK_DGRAM.rawValue))
        let tcp = try Self.freePort(Int32(SOCK_STREAM.rawValue))
        let pane = try TmuxPane(width: 160, height: 48)
        defer { pane.kill() }
        try pane.launch("--demo --syslog-listen udp://127.0.0.1:\(udp) --syslog-listen tcp://127.0.0.1:\(tcp)")
        try pane.waitFor("Gateways (7)")
        try pane.type("0")
        // The demo's logs/ are in at once.
        try pane.waitFor("logs/syslog/ftd-egress.log")
        try Self.logger(["--server", "127.0.0.1", "--port", String(udp), "--udp", "--rfc3164"],
                        "%FTD-4-106023: Deny tcp src inside:10.0.42.37/5555 dst outside:103.47.244.11/8443 "
                        + "by access-group \"inside_access_in\" [0x9f6a1c02, 0x0]")
        try Self.logger(["--server", "127.0.0.1", "--port", String(tcp), "--tcp", "--rfc5424", "--octet-count"],
                        "%FTD-4-106100: access-list inside_access_in denied tcp inside/10.0.41.20(40200) -> "
                        + "outside/103.47.244.10(25) hit-cnt 1 first hit [0x9f6a1c02, 0x0]")
        let screen = try pane.waitUntil("both denies") {
            $0.contains("10.0.42.37 > 103.47.244.11:8443/tcp") && $0.contains("10.0.41.20 > 103.47.244.10:25/tcp")
        }
        let lines = screen.split(separator: "\n").map(String.init)
        let udpDeny = try #require(lines.first { $0.contains("10.0.42.37 > 103.47.244.11:8443/tcp") })
        #expect(udpDeny.contains("checkout+payments"))
        #expect(udpDeny.contains("ftd-egress inside_access_in line"))
        let tcpDeny = try #require(lines.first { $0.contains("10.0.41.20 > 103.47.244.10:25/tcp") })
        #expect(tcpDeny.contains("payments"))
        #expect(tcpDeny.contains("106100"))
        #expect(tcpDeny.contains("ftd-egress inside_access_in line"))
        // Each listener's counters: one message read, nothing dropped.
        let udpSource = try #require(lines.first { $0.contains("udp://127.0.0.1:\(udp)") })
        #expect(udpSource.contains("dropped 0 "))
        let tcpSource = try #require(lines.first { $0.contains("tcp://127.0.0.1:\(tcp)") })
        #expect(tcpSource.contains("dropped 0 "))
        // Enter on the deny traces the flow.
        try pane.type("/103.47.244.11:8443")
        try pane.press("Enter")
        try pane.press("Enter")
        let trace = try pane.waitUntil("the trace of the deny") { !$0.contains("Denies") && $0.contains("103.47.244.11") }
        #expect(trace.contains("checkout/") || trace.contains("payments/"))
        try pane.type("q")
        try pane.waitFor("EXIT=0")
    }
}
