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

    init(capacity: Int = 2, cancel: @escaping @Sendable () -> Void, read: @escaping () throws -> Table?) {
        self.cancel = cancel
        let pipe = BlockPipe<Table>(capacity: capacity)
        let ended = self.ended
        self.pipe = pipe
        let reader = Thread {
            var read = Optional(read)
            var failure: Error?
            do {
                while let block = try read?() { try pipe.put(block) }
            } catch {
                failure = error
            }
            // What `read` holds (the result, its statement) is released here, before the
            // consumer hears of the end: its next statement never overlaps this one's freeing.
            read = nil
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
        if InterruptController.shared.isStopRequested {
            if ended.wait(timeout: .now()) == .timedOut {
                cancel()
                ended.wait()
            }
        } else {
            ended.wait()
        }
    }
}
