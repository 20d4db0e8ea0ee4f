import Foundation
import Synchronization

/// Ctrl-C handling (SPEC §5): SIGINT cancels the running statement — ODBC
/// `SQLCancel`, a Python interrupt — and keeps the session.
///
/// The signal handler only writes one byte to a pipe (async-signal-safe); a
/// watcher thread reads it and runs the cancel action of the work in progress.
/// The handler is installed without SA_RESTART so a blocking read (the line
/// editor) returns EINTR and the REPL can clear the line.
public final class InterruptController: @unchecked Sendable {
    public static let shared = InterruptController()

    private struct State {
        /// The cancel actions of the work in progress, innermost last. Each run removes its
        /// own entry when it ends, so a finished run's action (and the statement or
        /// connection it captures) never outlives it, even when runs overlap on threads.
        var cancelActions: [(token: Int, action: @Sendable () -> Void)] = []
        var nextToken = 0
        var interruptCount = 0
        /// An interrupt that came while nothing cancellable ran: the next work is refused.
        var pending = false
        /// An interrupt arrived since the last `clearPending()`: loops stop at their next checkpoint.
        var stopRequested = false
    }

    private let state = Mutex(State())
    private var installed = false
    private let installLock = NSLock()

    /// Tests make their own; the process uses `shared`.
    init() {}

    /// Installs the SIGINT handler and starts the watcher thread (once).
    public func install() {
        installLock.lock()
        defer { installLock.unlock() }
        guard !installed else { return }
        installed = true
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return }
        interruptPipeWriteEnd = fds[1]
        let readEnd = fds[0]
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            var byte: UInt8 = 1
            _ = write(interruptPipeWriteEnd, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0 // no SA_RESTART: blocking reads return EINTR
        sigaction(SIGINT, &action, nil)
        // A parent may have started rex with SIGINT blocked (the mask is inherited):
        // unblock it, or Ctrl-C would never arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        let thread = Thread { [weak self] in
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) >= 0 {
                self?.deliver()
            }
        }
        thread.name = "rex-interrupt"
        thread.start()
    }

    /// Runs `body` with `cancel` as the action Ctrl-C triggers while it runs. Throws
    /// `Interrupted` without running it when an interrupt is pending.
    public func run<T>(cancel: @escaping @Sendable () -> Void, _ body: () throws -> T) throws -> T {
        let token = state.withLock { state -> Int? in
            if state.pending {
                state.pending = false
                return nil
            }
            state.nextToken += 1
            state.cancelActions.append((state.nextToken, cancel))
            return state.nextToken
        }
        guard let token else { throw Interrupted() }
        defer { state.withLock { $0.cancelActions.removeAll { $0.token == token } } }
        return try body()
    }

    /// How many interrupts arrived so far (compare before and after a statement).
    public var interruptCount: Int { state.withLock { $0.interruptCount } }

    /// Forgets an interrupt that nothing consumed (the REPL calls it before each statement:
    /// Ctrl-C at the prompt only clears the line).
    public func clearPending() {
        state.withLock { $0.pending = false; $0.stopRequested = false }
    }

    /// True once Ctrl-C arrived during the current statement: work that no cancel action
    /// reaches (reading a CSV file, building upload batches, writing a sink) stops at its
    /// next `checkpoint()`.
    public var isStopRequested: Bool { state.withLock { $0.stopRequested } }

    /// Throws `Interrupted` when Ctrl-C arrived during the current statement. Long loops call
    /// it every few thousand rows, so an interrupt takes effect well within a second.
    public func checkpoint() throws {
        if isStopRequested { throw Interrupted() }
    }

    /// True when an interrupt arrived while nothing cancellable ran (and was not cleared).
    public var hasPending: Bool { state.withLock { $0.pending } }

    /// Simulates Ctrl-C (tests, and the watcher thread).
    public func deliver() {
        let action = state.withLock { state -> (@Sendable () -> Void)? in
            state.interruptCount += 1
            state.stopRequested = true
            if state.cancelActions.isEmpty { state.pending = true }
            return state.cancelActions.last?.action
        }
        action?()
    }
}

/// The write end of the interrupt pipe, read by the signal handler (a C function
/// pointer cannot capture context).
nonisolated(unsafe) private var interruptPipeWriteEnd: Int32 = -1

/// The statement was interrupted (Ctrl-C) before or while it ran.
public struct Interrupted: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
