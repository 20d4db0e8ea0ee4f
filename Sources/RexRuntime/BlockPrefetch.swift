import Foundation
import RexData

/// Reads a result's blocks on a thread of its own, at most `capacity` blocks ahead of the
/// consumer, so that the driver's fetching (and the server's work for the next block) overlaps
/// what the consumer does with each block (formatting CSV, building the terminal table).
///
/// The reading thread is the only one that calls `read` (and so the ODBC statement); it drops
/// `read` before it reports the end or an error, and `deinit` stops it and waits for it, so
/// once the last block was taken or the prefetch is gone nothing touches the statement or its
/// connection any more. A block in flight when the consumer stops is read to
/// its end first (one `SQLFetch`), or cancelled after Ctrl-C. Errors, a cancel's included,
/// reach the consumer in order.
final class BlockPrefetch: @unchecked Sendable {
    private let pipe: BlockPipe<Table>
    private let ended = DispatchSemaphore(value: 0)
    private let cancel: @Sendable () -> Void
    private let interrupts: InterruptController

    /// Starts reading: `read` returns the next block, nil after the last; `cancel` stops a
    /// `read` waiting for the server (SQLCancel); `interrupts` tells whether Ctrl-C arrived.
    init(capacity: Int = 2, interrupts: InterruptController = .shared,
         cancel: @escaping @Sendable () -> Void, read: @escaping () throws -> Table?) {
        self.cancel = cancel
        self.interrupts = interrupts
        let pipe = BlockPipe<Table>(capacity: capacity)
        let ended = self.ended
        self.pipe = pipe
        // The thread's closure holds `read` only through this box: a Thread keeps its closure
        // until the thread has exited, which may be after the consumer has moved on.
        let reading = ReadingBox(read)
        let reader = Thread {
            var failure: Error?
            do {
                while let block = try reading.read?() { try pipe.put(block) }
            } catch {
                failure = error
            }
            // What `read` holds (the result, its statement) is released here, before the
            // consumer hears of the end: its next statement never overlaps this one's freeing.
            reading.read = nil
            pipe.finish(with: failure)
            ended.signal()
        }
        reader.stackSize = 8 << 20
        reader.start()
    }

    /// The next block in order, nil after the last; rethrows the reading thread's error.
    func next() throws -> Table? { try pipe.next() }

    deinit {
        pipe.close()
        // After Ctrl-C a reader still waiting for the server (a slow query's next block) is
        // cancelled, not awaited. Only then: a cancel request that reached the server late
        // could stop the connection's next statement instead.
        // `ended` is signalled once: a probe that finds the reader done has taken the signal.
        if interrupts.isStopRequested {
            if ended.wait(timeout: .now()) == .timedOut {
                cancel()
                ended.wait()
            }
        } else {
            ended.wait()
        }
    }
}

/// The reading thread's only reference to `read`, so that it can drop it.
private final class ReadingBox: @unchecked Sendable {
    var read: (() throws -> Table?)?
    init(_ read: @escaping () throws -> Table?) { self.read = read }
}
