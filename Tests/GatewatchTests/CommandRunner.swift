import Foundation
import TestSupport

/// Runs the built `gatewatch` binary as a user would and captures what it prints.
struct CommandResult {
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

enum CommandRunner {
    /// The `gatewatch` executable next to the test bundle in the build folder.
    static var executable: URL { GatewatchBinary.executable }

    static func run(_ arguments: String...) throws -> CommandResult {
        try run(arguments: arguments)
    }

    /// Runs with `arguments`; `environment` replaces the process environment when given.
    static func run(arguments: [String], environment: [String: String]? = nil) throws -> CommandResult {
        let result = try GatewatchBinary.run(arguments, environment: environment)
        return CommandResult(exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr)
    }

    /// Parses JSON output.
    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }
}
