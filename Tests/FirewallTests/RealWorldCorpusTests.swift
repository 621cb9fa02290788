import Testing
import Firewall

/// Every input in ../shared/realworld/asa: configs parse without a crash into a sane structure,
/// valid lines never take the error path, and `show access-list` dumps number their lines as
/// Gatewatch numbers the same access lists (issue #16). Skipped with a message when the folder
/// is absent.
@Suite("Real-world ASA corpus", .enabled(if: RealWorldCorpus.isAvailable,
                                         Comment(rawValue: RealWorldCorpus.absenceMessage)))
struct RealWorldCorpusTests {
    /// Config files whose errors were each reviewed and are about invalid or incomplete input,
    /// with their error counts. Every other config must load without an error.
    static let expectedErrors: [String: Int] = [
        // Fragments: names defined in another file of the same source.
        "ansible-collections__cisco.asa__asa_ogs_config.cfg": 2,
        "networktocode__ntc-templates__show_running-config_access-group_show_running-config_access-group.raw": 14,
        "networktocode__ntc-templates__show_running-config_object-group_service_show_running-config_object-group_service.raw": 3,
        "derived/assembled_ntc_ansible_object_fragments.cfg": 8,
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_acl.t__023.cfg": 1,
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_parse.t__004.cfg": 1,
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_parse.t__016.cfg": 1,
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_parse.t__017.cfg": 1,
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_raw.t__005.cfg": 1,
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_raw.t__006.cfg": 1,
        // `show object-group` output, not a running-config (`description:` lines).
        "networktocode__ntc-templates__show_object-group_network_cisco_asa_show_object-group_network.raw": 6,
        // Parser tests that reference undefined names, or objects without an address, on purpose.
        "batfish__batfish__asa-acl-object.cfg": 3,
        "batfish__batfish__asa-filters.cfg": 1,
        "batfish__batfish__asa-gh-6042.cfg": 2,
        "batfish__batfish__asa-nat-object-refs.cfg": 1,
        "batfish__batfish__asa-nested-icmp-type-object-group.cfg": 1,
        "batfish__batfish__asa-nested-network-object-group.cfg": 1,
        "batfish__batfish__asa-nested-protocol-object-group.cfg": 1,
        "batfish__batfish__network-object.cfg": 1,
        "batfish__batfish__unit-tests_asa_nat.cfg": 1,
        // port-object in a service group without a protocol, plus an undefined group.
        "batfish__batfish__asa-nested-service-object-group.cfg": 3,
        // Batfish's `object icmp-echo`-style names, never defined as service objects; undefined
        // interface and group.
        "batfish__batfish__asa-service-object-inline.cfg": 2,
        "batfish__batfish__unit-tests_asa_acl.cfg": 22,
        // Inline `!` comments after commands, undefined objects.
        "batfish__batfish__asa-service-object.cfg": 5,
        // TSUNAMI_addrs is used and never defined in ciscoconfparse's sample.
        "mpenning__ciscoconfparse__sample_01.asa.cfg": 2,
        "derived/variant_ciscoconfparse_sample01_names.cfg": 2,
        "derived/variant_ciscoconfparse_sample01_timerange.cfg": 2,
        // `interval 300` without `log`, copied from the Ansible fixture.
        "derived/recon_ansible.cfg": 1,
        // Netspoc-Approve negative tests (`host` outside network-object, unknown names and ports).
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_parse.t__007.cfg": 2,
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_raw.t__004.cfg": 2,
        "netspoc/hknutzen__Netspoc-Approve__go_testdata_asa_raw.t__007.cfg": 2,
    ]

    /// A `show access-list` dump (by name, or by its `(hitcnt=` lines).
    static func isDump(_ name: String, _ text: String) -> Bool {
        name.contains("ShowAccessList") || name.contains("show_access-list") || text.contains("(hitcnt=")
    }

    /// Every file (relative to asa/) with its text.
    static var files: [(name: String, text: String)] {
        let names = RealWorldCorpus.asaFiles()
            + RealWorldCorpus.asaFiles(in: "derived/").map { "derived/" + $0 }
            + RealWorldCorpus.asaFiles(in: "netspoc/").map { "netspoc/" + $0 }
        return names.compactMap { name in RealWorldCorpus.asa(name).map { (name, $0) } }
    }

