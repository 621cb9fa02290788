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
                }
                board.set(name, .watching)
                try await watch(from: &resourceVersion, progressed: &progressed)
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

    /// One watch connection: applies events until the stream ends (cleanly: returns) or fails (throws).
    private func watch(from resourceVersion: inout String?, progressed: inout Bool) async throws(KubeError) {
        let timeout = Int.random(in: options.watchTimeoutSeconds)
        let query = [("watch", "true"), ("resourceVersion", resourceVersion ?? ""), ("allowWatchBookmarks", "true"),
                     ("timeoutSeconds", String(timeout))]
        let stream = client.stream(resource.listPath, query: query, timeout: .seconds(timeout + 30),
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
                }
            }
        } catch let error as KubeError {
            throw error
        } catch let error as HTTPError {
            throw KubeError.transport(error)
        } catch {
            // Only cancellation gets here (the client maps every transfer failure to KubeError).
            throw KubeError.transport(.cancelled)
        }
    }
}
