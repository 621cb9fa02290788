import Inventory
import LPM
import Simulator
import Testing

/// `whatif`: only changed outcomes, grouped by workload class and destination.
@Suite struct WhatIfTests {
    @Test func anUnchangedCandidateReportsNothing() {
        let snapshot = Scenario().snapshot
        let report = WhatIf(before: snapshot, after: snapshot.replacing(policies: snapshot.cluster.policies)).compare()
        #expect(report.changes.isEmpty)
    }

    @Test func movingARuleToOtherGatewaysIsReportedForItsUsers() {
        var scenario = Scenario()
        scenario.pods.append(Pod(metadata: ObjectMeta(name: "db-gw", namespace: "egw", labels: ["role": "db"]),
                                 nodeName: "node-b", podIP: ip("10.0.41.40")))
        let before = scenario.snapshot
        var policy = scenario.policies[0]
        policy.rules[0].gateway?.selector = "role == 'db'"
        let report = WhatIf(before: before, after: before.replacing(policies: [policy])).compare()
        #expect(report.changes.count == 1)
        let change = report.changes.first
        #expect(change?.workloadClass.namespaces == ["app"])
        #expect(change?.destination == prefix("172.16.0.0/24"))
        #expect(change?.differences.first == "gateway egw ×2 → egw/db-gw")
    }

    @Test func aNewRuleShowsForTheDestinationsItCaptures() {
        let before = Scenario().snapshot
        var policy = before.cluster.policies[0]
        policy.rules.append(EgressGatewayRule(destination: prefix("8.8.8.0/24"), gateway: policy.rules[0].gateway))
        let report = WhatIf(before: before, after: before.replacing(policies: [policy])).compare()
        #expect(report.destinations.contains(prefix("8.8.8.0/24")))
        #expect(report.changes.map(\.destination) == [prefix("8.8.8.0/24")])
        #expect(report.changes.first?.differences.contains { $0.hasPrefix("rule no rule of corp → corp #2") } == true)
    }

    @Test func removingTheGatewaysOfARuleTurnsAllowIntoDrop() {
        let before = Scenario().snapshot
        var policy = before.cluster.policies[0]
        policy.rules[0].gateway?.selector = "role == 'gone'"
        let change = WhatIf(before: before, after: before.replacing(policies: [policy])).compare().changes.first
        #expect(change?.before == .allow)
        #expect(change?.after == .drop)
    }

    @Test func extraDestinationsAreCompared() {
        let before = Scenario().snapshot
        var policy = before.cluster.policies[0]
        policy.rules.append(EgressGatewayRule(destination: nil, gateway: policy.rules[0].gateway))
        let report = WhatIf(before: before, after: before.replacing(policies: [policy]))
            .compare(extraDestinations: [prefix("1.1.1.1/32")])
        #expect(report.changes.contains { $0.destination == prefix("1.1.1.1/32") })
    }

    @Test func groupsPodsWithTheSameConfigurationIntoOneClass() {
        var scenario = Scenario()
        for index in 0..<50 {
            scenario.pods.append(Pod(metadata: ObjectMeta(name: "client-\(index)", namespace: "app"),
                                     nodeName: index.isMultiple(of: 2) ? "node-a" : "node-b",
                                     podIP: ip("192.168.1.\(index + 1)")))
        }
        let snapshot = scenario.snapshot
        let report = WhatIf(before: snapshot, after: snapshot).compare()
        // The client pool masquerades to the node IP, so classes split by node only.
        #expect(report.classes.count == 2)
        #expect(report.classes.map(\.podCount).reduce(0, +) == 51)
    }

    @Test func probesAvoidMoreSpecificDestinations() {
        let probes = WhatIf.probes(for: [prefix("172.16.0.0/16"), prefix("172.16.0.0/24"), prefix("10.0.0.5/32")])
        #expect(probes == [ip("172.16.1.0"), ip("172.16.0.1"), ip("10.0.0.5")])
    }
}
