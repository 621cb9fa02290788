#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The live source's health, for the console header (STALE marker) and the Events view.
public struct KubeSourceStatus: Sendable, Equatable, CustomStringConvertible {
    /// What the source is doing.
    public enum Phase: Sendable, Equatable {
        /// Discovery or the first lists are running.
        case connecting
        /// Every resource is listed and watched.
        case connected
        /// These resources are being listed again (410 Gone).
        case relisting([String])
        /// Watches of these resources failed and are retried; the oldest failure is from `since`.
        case backingOff(since: Date, resources: [String])
    }

    /// What the source is doing.
    public var phase: Phase
    /// The most recent error and when it happened; kept after recovery for the Events view.
    public var lastError: String?
    /// When `lastError` happened.
    public var lastErrorAt: Date?
    /// Which Calico API group is in use (discovery's description), nil before discovery.
    public var apis: String?
    /// The kubeconfig context (nil in-cluster).
    public var context: String?
    /// Resources the server forbids or does not serve (403/404), listed as empty.
    public var unavailable: [String]

    /// Creates a status.
    public init(phase: Phase = .connecting, lastError: String? = nil, lastErrorAt: Date? = nil, apis: String? = nil,
                context: String? = nil, unavailable: [String] = []) {
        self.phase = phase
        self.lastError = lastError
        self.lastErrorAt = lastErrorAt
        self.apis = apis
        self.context = context
        self.unavailable = unavailable
    }

    /// True when the data shown may be out of date (anything but connected).
    public var isStale: Bool { phase != .connected }

    /// The line for the console header's failure list (`SourceStatus.failures`), nil while connected.
    public var failure: String? {
        isStale ? "kube: " + description : nil
    }

    /// One line: `cluster prod: connected · projectcalico.org/v3` or
    /// `cluster prod: backing off since 14:02:11Z (pods) · last error: …`.
    public var description: String {
        var text = "cluster \(context ?? "in-cluster"): "
        switch phase {
        case .connecting: text += "connecting"
        case .connected: text += "connected"
        case .relisting(let resources): text += "relisting \(resources.joined(separator: ", "))"
        case .backingOff(let since, let resources):
            text += "backing off since \(since.formatted(.iso8601)) (\(resources.joined(separator: ", ")))"
        }
        if let apis { text += " · \(apis)" }
        if !unavailable.isEmpty { text += " · unavailable: \(unavailable.joined(separator: ", "))" }
        if isStale, let lastError { text += " · last error: \(lastError)" }
        return text
    }
}
