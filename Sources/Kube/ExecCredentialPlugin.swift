#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Inventory
import Spawn

/// Runs an exec credential plugin (`client.authentication.k8s.io` v1/v1beta1, as `aws eks
/// get-token` is) and reads the `ExecCredential` it prints.
public enum ExecCredentialPlugin {
    /// The ExecCredential API versions Gatewatch speaks.
    public static let supportedAPIVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    /// What a plugin handed back. Its description shows no secret.
    public struct Credential: Sendable, Equatable, CustomStringConvertible {
        /// The bearer token. Secret.
        public var token: String?
        /// A client certificate, PEM.
        public var clientCertificate: [UInt8]?
        /// The client key, PEM. Secret.
        public var clientKey: [UInt8]?
        /// When the credential stops being valid; nil for "until a 401".
        public var expiration: Date?

        /// `token|client certificate, expires …`.
        public var description: String {
            let what = token != nil ? "token" : "client certificate"
            return expiration.map { "\(what), expires \($0)" } ?? what
        }
    }

    /// Runs the plugin and decodes its output. Errors name the command, its exit status and the
    /// first line of its stderr, never its stdout (which holds the credential).
    public static func run(_ spec: ExecPluginSpec) throws(KubeError) -> Credential {
        if spec.interactiveMode == "Always" {
            throw KubeError.credential("exec plugin \(spec.command) requires an interactive terminal "
                + "(interactiveMode: Always), which Gatewatch cannot provide")
        }
        guard let executable = resolveExecutable(spec.command, path: spec.environment["PATH"]) else {
            var message = "exec plugin '\(spec.command)' not found"
            if let hint = spec.installHint { message += ": \(hint)" }
            throw KubeError.credential(message)
        }
        var environment = spec.environment
        environment["KUBERNETES_EXEC_INFO"] = execInfo(spec)
        let (result, startError) = ChildProcess.run(executable: executable, arguments: spec.arguments,
                                                    environment: environment)
        guard let result else {
            throw KubeError.credential("cannot start exec plugin \(spec.command): \(startError ?? "unknown error")")
        }
        guard !result.timedOut else {
            throw KubeError.credential("exec plugin \(spec.command) did not finish within 60 s and was stopped")
        }
        guard !result.outputTooLarge else {
            throw KubeError.credential("exec plugin \(spec.command) printed more than \(ChildProcess.maxOutputBytes / 1024) KiB "
                + "and was stopped; expected one ExecCredential")
        }
        guard result.status == 0 else {
            throw KubeError.credential("exec plugin \(spec.command) exited with status \(result.status)"
                + (result.firstErrorLine().map { ": \($0)" } ?? ""))
        }
        return try decode(result.stdout, spec: spec)
    }

    /// Decodes an ExecCredential printed by a plugin configured with `spec`.
    public static func decode(_ output: [UInt8], spec: ExecPluginSpec) throws(KubeError) -> Credential {
        let wire: WireCredential
        do {
            wire = try JSONDecoder().decode(WireCredential.self, from: Data(output))
        } catch {
            throw KubeError.decode(kind: "ExecCredential from \(spec.command)",
                                   expected: "a JSON ExecCredential with a status")
        }
        guard wire.kind == "ExecCredential" else {
            throw KubeError.decode(kind: "ExecCredential from \(spec.command)", expected: "kind ExecCredential")
        }
        guard wire.apiVersion == spec.apiVersion else {
            throw KubeError.decode(kind: "ExecCredential from \(spec.command)",
                                   expected: "apiVersion \(spec.apiVersion), got \(wire.apiVersion ?? "none")")
        }
        guard let status = wire.status else {
            throw KubeError.decode(kind: "ExecCredential from \(spec.command)", expected: "a status")
        }
        let certificate = status.clientCertificateData.map { Array($0.utf8) }
        let key = status.clientKeyData.map { Array($0.utf8) }
        let token = status.token.flatMap { $0.isEmpty ? nil : $0 }
        guard token != nil || (certificate != nil && key != nil) else {
            throw KubeError.decode(kind: "ExecCredential from \(spec.command)",
                                   expected: "status.token, or status.clientCertificateData and status.clientKeyData")
        }
        var expiration: Date?
        if let text = status.expirationTimestamp {
            guard let date = Timestamp.date(text) else {
                throw KubeError.decode(kind: "ExecCredential from \(spec.command)",
                                       expected: "status.expirationTimestamp in RFC 3339")
            }
            expiration = date
        }
        return Credential(token: token, clientCertificate: certificate, clientKey: key, expiration: expiration)
    }

    private static func execInfo(_ spec: ExecPluginSpec) -> String {
        var info = #"{"apiVersion":"\#(spec.apiVersion)","kind":"ExecCredential","spec":{"interactive":false"#
        if let server = spec.clusterServer {
            let escaped = server.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            info += #","cluster":{"server":"\#(escaped)"}"#
        }
        return info + "}}"
    }

    private static func resolveExecutable(_ command: String, path: String?) -> String? {
        if command.contains("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(directory)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private struct WireCredential: Decodable {
        var apiVersion: String?
        var kind: String?
        var status: Status?
        struct Status: Decodable {
            var token: String?
            var clientCertificateData: String?
            var clientKeyData: String?
            var expirationTimestamp: String?
        }
    }
}
