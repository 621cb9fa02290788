import Foundation
import Synchronization
import TestSupport
import Testing
@testable import EC2

/// A `credential_process` that hangs or prints too much is a located error naming the helper,
/// never a silent "no credentials" and never an echo of what it printed; while the live source
/// waits for a hung helper it reports STALE naming it (issue #18 item 4).
@Suite("credential_process faults")
struct CredentialProcessFaultTests {
    private func helper(_ name: String, _ body: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gatewatch-cp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try ExecutableScript.write("#!/bin/sh\n\(body)\n", to: url.path)
        return url
    }

    private func failure(_ provider: ProcessCredentialProvider) async -> EC2Error? {
        do {
            _ = try await provider.fetch()
            return nil
        } catch {
            return error
        }
    }

    @Test("a helper that never returns is stopped at its timeout, and the error names it")
    func hungHelperTimesOut() async throws {
        let script = try helper("sleepy-creds.sh", "exec sleep 600")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let started = Date()
        let error = await failure(ProcessCredentialProvider(command: script.path, profile: "ops", timeoutSeconds: 1))
        #expect(Date().timeIntervalSince(started) < 10)
        guard case .credentials(let message)? = error else {
            Issue.record("expected a credentials error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("profile ops: credential_process sleepy-creds.sh"))
        #expect(message.contains("did not finish within 1 s"))
    }

    @Test("output over the size cap is an error naming the helper, without echoing the output")
    func oversizedOutputIsNamed() async throws {
        let script = try helper("chatty-creds.sh", """
            printf '{"Version":1,"AccessKeyId":"AKIDOVERSIZE","SecretAccessKey":"MARKER-OVERSIZE-SECRET-4242","Pad":"'
            head -c 2097152 /dev/zero | tr '\\0' 'A'
            printf '"}'
            """)
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let error = await failure(ProcessCredentialProvider(command: script.path, profile: "ops"))
        guard case .credentials(let message)? = error else {
            Issue.record("expected a credentials error, got \(String(describing: error))")
            return
        }
        #expect(message.contains("profile ops: credential_process chatty-creds.sh"))
        #expect(message.contains("KiB"))
        #expect(!message.contains("MARKER-OVERSIZE-SECRET-4242") && !message.contains("AAAA"))
    }

    @Test("while a poll waits for a hung helper the source reports STALE naming it, within the grace")
    func sourceNamesTheHungHelper() async throws {
        let script = try helper("stuck-creds.sh", "echo $$ > \"$(dirname \"$0\")/pid\"; exec sleep 600")
        defer { try? FileManager.default.removeItem(at: script.deletingLastPathComponent()) }
        let files = SharedConfigFiles(configText: "[profile stuck]\nregion = us-east-1\ncredential_process = \(script.path)\n",
                                      credentialsText: "")
        let configuration = try AWSConfiguration.resolve(profile: "stuck", region: "us-east-1", endpointURL: "http://127.0.0.1:9",
                                                         environment: ["AWS_EC2_METADATA_DISABLED": "true"], files: files)
        let source = EC2Source(configuration: configuration, transport: LivePeer.transport)
        let statuses = Mutex<[EC2SourceStatus]>([])
        let task = Task { await source.run(instanceIDs: { [] }, interval: .seconds(60)) { _, status in
            statuses.withLock { $0.append(status) }
        } }
        defer { task.cancel() }
        let started = Date()
        var stale: EC2SourceStatus?
        while stale == nil, Date().timeIntervalSince(started) < 20 {
            try await Task.sleep(for: .milliseconds(200))
            stale = statuses.withLock { $0.first { $0.phase == .stale } }
        }
        let seen = try #require(stale, "no STALE while the helper hangs")
        #expect(Date().timeIntervalSince(started) < 15)
        #expect(seen.description.contains("profile stuck: credential_process stuck-creds.sh has not answered"))
        #expect(statuses.withLock { $0.first?.phase } == .connecting)
        // Stop the helper (by its process id) so the poll ends with the test.
        task.cancel()
        let pidText = try String(contentsOf: script.deletingLastPathComponent().appendingPathComponent("pid"), encoding: .utf8)
        if let pid = Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) { kill(pid, SIGKILL) }
    }
}
