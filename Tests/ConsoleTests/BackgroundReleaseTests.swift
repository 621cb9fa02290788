import Foundation
import Synchronization
@testable import Console
import Testing

/// The previous model is freed on a background queue, never on the thread that hands it over,
/// even when the caller goes on working (drawing the new model) after handing it over.
@Suite struct BackgroundReleaseTests {
    /// The thread a witness was freed on.
    private final class FreedOn: Sendable {
        let thread = Mutex<pthread_t?>(nil)
    }

    /// Records the thread its last reference was dropped on.
    private final class Witness: Sendable {
        let freedOn: FreedOn
        init(_ freedOn: FreedOn) { self.freedOn = freedOn }
        deinit { freedOn.thread.withLock { $0 = pthread_self() } }
    }

    /// A model-like value: a struct holding the large objects.
    private struct Model: Sendable {
        var witness: Witness?
    }

    @Test func theRetiredValueIsFreedOffTheCallersThread() throws {
        for _ in 0..<50 {
            let freedOn = FreedOn()
            let caller = pthread_self()
            var model = Model(witness: Witness(freedOn))
            // As ConsoleCore.publish does: keep the old model, put the new one in its place,
            // hand the old one over, then go on with the frame.
            let retired = model
            model = Model(witness: nil)
            BackgroundRelease.release(consume retired)
            Thread.sleep(forTimeInterval: 0.002)
            let deadline = Date().addingTimeInterval(5)
            while freedOn.thread.withLock({ $0 }) == nil && Date() < deadline { Thread.sleep(forTimeInterval: 0.001) }
            let thread = try #require(freedOn.thread.withLock { $0 })
            #expect(pthread_equal(thread, caller) == 0)
            _ = model
        }
    }
}
