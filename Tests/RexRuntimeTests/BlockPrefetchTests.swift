import Foundation
import RexData
import Synchronization
import Testing
@testable import RexRuntime

/// BlockPrefetch reads a result's blocks on its own thread. What the server context relies on:
/// blocks arrive in order with the reader's error after them, the reader stays at most
/// `capacity` blocks ahead, and once the prefetch is gone nothing calls `read` (the ODBC
/// statement) any more — also after Ctrl-C, with a block in flight or after the reader ended.
@Suite("Block prefetch")
struct BlockPrefetchTests {
    struct ReadFailed: Error, Equatable {}

    /// What `read` holds in the server context (the result and its statement); the tests
    /// check when the prefetch lets go of it.
    final class Statement: Sendable {}

    /// A one-row block holding `number`.
    static func block(_ number: Int) -> Table {
        Table(schema: Schema([Field("n", .int)]), columns: [Column(type: .int, values: [.int(Int64(number))])])
    }

    static func number(in table: Table?) -> Int? {
        table.flatMap { $0.columns.first?[0].intValue }.map(Int.init)
    }

    /// Waits (up to 5 s, for a loaded machine) until `condition` holds.
    static func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while !condition() {
            if Date() > deadline { return false }
            Thread.sleep(forTimeInterval: 0.005)
        }
        return true
    }

    /// Runs `body` on a thread of its own; false when it did not end within 5 s (a hang fails
    /// the test instead of stopping the suite).
    static func endsInTime(_ body: @escaping @Sendable () -> Void) -> Bool {
        let ended = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            body()
            ended.signal()
        }
        return ended.wait(timeout: .now() + 5) == .success
    }

    @Test("blocks arrive in order, then nil; the reader lets go of the statement before it reports the end")
    func inOrder() throws {
        weak var released: Statement?
        let prefetch: BlockPrefetch = {
            let statement = Statement()
            released = statement
            var count = 0
            return BlockPrefetch(interrupts: InterruptController(), cancel: {}) {
                _ = statement
                count += 1
                return count <= 5 ? Self.block(count) : nil
            }
        }()
        var numbers: [Int] = []
        while let table = try prefetch.next() { numbers.append(Self.number(in: table) ?? -1) }
        #expect(numbers == [1, 2, 3, 4, 5])
        #expect(released == nil)
        #expect(try prefetch.next() == nil)
    }

    @Test("the reader's error reaches the consumer after the blocks read before it")
    func errorInOrder() throws {
        var count = 0
        let prefetch = BlockPrefetch(interrupts: InterruptController(), cancel: {}) {
            count += 1
            if count == 3 { throw ReadFailed() }
            return Self.block(count)
        }
        #expect(Self.number(in: try prefetch.next()) == 1)
        #expect(Self.number(in: try prefetch.next()) == 2)
        #expect(throws: ReadFailed.self) { try prefetch.next() }
    }

    @Test("the reader stays at most `capacity` blocks ahead of a consumer that takes none")
    func boundedAhead() throws {
        let reads = Atomic<Int>(0)
        let prefetch = BlockPrefetch(capacity: 2, interrupts: InterruptController(), cancel: {}) {
            let count = reads.add(1, ordering: .sequentiallyConsistent).newValue
            return Self.block(count)
        }
        // Two blocks wait in the pipe, a third is read and waits to be put.
        #expect(Self.eventually { reads.load(ordering: .sequentiallyConsistent) == 3 })
        Thread.sleep(forTimeInterval: 0.2)
        #expect(reads.load(ordering: .sequentiallyConsistent) == 3)
        #expect(Self.number(in: try prefetch.next()) == 1)
        #expect(Self.eventually { reads.load(ordering: .sequentiallyConsistent) == 4 })
        Thread.sleep(forTimeInterval: 0.2)
        #expect(reads.load(ordering: .sequentiallyConsistent) == 4)
    }

    @Test("a consumer that stops early: the prefetch's end waits for the reader, and read is never called after it")
    func stopsEarly() throws {
        let reads = Atomic<Int>(0)
        weak var released: Statement?
        var prefetch: BlockPrefetch? = {
            let statement = Statement()
            released = statement
            return BlockPrefetch(interrupts: InterruptController(), cancel: {}) {
                _ = statement
                return Self.block(reads.add(1, ordering: .sequentiallyConsistent).newValue)
            }
        }()
        #expect(Self.number(in: try prefetch?.next()) == 1)
        prefetch = nil
        #expect(released == nil)
        let readsAtEnd = reads.load(ordering: .sequentiallyConsistent)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(reads.load(ordering: .sequentiallyConsistent) == readsAtEnd)
    }

    @Test("without Ctrl-C, a block in flight is read to its end, not cancelled")
    func inFlightIsAwaited() throws {
        let server = DispatchSemaphore(value: 0)
        let cancels = Atomic<Int>(0)
        let inFlight = DispatchSemaphore(value: 0)
        let reads = Atomic<Int>(0)
        nonisolated(unsafe) var prefetch: BlockPrefetch? = BlockPrefetch(
            interrupts: InterruptController(), cancel: { cancels.add(1, ordering: .sequentiallyConsistent) }) {
            if reads.add(1, ordering: .sequentiallyConsistent).newValue == 1 { return Self.block(1) }
            inFlight.signal()
            server.wait() // the server computes the next block
            return Self.block(2)
        }
        #expect(Self.number(in: try prefetch?.next()) == 1)
        #expect(inFlight.wait(timeout: .now() + 5) == .success)
        let ended = Atomic<Bool>(false)
        Thread.detachNewThread {
            prefetch = nil
            ended.store(true, ordering: .sequentiallyConsistent)
        }
        Thread.sleep(forTimeInterval: 0.2)
        let endedWhileInFlight = ended.load(ordering: .sequentiallyConsistent)
        #expect(!endedWhileInFlight)
        server.signal()
        #expect(Self.eventually { ended.load(ordering: .sequentiallyConsistent) })
        #expect(cancels.load(ordering: .sequentiallyConsistent) == 0)
    }

    @Test("after Ctrl-C, a block in flight is cancelled and the prefetch's end returns")
    func inFlightIsCancelledAfterInterrupt() throws {
        let interrupts = InterruptController()
        let server = DispatchSemaphore(value: 0)
        let cancels = Atomic<Int>(0)
        let inFlight = DispatchSemaphore(value: 0)
        let reads = Atomic<Int>(0)
        nonisolated(unsafe) var prefetch: BlockPrefetch? = BlockPrefetch(interrupts: interrupts, cancel: {
            cancels.add(1, ordering: .sequentiallyConsistent)
            server.signal() // SQLCancel: the waiting fetch returns with an error
        }) {
            if reads.add(1, ordering: .sequentiallyConsistent).newValue == 1 { return Self.block(1) }
            inFlight.signal()
            server.wait()
            throw Interrupted()
        }
        #expect(Self.number(in: try prefetch?.next()) == 1)
        #expect(inFlight.wait(timeout: .now() + 5) == .success)
        interrupts.deliver()
        #expect(Self.endsInTime { prefetch = nil })
        #expect(cancels.load(ordering: .sequentiallyConsistent) == 1)
        #expect(reads.load(ordering: .sequentiallyConsistent) == 2)
    }

    @Test("after Ctrl-C, a reader that already ended is not cancelled and the prefetch's end returns")
    func endedReaderAfterInterrupt() throws {
        let interrupts = InterruptController()
        let cancels = Atomic<Int>(0)
        let reads = Atomic<Int>(0)
        nonisolated(unsafe) var prefetch: BlockPrefetch? = BlockPrefetch(
            capacity: 4, interrupts: interrupts, cancel: { cancels.add(1, ordering: .sequentiallyConsistent) }) {
            let count = reads.add(1, ordering: .sequentiallyConsistent).newValue
            return count <= 2 ? Self.block(count) : nil
        }
        #expect(Self.number(in: try prefetch?.next()) == 1)
        #expect(Self.number(in: try prefetch?.next()) == 2)
        #expect(try prefetch?.next() == nil)
        // The reader reported the end; it signals that it ended right after.
        Thread.sleep(forTimeInterval: 0.3)
        interrupts.deliver()
        #expect(Self.endsInTime { prefetch = nil })
        #expect(cancels.load(ordering: .sequentiallyConsistent) == 0)
    }
}
