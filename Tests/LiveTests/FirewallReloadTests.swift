import Foundation
import Inventory
import Live
import Simulator
import Synchronization
import Testing

/// Live reload of `firewall/NAME.cfg` and `NAME.acl`: a fresh `show running-config` or
/// `show access-list` dropped into the configuration directory reaches the published Simulation;
/// a version that cannot be used keeps the last good one and says why.
@Suite struct FirewallReloadTests {
    static let yaml = """
    firewalls:
      - name: fw
        config: firewall/fw.cfg
        interface: inside
        targets: [tgw-1]
    """

    static func config(_ action: String) -> String {
        """
        interface GigabitEthernet0/0
         nameif inside
         security-level 100
        access-list inside_in extended \(action) tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq 443
        access-list inside_in extended deny ip any4 any4
        access-group inside_in in interface inside

        """
    }

    static let capture = """
    access-list inside_in; 2 elements; name hash: 0x1
    access-list inside_in line 1 extended permit tcp 10.0.41.0 255.255.255.0 172.16.0.0 255.255.255.0 eq https (hitcnt=77) 0x2
    access-list inside_in line 2 extended deny ip any4 any4 (hitcnt=5) 0x3

    """

    /// A configuration directory with `gatewatch.yaml` and `firewall/fw.cfg` permitting line 1.
    static func directory() throws -> String {
        let path = NSTemporaryDirectory() + "gatewatch-reload-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path + "/firewall", withIntermediateDirectories: true)
        try yaml.write(toFile: path + "/gatewatch.yaml", atomically: true, encoding: .utf8)
        try write(config("permit"), to: path + "/firewall/fw.cfg", at: 1_000)
        return path
    }

