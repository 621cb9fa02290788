import CCurl
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One libcurl multi handle driven by one I/O thread. Other threads only queue work (under a
/// lock) and wake the thread with `curl_multi_wakeup`, the one multi call that is safe from any
/// thread; every other libcurl call happens on the I/O thread.
final class CurlLoop: @unchecked Sendable {
    private struct Queue {
        var starts: [CurlTransfer] = []
        var cancels: [CurlTransfer] = []
        var stopping = false
        /// Set (under the lock) just before the multi handle is freed: no more wakeups.
        var closed = false
    }

    private let multi: UnsafeMutableRawPointer
    private let userAgent: String
    private let queue = Mutex(Queue())
    /// Transfers in the multi handle, by easy handle. I/O thread only.
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]

    /// libcurl's process-wide setup, run once before the first handle.
    private static let globalInit: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK

    /// A multi handle capped at `maxConnectionsPerHost` connections to one host and
    /// `maxConnections` in all, and its I/O thread.
    init?(maxConnectionsPerHost: Int, maxConnections: Int, userAgent: String) {
        guard Self.globalInit, let multi = curl_multi_init() else { return nil }
        self.multi = multi
        self.userAgent = userAgent
        _ = gw_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnectionsPerHost)
        _ = gw_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, maxConnections)
        _ = gw_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))

        var thread = pthread_t()
        let context = Unmanaged.passRetained(self).toOpaque()
        let created = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            let loop = Unmanaged<CurlLoop>.fromOpaque(context).takeRetainedValue()
            loop.run()
            return nil
        }, context)
        guard created == 0 else {
            Unmanaged<CurlLoop>.fromOpaque(context).release()
            curl_multi_cleanup(multi)
            return nil
        }
        pthread_detach(thread)
    }

    // MARK: Any thread

    /// Hands `transfer` to the I/O thread; fails it with `cancelled` if the loop has stopped.
    func submit(_ transfer: CurlTransfer) {
        let accepted = queue.withLock { queue in
            guard !queue.stopping else { return false }
            queue.starts.append(transfer)
            curl_multi_wakeup(multi)
            return true
        }
        if !accepted { transfer.fail(.cancelled) }
    }

    /// Asks the I/O thread to abort `transfer` (started or not) and deliver `cancelled`.
    func cancel(_ transfer: CurlTransfer) {
        transfer.cancelRequested.store(true, ordering: .sequentiallyConsistent)
        queue.withLock { queue in
            guard !queue.closed else { return }
            queue.cancels.append(transfer)
            curl_multi_wakeup(multi)
        }
    }

    /// Aborts every transfer (they end with `cancelled`) and ends the I/O thread.
    func stop() {
        queue.withLock { queue in
            guard !queue.stopping else { return }
            queue.stopping = true
            curl_multi_wakeup(multi)
        }
    }

    // MARK: I/O thread

    private func run() {
        while true {
            let (starts, cancels, stopping) = queue.withLock { queue in
                defer { queue.starts.removeAll(); queue.cancels.removeAll() }
                return (queue.starts, queue.cancels, queue.stopping)
            }
            for transfer in starts { start(transfer) }
            for transfer in cancels { abort(transfer, with: .cancelled) }
            if stopping { break }

            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            let wait = enforceIdleTimeouts()
            _ = curl_multi_poll(multi, nil, 0, Int32(wait), nil)
        }
        for transfer in Array(active.values) { abort(transfer, with: .cancelled) }
        let leftover = queue.withLock { queue in
            queue.closed = true
            return queue.starts
        }
        for transfer in leftover { transfer.fail(.cancelled) }
        curl_multi_cleanup(multi)
    }

    private func start(_ transfer: CurlTransfer) {
        if transfer.cancelRequested.load(ordering: .sequentiallyConsistent) {
            transfer.fail(.cancelled)
            return
        }
        switch transfer.makeHandle(userAgent: userAgent) {
        case .failure(let error):
            transfer.fail(error)
        case .success(let easy):
            let code = curl_multi_add_handle(multi, easy)
            guard code == CURLM_OK else {
                transfer.releaseHandle()
                transfer.fail(.transfer(host: transfer.target.host, code: Int(code.rawValue),
                                        detail: String(cString: curl_multi_strerror(code))))
                return
            }
            active[easy] = transfer
        }
    }

    /// Takes `transfer` out of the multi handle (if it is in) and fails it with `error`.
    private func abort(_ transfer: CurlTransfer, with error: HTTPError) {
        guard let easy = transfer.handle, active.removeValue(forKey: easy) != nil else { return }
        curl_multi_remove_handle(multi, easy)
        transfer.fail(error)
        transfer.releaseHandle()
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = active.removeValue(forKey: easy) else { continue }
            let code = message.pointee.data.result
            curl_multi_remove_handle(multi, easy)
            transfer.complete(code)
            transfer.releaseHandle()
        }
    }

    /// Fails the transfers that received nothing for longer than their idle timeout, and returns
    /// how long (ms) the loop may sleep before the next one could expire.
    private func enforceIdleTimeouts() -> Int {
        var wait = 1000
        let now = ContinuousClock.now
        for transfer in Array(active.values) {
            guard let idle = transfer.request.idleTimeout else { continue }
            guard let startedAt = transfer.requestStartedAt else {
                wait = min(wait, 100)  // still connecting: the connect timeout applies; look again soon
                continue
            }
            let deadline = max(startedAt, transfer.lastActivity) + idle
            if deadline <= now {
                abort(transfer, with: .timeout(host: transfer.target.host,
                                               detail: "no data for \(idle.humanReadable)"))
            } else {
                wait = min(wait, max(1, (deadline - now).milliseconds))
            }
        }
        return wait
    }
}
