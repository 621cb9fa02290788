import EC2
import History
import Inventory
import Kube

/// Everything the live sources have delivered, folded into one value: the newest cluster and
/// AWS states and each side's status. `version` moves only when the data changed, so a poll that
/// finds what the last one found (or a status that changes nothing but its time) builds nothing.
public struct LiveState: Sendable {
    /// The cluster's objects.
    public private(set) var cluster = ClusterState()
    /// The AWS account's objects.
    public private(set) var aws = AWSState()
    /// The Kubernetes side's status, nil before it reported.
    public private(set) var kubeStatus: KubeSourceStatus?
    /// The EC2 side's status, nil before it reported.
    public private(set) var awsStatus: EC2SourceStatus?
    /// A side that could not start (no kubeconfig, no credentials), with why.
    public private(set) var setupFailures: [SourceHealth.Source.Kind: String] = [:]
    /// Setup warnings worth telling once (`kube: warning: …`).
    public private(set) var warnings: [String] = []
    /// The kubeconfig context in use.
    public private(set) var context: String?
    /// Moves whenever `cluster`, `aws` or `firewallConfigs` changed.
    public private(set) var version = 0
    /// The firewall files reloaded from the configuration directory since start, when any were
    /// (`FirewallFileWatcher`); nil: the configuration's own.
    public private(set) var firewallConfigs: [FirewallConfigFile]?
    /// The firewall files' health: nil while every newest version on disk is in use.
    public private(set) var configStatus: SourceHealth.Source?

    /// An empty state.
    public init(context: String? = nil) {
        self.context = context
    }

    /// What each change of `version` changed, oldest first (at most `changeLogLimit`).
    private var changeLog: [(version: Int, changes: ObjectChanges)] = []
    /// How many versions `changes(since:)` can look back.
    public static let changeLogLimit = 256

    /// Takes the Kubernetes side's newest delivery, with what changed since its previous one
    /// (every Kubernetes kind when not told). When the changes name the objects touched, they are
    /// trusted (the store left out events that changed nothing): the cluster is not compared whole.
    public mutating func apply(cluster: ClusterState, status: KubeSourceStatus,
                               changes: ObjectChanges = ObjectChanges(anyOf: ObservationScope.kubernetes)) {
        let named = !changes.kinds.values.contains(.any)
        if !changes.isEmpty, named || cluster != self.cluster {
            self.cluster = cluster
            advance(changes)
        }
        kubeStatus = status
    }

    /// Takes the EC2 side's newest delivery.
    public mutating func apply(aws: AWSState, status: EC2SourceStatus) {
        if aws != self.aws {
            self.aws = aws
            advance(ObjectChanges(anyOf: ObservationScope.aws))
        }
        awsStatus = status
    }

    /// Takes the firewall files in use after a reload, and their health.
    public mutating func apply(firewallConfigs: [FirewallConfigFile], status: SourceHealth.Source?) {
        if firewallConfigs != self.firewallConfigs {
            self.firewallConfigs = firewallConfigs
            advance(ObjectChanges(anyOf: ObservationScope.settings))
        }
        configStatus = status
    }

    /// What changed between the state at `version` and now: every kind when that is further
    /// back than the change log reaches.
    public func changes(since version: Int) -> ObjectChanges {
        guard version >= 0, version <= self.version else { return .everything }
        if version == self.version { return .none }
        guard let oldest = changeLog.first, oldest.version <= version + 1 else { return .everything }
        var result = ObjectChanges()
        for entry in changeLog where entry.version > version { result.formUnion(entry.changes) }
        return result
    }

    private mutating func advance(_ changes: ObjectChanges) {
        version += 1
        changeLog.append((version, changes))
        if changeLog.count > Self.changeLogLimit { changeLog.removeFirst(changeLog.count - Self.changeLogLimit) }
    }

    /// Records that `side` could not start.
    public mutating func setupFailed(_ side: SourceHealth.Source.Kind, _ why: String) {
        setupFailures[side] = why
    }

    /// Records the kubeconfig context and its warnings.
    public mutating func connected(context: String?, warnings: [String]) {
        self.context = context
        self.warnings += warnings.map { "kube: warning: \($0)" }
    }

    /// Records a problem worth telling once (an unread resource, a skipped object).
    public mutating func noteWarning(_ line: String) {
        warnings.append(line)
    }

