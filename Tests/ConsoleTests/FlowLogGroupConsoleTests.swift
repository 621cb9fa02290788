import Foundation
import TestSupport
import Testing

/// The real binary with `--flow-log-group` in a tmux pane against moto_server's CloudWatch Logs
/// (Tests/Peers/ec2/moto_logs_peer.py): the group's records reach the Traffic view's intake, and a
/// group that does not exist is shown as failed on its Sources row while the console keeps running.
@Suite("Flow-log groups in the console", .serialized,
       .enabled(if: TmuxPane.isAvailable, "tmux is not installed"))
struct FlowLogGroupConsoleTests {
    @Test func aGroupsRecordsAreReadAndAMissingGroupIsShownFailed() throws {
        let records = 5
        let peer = try PeerProcess(script: "ec2/with_botocore.py",
                                   arguments: ["--needs", "moto,boto3", "moto_logs_peer.py", "--records", String(records),
                                               "--start-ago", "300"],
                                   timeout: 120)
        defer { peer.stop() }
        let group = try peer.string("group")
        let environment = ["TERM=xterm-256color", "LC_ALL=C.UTF-8", "AWS_ACCESS_KEY_ID=AKIDGATEWATCHTEST",
                           "AWS_SECRET_ACCESS_KEY=gatewatch-secret-KEY", "AWS_REGION=us-east-1",
                           "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null",
                           "AWS_EC2_METADATA_DISABLED=true", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=\(try peer.string("url"))"]
        let pane = try TmuxPane(width: 200, height: 50)
        defer { pane.kill() }
        try pane.launch("--demo --flow-log-group \(group) --flow-log-group no-such-group",
                        environment: environment.joined(separator: " "))
        try pane.waitFor("Gateways (7)")
        try pane.type("0")
        // Per stream: the ACCEPT records and one REJECT are records; NODATA and the malformed line are not.
        let screen = try pane.waitUntil("the group's records read", timeout: 30) { screen in
            screen.split(separator: "\n").contains { $0.contains("cloudwatch-logs:\(group)") && $0.contains("read \(2 * (records + 1)),") }
                && screen.contains("cloudwatch-logs:no-such-group")
        }
        let lines = screen.split(separator: "\n").map(String.init)
        let found = try #require(lines.first { $0.contains("cloudwatch-logs:\(group)") })
        #expect(found.contains("dropped 0 ") && !found.contains("FAILED"))
        let missing = try #require(lines.first { $0.contains("cloudwatch-logs:no-such-group") })
        #expect(missing.contains("FAILED"))
        #expect(!screen.contains("gatewatch-secret-KEY"))
        try pane.type("q")
        try pane.waitFor("EXIT=0")
    }
}
