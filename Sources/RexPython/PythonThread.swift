import Foundation

/// The one thread that owns the embedded interpreter: it starts Python, and every
/// Python call runs on it as a job, one at a time, in submission order.
///
/// Python must live on one thread because `PyErr_SetInterrupt` only reaches the
/// thread that initialised the interpreter (ENGINES.md), and `signal.signal` may
/// only be called there.
final class PythonThread: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [() -> Void] = []
    private var started = false
    private var threadID: pthread_t?

    /// True when called from the Python thread itself (a job calling back in).
    var isCurrent: Bool {
        condition.lock()
        defer { condition.unlock() }
        guard let threadID else { return false }
        return pthread_equal(threadID, pthread_self()) != 0
    }

    /// Sends `signal` to the Python thread (to make a blocking system call return EINTR).
    func wake(signal: Int32) {
        condition.lock()
        defer { condition.unlock() }
        if let threadID { pthread_kill(threadID, signal) }
    }

    /// Queues `job` to run on the Python thread, starting the thread on first use.
    func submit(_ job: @escaping () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        if !started {
            started = true
            let thread = Thread { self.loop() }
            thread.name = "rex-python"
            thread.stackSize = 16 << 20  // deep pandas/matplotlib call chains
            thread.start()
        }
        jobs.append(job)
        condition.signal()
    }

    private func loop() {
        // The wake signal must reach this thread even if its creator blocked it.
        var wake = sigset_t()
        sigemptyset(&wake)
        sigaddset(&wake, SIGUSR2)
        pthread_sigmask(SIG_UNBLOCK, &wake, nil)
        condition.lock()
        threadID = pthread_self()
        condition.unlock()
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
