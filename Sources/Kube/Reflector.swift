#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Keeps one resource's store current: lists it in pages, then watches from the list's
/// resourceVersion with bookmarks, applying ADDED/MODIFIED/DELETED. A 410 Gone (watch ERROR event
/// or HTTP status) relists; any other failure backs off (exponential, jitter, capped) and resumes
/// the watch from the last resourceVersion seen, so no event is lost or applied twice.
///
/// Watches are short (`KubeSourceOptions.watchTimeoutSeconds`) and must end on time: one that
/// neither ends nor is ended within `watchStallGrace` after its `timeoutSeconds` is stalled (or
/// the server hung) and counts as a failure. After any failure the resource stays backing off
/// (STALE) until data really flows again: a successful list, a watch event or bookmark, or a
/// watch the server ends on time — an accepted connection alone does not count.
struct Reflector<Object: Decodable & Sendable>: Sendable {
    let client: KubeClient
    let resource: KubeResource
    let options: KubeSourceOptions
    let store: ReflectorStore<Object>
    let board: StatusBoard

    /// Runs until the task is cancelled. With `untilListed`, returns after the first successful
    /// list (the one-shot commands' WaitForCacheSync) instead of watching.
    func run(untilListed: Bool = false) async {
        let name = resource.description
        let backoff = Backoff(base: options.backoffBase, cap: options.backoffCap)
        var resourceVersion: String?
        var attempt = 0
        // True once data flows after the last failure; until then the phase stays as it was.
        var flowing = false
        board.set(name, .listing)
        while !Task.isCancelled {
            var progressed = false
            do {
                if resourceVersion == nil {
                    let listing = try await ResourceLister<Object>(client: client, resource: resource,
                                                                   pageSize: options.pageSize).list()
                    store.replace(listing.objects)
                    resourceVersion = listing.resourceVersion
                    board.listed(name, skipped: listing.failures)
                    if let failure = listing.failures.first {
                        board.record(error: "\(listing.failures.count) object(s) skipped; \(failure)")
                    }
                    if untilListed { return }
                    flowing = true
                }
                if flowing { board.set(name, .watching) }
                try await watch(from: &resourceVersion, progressed: &progressed, flowing: &flowing)
                attempt = 0
                if !progressed, !(await sleep(options.backoffBase)) { return }
            } catch let error where error.isGone || error.statusCode == 504 {
                // 410: the resourceVersion left the server's window; 504 "Too large resource
                // version": the server is behind us (e.g. restored from backup). Both: list again.
                resourceVersion = nil
                board.set(name, .relisting)
            } catch let error where error.statusCode == 403 || error.statusCode == 404 {
                // Not allowed or not served: show it as empty and unavailable, try again much later.
                store.replace([:])
                board.set(name, .unavailable)
                board.failed(name, error)
                board.record(error: error.description)
                if untilListed { return }
                resourceVersion = nil
                if !(await sleep(options.backoffCap)) { return }
            } catch {
                if Task.isCancelled { return }
                flowing = false
                if progressed { attempt = 0 }
                attempt += 1
                board.failed(name, error)
                board.set(name, .backingOff(since: Date()))
                board.record(error: "\(name): \(error)")
                if !(await sleep(backoff.delay(attempt: attempt))) { return }
            }
        }
    }

    /// Sleeps; false when cancelled.
    private func sleep(_ duration: Duration) async -> Bool {
        do {
            try await Task.sleep(for: duration)
            return true
        } catch {
            return false
        }
    }

    /// Marks the resource as watched again once data flows after a failure.
    private func dataFlows(_ flowing: inout Bool) {
        guard !flowing else { return }
        flowing = true
        board.set(resource.description, .watching)
    }

    /// One watch connection: applies events until the stream ends (cleanly: returns) or fails
    /// (throws); a watch still open `watchStallGrace` after its `timeoutSeconds` fails as stalled.
    private func watch(from resourceVersion: inout String?, progressed: inout Bool,
                       flowing: inout Bool) async throws(KubeError) {
        let timeout = Int.random(in: options.watchTimeoutSeconds)
        let query = [("watch", "true"), ("resourceVersion", resourceVersion ?? ""), ("allowWatchBookmarks", "true"),
                     ("timeoutSeconds", String(timeout))]
        let deadline = Duration.seconds(timeout) + options.watchStallGrace
        let stream = client.stream(resource.listPath, query: query, timeout: deadline,
                                   idleTimeout: options.watchIdleTimeout)
        var splitter = LineSplitter()
        let decoder = JSONDecoder()
        do {
            for try await chunk in stream {
                var operations: [(String, Object?)] = []
                defer { store.apply(operations) }
                for line in splitter.push(chunk) {
                    let event: WatchEvent<Object>
                    do {
                        event = try decoder.decode(WatchEvent<Object>.self, from: Data(line))
                    } catch {
                        throw KubeError.decode(kind: "watch event for \(resource.kind)",
                                               expected: "{type, object} (\(ResourceLister<Object>.describe(error)))")
                    }
                    switch event {
                    case .upsert(let item):
                        switch item.result {
                        case .success(let object): operations.append((item.key, object))
                        case .failure(let error):
                            board.record(error: "\(resource.kind) \(item.key) skipped: "
                                + ResourceLister<Object>.describe(error))
                        }
                        if let version = item.resourceVersion { resourceVersion = version }
                    case .deleted(let key, let version):
                        operations.append((key, nil))
                        if let version { resourceVersion = version }
                    case .bookmark(let version):
                        if let version { resourceVersion = version }
                    case .error(let status):
                        throw KubeError.status(code: status.code ?? 500, reason: status.reason, message: status.message,
                                               path: resource.listPath + " (watch)")
                    case .unknown:
                        continue
                    }
                    progressed = true
                    dataFlows(&flowing)
                }
                if splitter.overflowed {
                    throw KubeError.decode(kind: "watch event for \(resource.kind)",
                                           expected: "a line of at most \(KubeLimits.maxWatchEventBytes >> 20) MiB "
                                               + "(a resource limit)")
                }
            }
            dataFlows(&flowing)
        } catch let error as KubeError {
            if case .transport(.timeout(let host, _)) = error { throw Self.stalled(host: host, after: deadline) }
            throw error
        } catch let error as HTTPError {
            if case .timeout(let host, _) = error { throw Self.stalled(host: host, after: deadline) }
            throw KubeError.transport(error)
        } catch {
            // Only cancellation gets here (the client maps every transfer failure to KubeError).
            throw KubeError.transport(.cancelled)
        }
    }

    /// The failure of a watch that neither delivered nor ended by its deadline.
    static func stalled(host: String, after deadline: Duration) -> KubeError {
        .transport(.timeout(host: host, detail: "watch neither ended nor delivered within "
            + "\(deadline.components.seconds) s (server hung or watch stalled)"))
    }
}
