import Foundation
import RexTestSupport
import Testing

/// Ctrl-C reaches every long operation (issue 10): reading a `csv` source, inserting upload
/// batches, writing a sink. rex stops, the target is unchanged and a script exits 130.
@Suite("Ctrl-C during uploads and sinks", .serialized)
struct InterruptLongWorkTests {
    /// A 1,000,000-row CSV file (id, name), made once per run.
    static let bigCSV: String = {
        let path = TestEnvironment.temporaryDirectory().appendingPathComponent("big.csv").path
        var text = "id,name\n"
        text.reserveCapacity(18_000_000)
        for row in 0..<1_000_000 { text += "\(row),name\(row)\n" }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }()

    /// A running rex process with its stderr collected.
    final class RunningRex {
        let process = Process()
        private let errors = Pipe()

        init(_ arguments: [String]) throws {
            process.executableURL = TestEnvironment.rexExecutable
            process.arguments = ["--no-rc"] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = errors
            try process.run()
        }

        /// Waits until `condition` holds (polled) or the process ends; true when it held.
        func wait(upTo seconds: Double, until condition: () throws -> Bool) rethrows -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline && process.isRunning {
                if try condition() { return true }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return false
        }

        /// Sends SIGINT and waits up to 5 s (a loaded 2-core machine) for the exit status.
        func interrupt() -> (status: Int32?, stderr: String) {
            process.interrupt()
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
                return (nil, "")
            }
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return (process.terminationStatus, text)
        }
    }

    /// Rows of `table` through rex itself (a separate connection).
    private func rows(_ table: String, connection: String) throws -> String {
        let result = try runRex(["--no-rc", "-c", connection, "--context", "server", "-e", "table \(table) | sort id"])
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    /// Runs `psql` on the test database and returns its unaligned output.
    private func psql(_ sql: String) throws -> String {
        let port = try #require(ProcessInfo.processInfo.environment["REX_TEST_PG_PORT"],
                                "REX_TEST_PG_PORT is not set: run the tests with `make test`")
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/psql"),
                                    ["-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "rex_test", "-Atc", sql])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func makeTarget(_ table: String, connection: String) throws {
        let made = try runRex(["--no-rc", "-c", connection, "-e",
                               ":exec DROP TABLE IF EXISTS \(table); CREATE TABLE \(table) (id bigint, name text); INSERT INTO \(table) VALUES (42, 'kept')"])
        #expect(made.status == 0, "\(made.stderr)")
    }

    @Test("SIGINT while the csv source is read: exit 130, the PostgreSQL target unchanged")
    func whileReadingCSV() throws {
        let connection = try TestEnvironment.postgres
        try makeTarget("ctrlc_read", connection: connection)
        let rex = try RunningRex(["-c", connection, "-e", "csv \"\(Self.bigCSV)\" -> table ctrlc_read replace"])
        Thread.sleep(forTimeInterval: 1.0) // reading 1,000,000 rows takes several seconds
        #expect(rex.process.isRunning, "the upload ended before the interrupt")
        let (status, stderr) = rex.interrupt()
        #expect(status == 130, "\(stderr)")
        #expect(stderr.contains("interrupted"))
        #expect(try rows("ctrlc_read", connection: connection) == "id,name\n42,kept\n")
    }

    @Test("SIGINT while batches are inserted into PostgreSQL: rolled back, exit 130")
    func whileInsertingPostgres() throws {
        let connection = try TestEnvironment.postgres
        try makeTarget("ctrlc_insert", connection: connection)
        let rex = try RunningRex(["-c", connection, "-e", "sample airline -> table ctrlc_insert replace"])
        let inserting = try rex.wait(upTo: 120) {
            try psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO \"ctrlc_insert\"%'") != "0"
        }
        #expect(inserting, "never saw the upload's INSERT statements")
        let (status, stderr) = rex.interrupt()
        #expect(status == 130, "\(stderr)")
        #expect(try rows("ctrlc_insert", connection: connection) == "id,name\n42,kept\n")
    }

    @Test("SIGINT while batches are inserted into SQLite: rolled back, exit 130")
    func whileInsertingSQLite() throws {
        let database = TestEnvironment.sqliteDatabase()
        try makeTarget("ctrlc_insert", connection: database.connectionString)
        let rex = try RunningRex(["-c", database.connectionString, "-e",
                                  "sample airline -> table ctrlc_insert replace"])
        // SQLite keeps a rollback journal beside the database while the transaction writes.
        let inserting = rex.wait(upTo: 120) { FileManager.default.fileExists(atPath: database.path + "-journal") }
        #expect(inserting, "never saw the upload's transaction")
        let (status, stderr) = rex.interrupt()
        #expect(status == 130, "\(stderr)")
        #expect(try rows("ctrlc_insert", connection: database.connectionString) == "id,name\n42,kept\n")
    }

    @Test("SIGINT while a csv sink is written: the old file unchanged, no temporary file left")
    func whileWritingSink() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let target = directory.appendingPathComponent("out.csv").path
        FileManager.default.createFile(atPath: target, contents: Data("old\n".utf8))
        let rex = try RunningRex(["-e", "sample airline -> csv \"\(target)\""])
        let writing = rex.wait(upTo: 120) {
            ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).contains { $0.hasPrefix(".out.csv") }
        }
        #expect(writing, "never saw the sink's temporary file")
        let (status, stderr) = rex.interrupt()
        #expect(status == 130, "\(stderr)")
        #expect(FileManager.default.contents(atPath: target) == Data("old\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
    }
}
