import Foundation
import TestSupport
import Testing

/// Faults injected into the servers behind a running console in tmux (issue #18 items 2–4): a
/// hung API server, an EC2 operation that keeps being throttled, a `credential_process` that
/// never answers. Each time the console stays up, shows STALE within 15 s naming what failed,
/// recovers by itself (no key is pressed) and then holds exactly the server's objects, compared
/// object by object with what the server itself lists — including objects that changed during
/// the fault.
@Suite("Faults behind the live console", .serialized, .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct LiveFaultConsoleTests {
    /// How soon a fault must show as STALE.
    static let staleWithin: Double = 15

    @Test("a hung API server is STALE within 15 s, stays STALE while hung, and recovers to the server's pods")
    func hungAPIServer() throws {
        let peers = try LiveFaultPeers()
        let pane = try TmuxPane(width: 230, height: 60)
        defer { pane.kill() }
        try pane.launch("--kubeconfig '\(try peers.kube.string("kubeconfig"))' --region us-east-1 "
                        + "--endpoint-url \(try peers.moto.string("url")) --poll-interval 5",
                        environment: peers.environment())
        let before = try peers.kubeGatewayPods()
        #expect(before.count == 7)
        try pane.waitUntil("the cluster's gateway pods, not stale", timeout: 60) {
            LiveFaultPeers.screenGatewayPods($0) == before && !LiveFaultPeers.header($0).contains("STALE")
        }

        // The server hangs (connections accepted, no byte sent).
        var copy = try peers.kubePod(namespace: "dlp-service-egw", name: "dlp-service-egw-6d9f7c8b5-4xkqz")
        try peers.kube.admin("/hang", #"{"mode":"all"}"#)
        let screen = try pane.waitUntil("STALE after the hang", timeout: Self.staleWithin) {
            LiveFaultPeers.header($0).contains("STALE") && LiveFaultPeers.header($0).contains("kube")
        }
        #expect(LiveFaultPeers.screenGatewayPods(screen) == before)

        // While it is hung a gateway pod is replaced, so recovery must bring a different set of
        // objects; until then the last good pods stay, marked STALE.
        var metadata = copy["metadata"] as? [String: Any] ?? [:]
        metadata["name"] = "dlp-service-egw-6d9f7c8b5-zz9qq"
        for key in ["uid", "resourceVersion", "generateName", "ownerReferences"] { metadata[key] = nil }
        copy["metadata"] = metadata
        var status = copy["status"] as? [String: Any] ?? [:]
        status["podIP"] = "10.0.41.77"
        status["podIPs"] = [["ip": "10.0.41.77"]]
        copy["status"] = status
        let object = String(decoding: try JSONSerialization.data(withJSONObject: copy), as: UTF8.self)
        try peers.kube.admin("/mutate", """
            {"ops":[{"op":"add","object":\(object)},
                    {"op":"delete","apiVersion":"v1","kind":"Pod","namespace":"dlp-service-egw",
                     "name":"dlp-service-egw-6d9f7c8b5-m2p7w"}]}
            """)
        Thread.sleep(forTimeInterval: 5)
        let hung = try pane.screen()
        #expect(LiveFaultPeers.header(hung).contains("STALE"), "STALE cleared while the server is still hung:\n\(hung)")
        #expect(LiveFaultPeers.screenGatewayPods(hung) == before)

        try peers.kube.admin("/hang", #"{"mode":"none"}"#)
        let after = try peers.kubeGatewayPods()
        #expect(after.contains("dlp-service-egw-6d9f7c8b5-zz9qq") && !after.contains("dlp-service-egw-6d9f7c8b5-m2p7w"))
        try pane.waitUntil("recovery to exactly the server's pods", timeout: 45) {
            LiveFaultPeers.screenGatewayPods($0) == after && !LiveFaultPeers.header($0).contains("STALE")
        }
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test("a throttled DescribeAddresses keeps the last good Elastic IPs marked STALE; get eips fails naming it")
    func throttledOperation() throws {
        let peers = try LiveFaultPeers()
        // A fault-injecting proxy in front of moto: DescribeAddresses is throttled while `failures`
        // is high; everything else (and DescribeAddresses once healed) is moto's own answer.
        let proxy = try PeerProcess(script: "ec2/stand_ins.py", arguments: [
            "throttle", "--upstream", try peers.moto.string("url"), "--action", "DescribeAddresses", "--failures", "0",
            "--port", "0"])
        defer { proxy.stop() }
        let proxyURL = try proxy.string("url")
        let pane = try TmuxPane(width: 230, height: 60)
        defer { pane.kill() }
        try pane.launch("--kubeconfig '\(try peers.kube.string("kubeconfig"))' --region us-east-1 "
                        + "--endpoint-url \(proxyURL) --poll-interval 5", environment: peers.environment())
        try pane.waitFor("Gateways (7)", timeout: 60)
        try pane.type("3")
        let before = try peers.motoAddresses()
        #expect(before.count == 6)
        try pane.waitUntil("moto's Elastic IPs, not stale", timeout: 30) {
            LiveFaultPeers.screenAddresses($0) == before && !LiveFaultPeers.header($0).contains("STALE")
        }

        // Every DescribeAddresses is throttled from now on; another Elastic IP appears meanwhile.
        try DemoPeers.curl(["-X", "POST", proxyURL + "/_reset?failures=1000000"])
        try peers.allocateAddress()
        let screen = try pane.waitUntil("STALE naming DescribeAddresses", timeout: Self.staleWithin) {
            LiveFaultPeers.header($0).contains("STALE") && LiveFaultPeers.header($0).contains("DescribeAddresses")
        }
        // The last good data is kept (not emptied, not the new state).
        #expect(LiveFaultPeers.screenAddresses(screen) == before)

        // A one-shot read has no last good data: it fails and says which operation.
        var environment = ["PATH": "/usr/bin:/bin", "HOME": peers.home.path, "XDG_CONFIG_HOME": "/nonexistent",
                           "XDG_STATE_HOME": peers.home.path, "AWS_EC2_METADATA_DISABLED": "true",
                           "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"]
        environment["AWS_MAX_ATTEMPTS"] = "2"
        let oneShot = try GatewatchBinary.run(["get", "eips", "--kubeconfig", try peers.kube.string("kubeconfig"),
                                                    "--region", "us-east-1", "--endpoint-url", proxyURL],
                                                   environment: environment)
        #expect(oneShot.exitCode != 0, "get eips without data exited 0: \(oneShot.stdout)")
        #expect(oneShot.stderr.contains("DescribeAddresses"), "stderr does not name the operation: \(oneShot.stderr)")
        #expect(!oneShot.stdout.contains("eipalloc-"))

        try DemoPeers.curl(["-X", "POST", proxyURL + "/_reset?failures=0"])
        let after = try peers.motoAddresses()
        #expect(after.count == 7 && after.isSuperset(of: before))
        try pane.waitUntil("recovery to exactly moto's Elastic IPs", timeout: 30) {
            LiveFaultPeers.screenAddresses($0) == after && !LiveFaultPeers.header($0).contains("STALE")
        }
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }

    @Test("a credential_process that never answers is STALE naming the helper, not 'connecting', and recovers")
    func hungCredentialProcess() throws {
        let peers = try LiveFaultPeers()
        let hangFlag = peers.home.appendingPathComponent("hang")
        let pidFile = peers.home.appendingPathComponent("helper.pid")
        let helper = peers.home.appendingPathComponent("hang-helper.sh")
        try ExecutableScript.write("""
            #!/bin/sh
            if [ -e '\(hangFlag.path)' ]; then echo $$ > '\(pidFile.path)'; exec sleep 600; fi
            echo '{"Version":1,"AccessKeyId":"AKIDHELPER","SecretAccessKey":"helper-secret"}'
            """, to: helper.path)
        let config = peers.home.appendingPathComponent("aws-config")
        try "[profile hang]\nregion = us-east-1\ncredential_process = \(helper.path)\n"
            .write(to: config, atomically: true, encoding: .utf8)
        try Data().write(to: hangFlag)

        let pane = try TmuxPane(width: 230, height: 60)
        defer { pane.kill() }
        let started = Date()
        try pane.launch("--kubeconfig '\(try peers.kube.string("kubeconfig"))' --profile hang "
                        + "--endpoint-url \(try peers.moto.string("url")) --poll-interval 5",
                        environment: peers.environment(aws: "AWS_CONFIG_FILE='\(config.path)' "
                                                       + "AWS_SHARED_CREDENTIALS_FILE=/nonexistent"))
        let screen = try pane.waitUntil("STALE naming the hung helper", timeout: Self.staleWithin + 5) {
            LiveFaultPeers.header($0).contains("STALE") && LiveFaultPeers.header($0).contains("credential_process hang-helper.sh")
        }
        #expect(Date().timeIntervalSince(started) <= Self.staleWithin, "STALE came after \(Date().timeIntervalSince(started)) s")
        #expect(!LiveFaultPeers.header(screen).contains("connecting"))
        #expect(screen.contains("Gateways (7)"), "the cluster side must keep working:\n\(screen)")
        try pane.type("3")

        // The helper is unstuck (its hung run ends, the next one answers): the console recovers alone.
        try FileManager.default.removeItem(at: hangFlag)
        let pid = try #require(Int32(try String(contentsOf: pidFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        kill(pid, SIGKILL)
        let expected = try peers.motoAddresses()
        try pane.waitUntil("recovery to exactly moto's Elastic IPs", timeout: 30) {
            LiveFaultPeers.screenAddresses($0) == expected && !LiveFaultPeers.header($0).contains("STALE")
        }
        try pane.type("q")
        try pane.waitFor("EXIT=0")
        try pane.expectRestored()
    }
}
