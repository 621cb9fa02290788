import Foundation

/// Runs the built `gatewatch` binary as a user would and captures what it prints.
struct CommandResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

enum CommandRunner {
    /// The `gatewatch` executable next to the test bundle in the build folder.
    static var executable: URL {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = bundle.deletingLastPathComponent()
        // On Linux the test runner is `<build>/gatewatchPackageTests.xctest`.
        if directory.lastPathComponent.hasSuffix(".xctest") { directory = directory.deletingLastPathComponent() }
        return directory.appendingPathComponent("gatewatch")
    }

    static func run(_ arguments: String...) throws -> CommandResult {
        try run(arguments: arguments)
    }

    /// Runs with `arguments`; `environment` replaces the process environment when given.
    static func run(arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(exitCode: process.terminationStatus,
                             stdout: String(decoding: stdout, as: UTF8.self),
                             stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Parses JSON output.
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
