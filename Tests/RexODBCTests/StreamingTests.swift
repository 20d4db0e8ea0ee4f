import Foundation
import RexData
import RexODBC
import RexTestSupport
import Testing

/// Large, long-running and connection-killing work; serialized so that memory measurements
/// see only this suite's allocations.
@Suite("Streaming, cancel and lost connections on PostgreSQL", .serialized)
struct StreamingTests {
    @Test("1,000,000 rows × 4 columns stream block by block in bounded memory")
    func millionRows() throws {
        let connection = try TestServer.postgres.connect()
        let stream = try connection.query("""
            SELECT g AS i, g * 0.5::float8 AS f, 'row ' || g AS t, TIMESTAMP '2020-01-01' + g * INTERVAL '1 second' AS ts
            FROM generate_series(1, 1000000) g
            """)
        defer { stream.close() }
        #expect(stream.schema == Schema([Field("i", .int), Field("f", .float), Field("t", .text), Field("ts", .datetime)]))
        var rows = 0, blocks = 0, sum: Int64 = 0, dataBytes = 0
        var lastText = ""
        while let block = try stream.nextBlock() {
            blocks += 1
            rows += block.rowCount
            if case .int(let values) = block.columns[0].storage { sum += values.reduce(0, +) }
            if case .text(let buffer) = block.columns[2].storage {
                dataBytes += buffer.bytes.count + buffer.offsets.count * 8
                lastText = buffer.string(at: buffer.count - 1)
            }
            dataBytes += block.rowCount * (8 + 8 + 8 + 4)
        }
        #expect(rows == 1_000_000)
        #expect(sum == 500_000_500_000)
        #expect(lastText == "row 1000000")
        #expect(blocks > 100, "read in blocks, not at once (\(blocks) blocks of \(stream.rowsPerBlock))")
        #expect(dataBytes > 40_000_000)
    }

    @Test("peak memory while streaming 1,000,000 rows × 4 columns stays well below the data size (own process)",
          .disabled(if: TestEnvironment.underSanitizer, "a sanitizer's shadow memory changes peak memory"))
    func millionRowsMemory() throws {
        // Measured in a process of its own: tests in this process run in parallel and would
        // move this process's peak RSS.
        let result = try runProcess(benchExecutable, [try TestEnvironment.postgres, """
            SELECT g AS i, g * 0.5::float8 AS f, 'row ' || g AS t, TIMESTAMP '2020-01-01' + g * INTERVAL '1 second' AS ts
            FROM generate_series(1, 1000000) g
            """])
        #expect(result.status == 0, "\(result.stderr)")
        var fields: [String: Double] = [:]
        for pair in result.stdout.split(whereSeparator: \.isWhitespace) {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let value = Double(parts[1]) { fields[String(parts[0])] = value }
        }
        print("streaming in its own process: \(result.stdout)")
        #expect(fields["rows"] == 1_000_000)
        let growth = (fields["peak_kib"] ?? .infinity) - (fields["base_kib"] ?? 0)
        let data = (fields["data_bytes"] ?? 0) / 1024
        #expect(data > 40_000, "column data \(data) KiB")
        #expect(growth < data / 2, "peak RSS grew \(growth) KiB while streaming \(data) KiB of column data")
    }

    @Test("cancel stops SELECT pg_sleep(30) from another thread; the connection stays usable")
    func cancel() throws {
        let connection = try TestServer.postgres.connect()
        let outcome = Outcome()
        let started = Date()
        let worker = Thread {
            do {
                _ = try connection.fetchAll("SELECT pg_sleep(30)")
                outcome.set(.success(()))
            } catch {
                outcome.set(.failure(error))
            }
        }
        worker.start()
        // Cancel until the worker returns (a cancel before the statement starts does nothing); allow 5 s.
        while outcome.get() == nil, Date().timeIntervalSince(started) < 5 {
            Thread.sleep(forTimeInterval: 0.1)
            connection.cancel()
        }
        let result = try #require(outcome.get(), "pg_sleep(30) was not cancelled within 5 s")
        guard case .failure(let error) = result else { Issue.record("pg_sleep finished without error"); return }
        let odbcError = try #require(error as? ODBCError, "got \(error)")
        #expect(odbcError.isCancelled, "got \(odbcError)")
        #expect(!odbcError.isConnectionLost)
        #expect(try connection.queryText("SELECT 40 + 2") == [["42"]])
    }

    @Test("killing the backend mid-fetch is a lost-connection error; a new connection works")
    func terminatedBackend() throws {
        let victim = try TestServer.postgres.connect()
        let pid = try #require(victim.queryText("SELECT pg_backend_pid()").first?.first ?? nil)
        let stream = try victim.query("SELECT g, repeat('x', 100) AS t FROM generate_series(1, 2000000) g")
        _ = try stream.nextBlock()
        #expect(!victim.isDead)
        let killer = try TestServer.postgres.connect()
        #expect(try killer.queryText("SELECT pg_terminate_backend(\(pid))") == [["1"]])
        let error = try #require(throws: ODBCError.self) {
            while try stream.nextBlock() != nil {}
        }
        print("terminated backend: \(error)")
        #expect(try stream.nextBlock() == nil, "a failed result ends")
        #expect(error.isConnectionLost, "got \(error)")
        stream.close()
        // The next statement on the dead connection fails as lost too.
        let next = try #require(throws: ODBCError.self) { _ = try victim.queryText("SELECT 1") }
        print("next statement on the dead connection: \(next)")
        #expect(next.isConnectionLost, "got \(next)")
        #expect(next.hint?.contains(":connect") == true)
        #expect(victim.isDead)
        let fresh = try TestServer.postgres.connect()
        #expect(try fresh.queryText("SELECT 1") == [["1"]])
    }
}

/// The rex-odbc-bench executable built next to the test bundle.
var benchExecutable: URL {
    let bundle = Bundle.main.bundleURL
    for candidate in [bundle.appendingPathComponent("rex-odbc-bench"), bundle.deletingLastPathComponent().appendingPathComponent("rex-odbc-bench")]
    where FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
    }
    return TestEnvironment.packageRoot.appendingPathComponent(".build/debug/rex-odbc-bench")
}

/// A result handed from a worker thread.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<Void, Error>?
    func set(_ result: Result<Void, Error>) { lock.lock(); value = result; lock.unlock() }
    func get() -> Result<Void, Error>? { lock.lock(); defer { lock.unlock() }; return value }
}
