import Foundation
import LPM
import Testing
@testable import Traffic

@Suite struct FlowLogParserTests {
    private func parse(_ text: String, file: String = "f.log", format: FlowLogFormat? = nil,
                       chunk: Int = .max) -> (records: [FlowLogRecord], parser: FlowLogParser) {
        var parser = FlowLogParser(file: file, format: format)
        var records: [FlowLogRecord] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + min(chunk, bytes.count))
            parser.feed(Array(bytes[start..<end])) { records.append($0) }
            start = end
        }
        parser.finish { records.append($0) }
        return (records, parser)
    }

    @Test func readsTheDefaultFormatWithoutHeader() throws {
        let (records, parser) = parse(
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK\n")
        let record = try #require(records.first)
        #expect(parser.format == .default)
        #expect(record.version == 2)
        #expect(record.interfaceID?.description == "eni-1235b8ca123456789")
        #expect(record.sourceAddress == IPAddress(parsing: "172.31.16.139"))
        #expect(record.destinationAddress == IPAddress(parsing: "172.31.16.21"))
        #expect(record.sourcePort == 20641 && record.destinationPort == 22 && record.ipProtocol == 6)
        #expect(record.packets == 20 && record.bytes == 4249)
        #expect(record.start == 1_418_530_010 && record.end == 1_418_530_070)
        #expect(record.action == .accept && record.logStatus == .ok)
        #expect(record.packetSourceAddress == nil && record.effectiveSource == record.sourceAddress)
    }

    @Test func takesColumnsFromTheHeaderLineInAnyOrder() throws {
        let text = """
            pkt-srcaddr srcaddr bytes interface-id flow-direction traffic-path pkt-dstaddr dstaddr start end action log-status ecs-cluster-name srcport dstport protocol
            10.0.41.20 10.0.41.250 900 eni-0510b72d69e7aab6c egress 8 103.47.244.10 103.47.244.10 100 160 ACCEPT OK prod 40000 443 6

            """
        let (records, parser) = parse(text)
        let record = try #require(records.first)
        #expect(parser.format?.hasPacketAddresses == true)
        #expect(parser.format?.columns[12] == .other("ecs-cluster-name"))
        #expect(record.effectiveSource == IPAddress(parsing: "10.0.41.20"))
        #expect(record.sourceAddress == IPAddress(parsing: "10.0.41.250"))
        #expect(record.flowDirection == .egress && record.trafficPath == 8 && record.bytes == 900)
        #expect(parser.statistics.lines == 2 && parser.statistics.records == 1)
    }

    @Test func readsACustomLogFormat() throws {
        let format = try #require(FlowLogFormat(logFormat: "${srcaddr} ${dstaddr} ${bytes} ${start} ${end}"))
        #expect(FlowLogFormat(logFormat: "srcaddr ${dstaddr}") == nil)
        let (records, _) = parse("10.0.0.1 8.8.8.8 77 5 6\n", format: format)
        #expect(records.first?.bytes == 77)
        #expect(records.first?.logStatus == nil)
    }

    @Test func countsNoDataAndSkipDataApartAndReadsDashAsAbsent() {
        let text = """
            2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - SKIPDATA
            2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - NODATA
            2 123456789010 eni-11111111aaaaaaaaa 10.0.0.1 10.0.0.2 - - 1 3 252 1431280876 1431280934 ACCEPT OK
            """
        let (records, parser) = parse(text)
        #expect(records.count == 1)
        #expect(records.first?.sourcePort == nil && records.first?.ipProtocol == 1)
        #expect(parser.statistics.skipData == 1 && parser.statistics.noData == 1 && parser.statistics.records == 1)
        #expect(parser.statistics.malformed == 0)
    }

    @Test func reportsEveryMalformedLineWithFileAndLineAndGoesOn() {
        let text = """
            version srcaddr dstaddr srcport bytes action
            2 10.0.0.1 8.8.8.8 1234 10 ACCEPT
            2 10.0.0.1 8.8.8.8 99999 10 ACCEPT
            2 10.0.0.1 8.8.8.8 1234 10
            2 10.0.0.300 8.8.8.8 1234 10 ACCEPT
            2 10.0.0.1 8.8.8.8 1234 10 MAYBE
            2 10.0.0.1 8.8.8.8 1234 ten ACCEPT
            2 10.0.0.2 8.8.8.8 1234 20 REJECT
            """
        let (records, parser) = parse(text, file: "logs/flow/x.log")
        #expect(records.map(\.bytes) == [10, 20])
        #expect(parser.statistics.malformed == 5)
        #expect(parser.problems.map(\.line) == [3, 4, 5, 6, 7])
        #expect(parser.problems.allSatisfy { $0.file == "logs/flow/x.log" })
        #expect(parser.problems[0].expected == .value(field: .sourcePort, kind: "a port 0-65535"))
        #expect(parser.problems[1].expected == .fieldCount(expected: 6, found: 5))
        #expect(parser.problems[2].expected == .value(field: .sourceAddress, kind: "an IP address"))
        #expect(parser.problems[3].expected == .value(field: .action, kind: "ACCEPT or REJECT"))
        #expect(parser.problems[4].expected == .value(field: .bytes, kind: "a byte count"))
    }

    @Test func boundsLineLengthEvenAcrossChunks() {
        let long = String(repeating: "9", count: FlowLogParser.maximumLineLength + 10)
        let text = "srcaddr bytes\n\(long)\n10.0.0.1 5\n"
        for chunk in [7, 4096, Int.max] {
            let (records, parser) = parse(text, chunk: chunk)
            #expect(records.map(\.bytes) == [5])
            #expect(parser.problems.map(\.line) == [2])
            #expect(parser.problems.first?.expected == .lineLength(limit: FlowLogParser.maximumLineLength))
        }
    }

    @Test func linesSplitAcrossChunksReadTheSame() {
        let text = (0..<50).map { "2 1 eni-0a 10.0.0.\($0) 8.8.8.8 \($0 + 1000) 53 17 1 \($0) 1 2 ACCEPT OK" }
            .joined(separator: "\r\n")
        let whole = parse(text).records
        #expect(whole.count == 50)
        for chunk in [1, 3, 64] { #expect(parse(text, chunk: chunk).records == whole) }
    }

    @Test func readsIPv6Addresses() {
        let (records, _) = parse("srcaddr dstaddr bytes\n2001:db8::1 2001:db8:47:244::10 9\n")
        #expect(records.first?.destinationAddress == IPAddress(parsing: "2001:db8:47:244::10"))
    }

    @Test func readsGzipAndCloudWatchExports() throws {
        let gz = try #require(Data(base64Encoded: GzipFixtures.flowsLogGz).map { [UInt8]($0) })
        var count = 0
        let summary = FlowLogReader.read(gz, file: "a.log.gz") { _ in count += 1 }
        #expect(summary.container == .gzip && count == 400 && summary.statistics.records == 400)

        let export = """
            {"events": [
              {"logStreamName": "eni-0510b72d69e7aab6c-all", "timestamp": 1796572800000,
               "message": "2 123456789012 eni-0510b72d69e7aab6c 10.0.41.250 103.47.244.10 40000 443 6 10 5000 1796572800 1796572860 ACCEPT OK",
               "ingestionTime": 1796573100000, "eventId": "1"},
              {"logStreamName": "eni-0510b72d69e7aab6c-all", "timestamp": 1796572800000,
               "message": "2 123456789012 eni-0510b72d69e7aab6c broken", "eventId": "2"}
            ], "searchedLogStreams": []}
            """
        var bytes: [UInt64] = []
        let cw = FlowLogReader.read(Array(export.utf8), file: "export.json") { bytes.append($0.bytes ?? 0) }
        #expect(cw.container == .cloudWatchLogs && bytes == [5000])
        #expect(cw.problems.map(\.line) == [2])

        let broken = FlowLogReader.read(Array(gz.prefix(100)), file: "b.log.gz") { _ in }
        #expect(broken.statistics.malformed == 1 && broken.problems.first?.line == 0)
    }

    @Test func aWrongFieldCountIsReportedBeforeABadValueAndAGivenFormatsHeaderIsSkipped() throws {
        let format = try #require(FlowLogFormat(logFormat: "${version} ${srcaddr} ${bytes}"))
        let text = "version srcaddr bytes\n2 10.0.0.999 5 extra\n2 10.0.0.1 five\n2\t- 7 \n\n2 10.0.0.1\n"
        let (records, parser) = parse(text, format: format)
        #expect(records.map(\.bytes) == [7] && records.first?.sourceAddress == nil)
        #expect(parser.problems.map(\.expected) == [.fieldCount(expected: 3, found: 4),
                                                    .value(field: .bytes, kind: "a byte count"),
                                                    .fieldCount(expected: 3, found: 2)])
        #expect(parser.problems.map(\.found) == ["2 10.0.0.999 5 extra", "five", "2 10.0.0.1"])
        #expect(parser.problems.map(\.line) == [2, 3, 6])
        #expect(parser.statistics.lines == 6 && parser.statistics.records == 1)
    }

    @Test func networkInterfaceIDsRoundTrip() {
        for text in ["eni-0510b72d69e7aab6c", "eni-1235b8ca", "eni-00000000000000001"] {
            #expect(NetworkInterfaceID(text)?.description == text)
        }
        #expect(NetworkInterfaceID("eni-xyz") == nil)
        #expect(NetworkInterfaceID("eni-0a") != NetworkInterfaceID("eni-00a"))
    }
}
