import Dispatch
import EC2
import Foundation
import HTTP
import TestSupport

/// The EC2 client against awscli: both fetch the recorded 2,000 Elastic IPs and 500 ENIs
/// (`fixtures/bench`, moto's own responses) from the same loopback static server in the same
/// run; Gatewatch's fetch + decode must take at most 0.2× awscli's time.
enum EC2Benchmark {
    static let suite = BenchmarkSuite(
        name: "ec2",
        summary: "fetch + decode of 2,000 EIPs and 500 ENIs vs awscli on the same loopback server",
        run: { _, report in try run(&report) })

    /// Gatewatch's time may be at most this fraction of awscli's.
    static let budgetRatio = 0.2
    /// Measured rounds of Gatewatch (the median counts).
    static let gatewatchRounds = 7
    /// Measured rounds of awscli (the median counts); each is two process starts.
    static let awscliRounds = 3

    static func run(_ report: inout BudgetReport) throws {
        report.section("ec2: DescribeAddresses + DescribeNetworkInterfaces from fixtures/bench")
        let peer = try PeerProcess(script: "ec2/static_server.py", arguments: ["--set", "fixtures/bench", "--port", "0"])
        defer { peer.stop() }
        let url = try peer.string("url")

        let transport = HTTPClient()
        let clock = AWSClock.system
        let credentials = CredentialCache(provider: StaticCredentialProvider(AWSCredentials(
            accessKeyID: "AKIDGATEWATCHBENCH", secretAccessKey: "bench/secret", source: "benchmark")))
        let client = EC2Client(endpoint: url, region: "us-east-1", transport: transport, credentials: credentials,
                               retryPolicy: RetryPolicy(clock: clock), clock: clock)

        var counts = (0, 0)
        var gatewatchTimes: [Double] = []
        var failure: (any Error)?
        for round in 0...gatewatchRounds {  // round 0 warms up the connection and the code
            let (result, seconds) = blocking {
                let started = ContinuousClock.now
                let addresses = try await client.describeAddresses()
                let interfaces = try await client.describeNetworkInterfaces()
                let elapsed = ContinuousClock.now - started
                return (addresses.count, interfaces.count, elapsed)
            }
            switch result {
            case .success(let (addresses, interfaces, elapsed)):
                counts = (addresses, interfaces)
                if round > 0 { gatewatchTimes.append(elapsed.seconds) }
            case .failure(let error):
                failure = error
            }
            _ = seconds
            if failure != nil { break }
        }
        if let failure {
            report.budget("ec2: Gatewatch fetch", "failed: \(failure)", budget: "works", passed: false)
            return
        }
        report.figure("decoded", "\(counts.0) Elastic IPs, \(counts.1) ENIs")

        guard let aws = findExecutable("aws") else {
            report.note("awscli (aws) not on PATH: no comparison")
            report.budget("ec2: awscli available for the comparison", "missing", budget: "present", passed: false)
            return
        }
        var awsTimes: [Double] = []
        for _ in 0..<awscliRounds {
            let started = ContinuousClock.now
            for command in ["describe-addresses", "describe-network-interfaces"] {
                let status = runProcess(aws, ["ec2", command, "--endpoint-url", url, "--output", "json"])
                guard status == 0 else {
                    report.budget("ec2: awscli \(command)", "exit status \(status)", budget: "0", passed: false)
                    return
                }
            }
            awsTimes.append((ContinuousClock.now - started).seconds)
        }
        let ours = median(gatewatchTimes)
        let theirs = median(awsTimes)
        report.figure("Gatewatch fetch + decode (median of \(gatewatchRounds))", Format.milliseconds(ours))
        report.figure("awscli, both commands (median of \(awscliRounds))", Format.milliseconds(theirs))
        let ratio = ours / theirs
        report.budget("ec2: Gatewatch / awscli", "\(Format.fixed(ratio, 3))×", budget: "≤ \(budgetRatio)×",
                      passed: ratio <= budgetRatio)
    }

    /// Runs an async body to completion from the synchronous suite.
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> (Result<T, any Error>, Double) {
        let semaphore = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        let started = ContinuousClock.now
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            semaphore.signal()
        }
        semaphore.wait()
        return (box.result ?? .failure(CancellationError()), (ContinuousClock.now - started).seconds)
    }

    final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[sorted.count / 2]
    }

    static func findExecutable(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs awscli with dummy credentials and a fixed region, output discarded; returns the exit status.
    static func runProcess(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = "AKIDGATEWATCHBENCH"
        environment["AWS_SECRET_ACCESS_KEY"] = "bench/secret"
        environment["AWS_DEFAULT_REGION"] = "us-east-1"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
