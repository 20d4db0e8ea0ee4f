import Foundation

/// Hands parts from a producing thread to the consuming one, at most `capacity` waiting
/// between them, so that a file is parsed while the previous part is being inserted into a
/// server. Errors cross with the tables: the producer's ends the consumer's loop, and a
/// consumer that stops (`cancel`) makes the producer's next `put` or `checkOpen` throw.
final class BlockPipe<Part>: @unchecked Sendable {
    /// Thrown to the producer once the consumer has stopped.
    struct Closed: Error {}

    private let condition = NSCondition()
    private let capacity: Int
    private var waiting: [Part] = []
    private var finished = false
    private var failure: Error?
    private var closed = false

    init(capacity: Int = 2) {
        self.capacity = max(1, capacity)
    }

    /// Runs `produce` on a thread of its own, feeding a new pipe, and `consume` on this thread
    /// reading it; returns when both have ended (the producer is stopped if `consume` throws).
    static func run(capacity: Int = 2, produce: @escaping (BlockPipe) throws -> Void,
                    consume: (BlockPipe) throws -> Void) throws {
        let pipe = BlockPipe(capacity: capacity)
        let ended = DispatchSemaphore(value: 0)
        let producer = Thread {
            do {
                try produce(pipe)
                pipe.finish(with: nil)
            } catch {
                pipe.finish(with: error)
            }
            ended.signal()
        }
        producer.stackSize = 8 << 20
        producer.start()
        defer {
            pipe.close()
            ended.wait()
        }
        try consume(pipe)
    }

    /// Producer: adds `part`, waiting while `capacity` parts wait already.
    func put(_ part: Part) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= capacity && !closed { condition.wait() }
        if closed { throw Closed() }
        waiting.append(part)
        condition.broadcast()
    }

    /// Producer: throws once the consumer has stopped (call it between units of work).
    func checkOpen() throws {
        condition.lock()
        defer { condition.unlock() }
        if closed { throw Closed() }
    }

    /// Consumer: the next part in order, nil after the last; rethrows the producer's error.
    func next() throws -> Part? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !finished { condition.wait() }
        if !waiting.isEmpty {
            condition.broadcast()
            return waiting.removeFirst()
        }
        if let failure { throw failure }
        return nil
    }

    /// Producer: ends the pipe, with the producer's error if it failed.
    func finish(with error: Error?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer: stops reading; the producer's next `put` or `checkOpen` throws `Closed`.
    func close() {
        condition.lock()
        closed = true
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
