import Inventory
import LPM
import Simulator
import Testing

/// `whois`: what an address seen at the firewall is, on the demo bundle.
@Suite struct ReverseLookupTests {
    static let lookup = ReverseLookup(snapshot: DemoBundle.load().snapshot)

    @Test func aGatewayIPNamesTheGatewayItsRulesAndItsUsers() {
        let result = Self.lookup.whois(ip("10.0.41.20"))
        #expect(result.kind == .egressGateway)
        #expect(result.gateway?.name == "dlp-service-egw-6d9f7c8b5-4xkqz")
        #expect(result.rules.map(\.cidr) == [prefix("103.47.244.0/24")])
        #expect(result.rules.first?.policy == "Cisco-Secure-Firewall")
        #expect(result.workloads == ["checkout", "payments"])
        #expect(result.facts.contains { $0.contains("eni-0510b72d69e7aab6c") })
    }

    @Test func anElasticIPLeadsToTheGatewayItIsBoundTo() {
        let result = Self.lookup.whois(ip("203.0.113.11"))
        #expect(result.kind == .elasticIP)
        #expect(result.gateway?.name == "dlp-service-egw-6d9f7c8b5-m2p7w")
        #expect(!result.rules.isEmpty)
    }

    @Test func anIdleElasticIPIsAnElasticIPWithoutGateway() {
        let result = Self.lookup.whois(ip("203.0.113.12"))
        #expect(result.kind == .elasticIP)
        #expect(result.gateway == nil)
    }

    @Test func aNATGatewayAddressIsReportedAsSuch() {
        #expect(Self.lookup.whois(ip("198.51.100.30")).kind == .natGateway)
    }

    @Test func aNodeAddressListsThePodsThatMasqueradeBehindIt() {
        let result = Self.lookup.whois(ip("10.0.6.42"))
        #expect(result.kind == .node)
        #expect(result.workloads.contains("payments"))
        #expect(result.gateway == nil)
    }

    @Test func aPodAddressNamesThePod() {
        let result = Self.lookup.whois(ip("192.168.91.1"))
        #expect(result.kind == .pod)
        #expect(result.workloads == ["payments/payments-api-7f9c6d8b4-2xv9q"])
    }

    @Test func anUnknownAddressIsUnknown() {
        let result = Self.lookup.whois(ip("8.8.8.8"))
        #expect(result.kind == .unknown)
        #expect(result.gateway == nil && result.rules.isEmpty && result.workloads.isEmpty)
    }

    @Test func aHostIPModeGatewayIsFoundThroughItsNode() {
        var scenario = Scenario()
        scenario.pools[1].natOutgoing = true
        scenario.namespaces[1].metadata.labels = [:]
        let snapshot = scenario.snapshot
        let result = ReverseLookup(snapshot: snapshot).whois(ip("10.0.1.11"))
        #expect(result.kind == .node)
        #expect(result.gateway?.name == "egw-b")
        #expect(result.workloads == ["app"])
    }
}
