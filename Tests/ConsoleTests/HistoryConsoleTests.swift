import Console
import Foundation
import History
import Inventory
import Testing

/// The console with the history journal: `:at` shows a past state read-only (its header says so
/// in the past-state colour) and `:at now` comes back; the Whois view shows an address's owners
/// over time; events survive a restart; recording that cannot go on is said once and the console
/// goes on.
@Suite struct HistoryConsoleTests {
    /// 2026-11-25T10:00:00Z: the demo, but the payments pod at 192.168.91.1 had another name and
    /// one DLP gateway pod did not exist yet.
    static let before = Date(timeIntervalSince1970: 1_795_600_800)
    /// 2026-11-25T11:00:00Z: the demo.
    static let after = Date(timeIntervalSince1970: 1_795_604_400)
    static let renamed = "payments-api-7f9c6d8b4-old01"

    static func pastSnapshot() -> Snapshot {
        var cluster = Fixtures.demo.cluster
        cluster.pods = cluster.pods.compactMap { pod in
            if pod.name == "dlp-service-egw-6d9f7c8b5-4xkqz" { return nil }
            var changed = pod
            if pod.name == "payments-api-7f9c6d8b4-2xv9q" { changed.metadata.name = renamed }
            return changed
        }
        return Snapshot(source: Fixtures.demo.source, cluster: cluster, aws: Fixtures.demo.aws, config: Fixtures.demo.config,
                        firewallConfigs: Fixtures.demo.firewallConfigs)
    }

    /// An in-memory journal holding the past state, then the demo.
    static func journal() throws -> Journal {
        let journal = try Journal.inMemory()
        try journal.importSnapshot(pastSnapshot(), at: before)
        try journal.importSnapshot(Fixtures.demo, at: after)
        return journal
    }

    static func console(width: Int = 80, height: Int = 24, journal: ConsoleJournal) -> OffscreenConsole {
        OffscreenConsole(snapshot: Fixtures.demo, width: width, height: height, journal: journal)
    }

    @Test("the past state at 80x24 and 160x48", arguments: [(80, 24), (160, 48)])
    func pastStateMatchesGolden(size: (Int, Int)) throws {
        var console = Self.console(width: size.0, height: size.1,
                                   journal: ConsoleJournal(journal: try Self.journal(), recorder: nil))
        #expect(console.render().text.contains("Gateways (7)"))
        console.type(":at 2026-11-25T10:30:00Z\n")
        #expect(console.showsPast)
        let frame = console.render()
        Golden.check(frame.text, "at-past-\(size.0)x\(size.1)")
        // The marker is in the past-state colour, all of it.
        let header = frame.line(0)
        let marker = try #require(header.range(of: " AT 2026-11-25T10:30:00Z"))
        let start = header.distance(from: header.startIndex, to: marker.lowerBound)
        let roles = Array(frame.roleLine(0).unicodeScalars)
        let code = ThemeRole.pastState.code
        let width = " AT 2026-11-25T10:30:00Z".count
        #expect(roles[start..<(start + width)].allSatisfy { $0 == code })
        // The counts stay, even at 80 columns.
        #expect(header.contains(size.0 >= 160 ? "gateways 5/6 ready" : "gw 5/6"))
        #expect(frame.text.contains("Gateways (6)"))

        console.type(":at now\n")
        #expect(!console.showsPast)
        let present = console.render()
        #expect(!present.line(0).contains("read-only"))
        #expect(!present.roleLine(0).unicodeScalars.contains(code))
        #expect(present.text.contains("Gateways (7)"))
    }

    @Test("console --at opens on the past state at 80x24 and 160x48", arguments: [(80, 24), (160, 48)])
    func openingOnThePastMatchesGolden(size: (Int, Int)) throws {
        let moment = Date(timeIntervalSince1970: 1_795_602_600)  // 2026-11-25T10:30:00Z
        let journal = try Self.journal()
        let past = try journal.loadBundle(at: moment).snapshot
        var console = OffscreenConsole(snapshot: past, width: size.0, height: size.1,
                                       journal: ConsoleJournal(journal: journal, recorder: nil), pastMoment: moment)
        #expect(console.showsPast)
        let frame = console.render()
        Golden.check(frame.text, "at-open-\(size.0)x\(size.1)")
        let header = frame.line(0)
        let marker = try #require(header.range(of: " AT 2026-11-25T10:30:00Z"))
        let start = header.distance(from: header.startIndex, to: marker.lowerBound)
        let roles = Array(frame.roleLine(0).unicodeScalars)
        #expect(roles[start..<(start + " AT 2026-11-25T10:30:00Z".count)].allSatisfy { $0 == ThemeRole.pastState.code })
        #expect(header.contains(size.0 >= 160 ? "gateways 5/6 ready" : "gw 5/6"))
        #expect(!header.contains("data "))
        #expect(frame.text.contains("Gateways (6)"))
        // There is no present to go back to.
        console.type(":at now\n")
        #expect(console.showsPast)
        #expect(console.message?.contains("no present to return to") == true)
    }

