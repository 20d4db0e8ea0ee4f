import Foundation
import Synchronization
import Testing
@testable import RexRuntime

/// Ctrl-C reaches the innermost work in progress, and a finished run's cancel action
/// (which captures its statement and connection) is gone when the run ends, also when
/// runs overlap on threads.
@Suite("Interrupt controller")
struct InterruptControllerTests {
    @Test("overlapping runs: each run removes its own action; Ctrl-C reaches the newest running one")
    func overlappingRuns() throws {
        let controller = InterruptController()
        let calls = Mutex<[String]>([])
        let firstStarted = DispatchSemaphore(value: 0)
        let secondStarted = DispatchSemaphore(value: 0)
        let firstMayEnd = DispatchSemaphore(value: 0)
        let firstEnded = DispatchSemaphore(value: 0)
        let secondMayEnd = DispatchSemaphore(value: 0)
        let secondEnded = DispatchSemaphore(value: 0)
        // first: starts, then second starts, then first ends while second still runs.
        Thread.detachNewThread {
            _ = try? controller.run(cancel: { calls.withLock { $0.append("first") } }) {
                firstStarted.signal()
                firstMayEnd.wait()
            }
            firstEnded.signal()
        }
        firstStarted.wait()
        let second = Thread {
            _ = try? controller.run(cancel: { calls.withLock { $0.append("second") } }) {
                secondStarted.signal()
                secondMayEnd.wait()
            }
            secondEnded.signal()
        }
        second.start()
        secondStarted.wait()
        firstMayEnd.signal()
        firstEnded.wait()
        controller.deliver()
        #expect(calls.withLock { $0 } == ["second"])
        secondMayEnd.signal()
        secondEnded.wait()
        // Nothing runs now: the interrupt is pending, not delivered to a finished run.
        controller.deliver()
        #expect(controller.hasPending)
        #expect(calls.withLock { $0 } == ["second"])
    }

    @Test("a pending interrupt refuses the next run without running it")
    func pendingRefuses() {
        let controller = InterruptController()
        controller.deliver()
        #expect(controller.hasPending)
        var ran = false
        #expect(throws: Interrupted.self) { try controller.run(cancel: {}) { ran = true } }
        #expect(!ran)
        #expect(!controller.hasPending)
        #expect(throws: Never.self) { try controller.run(cancel: {}) { ran = true } }
        #expect(ran)
    }
}
