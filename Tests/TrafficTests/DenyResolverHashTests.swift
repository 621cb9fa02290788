import Firewall
import Inventory
import Testing
import Traffic

/// A deny's hashes joined to the `show access-list` capture beside the firewall's config
/// (docs/cisco-firewall.md §6, §9): the entry the device says it used, when the capture knows it.
@Suite struct DenyResolverHashTests {
    /// The demo's deny of 10.0.41.20 to 103.47.244.10:80, with `hashes` in its brackets.
    private func deny(_ hashes: String) throws -> AsaSyslogMessage {
        try #require(AsaSyslogMessage.parse("<164>Dec 06 2026 10:00:31 ftd-egress : %FTD-4-106023: Deny tcp src "
            + "inside:10.0.41.20/40188 dst outside:103.47.244.10/80 by access-group \"inside_access_in\" [\(hashes)]"))
    }

    @Test("the configuration alone: the classifier's entry (line 19, the gateways' deny)")
    func withoutAHashTheClassifierDecides() throws {
        let resolver = DenyResolver(snapshot: DemoBundle.load().snapshot)
        #expect(resolver.entry(for: try deny("0x0, 0x0"), host: "ftd-egress", at: nil)?.line == 19)
        // A hash the capture does not know changes nothing.
        #expect(resolver.entry(for: try deny("0x12345678, 0x0"), host: "ftd-egress", at: nil)?.line == 19)
    }

    @Test("a hash of the capture names the entry, whatever the classifier says", arguments: [
        ("0x456d4b01, 0x0", 21),        // line 21's own hash
        ("0x456D4B01, 0x0", 21),        // as some devices print it
        ("0x8e45269f, 0x49039fdc", 19), // line 19 and its 10.0.41.0/24 element
        ("0x49039fdc, 0x0", 19),        // an element's hash names its line
    ])
    func aCapturedHashNamesTheEntry(hashes: String, line: Int) throws {
        let resolver = DenyResolver(snapshot: DemoBundle.load().snapshot)
        let ace = try #require(resolver.entry(for: try deny(hashes), host: "ftd-egress", at: nil))
        #expect(ace.line == line)
        #expect(ace.accessList == "inside_access_in" && ace.firewall == "ftd-egress")
        #expect(ace.text.hasPrefix("access-list inside_access_in extended deny"))
    }

    @Test("a hash of a permit entry, or of another list, is not trusted for a deny")
    func onlyADenyOfTheNamedListIsTaken() throws {
        let resolver = DenyResolver(snapshot: DemoBundle.load().snapshot)
        // 0xdd1646d2 is line 3, a permit: the classifier's deny stands.
        #expect(resolver.entry(for: try deny("0xdd1646d2, 0x0"), host: "ftd-egress", at: nil)?.line == 19)
    }

    @Test("without the capture beside the config the hash is not used")
    func withoutTheCaptureTheClassifierDecides() throws {
        let demo = DemoBundle.load().snapshot
        let files = demo.firewallConfigs.map { FirewallConfigFile(path: $0.path, text: $0.text) }
        let snapshot = Snapshot(source: demo.source, cluster: demo.cluster, aws: demo.aws, config: demo.config, firewallConfigs: files)
        let resolver = DenyResolver(snapshot: snapshot)
        #expect(resolver.entry(for: try deny("0x456d4b01, 0x0"), host: "ftd-egress", at: nil)?.line == 19)
    }

    @Test("hashes as printed: 0x prefix, dropped leading zeros, any case")
    func hashValues() {
        #expect(DenyResolver.hashValue("0x3f0331e6") == 0x3f03_31e6)
        #expect(DenyResolver.hashValue("0xABC") == 0xabc)
        #expect(DenyResolver.hashValue("0x") == nil)
        #expect(DenyResolver.hashValue("0xnothex") == nil)
    }
}
