import Foundation

/// Holds the current credentials of one provider and refreshes temporary ones before they
/// expire: before any call when less than `refreshMargin` remains, and at once after the
/// service said `ExpiredToken`. Concurrent callers share one refresh.
public actor CredentialCache {
    /// Refresh when less than this remains (the SDKs' mandatory refresh window is 10 min).
    public static let refreshMargin: Duration = .seconds(600)

    private let provider: any AWSCredentialProvider
    private let clock: AWSClock
    private var current: AWSCredentials?
    /// The refresh in flight and its generation.
    private var refreshing: (task: Task<AWSCredentials, any Error>, generation: Int)?
    /// The generation of `current`: a caller that resumes late from an older refresh never puts
    /// its older credentials back over newer ones.
    private var currentGeneration = 0
    private var fetches = 0

    /// A cache over a provider.
    public init(provider: any AWSCredentialProvider, clock: AWSClock = .system) {
        self.provider = provider
        self.clock = clock
    }

    /// How many times the provider was asked (tests check refreshes with it).
    public var fetchCount: Int { fetches }

    /// The local helper a refresh in flight waits for (a `credential_process`), nil when no
    /// refresh is running or the provider has no helper.
    public var pendingHelper: String? {
        refreshing == nil ? nil : provider.helper
    }

    /// Valid credentials, refreshed when missing or about to expire.
    public func credentials() async throws(EC2Error) -> AWSCredentials {
        if let current, !current.expires(within: Self.refreshMargin, now: clock.now()) { return current }
        return try await refresh()
    }

    /// Drops the current credentials (after `ExpiredToken`), so the next call fetches new ones.
    /// With `rejected`, only when they are still the ones the service rejected: concurrent calls
    /// that failed with the same keys cause one refresh, not one each.
    public func invalidate(rejected: AWSCredentials? = nil) {
        if let rejected, let current, current != rejected { return }
        current = nil
    }

    private func refresh() async throws(EC2Error) -> AWSCredentials {
        let task: Task<AWSCredentials, any Error>
        let generation: Int
        if let running = refreshing {
            (task, generation) = running
        } else {
            fetches += 1
            let provider = provider
            task = Task { try await provider.fetch() }
            generation = fetches
            refreshing = (task, generation)
        }
        do {
            let fresh = try await task.value
            return accept(fresh, generation: generation)
        } catch {
            if refreshing?.generation == generation { refreshing = nil }
            // Keep using credentials that still work for a while when a refresh fails.
            if let current, let expiration = current.expiration, expiration > clock.now() { return current }
            if let error = error as? EC2Error { throw error }
            throw .credentials("refresh failed: \(error)")
        }
    }

    /// Takes the result of refresh `generation`: it becomes current unless a newer refresh already
    /// delivered; returns what is current then.
    func accept(_ fresh: AWSCredentials, generation: Int) -> AWSCredentials {
        if refreshing?.generation == generation { refreshing = nil }
        guard generation >= currentGeneration else { return current ?? fresh }
        currentGeneration = generation
        current = fresh
        return fresh
    }
}
