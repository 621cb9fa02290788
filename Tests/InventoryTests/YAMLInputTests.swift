import Foundation
import Inventory
import Testing

/// Every YAML problem is one line, `file:line: what was expected`, without parser internals, and
/// alias floods and deep nesting are bounded (issue #18 item 7).
@Suite("YAML input: located one-line errors and bounds")
struct YAMLInputTests {
    /// A "billion laughs" document: each level ten aliases of the one before.
    static func aliasFlood(levels: Int = 9, key: String = "lol") -> String {
        var text = "a0: &a0 [\"\(key)\", \"\(key)\"]\n"
        for level in 1...levels {
            let previous = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(previous)]\n"
        }
        return text
    }

    private func problem(_ text: String) -> YAMLInput.Problem? {
        do {
            _ = try YAMLInput.compose(text)
            return nil
        } catch {
            return error
        }
    }

    private func expectClean(_ message: String) {
        #expect(!message.contains("\n"))
        for leak in ["yaml_", "Cannot initialize", "Context:", "Parser:", "YamlError", "DecodingError", "Optional("] {
            #expect(!message.contains(leak), "\(leak) in \(message)")
        }
    }

    @Test("a duplicate key names the key and its line")
    func duplicateKey() throws {
        let found = try #require(problem("name: a\nroles: {}\nname: b\n"))
        #expect(found.line != nil)
        #expect(found.message.contains("duplicate key 'name'"))
        expectClean(found.message)
    }

    @Test("a control character names the character and the line, in full")
    func controlCharacter() throws {
        let found = try #require(problem("a: 1\nb: x\u{7}y\n"))
        #expect(found.line == 2)
        #expect(found.message.contains("U+0007") && found.message.hasSuffix("(escape it in a double-quoted string)"))
        expectClean(found.message)
    }

    @Test("nesting past the bound is a located limit error, not libyaml's message")
    func deepNesting() throws {
        let found = try #require(problem(String(repeating: "[", count: 5_000)))
        #expect(found.line == 1)
        #expect(found.message.contains("nested deeper than \(InputLimits.maxYAMLNesting) levels"))
        expectClean(found.message)
    }

    @Test("an alias flood stops at the expansion bound, quickly")
    func aliasFloodIsRefused() throws {
        let started = Date()
        let found = try #require(problem(Self.aliasFlood()))
        #expect(found.message.contains("aliases expand the document beyond a resource limit"))
        #expect(Date().timeIntervalSince(started) < 2)
        expectClean(found.message)
    }

    @Test("anchors and merge keys within the bound are read")
    func modestAliasesAreRead() throws {
        let root = try #require(try YAMLInput.compose("base: &b {fg: 1}\nheader: *b\nlist: [*b, *b]\n"))
        #expect(root.mapping?.count == 3)
    }

    @Test("gatewatch.yaml: a duplicate key, an unknown `sees` value and an alias flood are located, one line each")
    func gatewatchYAMLErrors() throws {
        func diagnostics(_ text: String) -> [BundleDiagnostic] {
            BundleLoader.load(files: [BundleFile(path: "gatewatch.yaml", contents: Array(text.utf8))], source: .demo).diagnostics
        }
        let duplicate = try #require(diagnostics("firewalls: []\nfirewalls: []\n").first)
        #expect(duplicate.line != nil && duplicate.message.contains("duplicate key 'firewalls'"))
        let sees = try #require(diagnostics("""
            firewalls:
              - name: fw
                config: firewall/a.cfg
                interface: outside
                sees: sideways
            """).first { $0.message.contains("sees") })
        #expect(sees.line == 5)
        #expect(sees.message.contains("expected private or public, found 'sideways'"))
        let flood = try #require(diagnostics(Self.aliasFlood()).first)
        #expect(flood.message.contains("aliases expand"))
        for diagnostic in [duplicate, sees, flood] {
            expectClean(diagnostic.description)
            #expect(diagnostic.description.hasPrefix("gatewatch.yaml:"))
        }
    }

    @Test("a bundle file with an alias flood is one located error and loading goes on")
    func bundleAliasFlood() throws {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: n}\n"
        let loaded = BundleLoader.load(files: [
            BundleFile(path: "cluster/flood.yaml", contents: Array(Self.aliasFlood().utf8)),
            BundleFile(path: "cluster/pods.yaml", contents: Array(pod.utf8)),
        ], source: .demo)
        #expect(loaded.snapshot.cluster.pods.map(\.name) == ["p"])
        let error = try #require(loaded.diagnostics.first)
        #expect(error.file == "cluster/flood.yaml" && error.line != nil && error.message.contains("aliases expand"))
    }

    @Test("a file over its size bound is refused after reading one byte past it")
    func oversizedInputIsRefused() throws {
        let started = Date()
        guard case .failure(let problem) = InputFile.read("/dev/zero", limit: 1 << 20) else {
            Issue.record("/dev/zero was read")
            return
        }
        #expect(problem.description == "/dev/zero: larger than 1 MiB; expected at most that much (a resource limit)")
        #expect(Date().timeIntervalSince(started) < 2)
    }
}
