import Console
import Foundation
import Inventory
import Live
import Testing
import Traffic

/// The Traffic view (key 0) over the demo's `logs/` as the intake publishes them: top rows with
/// sparklines and cost, shared rows marked shared, the deny feed with workloads and entries,
/// per-source counters; Enter on a deny traces the flow.
@Suite("Traffic view")
struct TrafficViewTests {
    /// The demo's logs through a real intake (a fixed clock: one open window).
    static let demoTraffic: ObservedTraffic = {
        let intake = TrafficIntake(snapshot: Fixtures.demo)
        for file in DemoBundle.files.sorted(by: { $0.path < $1.path }) where file.path.hasPrefix("logs/flow/") {
            var records: [FlowLogRecord] = []
            _ = FlowLogReader.read(file.contents, file: file.path) { records.append($0) }
            intake.submit(.flowLog(source: file.path, records: records))
        }
        for file in DemoBundle.files.sorted(by: { $0.path < $1.path }) where file.path.hasPrefix("logs/syslog/") {
            intake.submit(.syslog(source: file.path,
                                  lines: file.contents.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }))
        }
        intake.stop()
        var published = ObservedTraffic()
        intake.run(now: { 1_796_551_200 }) { published = $0 }
        return published
    }()

    static func console(width: Int = 80, height: Int = 24) -> OffscreenConsole {
        var console = Fixtures.console(width: width, height: height)
        console.publish(traffic: demoTraffic)
        console.type("0")
        return console
    }

    @Test("the view at 80x24 and 160x48", arguments: [(80, 24), (160, 48)])
    func matchesGolden(width: Int, height: Int) {
        let console = Self.console(width: width, height: height)
        #expect(console.currentView == .traffic)
        Golden.check(console.render().text, "traffic-\(width)x\(height)")
    }

    @Test func sharedRowsAreSharedAndDeniesNameTheirEntry() {
        let text = Self.console(width: 160, height: 48).render().text
        let lines = text.split(separator: "\n").map(String.init)
        let shared = lines.first { $0.contains("checkout+payments") && !$0.contains("analytics") && !$0.contains(" > ") }
        #expect(shared?.contains("shared: checkout+payments") == true)
        #expect(shared?.contains("$0.3125") == true)
        let deny = lines.first { $0.contains("10.0.41.20 > 103.47.244.10:80/tcp") }
        #expect(deny?.contains("payments") == true)
        #expect(deny?.contains("ftd-egress inside_access_in line") == true)
    }

    @Test func withoutObservedTrafficTheViewSaysHowToGetSome() {
        var console = Fixtures.console()
        console.type("0")
        #expect(console.render().text.contains("No observed traffic"))
    }

    @Test func theRulesViewShowsTheDeniesSeenPerEntry() {
        var console = Self.console(width: 160, height: 48)
        console.type("9")
        let lines = console.render().text.split(separator: "\n").map(String.init)
        let line19 = lines.first { $0.contains("deny ip object-group calico-egress-gateways any4") }
        #expect(line19?.contains("+1 seen") == true)
        // Only entries with observed denies change.
        #expect(lines.filter { $0.contains(" seen") }.count == 1)
    }

    @Test func enterOnADenyTracesTheFlow() {
        var console = Self.console(width: 160, height: 48)
        console.type("/103.47.244.10:80")
        _ = console.send(.enter)
        _ = console.send(.enter)
        #expect(console.currentView == .trace)
        let text = console.render().text
        #expect(text.contains("103.47.244.10"))
        #expect(text.contains("checkout/") || text.contains("payments/"))
    }
}
