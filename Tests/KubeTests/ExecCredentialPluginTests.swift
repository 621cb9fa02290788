import Foundation
import Kube
import Testing

@Suite("exec credential plugins")
struct ExecCredentialPluginTests {
    private func plugin(_ dir: TemporaryDirectory, _ body: String) throws -> ExecPluginSpec {
        let path = try dir.write("plugin.sh", "#!/bin/sh\n" + body, executable: true)
        return ExecPluginSpec(apiVersion: "client.authentication.k8s.io/v1", command: path,
                              environment: ["PATH": "/usr/bin:/bin"])
    }

    @Test("a plugin's ExecCredential token and expiry are read")
    func tokenAndExpiryAreRead() throws {
        let dir = try TemporaryDirectory()
        let spec = try plugin(dir, """
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"abc","expirationTimestamp":"2030-01-02T03:04:05Z"}}'
            """)
        let credential = try ExecCredentialPlugin.run(spec)
        #expect(credential.token == "abc")
        #expect(credential.expiration == Date(timeIntervalSince1970: 1_893_553_445))
    }

    @Test("the plugin sees KUBERNETES_EXEC_INFO and its kubeconfig env")
    func pluginReceivesExecInfo() throws {
        let dir = try TemporaryDirectory()
        var spec = try plugin(dir, """
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$EXTRA-$(echo "$KUBERNETES_EXEC_INFO" | grep -c '"interactive":false')"
            """)
        spec.environment["EXTRA"] = "x"
        #expect(try ExecCredentialPlugin.run(spec).token == "x-1")
    }

    @Test("a client certificate and key from a plugin are accepted")
    func clientCertificateIsRead() throws {
        let dir = try TemporaryDirectory()
        let spec = try plugin(dir, """
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"CERT","clientKeyData":"KEY"}}'
            """)
        let credential = try ExecCredentialPlugin.run(spec)
        #expect(credential.clientCertificate == Array("CERT".utf8))
        #expect(credential.clientKey == Array("KEY".utf8))
    }

    @Test("a failing plugin's error has its stderr line but never its stdout")
    func failureShowsStderrNotStdout() throws {
        let dir = try TemporaryDirectory()
        let spec = try plugin(dir, "echo 'partial-secret-output'\necho 'token expired, run aws sso login' >&2\nexit 3\n")
        do {
            _ = try ExecCredentialPlugin.run(spec)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("status 3"))
            #expect(error.description.contains("aws sso login"))
            #expect(!error.description.contains("partial-secret-output"))
        }
    }

    @Test("an ExecCredential of another apiVersion is rejected")
    func apiVersionMismatchIsRejected() throws {
        let dir = try TemporaryDirectory()
        let spec = try plugin(dir, """
            echo '{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"abc"}}'
            """)
        #expect(throws: KubeError.self) { try ExecCredentialPlugin.run(spec) }
    }

    @Test("interactiveMode Always is refused")
    func interactiveAlwaysIsRefused() throws {
        let dir = try TemporaryDirectory()
        var spec = try plugin(dir, "exit 0\n")
        spec.interactiveMode = "Always"
        #expect(throws: KubeError.self) { try ExecCredentialPlugin.run(spec) }
    }

    @Test("a missing command reports the install hint")
    func missingCommandShowsHint() {
        let spec = ExecPluginSpec(apiVersion: "client.authentication.k8s.io/v1", command: "no-such-plugin-xyz",
                                  environment: ["PATH": "/usr/bin"], installHint: "install the AWS CLI")
        do {
            _ = try ExecCredentialPlugin.run(spec)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("install the AWS CLI"))
        }
    }
}
