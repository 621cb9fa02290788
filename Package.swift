// swift-tools-version: 6.1
import PackageDescription

/// Gatewatch: a terminal console for Calico egress gateways on AWS behind Cisco Secure Firewall.
/// Targets follow the layers of DESIGN.md; dependencies point down only.
let package = Package(
    name: "gatewatch",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gatewatch", targets: ["gatewatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // System libraries: thin C shims, the only code that touches C APIs.
        .systemLibrary(
            name: "CNCurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // The shared longest-prefix-match engine and IP types.
        .target(name: "LPM"),

        // Resource models, Calico selectors, Snapshot, bundle loading, derived views.
        .target(
            name: "Inventory",
            dependencies: [
                "LPM",
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Demo/README.md"],
            resources: [.embedInCode("Demo")]
        ),

        // Cisco ASA/FTD running-config parser and compiled ACL classifier.
        .target(name: "Firewall", dependencies: ["LPM"]),

        // One libcurl client (multi interface on one I/O thread) for the Kubernetes and EC2 sources.
        .target(name: "HTTP", dependencies: ["CCurl"]),

        // Running credential helpers (exec plugins, credential_process) as child processes.
        .target(name: "Spawn"),

        // The Kubernetes API client: kubeconfig, auth, discovery, reflectors (list + watch).
        .target(name: "Kube", dependencies: ["HTTP", "Inventory", "LPM", "Spawn", .product(name: "Yams", package: "Yams")]),

        // The EC2 Query API client: SigV4, the credential chain, IMDSv2, pagination, retries.
        .target(name: "EC2", dependencies: ["HTTP", "Inventory", "LPM", "Spawn", .product(name: "Crypto", package: "swift-crypto")]),

        // The journal: every version of every object read, in SQLite (GRDB); state at T, address history.
        // (swift-log: the recorder's structured logs.)
        .target(name: "History", dependencies: ["Inventory", "LPM", .product(name: "GRDB", package: "GRDB.swift"),
                                                .product(name: "Logging", package: "swift-log")]),

        // Trace, reverse lookup, lint and what-if on a Snapshot.
        .target(name: "Simulator", dependencies: ["Inventory", "Firewall", "LPM"]),

        // Observed traffic: VPC Flow Logs and ASA/FTD syslog parsing, attribution to workloads, cost.
        .target(name: "Traffic", dependencies: ["Simulator", "Inventory", "Firewall", "LPM"]),

        // The one producer of Snapshots while live: runs the Kubernetes and EC2 sources, folds their
        // states, builds a Snapshot and a prepared Simulation only when they changed, publishes them
        // with the sources' typed health.
        .target(name: "Logs", dependencies: ["LPM"]),
        .target(name: "Live", dependencies: ["Inventory", "Simulator", "Firewall", "HTTP", "Kube", "EC2", "Traffic", "History"]),

        // Prometheus metrics of what Gatewatch knows (pure model, rendered through swift-prometheus).
        .target(name: "FleetMetrics", dependencies: ["Inventory", "Simulator", "LPM",
                                                .product(name: "Prometheus", package: "swift-prometheus")]),

        // The HTTP listener serving the metrics page (`--metrics-listen ADDR:PORT`).
        .target(name: "MetricsServer", dependencies: ["FleetMetrics", "Inventory", "Simulator",
                                                      .product(name: "FlyingFox", package: "FlyingFox"),
                                                      .product(name: "FlyingSocks", package: "FlyingFox")]),

        // The output surface shared by the command line and the console: the stable JSON and text
        // forms of every result.
        .target(name: "Presentation", dependencies: ["Inventory", "Simulator", "Firewall", "Traffic", "History", "LPM"]),

        // The ncurses console: views as pure functions into a cell grid, themes, the run loop.
        .target(
            name: "Console",
            dependencies: [
                "Inventory",
                "Simulator",
                "Firewall",
                "History",
                "LPM",
                "Traffic",
                "CNCurses",
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The executable: argument parsing and wiring.
        .executableTarget(
            name: "gatewatch",
            dependencies: [
                "LPM",
                "Inventory",
                "Simulator",
                "Firewall",
                "Console",
                "Live",
                "Presentation",
                "Traffic",
                "History",
                "MetricsServer",
                "Logs",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Benchmarks: release-built, prints figures and same-run ratios.
        .executableTarget(
            name: "gatewatch-bench",
            dependencies: ["LPM", "Inventory", "Firewall", "Simulator", "Console", "Live", "HTTP", "Kube", "EC2", "History",
                           "TestSupport", "Traffic", "Logs"],
            path: "Benchmarks"
        ),

        // Test support: the Python loopback peers (Tests/Peers) for the live-source tests, a seeded generator.
        .target(name: "TestSupport", dependencies: ["Spawn"], path: "Tests/TestSupport"),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "TestSupport"]),
        .testTarget(name: "KubeTests", dependencies: ["Kube", "HTTP", "Inventory", "TestSupport"]),
        .testTarget(name: "EC2Tests", dependencies: ["EC2", "HTTP", "Inventory", "TestSupport"]),
        .testTarget(name: "LPMTests", dependencies: ["LPM", "TestSupport"]),
        .testTarget(name: "InventoryTests", dependencies: ["Inventory", "LPM", "TestSupport"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Inventory", "LPM", "Spawn", "TestSupport",
                                                      .product(name: "GRDB", package: "GRDB.swift"),
                                                      .product(name: "Logging", package: "swift-log"),
                                                      .product(name: "InMemoryLogging", package: "swift-log")]),
        .testTarget(name: "FirewallTests", dependencies: ["Firewall", "LPM", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Inventory", "LPM", "History", "gatewatch", "TestSupport", "Spawn",
                                                      "Live", "Traffic"],
                    exclude: ["Golden"]),
        .testTarget(name: "SimulatorTests", dependencies: ["Simulator", "Inventory", "LPM", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "LogsTests", dependencies: ["Logs", "LPM", "Firewall"]),
        .testTarget(name: "LiveTests", dependencies: ["Live", "Kube", "EC2", "Inventory", "Simulator", "Traffic", "HTTP", "TestSupport"]),
        .testTarget(name: "TrafficTests", dependencies: ["Traffic", "Simulator", "Inventory", "Firewall", "LPM"]),
        .testTarget(name: "SystemLibraryTests", dependencies: ["CNCurses", "CCurl"]),
        .testTarget(name: "FleetMetricsTests", dependencies: ["FleetMetrics", "MetricsServer", "Simulator", "Inventory", "LPM",
                                                     "TestSupport", "Spawn"]),
        .testTarget(name: "GatewatchTests", dependencies: ["gatewatch", "TestSupport", .product(name: "Yams", package: "Yams")],
                    exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)

// Release builds target x86-64-v2 (POPCNT, SSE4.2; every x86-64 server CPU since 2009), so the
// compiled prefix tables count bits with one instruction (README, host requirements).
// `GATEWATCH_BASELINE_CPU=1 swift build -c release` builds for baseline x86-64 instead.
#if arch(x86_64)
if !["", "0"].contains(Context.environment["GATEWATCH_BASELINE_CPU"] ?? "") {
    // Baseline: no target CPU flag.
} else {
    for target in package.targets where target.type != .system {
        target.swiftSettings = (target.swiftSettings ?? [])
            + [.unsafeFlags(["-Xcc", "-march=x86-64-v2"], .when(configuration: .release))]
    }
}
#endif
