import Foundation
import TestSupport
import Testing

/// A credential helper that misbehaves is reported by the command as a located error naming the
/// helper, never as "no credentials" and never with what it printed (issue #18 item 4).
@Suite struct CredentialHelperCommandTests {
    @Test("a credential_process printing more than the cap is named on stderr, its output is not echoed")
    func oversizedCredentialProcessIsNamed() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let helper = home.appendingPathComponent("huge-creds.sh")
        try ExecutableScript.write("""
            #!/bin/sh
            printf '{"Version":1,"AccessKeyId":"AKIDHUGE","SecretAccessKey":"MARKER-HUGE-SECRET-6060","Pad":"'
            head -c 2097152 /dev/zero | tr '\\0' 'A'
            printf '"}'
            """, to: helper.path)
        let config = home.appendingPathComponent("config")
        try "[profile huge]\nregion = us-east-1\ncredential_process = \(helper.path)\n".write(to: config, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(arguments: ["get", "eips", "--profile", "huge", "--kubeconfig", home.appendingPathComponent("none").path,
                                                       "--endpoint-url", "http://127.0.0.1:9"],
                                           environment: ["PATH": "/usr/bin:/bin", "HOME": home.path, "AWS_CONFIG_FILE": config.path,
                                                         "AWS_SHARED_CREDENTIALS_FILE": home.appendingPathComponent("none").path,
                                                         "AWS_EC2_METADATA_DISABLED": "true"])
        #expect(result.exitCode == 2)
        let line = result.stderr.split(separator: "\n").first { $0.contains("aws:") }.map(String.init) ?? ""
        #expect(line.contains("profile huge: credential_process huge-creds.sh printed more than 1024 KiB"), "\(result.stderr)")
        #expect(!line.contains("none found"))
        #expect(!result.stderr.contains("MARKER-HUGE-SECRET-6060") && !result.stderr.contains("AAAA"))
        #expect(!result.stdout.contains("MARKER-HUGE-SECRET-6060"))
    }
}
