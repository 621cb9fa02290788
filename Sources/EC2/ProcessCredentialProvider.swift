import Foundation
import Inventory
import Spawn

/// Runs a profile's `credential_process` command (without a shell; quotes honoured) and reads the
/// JSON it prints: `{"Version": 1, "AccessKeyId", "SecretAccessKey", "SessionToken"?, "Expiration"?}`.
public struct ProcessCredentialProvider: AWSCredentialProvider {
    /// The command line as written in the profile.
    public let command: String
    /// The profile, for messages.
    public let profile: String

    /// How long the command may run before it is stopped.
    public let timeoutSeconds: Int

    /// A provider for one profile's command, stopped after `timeoutSeconds`.
    public init(command: String, profile: String, timeoutSeconds: Int = Self.defaultTimeoutSeconds) {
        self.command = command
        self.profile = profile
        self.timeoutSeconds = timeoutSeconds
    }

    /// `profile NAME: credential_process PROGRAM`, for messages.
    public var helper: String? {
        let program = Self.split(command).first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? ""
        return "profile \(profile): credential_process \(program)"
    }

    private struct Output: Decodable {
        var Version: Int
        var AccessKeyId: String
        var SecretAccessKey: String
        var SessionToken: String?
        var Expiration: String?
    }

    /// How long a `credential_process` may run before it is stopped (as exec plugins are).
    public static let defaultTimeoutSeconds = 60

    /// Runs the command once.
    public func fetch() async throws(EC2Error) -> AWSCredentials {
        let arguments = Self.split(command)
        guard let executable = arguments.first else {
            throw .credentials("profile \(profile): credential_process is empty")
        }
        let label = "profile \(profile): credential_process \(URL(fileURLWithPath: executable).lastPathComponent)"
        let (ran, startError) = await Self.run(executable, Array(arguments.dropFirst()), timeoutSeconds: timeoutSeconds)
        guard let result = ran else {
            throw .credentials("\(label) could not start: \(startError ?? "unknown error")")
        }
        guard !result.timedOut else {
            throw .credentials("\(label) did not finish within \(timeoutSeconds) s and was stopped")
        }
        guard !result.outputTooLarge else {
            throw .credentials("\(label) printed more than \(ChildProcess.maxOutputBytes / 1024) KiB and was stopped")
        }
        guard result.status == 0 else {
            throw .credentials("\(label) exited with status \(result.status)"
                + (result.firstErrorLine().map { ": \($0)" } ?? ""))
        }
        guard let output = try? JSONDecoder().decode(Output.self, from: Data(result.stdout)) else {
            throw .credentials("\(label) printed no valid credential JSON")
        }
        guard output.Version == 1 else { throw .credentials("\(label) printed Version \(output.Version), expected 1") }
        var expiration: Date?
        if let text = output.Expiration {
            guard let date = Timestamp.date(text) else { throw .credentials("\(label) printed an unreadable Expiration") }
            expiration = date
        }
        return AWSCredentials(accessKeyID: output.AccessKeyId, secretAccessKey: output.SecretAccessKey,
                              sessionToken: output.SessionToken, expiration: expiration,
                              source: "credential_process of profile \(profile)")
    }

    /// Splits a command line like a POSIX shell would for words: whitespace separates, single and
    /// double quotes group, a backslash escapes the next character (outside single quotes).
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                word.append(character)
                escaped = false
                continue
            }
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    word.append(character)
                }
                continue
            }
            switch character {
            case "'", "\"":
                quote = character
                inWord = true
            case "\\":
                escaped = true
                inWord = true
            case " ", "\t", "\n":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            default:
                word.append(character)
                inWord = true
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// Runs the command (a bare name is found on `PATH` through `/usr/bin/env`) with the process's
    /// environment, off the cooperative pool: it blocks until the command ends.
    private static func run(_ command: String, _ arguments: [String], timeoutSeconds: Int) async
        -> (ChildProcess.Result?, String?) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let onPath = !command.contains("/")
                continuation.resume(returning: ChildProcess.run(executable: onPath ? "/usr/bin/env" : command,
                                                                arguments: onPath ? [command] + arguments : arguments,
                                                                environment: ProcessInfo.processInfo.environment,
                                                                timeoutSeconds: timeoutSeconds))
            }
        }
    }
}
