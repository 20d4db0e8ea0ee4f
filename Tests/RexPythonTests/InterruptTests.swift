import Foundation
import RexPython
import Testing

/// The interpreter is shared by every suite of the test process, and suites run in
/// parallel: each test interrupts only its own `PythonJob`, and other suites' jobs
/// must never notice.
@Suite("Interrupting Python")
struct InterruptTests {
    @Test("interrupt(job) stops `while True: pass` from another thread; the interpreter stays usable")
    func interruptLoop() throws {
        let python = PythonInterpreter.shared
        let marker = TemporaryMarker("loop")
        let job = PythonJob()
        let loop = Background { try python.run(code: "\(marker.create)\nwhile True:\n    pass\n", job: job) }
        // The marker file appears once the loop's job is running (jobs run one at a time).
        try #require(marker.waitUntilCreated(), "the loop job did not start within 30 s")
        python.interrupt(job)
        let error = try #require(try loop.error(within: 5) as? PythonError, "the loop did not stop")
        #expect(error.kind == .interrupted)
        #expect(error.isInterrupted)
        #expect(job.isFinished)
        #expect(try python.evaluate("sum(range(10))") == "45")
        #expect(try python.run(code: "result = 'alive'").result == .value(.text("alive")))
    }

    @Test("interrupt(job) also stops a blocking time.sleep")
    func interruptSleep() throws {
        let python = PythonInterpreter.shared
        let marker = TemporaryMarker("sleep")
        let job = PythonJob()
        let sleeper = Background { try python.run(code: "import time\n\(marker.create)\ntime.sleep(120)\n", job: job) }
        try #require(marker.waitUntilCreated(), "the sleeping job did not start within 30 s")
        usleep(100_000)  // let the sleep begin (an interrupt before it would stop it just the same)
        python.interrupt(job)
        let error = try #require(try sleeper.error(within: 5) as? PythonError, "time.sleep did not stop")
        #expect(error.kind == .interrupted)
        #expect(try python.evaluate("'ok'") == "ok")
    }

    @Test("interrupting a job that already finished has no effect on it or on the next run")
    func idleInterrupt() throws {
        let python = PythonInterpreter.shared
        let job = PythonJob()
        #expect(try python.run(code: "result = 1", job: job).result == .value(.int(1)))
        #expect(job.isFinished)
        python.interrupt(job)
        #expect(try python.run(code: "x = 0\nfor i in range(100000):\n    x += i\nresult = x").result == .value(.int(4_999_950_000)))
    }

    @Test("interrupting a queued job never stops the job running before it; the queued job never runs")
    func interruptQueuedJob() throws {
        let python = PythonInterpreter.shared
        let running = TemporaryMarker("running")
        let release = TemporaryMarker("release")
        let ranA = TemporaryMarker("ran-a")
        // Job B loops until the test releases it (or 30 s pass): it ends by itself, never by an interrupt.
        let jobB = PythonJob()
        let b = Background {
            try python.run(code: """
                import os, time
                \(running.create)
                deadline = time.monotonic() + 30
                while not os.path.exists(\(release.pythonPath)) and time.monotonic() < deadline:
                    pass
                result = 'released' if os.path.exists(\(release.pythonPath)) else 'timed out'
                """, job: jobB)
        }
        try #require(running.waitUntilCreated(), "job B did not start within 30 s")
        // Job A waits behind B (submitted, or about to be): interrupting it must not touch B.
        let jobA = PythonJob()
        let a = Background { try python.run(code: "\(ranA.create)\nresult = 'A ran'", job: jobA) }
        usleep(200_000)
        python.interrupt(jobA)
        usleep(200_000)  // time for a misdirected interrupt to reach B
        release.createNow()
        #expect(try b.result(within: 30)?.result == .value(.text("released")))
        let error = try #require(try a.error(within: 30) as? PythonError, "job A ran despite its interrupt")
        #expect(error.kind == .interrupted)
        #expect(!ranA.exists, "job A's code ran")
        #expect(jobA.isFinished && jobB.isFinished)
    }

