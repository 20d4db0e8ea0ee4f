import Foundation
import RexPython
import Testing

@Suite("Interrupting Python")
struct InterruptTests {
    @Test("interrupt() stops `while True: pass` from another thread; the interpreter stays usable")
    func interruptLoop() throws {
        let python = PythonInterpreter.shared
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("rex-interrupt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        let outcome = OutcomeBox()
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do {
                _ = try python.run(code: "open(\(pythonString(marker.path)), 'w').close()\nwhile True:\n    pass\n")
                outcome.set(nil)
            } catch {
                outcome.set(error)
            }
            finished.signal()
        }
        // The marker file appears once the loop's job is running (jobs run one at a time).
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: marker.path), Date() < deadline { usleep(10_000) }
        try #require(FileManager.default.fileExists(atPath: marker.path))
        python.interrupt()
        try #require(finished.wait(timeout: .now() + 5) == .success, "the loop did not stop within 5 s of interrupt()")
        let error = try #require(outcome.get() as? PythonError)
        #expect(error.kind == .interrupted)
        #expect(error.isInterrupted)
        #expect(try python.evaluate("sum(range(10))") == "45")
        #expect(try python.run(code: "result = 'alive'").result == .value(.text("alive")))
    }

    @Test("interrupt() also stops a blocking time.sleep")
    func interruptSleep() throws {
        let python = PythonInterpreter.shared
        let marker = FileManager.default.temporaryDirectory.appendingPathComponent("rex-sleep-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: marker) }
        let outcome = OutcomeBox()
        let finished = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do {
                _ = try python.run(code: "import time\nopen(\(pythonString(marker.path)), 'w').close()\ntime.sleep(120)\n")
                outcome.set(nil)
            } catch {
                outcome.set(error)
            }
            finished.signal()
        }
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: marker.path), Date() < deadline { usleep(10_000) }
        try #require(FileManager.default.fileExists(atPath: marker.path))
        usleep(100_000)  // let the sleep begin (an interrupt before it would stop it just the same)
        python.interrupt()
        try #require(finished.wait(timeout: .now() + 5) == .success, "time.sleep did not stop within 5 s of interrupt()")
        let error = try #require(outcome.get() as? PythonError)
        #expect(error.kind == .interrupted)
        #expect(try python.evaluate("'ok'") == "ok")
    }

    @Test("interrupt() with nothing running has no effect on the next run")
    func idleInterrupt() throws {
        let python = PythonInterpreter.shared
        try python.start()
        python.interrupt()
        #expect(try python.run(code: "x = 0\nfor i in range(100000):\n    x += i\nresult = x").result == .value(.int(4_999_950_000)))
    }
}

private func pythonString(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
}

private final class OutcomeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?
    func set(_ error: Error?) { lock.withLock { self.error = error } }
    func get() -> Error? { lock.withLock { error } }
}
