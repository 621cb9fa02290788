import Foundation
import Kube
import Testing

/// Exec plugins that misbehave: a background child left holding the pipes, endless output, a
/// token in the error line. None may stall Gatewatch or leak the credential.
@Suite("exec plugins that misbehave")
struct ExecPluginRobustnessTests {
    private func plugin(_ dir: TemporaryDirectory, _ body: String) throws -> ExecPluginSpec {
        let path = try dir.write("plugin.sh", "#!/bin/sh\n" + body, executable: true)
        return ExecPluginSpec(apiVersion: "client.authentication.k8s.io/v1", command: path,
                              environment: ["PATH": "/usr/bin:/bin"])
    }

    @Test("a background child left holding stdout does not hold up the credential")
    func backgroundChildIsNotWaitedFor() throws {
        let dir = try TemporaryDirectory()
        let spec = try plugin(dir, """
            sleep 120 &
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"abc"}}'
            """)
        #expect(try ExecCredentialPlugin.run(spec).token == "abc")
    }

    @Test("a plugin printing without end is stopped with a message")
    func endlessOutputIsStopped() throws {
        let dir = try TemporaryDirectory()
        let spec = try plugin(dir, "exec yes aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n")
        do {
            _ = try ExecCredentialPlugin.run(spec)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("printed more than 1024 KiB"))
        }
    }

    @Test("a token in the plugin's error line is redacted")
    func tokenInStderrIsRedacted() throws {
        let dir = try TemporaryDirectory()
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJnYXRld2F0Y2gifQ.c2lnbmF0dXJlLXNlY3JldA"
        let spec = try plugin(dir, "echo 'refresh failed for token \(token): expired' >&2\nexit 1\n")
        do {
            _ = try ExecCredentialPlugin.run(spec)
            Issue.record("expected an error")
        } catch {
            #expect(!error.description.contains(token))
            #expect(error.description.contains("refresh failed for token [redacted]"))
        }
    }
}