    @Test("interrupting a running job never reaches the job queued behind it")
    func interruptRunningKeepsQueuedJob() throws {
        let python = PythonInterpreter.shared
        let marker = TemporaryMarker("first")
        let jobA = PythonJob()
        let a = Background { try python.run(code: "\(marker.create)\nwhile True:\n    pass\n", job: jobA) }
        try #require(marker.waitUntilCreated(), "job A did not start within 30 s")
        // B is queued while A loops; it runs a loop of its own (~0.5 s) that ends by itself.
        let b = Background {
            try python.run(code: """
                import time
                deadline = time.monotonic() + 0.5
                n = 0
                while time.monotonic() < deadline:
                    n += 1
                result = 'B done'
                """)
        }
        usleep(200_000)
        python.interrupt(jobA)
        let error = try #require(try a.error(within: 5) as? PythonError, "job A did not stop")
        #expect(error.kind == .interrupted)
        #expect(try b.result(within: 30)?.result == .value(.text("B done")))
    }

    @Test("an interrupt racing the end of a job never stops the next job")
    func interruptRacingJobEnd() throws {
        let python = PythonInterpreter.shared
        try python.start()
        for round in 0..<100 {
            let job = PythonJob()
            let short = Background { try python.run(code: "x = sum(range(\(round * 50)))", job: job) }
            usleep(UInt32(round % 10) * 300)
            python.interrupt(job)
            if let error = try short.error(within: 30) {
                #expect((error as? PythonError)?.kind == .interrupted, "round \(round): \(error)")
            }
            // The next job, with its own token, must run to the end whatever the race did.
            #expect(try python.run(code: "result = sum(range(1000))").result == .value(.int(499_500)), "round \(round)")
        }
    }

    @Test("an interrupt the job never saw (it came during its last C call) does not stop the next job")
    func interruptUnseenAtJobEnd() throws {
        let python = PythonInterpreter.shared
        let marker = TemporaryMarker("c-call")
        let job = PythonJob()
        // One long C call (sum over a range checks no signals) is the job's last work: the
        // interrupt is tripped while it runs and may never reach a bytecode of this job.
        let summing = Background {
            PythonRun(output: [], result: .value(.text(try python.evaluate("sum(range(40_000_000))", setup: marker.create, job: job))))
        }
        try #require(marker.waitUntilCreated(), "the job did not start within 30 s")
        usleep(50_000)
        python.interrupt(job)
        if let error = try summing.error(within: 60) {
            #expect((error as? PythonError)?.kind == .interrupted, "\(error)")
        }
        #expect(try python.run(code: "result = sum(range(1000))").result == .value(.int(499_500)))
    }

    @Test("a job runs at most once")
    func jobRunsOnce() throws {
        let python = PythonInterpreter.shared
        let job = PythonJob()
        _ = try python.run(code: "result = 1", job: job)
        #expect(throws: PythonError.self) { try python.run(code: "result = 2", job: job) }
    }
}

/// A file in the temporary directory that Python code creates to show it got that far;
/// removed when the marker goes away.
private final class TemporaryMarker {
    let url: URL

    init(_ name: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rex-interrupt-\(name)-\(UUID().uuidString)")
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// The path as a Python string literal.
    var pythonPath: String {
        "'" + url.path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// A Python statement that creates the file.
    var create: String { "open(\(pythonPath), 'w').close()" }

    var exists: Bool { FileManager.default.fileExists(atPath: url.path) }

    func createNow() { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }

    /// Waits up to 30 s for the file; true when it appeared.
    func waitUntilCreated() -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while !exists, Date() < deadline { usleep(10_000) }
        return exists
    }
}

/// Runs a Python call on its own thread, so the test can interrupt it and wait for it.
private final class Background: @unchecked Sendable {
    private let lock = NSLock()
    private var outcome: Result<PythonRun, Error>?
    private let finished = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () throws -> PythonRun) {
        Thread.detachNewThread {
            let result = Result { try body() }
            self.lock.withLock { self.outcome = result }
            self.finished.signal()
        }
    }

    /// The call's outcome once it finished; nil when it did not finish within `seconds`.
    private func outcome(within seconds: Double) -> Result<PythonRun, Error>? {
        guard finished.wait(timeout: .now() + seconds) == .success else { return nil }
        return lock.withLock { outcome }
    }

    /// The error the call threw, nil when it succeeded. Throws when it did not finish in time.
    func error(within seconds: Double) throws -> Error? {
        guard let outcome = outcome(within: seconds) else { throw TimedOut(seconds: seconds) }
        if case .failure(let error) = outcome { return error }
        return nil
    }

    /// The call's result; throws its error, or `TimedOut`.
    func result(within seconds: Double) throws -> PythonRun? {
        guard let outcome = outcome(within: seconds) else { throw TimedOut(seconds: seconds) }
        return try outcome.get()
    }
}

private struct TimedOut: Error, CustomStringConvertible {
    let seconds: Double
    var description: String { "the Python call did not finish within \(seconds) s" }
}
