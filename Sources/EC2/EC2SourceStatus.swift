import Foundation

/// The state of the live EC2 source, for the console header and events.
public struct EC2SourceStatus: Sendable, Equatable, CustomStringConvertible {
    /// What the last poll achieved.
    public enum Phase: Sendable, Equatable {
        /// No poll has finished yet.
        case connecting
        /// The last poll succeeded (possibly with denied operations).
        case live
        /// The last poll failed; the data shown is from `lastSuccess` (nil when there never was any).
        case stale
    }

    /// The phase.
    public var phase: Phase
    /// When the data shown was fetched.
    public var lastSuccess: Date?
    /// Why the last poll failed (stale only).
    public var error: EC2Error?
    /// Operations that failed while the rest worked (denied actions first of all).
    public var problems: [EC2Error]
    /// The region polled.
    public var region: String?
    /// Operations whose data is from an earlier poll because they failed in the last one.
    public var staleOperations: [String]

    /// A status.
    public init(phase: Phase, lastSuccess: Date? = nil, error: EC2Error? = nil, problems: [EC2Error] = [],
                region: String? = nil, staleOperations: [String] = []) {
        self.phase = phase
        self.lastSuccess = lastSuccess
        self.error = error
        self.problems = problems
        self.region = region
        self.staleOperations = staleOperations
    }

    /// True when some of the data shown is older than the last poll (the whole of it when stale).
    public var showsStaleData: Bool { phase == .stale || !staleOperations.isEmpty }

    /// IAM actions the credentials lack, as `ec2:DescribeAddresses`.
    public var missingIAMActions: [String] {
        problems.compactMap(\.missingIAMAction)
    }

    /// One line: `EC2 us-east-1 live 14:02:31Z; missing IAM ec2:DescribeAddresses` or
    /// `EC2 us-east-1 stale since 14:02:31Z: DescribeSubnets: …`.
    public var description: String {
        var text = "EC2" + (region.map { " \($0)" } ?? "")
        switch phase {
        case .connecting:
            text += " connecting"
        case .live:
            text += " live" + (lastSuccess.map { " \(Self.clock($0))" } ?? "")
        case .stale:
            text += " stale" + (lastSuccess.map { " since \(Self.clock($0))" } ?? " (no data yet)")
            if let error { text += ": \(error)" }
        }
        if phase != .stale, !staleOperations.isEmpty {
            text += "; STALE \(staleOperations.joined(separator: ", ")) (last good data kept)"
        }
        let missing = missingIAMActions
        if !missing.isEmpty { text += "; missing IAM \(missing.joined(separator: ", "))" }
        let others = problems.filter { $0.missingIAMAction == nil }
        if let first = others.first {
            text += "; \(first)" + (others.count > 1 ? " (+\(others.count - 1) more)" : "")
        }
        return text
    }

    static func clock(_ date: Date) -> String {
        let stamp = SigV4Signer.amzDate(date)
        let time = stamp.dropFirst(9)
        return "\(time.prefix(2)):\(time.dropFirst(2).prefix(2)):\(time.dropFirst(4).prefix(2))Z"
    }
}
