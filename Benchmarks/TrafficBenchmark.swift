#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Inventory
import LPM
import Logs
import TestSupport
import Traffic

/// `gatewatch-bench traffic`: flow-log parsing and attribution on one core (10k pods, 300
/// gateways, default version-2 format; gzip measured apart), and the syslog listener over UDP on
/// loopback at 50,000 messages/s (no loss) and overloaded (drops counted).
enum TrafficBenchmark {
    static let suite = BenchmarkSuite(
        name: "traffic",
        summary: "flow-log parse + attribution records/s (10k pods, 300 gateways, v2; gzip apart); syslog UDP at 50k msg/s",
        run: { _, report in try run(&report) })

    /// Records parsed and attributed per second, at least.
    static let recordsPerSecondBudget = 1_000_000.0
    /// Records in the generated file.
    static let recordCount = 2_000_000
    /// Distinct destinations (each costs one trace of every workload, once).
    static let destinationCount = 200
    /// The paced syslog rate and how long it runs.
    static let syslogRate = 50_000
    static let syslogSeconds = 3

    static func run(_ report: inout BudgetReport) throws {
        report.section("traffic")
        var cluster = SyntheticCluster()
        let snapshot = cluster.snapshot()
        let text = flowLogText(snapshot: snapshot, cluster: cluster)
        report.figure("flow-log file", "\(recordCount) records, \(text.count / 1_048_576) MiB, default v2 format")

        // Plain text: parse + attribute, caches cold (the plans of 200 destinations are built during the run).
        let (plainSeconds, flows) = parseAndAttribute(text, snapshot: snapshot)
        let plainRate = Double(recordCount) / plainSeconds
        report.budget("traffic: parse + attribute (plain text, one core)", "\(Int(plainRate)) records/s (\(flows) flows)",
                      budget: "≥ \(Int(recordsPerSecondBudget)) records/s", passed: plainRate >= recordsPerSecondBudget)

        // Where the time goes: parsing alone, the same bytes.
        let clock = ContinuousClock()
        var parsed = 0
        let parseElapsed = clock.measure { _ = FlowLogReader.read(text, file: "bench.log") { _ in parsed += 1 } }
        let parseSeconds = Double(parseElapsed.components.seconds) + Double(parseElapsed.components.attoseconds) / 1e18
        report.figure("traffic: parse only (plain text, one core)", "\(Int(Double(parsed) / parseSeconds)) records/s")

        if let compressed = gzip(text) {
            let (gzipSeconds, _) = parseAndAttribute(compressed, snapshot: snapshot)
            report.figure("traffic: gunzip + parse + attribute (.log.gz, one core)",
                          "\(Int(Double(recordCount) / gzipSeconds)) records/s (\(compressed.count / 1_048_576) MiB compressed)")
        } else {
            report.note("traffic: gzip(1) not found; the .log.gz figure is skipped")
        }

        try syslog(&report)
    }

    static func flowLogText(snapshot: Snapshot, cluster: SyntheticCluster) -> [UInt8] {
        var rng = SplitMix64(seed: 7)
        let gateways = snapshot.gateways.compactMap(\.ip)
        var destinations: [String] = []
        for prefix in cluster.ruleDestinations where destinations.count < destinationCount / 2 {
            if case .v4(let address) = prefix.address, address.value >> 24 != 10 {
                destinations.append(IPv4Address(address.value | 7).description)
            }
        }
        while destinations.count < destinationCount {
            destinations.append(IPv4Address(0xCB00_0000 | UInt32(truncatingIfNeeded: rng.next() % 0xFF_FFFF)).description)
        }
        var text = Array(FlowLogFormat.default.headerLine.utf8)
        text.append(10)
        text.reserveCapacity(recordCount * 110)
        let start = 1_796_551_200
        for index in 0..<recordCount {
            let gateway = gateways[Int(rng.next() % UInt64(gateways.count))].description
            let destination = destinations[Int(rng.next() % UInt64(destinations.count))]
            let port = 32_768 + Int(rng.next() % 28_000)
            let outbound = index % 2 == 0
            let time = start + index / 20_000
            let line = "2 123456789012 eni-0123456789abcdef0 \(outbound ? gateway : destination) \(outbound ? destination : gateway) "
                + "\(outbound ? port : 443) \(outbound ? 443 : port) 6 \(10 + rng.next() % 90) \(1000 + rng.next() % 900_000) "
                + "\(time) \(time + 60) ACCEPT OK\n"
            text.append(contentsOf: line.utf8)
        }
        return text
    }

