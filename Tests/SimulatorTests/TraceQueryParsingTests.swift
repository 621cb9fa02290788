import LPM
import Simulator
import Testing

/// What users type for a trace, parsed once for the command line and the console: errors name the
/// field, protocols come from the ASA's one table.
@Suite struct TraceQueryParsingTests {
    @Test func sendersAreExistingOrHypotheticalPods() throws {
        #expect(try TraceQuery.parseSender("a/b") == .pod(namespace: "a", name: "b"))
        #expect(try TraceQuery.parseSender("ns=a,k=v") == .hypothetical(namespace: "a", labels: ["k": "v"], node: nil))
        #expect(try TraceQuery.parseSender("a k=v") == .hypothetical(namespace: "a", labels: ["k": "v"], node: nil))
        #expect(throws: TraceQuery.ParseError(.pod, "a hypothetical pod needs ns=NAMESPACE")) {
            try TraceQuery.parseSender("k=v")
        }
        #expect(throws: TraceQuery.ParseError(.pod, "expected NAMESPACE/NAME, got 'a/'")) { try TraceQuery.parseSender("a/") }
    }

    @Test func destinationsTakeAPortAndBracketedIPv6() throws {
        let (address, port) = try TraceQuery.parseDestination("[2001:db8::1]:443")
        #expect(address.description == "2001:db8::1")
        #expect(port == 443)
        #expect(try TraceQuery.parseDestination("10.0.0.1").port == nil)
        #expect(try TraceQuery.parseDestination("2001:db8::2").port == nil)
        #expect(throws: TraceQuery.ParseError.self) { try TraceQuery.parseDestination("10.0.0.1:0") }
        do {
            _ = try TraceQuery.parseDestination("172.16.0.999")
            Issue.record("expected an error")
        } catch {
            #expect(error.field == .destination)
            #expect(error.description == "destination: '172.16.0.999' is not an IP address")
        }
    }

    @Test func protocolsComeFromTheASATable() throws {
        #expect(try TraceQuery.parseProtocol("tcp") == 6)
        #expect(try TraceQuery.parseProtocol("") == 6)
        #expect(try TraceQuery.parseProtocol("UDP") == 17)
        #expect(try TraceQuery.parseProtocol("gre") == 47)
        #expect(try TraceQuery.parseProtocol("sctp") == 132)
        #expect(try TraceQuery.parseProtocol("ipv6-icmp") == 58)
        #expect(try TraceQuery.parseProtocol("99") == 99)
        #expect(throws: TraceQuery.ParseError.self) { try TraceQuery.parseProtocol("bogus") }
        #expect(throws: TraceQuery.ParseError.self) { try TraceQuery.parseProtocol("256") }
        #expect(TraceQuery.protocolName(47) == "gre")
        #expect(TraceQuery.protocolName(99) == "protocol 99")
    }

    @Test func labelsArePairs() throws {
        #expect(try TraceQuery.parseLabels("app=x,tier=web") == ["app": "x", "tier": "web"])
        #expect(try TraceQuery.parseLabels("") == [:])
        #expect(throws: TraceQuery.ParseError(.labels, "expected k=v pairs separated by commas, got 'x'")) {
            try TraceQuery.parseLabels("x")
        }
    }

    /// Fuzz finding (trace-query, crash-4338b7a8): an input with a newline and NULs made a two-line error.
    @Test func errorsQuotingTheirInputStayOnOneLine() {
        do {
            _ = try TraceQuery.parseSender("/\u{0}\u{8}\u{0}cut/\np")
            Issue.record("a sender with control characters parsed")
        } catch {
            #expect(!error.description.contains("\n") && !error.description.contains("\u{8}"))
            #expect(error.description.contains("\\u{a}"))
        }
    }
}