    /// Writes `text` with a modification time of `seconds` since 1970 (distinct versions never
    /// share a stamp, however fast the test runs).
    static func write(_ text: String, to path: String, at seconds: Double) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)], ofItemAtPath: path)
    }

    static func watcher(_ directory: String) -> FirewallFileWatcher {
        FirewallFileWatcher(configurationDirectory: directory,
                            initial: LiveConfiguration.load(ConfigDirectory(path: directory, isExplicit: true)).firewallConfigs)
    }

    @Test func aChangedConfigIsTakenOnceItIsTheSameOnTwoPolls() throws {
        let directory = try Self.directory()
        var watcher = Self.watcher(directory)
        #expect(watcher.poll() == false)
        try Self.write(Self.config("deny"), to: directory + "/firewall/fw.cfg", at: 2_000)
        #expect(watcher.poll() == false)  // seen once: maybe still being written
        #expect(watcher.poll() == true)
        #expect(watcher.configs.map(\.path) == ["firewall/fw.cfg"])
        #expect(watcher.configs.first?.text.contains("extended deny tcp") == true)
        #expect(watcher.status == nil)
        #expect(watcher.reloads == 1)
    }

    @Test func aConfigWithNewParseErrorsKeepsTheLastGoodOneAndSaysWhere() throws {
        let directory = try Self.directory()
        var watcher = Self.watcher(directory)
        let broken = Self.config("permit").replacingOccurrences(
            of: "tcp 10.0.41.0 255.255.255.0", with: "tcp object-group no-such-group")
        try Self.write(broken, to: directory + "/firewall/fw.cfg", at: 2_000)
        _ = watcher.poll()
        #expect(watcher.poll() == true)
        #expect(watcher.configs.first?.text == Self.config("permit"))
        let status = try #require(watcher.status)
        #expect(status.kind == .config && status.isStale)
        #expect(status.failure?.contains("firewall/fw.cfg: line 4:") == true)
        #expect(status.failure?.contains("keeping the last good version") == true)
        // The same bad version is not reported again; a good one clears the problem.
        #expect(watcher.poll() == false)
        try Self.write(Self.config("deny"), to: directory + "/firewall/fw.cfg", at: 3_000)
        _ = watcher.poll()
        #expect(watcher.poll() == true)
        #expect(watcher.status == nil)
        #expect(watcher.configs.first?.text.contains("extended deny tcp") == true)
    }

    @Test func anEmptyFileIsNotTaken() throws {
        let directory = try Self.directory()
        var watcher = Self.watcher(directory)
        try Self.write("", to: directory + "/firewall/fw.cfg", at: 2_000)
        _ = watcher.poll()
        _ = watcher.poll()
        #expect(watcher.configs.first?.text == Self.config("permit"))
        #expect(watcher.status?.failure?.contains("empty") == true)
    }

    @Test func aCaptureDroppedInIsAttachedToItsConfig() throws {
        let directory = try Self.directory()
        var watcher = Self.watcher(directory)
        try Self.write(Self.capture, to: directory + "/firewall/fw.acl", at: 2_000)
        _ = watcher.poll()
        #expect(watcher.poll() == true)
        #expect(watcher.configs.count == 1)
        #expect(watcher.configs.first?.accessListText == Self.capture)
    }

    @Test func aRemovedConfigIsDropped() throws {
        let directory = try Self.directory()
        var watcher = Self.watcher(directory)
        try FileManager.default.removeItem(atPath: directory + "/firewall/fw.cfg")
        #expect(watcher.poll() == true)
        #expect(watcher.configs.isEmpty)
    }

    @Test func theLiveStateRebuildsOnlyWhenTheFilesChanged() {
        var state = LiveState()
        let before = state.version
        state.apply(firewallConfigs: [FirewallConfigFile(path: "firewall/fw.cfg", text: Self.config("deny"))], status: nil)
        #expect(state.version == before + 1)
        state.apply(firewallConfigs: [FirewallConfigFile(path: "firewall/fw.cfg", text: Self.config("deny"))], status: nil)
        #expect(state.version == before + 1)
        let snapshot = state.snapshot(configuration: LiveConfiguration())
        #expect(snapshot.firewallConfigs.first?.text.contains("extended deny tcp") == true)
    }

    /// The whole way: `LiveFeed.run` with both sources unavailable, a new config and capture on
    /// disk, and the published Simulation's Rules index showing the new action and hit count.
    @Test(.timeLimit(.minutes(1)))
    func theLiveFeedPublishesASimulationOfTheReloadedFiles() async throws {
        let directory = try Self.directory()
        var settings = LiveSettings(kubeconfig: directory + "/no-such-kubeconfig", region: "us-east-1",
                                    endpointURL: "http://127.0.0.1:9",
                                    configDirectory: ConfigDirectory(path: directory, isExplicit: true),
                                    environment: ["HOME": directory, "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
                                                  "AWS_SECRET_ACCESS_KEY": "example", "AWS_EC2_METADATA_DISABLED": "true"])
        settings.firewallPollInterval = .milliseconds(20)
        let feed = LiveFeed(settings: settings, configuration: LiveConfiguration.load(settings.configDirectory))
        let collected = Collected()
        let task = Task { await feed.run { update in collected.updates.withLock { $0.append(update) } } }
        defer { task.cancel() }

        func firstLine(_ update: LiveUpdate) -> RulesIndex.Entry? {
            update.simulation.rulesIndex().entries.first { $0.line == 1 }
        }
        func wait(for condition: @escaping (LiveUpdate) -> Bool) async throws -> LiveUpdate? {
            for _ in 0..<500 {
                if let found = collected.updates.withLock({ $0.last(where: condition) }) { return found }
                try await Task.sleep(for: .milliseconds(20))
            }
            return nil
        }
        let first = try #require(try await wait { firstLine($0) != nil })
        #expect(firstLine(first)?.action == .permit)
        #expect(firstLine(first)?.hits == nil)

        try Self.write(Self.config("deny"), to: directory + "/firewall/fw.cfg", at: 2_000)
        try Self.write(Self.capture.replacingOccurrences(of: "permit tcp", with: "deny tcp"),
                       to: directory + "/firewall/fw.acl", at: 2_000)
        let reloaded = try #require(try await wait { firstLine($0)?.action == .deny && firstLine($0)?.hits != nil })
        #expect(firstLine(reloaded)?.hits == 77)
        #expect(reloaded.generation > first.generation)
    }
}

/// The updates a feed published, from any thread.
private final class Collected: Sendable {
    let updates = Mutex<[LiveUpdate]>([])
}
