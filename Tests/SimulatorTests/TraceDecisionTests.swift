import Inventory
import LPM
import Simulator
import Testing

/// `decide` is the fast half of a trace: what it reports must be what the described trace says.
@Suite("Trace decisions")
struct TraceDecisionTests {
    @Test("a decision agrees with the described trace for every demo pod and destination")
    func decisionAgreesWithDescribedTrace() throws {
        let snapshot = DemoBundle.load().snapshot
        let tracer = Tracer(snapshot: snapshot)
        let destinations = ["172.16.0.10", "10.20.30.40", "52.94.76.10", "8.8.8.8", "192.168.7.7", "10.0.1.10"]
            .compactMap { IPAddress(parsing: $0) }
        var compared = 0
        for pod in snapshot.cluster.pods {
            for destination in destinations {
                let query = TraceQuery(sender: .pod(namespace: pod.namespace, name: pod.name), destination: destination,
                                       destinationPort: 443)
                let decision = try tracer.decide(query)
                let result = tracer.describe(decision, query: query)
                #expect(decision.verdict == result.verdict)
                #expect(decision.ruleIndex == result.rule?.index)
                #expect(decision.gatewayCount == result.gateways.count)
                #expect(decision.sourceIP == result.sourceIP)
                #expect(try tracer.trace(query) == result)
                compared += 1
            }
        }
        #expect(compared == snapshot.cluster.pods.count * destinations.count)
    }

    @Test("deciding for an unknown pod is an input error")
    func unknownPodIsAnInputError() throws {
        let tracer = Tracer(snapshot: DemoBundle.load().snapshot)
        #expect(throws: TraceQueryError.self) {
            try tracer.decide(TraceQuery(sender: .pod(namespace: "nope", name: "nope"), destination: .v4(IPv4Address(1))))
        }
    }
}
