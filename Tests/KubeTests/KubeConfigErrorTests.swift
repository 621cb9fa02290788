import Foundation
import Kube
import Testing

/// kubeconfig problems are `kubeconfig FILE:LINE: what was expected`, one line (issue #18 item 7).
@Suite("kubeconfig errors")
struct KubeConfigErrorTests {
    private func message(_ text: String) -> String? {
        do {
            _ = try KubeConfigLoader.decode(Data(text.utf8), path: "/k/config")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a YAML syntax error, a duplicate key and a wrong type each name the file and line")
    func locatedErrors() throws {
        let syntax = try #require(message("clusters:\n- name: a\n  cluster: {server: [\n"))
        #expect(syntax.hasPrefix("kubeconfig /k/config:"))
        #expect(syntax.contains("not valid YAML"))
        let duplicate = try #require(message("current-context: a\nusers: []\ncurrent-context: b\n"))
        #expect(duplicate.hasPrefix("kubeconfig /k/config:"))
        #expect(duplicate.contains("duplicate key 'current-context'"))
        let type = try #require(message("clusters:\n- name: a\n  cluster: {server: [1]}\n"))
        #expect(type.hasPrefix("kubeconfig /k/config:3:"))
        for text in [syntax, duplicate, type] {
            #expect(!text.contains("\n") && !text.contains("Yaml") && !text.contains("Context:"))
        }
    }

    @Test("an alias flood and /dev/zero are refused quickly")
    func boundedInputs() throws {
        var flood = "a0: &a0 [x, x]\n"
        for level in 1...9 { flood += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ",") + "]\n" }
        let started = Date()
        let refused = try #require(message(flood))
        #expect(refused.contains("aliases expand"))
        do {
            _ = try KubeConfigLoader.load(kubeconfigPath: "/dev/zero", context: nil, environment: [:])
            Issue.record("/dev/zero was read as a kubeconfig")
        } catch {
            #expect(error.description.contains("larger than"))
        }
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