    /// The sources' health.
    public var health: SourceHealth {
        var sources: [SourceHealth.Source] = []
        if let why = setupFailures[.kube] {
            sources.append(SourceHealth.Source(kind: .kube, phase: .failed, failure: why, summary: "kube: \(why)"))
        } else if let status = kubeStatus {
            sources.append(Self.health(status))
        }
        if let why = setupFailures[.aws] {
            sources.append(SourceHealth.Source(kind: .aws, phase: .failed, failure: why, summary: "aws: \(why)"))
        } else if let status = awsStatus {
            sources.append(Self.health(status))
        }
        if let configStatus { sources.append(configStatus) }
        return SourceHealth(sources: sources)
    }

    /// The Snapshot of this state with `configuration`.
    public func snapshot(configuration: LiveConfiguration) -> Snapshot {
        Snapshot(source: source, cluster: cluster, aws: aws, config: configuration.config,
                 firewallConfigs: firewallConfigs ?? configuration.firewallConfigs)
    }

    /// The Snapshot of this state with `configuration`, derived from `previous` (an earlier
    /// Snapshot of this state, with the same configuration; `changes` are those since it) when only
    /// pods changed, in place (`Snapshot.updating(cluster:changedPods:)`); built whole otherwise.
    public func snapshot(configuration: LiveConfiguration, updating previous: Snapshot, changes: ObjectChanges) -> Snapshot {
        if changes.kinds.count == 1, case .keys(let names)? = changes[.pod], previous.source == source,
           let updated = previous.updating(cluster: cluster, changedPods: names) {
            return updated
        }
        return snapshot(configuration: configuration)
    }

    /// Where the data comes from: the kubeconfig context and APIs, the AWS account and region.
    private var source: SnapshotSource {
        let contextLabel = [context ?? kubeStatus?.context, kubeStatus?.apis].compactMap { $0 }.joined(separator: " · ")
        return .live(context: contextLabel.isEmpty ? nil : contextLabel,
                     account: Set(aws.vpcs.compactMap(\.ownerID)).sorted().first, region: awsStatus?.region)
    }

    private static func health(_ status: KubeSourceStatus) -> SourceHealth.Source {
        let phase: SourceHealth.Source.Phase
        var stale: [String] = []
        switch status.phase {
        case .connecting: phase = status.lastError == nil ? .connecting : .failed
        case .connected: phase = .live
        case .relisting(let resources):
            phase = .stale
            stale = resources
        case .backingOff(_, let resources):
            phase = .stale
            stale = resources
        }
        return SourceHealth.Source(kind: .kube, phase: phase, lastSuccess: nil,
                                   failure: status.isStale ? status.description : nil,
                                   stale: stale + status.unavailable, summary: status.description)
    }

    /// The operation an EC2 failure is about (`DescribeAddresses`), else its description.
    private static func operation(_ error: EC2Error) -> String {
        switch error {
        case .service(let service): return service.operation
        case .httpStatus(let operation, _, _), .transport(let operation, _), .malformedResponse(let operation, _):
            return operation
        case .credentials, .configuration: return error.description
        }
    }

    private static func health(_ status: EC2SourceStatus) -> SourceHealth.Source {
        let phase: SourceHealth.Source.Phase
        switch status.phase {
        case .connecting: phase = .connecting
        case .live: phase = status.staleOperations.isEmpty ? .live : .stale
        case .stale: phase = status.lastSuccess == nil ? .failed : .stale
        }
        // A live poll in which operations failed keeps their last good data: STALE, naming them.
        let staleOperations = status.phase == .live && !status.staleOperations.isEmpty
            ? "EC2\(status.region.map { " \($0)" } ?? ""): STALE \(status.staleOperations.joined(separator: ", ")) "
                + "(last good data kept)"
                + (status.problems.first { $0.missingIAMAction == nil }.map { "; \($0)" } ?? "")
            : nil
        let region = status.region.map { " \($0)" } ?? ""
        // While live, the summary leaves out the poll's time: an unchanged poll changes nothing.
        var summary = status.phase == .live ? "EC2\(region) live" : status.description
        if status.phase == .live {
            let missing = status.missingIAMActions
            if !missing.isEmpty { summary += "; missing IAM \(missing.joined(separator: ", "))" }
        }
        return SourceHealth.Source(kind: .aws, phase: phase, lastSuccess: status.lastSuccess,
                                   failure: status.phase == .stale ? status.description : staleOperations,
                                   stale: status.problems.map(Self.operation), summary: summary)
    }
}
