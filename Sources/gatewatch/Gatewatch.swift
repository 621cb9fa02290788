import ArgumentParser

/// The `gatewatch` command: the console by default, and the scriptable subcommands.
@main
struct Gatewatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gatewatch",
        abstract: "Egress gateways, IP pools, Elastic IPs and firewall rules of a Calico cluster on AWS.",
        version: "0.1.0",
        subcommands: [OpenConsoleCommand.self, GetCommand.self, SelectCommand.self, TraceCommand.self, WhoisCommand.self,
                      CheckCommand.self, WhatIfCommand.self, FirewallCommand.self, SnapshotCommand.self, TrafficCommand.self,
                      ExportCommand.self,
                      JournalCommand.self, RecordCommand.self],
        defaultSubcommand: OpenConsoleCommand.self)

    /// Runs the command line, mapping every failure to the documented exit codes: 0 ok, 1 findings
    /// or deny, 2 usage or input error; one line on stderr, never a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            printError(failure.message)
            exitProcess(failure.exitCode)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                exitProcess(0)
            }
            if let exit = error as? ExitCode {
                exitProcess(exit.rawValue)
            }
            printError(oneLine(message(for: error).isEmpty ? String(describing: error) : message(for: error)))
            exitProcess(2)
        }
    }

    /// Folds argument-parser's multi-line messages into one line: the reason, then any list of
    /// valid values it offers.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingPrefix(" ") }
        guard let first = lines.first else { return message }
        let choices = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { $0.dropFirst(2) }
        return choices.isEmpty ? String(first) : "\(first) \(choices.joined(separator: ", "))"
    }
}
