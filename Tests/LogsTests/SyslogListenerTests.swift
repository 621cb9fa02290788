#if canImport(Glibc)
import Glibc
#endif
import Firewall
import Foundation
import LPM
import Logs
import Testing

/// The syslog listener against util-linux `logger` sending real RFC 3164 and RFC 5424 messages
/// over UDP and TCP (newline framing and RFC 6587 octet counting), and the TCP framer's rules.
@Suite struct SyslogListenerTests {
    static let deny = "%ASA-4-106023: Deny tcp src inside:10.0.6.42/38411 dst outside:8.8.8.8/53 "
        + "by access-group \"inside_access_in\" [0x8a3b2c1d, 0x0]"
    static let teardown = "%FTD-6-302014: Teardown TCP connection 4711 for outside:103.47.244.10/443 to "
        + "inside:10.0.41.20/40112 duration 0:00:46 bytes 2684354560 TCP FINs"

    /// Runs `logger` with `arguments` to the listener, one message per line of `messages`.
    static func send(_ listener: SyslogListener, _ arguments: [String], _ messages: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/logger")
        process.arguments = ["--server", "127.0.0.1", "--port", String(listener.endpoint.port)] + arguments
        let input = Pipe()
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data((messages.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    /// Drains until `count` messages arrived or 10 s passed.
    static func receive(_ listener: SyslogListener, count: Int) -> [String] {
        var received: [String] = []
        let deadline = Date().addingTimeInterval(10)
        while received.count < count, Date() < deadline {
            received += listener.drain().map { String(decoding: $0, as: UTF8.self) }
            if received.count < count { usleep(10_000) }
        }
        return received
    }

    static func listener(_ transport: SyslogEndpoint.Transport) throws -> SyslogListener {
        let listener = try SyslogListener(endpoint: SyslogEndpoint(transport: transport, address: .v4(IPv4Address(0x7f00_0001)),
                                                                   port: 0))
        listener.start()
        return listener
    }

    @Test(arguments: [
        (SyslogEndpoint.Transport.udp, ["--udp", "--rfc3164"]),
        (.udp, ["--udp", "--rfc5424"]),
        (.tcp, ["--tcp", "--rfc3164"]),
        (.tcp, ["--tcp", "--rfc5424"]),
        (.tcp, ["--tcp", "--rfc5424", "--octet-count"]),
        (.tcp, ["--tcp", "--rfc3164", "--octet-count"]),
    ])
    func loggerMessagesArriveWhole(transport: SyslogEndpoint.Transport, options: [String]) throws {
        let listener = try Self.listener(transport)
        defer { listener.stop() }
        try Self.send(listener, options + ["--tag", "ftd-egress"], [Self.deny, Self.teardown])
        let received = Self.receive(listener, count: 2)
        #expect(received.count == 2)
        // Every message keeps its header and reads as the firewall message it carries.
        let header = options.contains("--rfc5424") ? "<13>1 " : "<13>"
        for message in received { #expect(message.hasPrefix(header), "\(message)") }
        #expect(AsaSyslogMessage.parse(received[0])?.messageID == 106023)
        #expect(AsaSyslogMessage.parse(received[1])?.messageID == 302014)
        #expect(listener.statistics.received == 2 && listener.statistics.dropped == 0)
    }

    @Test func anOversizeDatagramIsCountedNotKept() throws {
        let listener = try Self.listener(.udp)
        defer { listener.stop() }
        let long = Self.deny + " " + String(repeating: "x", count: SyslogListener.maximumMessageSize + 100)
        try Self.send(listener, ["--udp", "--rfc3164", "--size", "20000"], [long, Self.deny])
        let received = Self.receive(listener, count: 1)
        #expect(received.count == 1)
        let deadline = Date().addingTimeInterval(5)
        while listener.statistics.oversize == 0, Date() < deadline { usleep(10_000) }
        #expect(listener.statistics.oversize == 1)
    }

    /// Sends `count` copies of the deny to the listener's port over UDP as fast as the kernel
    /// takes them; returns how many `sendto` accepted.
    static func flood(_ listener: SyslogListener, count: Int) -> Int {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = listener.endpoint.port.bigEndian
        target.sin_addr = in_addr(s_addr: UInt32(0x7f00_0001).bigEndian)
        let message = Array(("<164>" + deny).utf8)
        var sent = 0
        for _ in 0..<count {
            let result = message.withUnsafeBytes { bytes in
                withUnsafePointer(to: &target) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            if result > 0 { sent += 1 }
        }
        return sent
    }

    /// Waits until every sent datagram is accounted for (received or dropped) or 10 s passed.
    static func settle(_ listener: SyslogListener, sent: Int) -> SyslogListenerStatistics {
        let deadline = Date().addingTimeInterval(10)
        var statistics = listener.statistics
        while statistics.received + statistics.dropped < sent, Date() < deadline {
            usleep(20_000)
            statistics = listener.statistics
        }
        return statistics
    }

    @Test func aFloodOverTheQueueIsCountedAsDrops() throws {
        // A reader that never drains and a queue of 100: everything past 100 is a counted drop.
        let listener = try SyslogListener(endpoint: SyslogEndpoint(transport: .udp, address: .v4(IPv4Address(0x7f00_0001)),
                                                                   port: 0), capacity: 100)
        listener.start()
        defer { listener.stop() }
        let sent = Self.flood(listener, count: 5_000)
        let statistics = Self.settle(listener, sent: sent)
        #expect(statistics.received == 100)
        #expect(statistics.droppedQueueFull > 0)
        #expect(statistics.received + statistics.droppedQueueFull + statistics.droppedByKernel == sent)
        #expect(listener.drain().count == 100)
        #expect(statistics.summary.hasPrefix("100 messages received, \(statistics.dropped) dropped (queue full "))
    }

    @Test func datagramsTheKernelDropsAreCountedEvenWithNothingAfterThem() throws {
        // Nothing reads while the flood fills a small socket buffer: the kernel drops the rest, and
        // the listener reads that count from the socket (no later datagram needed to carry it).
        let listener = try SyslogListener(endpoint: SyslogEndpoint(transport: .udp, address: .v4(IPv4Address(0x7f00_0001)),
                                                                   port: 0), receiveBuffer: 16_384)
        let sent = Self.flood(listener, count: 5_000)
        #expect(listener.statistics.droppedByKernel > 0)
        listener.start()
        defer { listener.stop() }
        let statistics = Self.settle(listener, sent: sent)
        #expect(statistics.received > 0 && statistics.droppedByKernel > 0)
        #expect(statistics.received + statistics.droppedByKernel == sent)
        #expect(statistics.droppedQueueFull == 0)
    }

    @Test func theEndpointParses() {
        #expect(SyslogEndpoint(parsing: "udp://0.0.0.0:514")?.port == 514)
        #expect(SyslogEndpoint(parsing: "tcp://[::1]:1470")?.description == "tcp://[::1]:1470")
        #expect(SyslogEndpoint(parsing: "http://1.2.3.4:80") == nil)
        #expect(SyslogEndpoint(parsing: "udp://host:514") == nil)
        #expect(SyslogEndpoint(parsing: "udp://1.2.3.4:70000") == nil)
    }

    static func frames(_ chunks: [String], limit: Int = 64) -> (messages: [String], framer: SyslogFramer) {
        var framer = SyslogFramer(maximumMessageSize: limit)
        var messages: [String] = []
        for chunk in chunks {
            Array(chunk.utf8).withUnsafeBytes { framer.feed($0) { messages.append(String(decoding: $0, as: UTF8.self)) } }
        }
        framer.finish { messages.append(String(decoding: $0, as: UTF8.self)) }
        return (messages, framer)
    }

    @Test func octetCountingAndNewlinesMixAcrossReads() {
        let (messages, framer) = Self.frames(["11 <13>hello\nw", "o", "rld\r\n5 ab", "\ncd<14>last"])
        // "11 " counts "<13>hello\nw" (a newline inside a counted frame is data).
        #expect(messages == ["<13>hello\nw", "orld", "ab\ncd", "<14>last"])
        #expect(framer.oversize == 0 && framer.malformed == 0)
    }

    @Test func oversizeFramesAreSkippedToTheirEnd() {
        let long = String(repeating: "y", count: 100)
        let (messages, framer) = Self.frames(["100 " + long + "3 abc", long + "\nok\n", "1234567890123 z\nafter\n"])
        #expect(messages == ["abc", "ok", "after"])
        #expect(framer.oversize == 2 && framer.malformed == 1)
    }
}
