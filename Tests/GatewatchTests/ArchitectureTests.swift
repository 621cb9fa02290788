import Foundation
import Testing

/// The layers of DESIGN.md (docs/ARCHITECTURE.md), checked against Package.swift and against the
/// `import` lines of every source file: dependencies point down only, the pure modules stay pure,
/// and the console never reaches the network.
@Suite struct ArchitectureTests {
    /// What each target may depend on (targets and package products) and import.
    static let allowed: [String: Set<String>] = [
        "CNCurses": [], "CCurl": [], "Spawn": [],
        "LPM": [],
        "Inventory": ["LPM", "Yams"],
        "Firewall": ["LPM"],
        "Simulator": ["Inventory", "Firewall", "LPM"],
        "Traffic": ["Simulator", "Inventory", "Firewall", "LPM"],
        "History": ["Inventory", "LPM", "GRDB", "Logging"],
        "HTTP": ["CCurl"],
        "Kube": ["HTTP", "Spawn", "Inventory", "LPM", "Yams"],
        "EC2": ["HTTP", "Spawn", "Inventory", "LPM", "Crypto"],
        "Logs": ["HTTP", "EC2", "Traffic", "Inventory", "LPM", "Crypto"],
        "Live": ["Inventory", "Simulator", "Firewall", "Traffic", "History", "HTTP", "Kube", "EC2", "Logs", "LPM",
                 "Logging", "Prometheus"],
        "Presentation": ["Inventory", "Simulator", "Firewall", "Traffic", "History", "LPM"],
        "FleetMetrics": ["Inventory", "Simulator", "LPM", "Prometheus"],
        "MetricsServer": ["FleetMetrics", "Inventory", "Simulator", "LPM", "FlyingFox", "FlyingSocks"],
        "Console": ["Inventory", "Simulator", "Firewall", "Presentation", "Traffic", "History", "LPM", "CNCurses", "Yams"],
    ]
    /// Targets that may depend on anything: the executable, the benchmarks, test support.
    static let unrestricted: Set<String> = ["gatewatch", "gatewatch-bench", "TestSupport"]
    /// System modules any target may import.
    static let system: Set<String> = ["Foundation", "FoundationEssentials", "Synchronization", "Dispatch", "Glibc",
                                      "Darwin", "Musl"]
    /// Modules a pure target must never import, even from the system.
    static let impure: Set<String> = ["FoundationNetworking", "HTTP", "Kube", "EC2", "CCurl", "CNCurses", "Spawn",
                                      "Live", "Console", "GRDB"]
    static let pure: Set<String> = ["LPM", "Inventory", "Firewall", "Simulator", "Traffic", "Presentation", "FleetMetrics"]

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A target as Package.swift declares it.
    struct Declared: Equatable {
        var name: String
        var dependencies: [String]
        var isTest: Bool
    }

    /// Every `.target`, `.executableTarget` and `.testTarget` of a manifest with its dependencies
    /// (target names and product names).
    static func targets(in manifest: String) -> [Declared] {
        var result: [Declared] = []
        let pattern = #/\.(target|executableTarget|testTarget|systemLibrary)\(\s*name:\s*"([^"]+)"/#
        let starts = manifest.matches(of: pattern)
        for (index, match) in starts.enumerated() {
            let end = index + 1 < starts.count ? starts[index + 1].range.lowerBound : manifest.endIndex
            let body = manifest[match.range.upperBound..<end]
            var dependencies: [String] = []
            if let list = body.firstMatch(of: #/dependencies:\s*\[((?:[^\[\]]|\[[^\]]*\])*)\]/#) {
                let text = list.output.1
                for product in text.matches(of: #/\.product\(\s*name:\s*"([^"]+)"/#) { dependencies.append(String(product.output.1)) }
                let withoutProducts = text.replacing(#/\.product\([^)]*\)/#, with: "")
                for name in withoutProducts.matches(of: #/"([^"]+)"/#) { dependencies.append(String(name.output.1)) }
            }
            result.append(Declared(name: String(match.output.2), dependencies: dependencies,
                                   isTest: match.output.1 == "testTarget"))
        }
        return result
    }

    /// The dependencies that break the layer rules, as `TARGET → DEPENDENCY`.
    static func violations(in manifest: String) -> [String] {
        var found: [String] = []
        for target in targets(in: manifest) where !target.isTest && !unrestricted.contains(target.name) {
            guard let permitted = allowed[target.name] else {
                found.append("\(target.name): not in the layer table (add it to docs/ARCHITECTURE.md and this test)")
                continue
            }
            for dependency in target.dependencies where !permitted.contains(dependency) {
                found.append("\(target.name) → \(dependency)")
            }
        }
        return found
    }

    @Test func packageDependenciesFollowTheLayers() throws {
        let manifest = try String(contentsOf: Self.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let declared = Self.targets(in: manifest)
        #expect(declared.contains { $0.name == "Live" && $0.dependencies.contains("Kube") })
        #expect(Self.violations(in: manifest) == [])
    }

    @Test func aPlantedBadDependencyIsCaught() throws {
        let manifest = try String(contentsOf: Self.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let planted = manifest.replacingOccurrences(of: #".target(name: "Firewall", dependencies: ["LPM"]),"#,
                                                    with: #".target(name: "Firewall", dependencies: ["LPM", "HTTP"]),"#)
        #expect(planted != manifest)
        #expect(Self.violations(in: planted) == ["Firewall → HTTP"])
        let console = #".target(name: "Console", dependencies: ["Inventory", "Kube"]),"#
        #expect(Self.violations(in: console) == ["Console → Kube"])
    }

    @Test func sourceImportsFollowTheLayers() throws {
        let sources = Self.packageRoot.appendingPathComponent("Sources")
        var found: [String] = []
        for (target, permitted) in Self.allowed {
            let directory = sources.appendingPathComponent(target)
            guard let files = FileManager.default.enumerator(atPath: directory.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
                for line in text.split(separator: "\n") {
                    guard let match = line.firstMatch(of: #/^(?:@testable\s+)?import\s+(\w+)/#) else { continue }
                    let module = String(match.output.1)
                    let ok = permitted.contains(module) || (Self.system.contains(module) && module != target)
                    let impure = Self.pure.contains(target) && Self.impure.contains(module)
                    if !ok || impure { found.append("\(target)/\(file): import \(module)") }
                }
            }
        }
        #expect(found.sorted() == [])
    }

    @Test func theArchitectureDocumentNamesEveryTarget() throws {
        let manifest = try String(contentsOf: Self.packageRoot.appendingPathComponent("Package.swift"), encoding: .utf8)
        let document = try String(contentsOf: Self.packageRoot.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        for target in Self.targets(in: manifest) where !target.isTest {
            #expect(document.contains("`\(target.name)`"), "docs/ARCHITECTURE.md does not describe \(target.name)")
        }
    }
}
