import Foundation
import Testing

/// `gatewatch select` end to end.
@Suite struct SelectCommandTests {
    @Test func listsThePodsASelectorMatchesAsJSON() throws {
        let result = try CommandRunner.run("select", "k8s-app == 'dlp-service-egw'", "--demo", "-o", "json")
        #expect(result.exitCode == 0)
        let names = try #require(try CommandRunner.json(result.stdout) as? [String])
        #expect(names.count == 3)
        #expect(names.allSatisfy { $0.hasPrefix("dlp-service-egw/") })
        #expect(names == names.sorted())
    }

    @Test func restrictsToNamespacesTheNamespaceSelectorMatches() throws {
        let all = try CommandRunner.run("select", "all()", "--demo", "-o", "json")
        let some = try CommandRunner.run("select", "all()", "--namespace-selector", "projectcalico.org/name == 'payments'",
                                         "--demo", "-o", "json")
        let allNames = try #require(try CommandRunner.json(all.stdout) as? [String])
        let someNames = try #require(try CommandRunner.json(some.stdout) as? [String])
        #expect(!someNames.isEmpty && someNames.count < allNames.count)
        #expect(someNames.allSatisfy { $0.hasPrefix("payments/") })
    }

    @Test func printsOnePodPerLineAsText() throws {
        let result = try CommandRunner.run("select", "k8s-app == 'corp-database-egw'", "--demo")
        #expect(result.stdout.split(separator: "\n").count == 2)
    }

    @Test func exitsTwoWithTheColumnOfASelectorError() throws {
        let result = try CommandRunner.run("select", "app == 'x' && ", "--demo")
        #expect(result.exitCode == 2)
        #expect(result.stderr.contains("column"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