    @Test func aTimeTheJournalDoesNotCoverIsAMessageNotAJump() throws {
        var console = Self.console(journal: ConsoleJournal(journal: try Self.journal(), recorder: nil))
        console.type(":at 2026-11-01T00:00:00Z\n")
        #expect(!console.showsPast)
        #expect(console.message?.contains("covers 2026-11-25T10:00:00Z") == true)
        console.type(":at yesterday\n")
        #expect(console.message?.contains("invalid time 'yesterday'") == true)
    }

    @Test func whoisShowsTheAddressOwnersOverTime() throws {
        var console = Self.console(width: 160, height: 48, journal: ConsoleJournal(journal: try Self.journal(), recorder: nil))
        console.type(":whois 192.168.91.1\n")
        let text = console.render().text
        Golden.check(text, "whois-timeline-160x48")
        let old = try #require(text.range(of: "payments/\(Self.renamed)"))
        let current = try #require(text.range(of: "  pod  payments/payments-api-7f9c6d8b4-2xv9q"))
        #expect(old.lowerBound < current.lowerBound)
        #expect(text.contains("2026-11-25 10:00:00 to 2026-11-25 11:00:00"))
    }

    @Test func eventsOfAnEarlierSessionAreShownAfterARestart() throws {
        let journal = try Journal.inMemory()
        let recorder = JournalRecorder(journal: journal, retention: .zero)
        let link = ConsoleJournal(journal: journal, recorder: recorder)
        var first = Self.console(journal: link)
        first.publish(status: .failing(.aws, "DescribeAddresses: throttled"))
        let firstSave = first.saveEvents()
        #expect(firstSave == nil)
        let saved = try journal.events(limit: 100)
        #expect(saved.contains { $0.message.contains("throttled") && $0.severity != .info })

        var second = Self.console(width: 160, height: 48, journal: link)
        second.now += 3600
        second.type("8")
        let text = second.render().text
        #expect(text.contains("DescribeAddresses: throttled"))
        #expect(text.components(separatedBy: "watching: 7 gateways").count - 1 == 2)
    }

    @Test func aRecordingThatFailsIsToldOnceAndTheConsoleGoesOn() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("console-journal-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/journal.sqlite"
        let writer = try Journal.openForWriting(path: path)
        try writer.importSnapshot(Fixtures.demo, at: Self.before)
        // A recorder whose journal refuses every write (opened for reading): the failure path of a full disk.
        let failing = JournalRecorder(journal: try Journal.openForReading(path: path), retention: .zero)
        var console = Self.console(journal: ConsoleJournal(journal: writer, recorder: failing))
        console.publish(ConsoleContent(snapshot: Self.pastSnapshot(), generation: 2))
        let saved = console.saveEvents()
        let problem = try #require(saved)
        #expect(problem.hasPrefix("not recording: cannot write journal"))
        #expect(console.render().line(0).contains("NOT RECORDING"))
        #expect(console.message?.hasPrefix("journal: not recording") == true)
        console.type("8")
        let events = console.render().text
        #expect(events.components(separatedBy: "not recording").count - 1 == 1)
        // Told once: later saves neither fail again nor add events; the console still works.
        console.publish(ConsoleContent(snapshot: Fixtures.demo, generation: 3))
        let laterSave = console.saveEvents()
        #expect(laterSave == nil)
        console.type("1")
        #expect(console.render().text.contains("Gateways (7)"))
    }

    @Test func aJournalThatCouldNotBeOpenedIsToldAtStart() {
        let link = ConsoleJournal(journal: nil, recorder: nil,
                                  startupProblem: "not recording: journal /j is being written by process 42; one writer at a time")
        var console = Self.console(journal: link)
        #expect(console.render().line(0).contains("NOT RECORDING"))
        #expect(console.message?.contains("process 42") == true)
        console.type(":at -1h\n")
        #expect(console.message?.contains(":at needs the journal") == true)
        #expect(!console.showsPast)
    }
}
