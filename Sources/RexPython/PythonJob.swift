import CPython
import Synchronization

/// Names one run of code in the embedded interpreter, so an interrupt reaches exactly
/// that run and never another (`PythonInterpreter.interrupt(_:)`).
///
/// Create a job before running, pass it to `run(code:…, job:)` (or `evaluate`,
/// `loadModule`) and give the same job to whatever may interrupt it (the Ctrl-C
/// handler). A job runs at most once:
///
/// - interrupted while it waits (queued behind other work, or while Python starts),
///   it never runs: the call throws a `PythonError` of kind `.interrupted`;
/// - interrupted while it runs, its code gets `KeyboardInterrupt`;
/// - interrupted after it finished, nothing happens.
///
/// ```swift
/// let job = PythonJob()
/// try InterruptController.shared.run(cancel: { PythonInterpreter.shared.interrupt(job) }) {
///     try PythonInterpreter.shared.run(code: code, job: job)
/// }
/// ```
public final class PythonJob: Sendable {
    /// Where the job is in its one run.
    enum Phase {
        /// Created, queued or waiting for Python to start: an interrupt is remembered.
        case waiting
        /// Its code runs on the Python thread: an interrupt raises `KeyboardInterrupt`.
        case running
        /// Done (or refused): an interrupt does nothing.
        case finished
    }

    private struct State {
        var phase = Phase.waiting
        var interruptRequested = false
    }

    /// Guards the phase; `PythonInterpreter` trips Python's interrupt while holding it,
    /// so a job that finished can never be interrupted afterwards.
    private let state = Mutex(State())

    public init() {}

    /// True once the job ran (or was refused because it was interrupted first).
    public var isFinished: Bool { state.withLock { $0.phase == .finished } }

    /// Called by `PythonInterpreter.interrupt(_:)`: remembers the interrupt of a waiting
    /// job, or runs `trip` (under the job's lock) when the job is running.
    /// - Returns: true when `trip` ran.
    func requestInterrupt(trip: () -> Void) -> Bool {
        state.withLock { state in
            switch state.phase {
            case .waiting:
                state.interruptRequested = true
                return false
            case .running:
                trip()
                return true
            case .finished:
                return false
            }
        }
    }

    /// On the Python thread, right before the job's code runs: marks it running.
    /// - Throws: `PythonError` of kind `.interrupted` when it was interrupted while it
    ///   waited (it then never runs), `.unavailable` when the job already ran.
    func begin() throws {
        try state.withLock { state in
            switch state.phase {
            case .waiting where state.interruptRequested:
                state.phase = .finished
                throw PythonError(kind: .interrupted, typeName: "KeyboardInterrupt",
                                  message: "interrupted before it started", traceback: "")
            case .waiting:
                state.phase = .running
            case .running, .finished:
                throw PythonError(kind: .unavailable, typeName: "",
                                  message: "a PythonJob runs once: create a new one for each run", traceback: "")
            }
        }
    }

    /// Marks the job finished: later interrupts do nothing.
    func finish() {
        state.withLock { $0.phase = .finished }
    }
}
