import Foundation

/// The live peers the end-to-end tests run Gatewatch against, serving the demo bundle: the
/// Kubernetes stand-in (`Tests/Peers/kube_standin.py`) and moto seeded with the demo's AWS side
/// (`Tests/Peers/ec2/moto_peer.py`).
public enum DemoPeers {
    /// The demo bundle's folder.
    public static var demoBundle: String {
        PeerProcess.repositoryRoot.appendingPathComponent("Sources/Inventory/Demo").path
    }

    /// Starts the Kubernetes stand-in serving the demo bundle (API and admin ports picked freely).
    public static func kubeStandIn() throws -> PeerProcess {
        try PeerProcess(script: "kube_standin.py", arguments: ["--bundle", demoBundle, "--port", "0", "--admin-port", "0"])
    }

    /// Starts moto seeded with the demo's AWS side (run by a Python that has moto and boto3).
    public static func moto() throws -> PeerProcess {
        try PeerProcess(script: "ec2/with_botocore.py", arguments: ["--needs", "moto,boto3", "moto_peer.py", "--no-dump"],
                        timeout: 90)
    }

    /// Runs `curl -sSf` with `arguments` (20 s at most); returns the body, throws on a failed call
    /// or an HTTP error status.
    @discardableResult
    public static func curl(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments = ["-sSf", "--max-time", "20"] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PeerFailure("curl \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

extension PeerProcess {
    /// POSTs a JSON `body` to the Kubernetes stand-in's admin API (`/mutate`, `/hang`…); throws
    /// when the stand-in refuses it.
    public func admin(_ path: String, _ body: String) throws {
        try DemoPeers.curl(["-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body,
                            try string("adminUrl") + path])
    }
}

/// Runs the built `gatewatch` executable (next to the test bundle in the build folder) as a user
/// would, and captures what it prints.
public enum GatewatchBinary {
    /// What one run printed and how it ended.
    public struct Result: Sendable {
        /// The exit status.
        public var exitCode: Int32
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
    }

    /// The executable.
    public static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On Linux the test runner is `<build>/gatewatchPackageTests.xctest`.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
        return directory.appendingPathComponent("gatewatch")
    }

    /// Runs it with `arguments`; `environment` replaces the process environment when given.
    public static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read standard error beside standard output: a full pipe would stop the program.
        let errors = ErrorReader(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.wait()
        process.waitUntilExit()
        return Result(exitCode: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class ErrorReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
