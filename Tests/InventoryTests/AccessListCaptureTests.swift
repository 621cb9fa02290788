import Inventory
import Testing

/// `firewall/NAME.acl`: a `show access-list` capture travels with the running-config of the same
/// stem, in bundles read and written.
@Suite struct AccessListCaptureTests {
    private static let config = "access-list inside_in extended permit ip any4 any4\n"
    private static let capture = "access-list inside_in line 1 extended permit ip any4 any4 (hitcnt=4) 0x1\n"

    private func file(_ path: String, _ text: String) -> BundleFile {
        BundleFile(path: path, contents: Array(text.utf8))
    }

    @Test func aCaptureBesideItsConfigIsAttachedToIt() throws {
        let loaded = BundleLoader.load(files: [file("firewall/asa.cfg", Self.config), file("firewall/asa.acl", Self.capture)],
                                       source: .demo)
        let configs = loaded.snapshot.firewallConfigs
        #expect(configs.map(\.path) == ["firewall/asa.cfg"], "a capture is not a running-config")
        #expect(configs.first?.accessListText == Self.capture)
        #expect(configs.first?.accessListPath == "firewall/asa.acl")
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test func aConfigWithAnotherExtensionStillFindsItsCapture() {
        let loaded = BundleLoader.load(files: [file("firewall/asa.txt", Self.config), file("firewall/asa.acl", Self.capture)],
                                       source: .demo)
        #expect(loaded.snapshot.firewallConfigs.first?.accessListText == Self.capture)
    }

    @Test func aCaptureWithoutItsConfigIsAWarningAndNotAConfig() throws {
        let loaded = BundleLoader.load(files: [file("firewall/asa.cfg", Self.config), file("firewall/other.acl", Self.capture)],
                                       source: .demo)
        #expect(loaded.snapshot.firewallConfigs.first?.accessListText == nil)
        #expect(loaded.snapshot.firewallConfigs.count == 1)
        let diagnostic = try #require(loaded.diagnostics.first)
        #expect(diagnostic.severity == .warning)
        #expect(diagnostic.file == "firewall/other.acl")
    }

    @Test func aConfigWithoutCaptureHasNone() {
        #expect(FirewallConfigFile(path: "firewall/asa.cfg", text: Self.config).accessListText == nil)
    }

    @Test func theWriterPutsTheCaptureBesideTheConfig() {
        let snapshot = BundleLoader.load(files: [file("firewall/asa.cfg", Self.config), file("firewall/asa.acl", Self.capture)],
                                         source: .demo).snapshot
        let written = BundleWriter.files(for: snapshot)
        #expect(written.first { $0.path == "firewall/asa.acl" }.map { String(decoding: $0.contents, as: UTF8.self) } == Self.capture)
        let reread = BundleLoader.load(files: written, source: .demo).snapshot
        #expect(reread.firewallConfigs == snapshot.firewallConfigs)
    }

    @Test func theDemoFirewallHasItsCapture() throws {
        let file = try #require(DemoBundle.load().snapshot.firewallConfigs.first { $0.path == "firewall/ftd-egress.cfg" })
        let capture = try #require(file.accessListText)
        #expect(capture.contains("access-list inside_access_in; 26 elements;"))
    }
}
