import Foundation
import Synchronization

/// Runs async work from the synchronous command code and waits for its result. Commands are
/// short-lived, so blocking the main thread on a semaphore is the simple, correct bridge.
enum BlockingTask {
    static func run<Result: Sendable>(_ body: @escaping @Sendable () async -> Result) -> Result {
        let box = Mutex<Result?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let value = await body()
            box.withLock { $0 = value }
            done.signal()
        }
        while true {
            done.wait()
            if let value = box.withLock({ $0 }) { return value }
        }
    }
}