    static func parseAndAttribute(_ bytes: [UInt8], snapshot: Snapshot) -> (seconds: Double, flows: UInt64) {
        let aggregator = TrafficAggregator(snapshot: snapshot)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            let summary = FlowLogReader.read(bytes, file: "bench.log") { aggregator.add($0) }
            aggregator.noteFlowLogFile(summary)
        }
        let report = aggregator.report(by: .gateway)
        let flows = report.rows.reduce(0) { $0 + $1.flows } + report.unattributed.flows
        return (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, flows)
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8]? {
        guard FileManager.default.isExecutableFile(atPath: "/bin/gzip") else { return nil }
        let path = NSTemporaryDirectory() + "gatewatch-bench-\(getpid()).log"
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-6", path]
        let output = Pipe()
        process.standardOutput = output
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](data) : nil
    }

    // MARK: - Syslog over UDP

    static func syslog(_ report: inout BudgetReport) throws {
        let message = Array(("<166>Dec 07 2026 10:00:00 ftd-egress : %FTD-4-106023: Deny tcp src inside:10.64.1.10/40000 "
            + "dst outside:203.0.113.7/443 by access-group \"inside_access_in\" [0x8a3b2c1d, 0x0]").utf8)
        // Paced: 50,000 messages/s for 3 s, with a reader draining as the console would (every 100 ms).
        let paced = try send(message, rate: syslogRate, count: syslogRate * syslogSeconds)
        report.budget("traffic: syslog listener, UDP loopback at \(syslogRate) msg/s for \(syslogSeconds) s",
                      "\(paced.received) of \(paced.sent) received, \(paced.dropped) dropped",
                      budget: "0 lost", passed: paced.received == paced.sent && paced.dropped == 0)
        // Overloaded: as fast as one sender can, with a reader that drains slowly: every loss must be counted.
        let flood = try send(message, rate: nil, count: 1_000_000)
        report.figure("traffic: syslog listener flooded (one sender, no pacing)",
                      "\(flood.sent) sent in \(String(format: "%.2f", flood.seconds)) s, \(flood.received) received, "
                        + "\(flood.dropped) dropped and counted")
        report.budget("traffic: syslog listener counts its losses when flooded",
                      "\(flood.received + flood.dropped) of \(flood.sent) accounted for",
                      budget: "received + dropped = sent", passed: flood.received + flood.dropped == flood.sent)
    }

    static func send(_ message: [UInt8], rate: Int?, count: Int) throws
        -> (sent: Int, received: Int, dropped: Int, seconds: Double) {
        let listener = try SyslogListener(endpoint: SyslogEndpoint(transport: .udp, address: .v4(IPv4Address(0x7f00_0001)),
                                                                   port: 0))
        listener.start()
        defer { listener.stop() }
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var target = sockaddr_in()
        target.sin_family = sa_family_t(AF_INET)
        target.sin_port = listener.endpoint.port.bigEndian
        target.sin_addr = in_addr(s_addr: UInt32(0x7f00_0001).bigEndian)
        var received = 0
        let begin = Date()
        var sent = 0
        var lastDrain = Date()
        while sent < count {
            if let rate {
                let due = min(count, Int(Date().timeIntervalSince(begin) * Double(rate)) + 1)
                if sent >= due {
                    usleep(200)
                    continue
                }
            }
            let result = message.withUnsafeBytes { bytes in
                withUnsafePointer(to: &target) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, bytes.baseAddress, bytes.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
            }
            if result > 0 { sent += 1 }
            if Date().timeIntervalSince(lastDrain) > 0.1 {
                received += listener.drain().count
                lastDrain = Date()
            }
        }
        let seconds = Date().timeIntervalSince(begin)
        usleep(300_000)
        listener.stop()
        received += listener.drain().count
        let statistics = listener.statistics
        return (sent, received, statistics.droppedQueueFull + statistics.droppedByKernel + statistics.oversize, seconds)
    }
}