    /// Config files: not dumps, not Gatewatch's own scripts, not Netspoc's concatenated `.t`
    /// test files (several devices in one file; their `__NNN.cfg` parts are configs).
    static var configs: [(name: String, text: String)] {
        files.filter { !isDump($0.name, $0.text) && !$0.name.hasSuffix(".t") && !$0.name.hasSuffix(".py") }
    }

    @Test func corpusIsThere() {
        #expect(Self.configs.count >= 100)
        #expect(Self.files.filter { Self.isDump($0.name, $0.text) }.count >= 8)
    }

    @Test func everyFileParsesAndCompilesWithLocatedDiagnostics() {
        for (name, text) in Self.files {
            let parsed = FirewallConfig.parse(text)
            let lineCount = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).count
            #expect(parsed.diagnostics.allSatisfy { (1...lineCount).contains($0.line) }, "\(name)")
            #expect(parsed.diagnostics.map(\.line) == parsed.diagnostics.map(\.line).sorted(), "\(name)")
            let classifier = FirewallClassifier(config: parsed)
            #expect(classifier.compiledAccessLists.count == parsed.accessLists.count, "\(name)")
        }
    }

    @Test func validConfigsTakeNoErrorPath() {
        for (name, text) in Self.configs {
            let errors = FirewallConfig.parse(text).errors
            #expect(errors.count == Self.expectedErrors[name, default: 0],
                    "\(name): \(errors.map { "\($0) | \($0.text)" })")
        }
    }

    /// The reconstructed configs (`derived/recon_*.cfg`) with the dump each was rebuilt from.
    static var pairs: [(config: String, dump: String, configText: String, dumpText: String)] {
        var result: [(String, String, String, String)] = []
        for name in RealWorldCorpus.asaFiles(in: "derived/") where name.hasPrefix("recon_") {
            guard let text = RealWorldCorpus.asa("derived/" + name),
                  let source = text.split(separator: "\n").first?.split(separator: " ").last,
                  let file = source.split(separator: "/").last
            else { continue }
            for dump in RealWorldCorpus.asaFiles() where dump.hasSuffix("_" + file) {
                if let dumpText = RealWorldCorpus.asa(dump) { result.append((name, dump, text, dumpText)) }
            }
        }
        return result
    }

    @Test func everyDumpParsesWithItsOddLinesLocated() {
        // Hand-edited fixture lines: genie's last element names another list; two Ansible lines
        // carry no count.
        let expected: [String: [Int]] = [
            "CiscoTestAutomation__genieparser__ShowAccessList_golden_output.txt": [55],
            "ansible-collections__cisco.asa__asa_acls_config.cfg": [15, 20],
        ]
        for (name, text) in Self.files where Self.isDump(name, text) {
            let counts = AccessListHitCounts.parse(text, file: name)
            #expect(counts.diagnostics.map(\.line) == expected[name, default: []], "\(counts.diagnostics)")
        }
    }

    @Test func dumpLineNumbersEqualGatewatchNumbering() throws {
        #expect(Self.pairs.count >= 6)
        for pair in Self.pairs {
            let config = FirewallConfig.parse(pair.configText)
            let counts = AccessListHitCounts.parse(pair.dumpText, file: pair.dump)
            for name in counts.accessListOrder {
                guard let list = config.accessLists[name] else { continue }
                #expect(counts.lines(of: name).map(\.lineNumber) == list.lines.indices.map { $0 + 1 },
                        "\(pair.config) \(name)")
            }
            let numbering = counts.joined(to: config).mismatches.filter {
                switch $0.problem {
                case .lineNotConfigured, .lineNotInDump, .textDiffers, .accessListNotConfigured: return true
                case .elementNotInConfig, .notModelled: return false
                }
            }
            #expect(numbering.isEmpty, "\(pair.config): \(numbering)")
        }
    }

    @Test func dumpElementsJoinToConfigElements() {
        for pair in Self.pairs {
            let join = AccessListHitCounts.parse(pair.dumpText).joined(to: FirewallConfig.parse(pair.configText))
            let unmatched = join.mismatches.compactMap { m -> String? in
                if case .elementNotInConfig(let text) = m.problem { return text }
                return nil
            }
            // Ansible's fixture prints one element with the mask 1.1.1.1 (hand-edited).
            let expected = pair.config == "recon_ansible.cfg"
                ? ["extended permit tcp 198.51.101.0 255.255.255.0 1.1.1.1 1.1.1.1 eq 9389"] : []
            #expect(unmatched == expected, "\(pair.config)")
        }
    }
}
