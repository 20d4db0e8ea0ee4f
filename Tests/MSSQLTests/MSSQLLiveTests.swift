import Foundation
import RexConformanceSupport
import RexODBC
import RexTestSupport
import Testing

// Tests against a live T-SQL server (SQL Server 2019+ or Babelfish for PostgreSQL) over TDS,
// whenever REX_TEST_MSSQL holds an ODBC connection string (issue 13), e.g.
//   REX_TEST_MSSQL='Driver={ODBC Driver 18 for SQL Server};Server=db1;Database=rextest;Uid=sa;Pwd=…;TrustServerCertificate=yes'
// Unset, the suite is skipped with one line. The login needs CREATE TABLE and CREATE SCHEMA
// (and KILL for the lost-connection test, which says so and passes without it). They rely only
// on what SQL Server 2019+ guarantees: a case-insensitive default collation (cases asserting
// code-point text semantics are marked `--- not tsql: …`), `datetime` to 1/300 s from 1753.

@Suite("Live T-SQL server (REX_TEST_MSSQL)", .serialized)
struct MSSQLLiveTests {
    /// The checks, one test case each when the server is there; one parameterized test, so an
    /// unset REX_TEST_MSSQL is one skipped line.
    enum Check: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case conformance, roundTrip, bytesRoundTrip, datetimeBefore1753, catalogWithSchemas, cancel,
             lostConnection, execBatch, analyticsAgree
        var testDescription: String { rawValue }
    }

    @Test("against the T-SQL server of REX_TEST_MSSQL", .serialized,
          .enabled(if: TestEnvironment.mssql != nil, "REX_TEST_MSSQL is not set: no live T-SQL server to test against"),
          arguments: Check.allCases)
    func live(_ check: Check) throws {
        switch check {
        case .conformance: try conformance()
        case .roundTrip: try roundTrip()
        case .bytesRoundTrip: try bytesRoundTrip()
        case .datetimeBefore1753: try datetimeBefore1753()
        case .catalogWithSchemas: try catalogWithSchemas()
        case .cancel: try cancel()
        case .lostConnection: try lostConnection()
        case .execBatch: try execBatch()
        case .analyticsAgree: try analyticsAgree()
        }
    }

    /// The server's connection string, once a connection proved that it answers and speaks
    /// T-SQL: an unreachable server fails here at once with the driver's message (08001,
    /// HYT00), not once per case after a login timeout each.
    /// The probe runs once per run; every check reports its outcome.
    static func server() throws -> String {
        try probe.get()
    }

    private static let probe: Result<String, Error> = Result {
        guard let text = TestEnvironment.mssql else { throw MissingService(message: "REX_TEST_MSSQL is not set") }
        let connection = try Connection(connectionString: text)
        defer { connection.close() }
        guard connection.serverKind.dialect == "tsql" else {
            throw MissingService(message: "REX_TEST_MSSQL is not a T-SQL server: \(connection.serverKind)")
        }
        return text
    }

    /// A name no other run uses (T-SQL names are case-insensitive: lower case only).
    static func uniqueName(_ stem: String) -> String {
        "rex_\(stem)_" + UUID().uuidString.prefix(8).lowercased()
    }

    /// Runs `statements` on a fresh connection (setup and cleanup that is not under test).
    static func execute(_ server: String, _ statements: [String]) throws {
        let connection = try Connection(connectionString: server)
        defer { connection.close() }
        for statement in statements { _ = try connection.execute(statement) }
    }

    /// The rows of `query` as text, on a fresh connection.
    static func query(_ server: String, _ query: String) throws -> [[String?]] {
        let connection = try Connection(connectionString: server)
        defer { connection.close() }
        return try connection.queryText(query)
    }

    // MARK: - (a) Conformance

    /// every conformance case through the T-SQL dialect, except those marked `not tsql`
    func conformance() throws {
        let server = try Self.server()
        let cases = try CaseFileParser.loadAll()
        let applicable = cases.filter { $0.applies(to: "tsql") }
        #expect(applicable.count >= 400)
        let runner = ConformanceRunner(engine: .tsql, postgres: server, tablePrefix: Self.uniqueName("c") + "_")
        var failures: [String] = []
        for testCase in applicable {
            if let failure = runner.run(testCase) { failures.append("\(testCase): \(failure)") }
        }
        print("T-SQL conformance: \(applicable.count - failures.count) of \(applicable.count) cases pass; \(cases.count - applicable.count) are marked `not tsql`")
        #expect(failures.isEmpty, "\(failures.count) of \(applicable.count) cases fail on the T-SQL server:\n\(failures.joined(separator: "\n"))")
    }

    // MARK: - (b) Round trips through -> table

    /// every CSV type round-trips through -> table: 64-bit edges, float extremes, non-BMP text with quotes and newlines, bools, dates 0001…9999, datetimes 1753…9999
    func roundTrip() throws {
        let server = try Self.server()
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.csv")
        // One row per line; row 2's text holds a newline and row 1's quotes (CSV-quoted).
        try Data("""
            id,i,f,t,b,d,ts
            1,-9223372036854775808,1.7976931348623157e308,"O'Brien said ""hi"" ]] [x]",true,0001-01-01,1753-01-01T00:00:00
            2,9223372036854775807,2.2250738585072014e-308,"two
            lines",false,9999-12-31,9999-12-31T23:59:59
            3,0,0.30000000000000004,𝄞 😀 naïve ∑,true,2024-02-29,2024-02-29T12:34:56
            4,,,,,,
            5,-1,-2.5,N'x',false,1970-01-01,1970-01-01T00:00:00

            """.utf8).write(to: input)
        let name = Self.uniqueName("rt")
        defer { try? Self.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        let local = directory.appendingPathComponent("local.csv"), back = directory.appendingPathComponent("back.csv")
        let result = try runRex(["--no-rc"], input: """
            csv "\(input.path)" | sort id -> csv "\(local.path)"
            :connect \(server) as ms
            csv "\(input.path)" -> table \(name)
            :context server
            table \(name) | sort id -> csv "\(back.path)"

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote 5 rows to table \(name)"), "\(result.stdout)")

        // The column types of SPEC §2's T-SQL mapping, as the server reports them.
        let types = try Self.query(server, """
            SELECT c.name, t.name, c.max_length FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.user_type_id
            WHERE c.object_id = OBJECT_ID(N'\(name)') ORDER BY c.column_id
            """)
        #expect(types.map { [$0[0], $0[1]] } == [["id", "bigint"], ["i", "bigint"], ["f", "float"], ["t", "nvarchar"],
                                                  ["b", "bit"], ["d", "date"], ["ts", "datetime"]])
        // Values as the server itself prints them (not rex's reader).
        let printed = try Self.query(server, """
            SELECT CAST(i AS nvarchar(30)),
                   CASE WHEN f IN (1.7976931348623157E308, 2.2250738585072014E-308, 0.30000000000000004E0) THEN N'exact' END,
                   CAST(LEN(t + N'x') - 1 AS nvarchar(10)), UNICODE(t),
                   CAST(b AS nvarchar(1)), CONVERT(nvarchar(10), d, 23), CONVERT(nvarchar(30), ts, 126)
            FROM [\(name)] ORDER BY id
            """)
        #expect(printed.first == ["-9223372036854775808", "exact", "24", "79", "1", "0001-01-01", "1753-01-01T00:00:00"])
        #expect(printed.dropFirst().first == ["9223372036854775807", "exact", "9", "116", "0", "9999-12-31", "9999-12-31T23:59:59"])
        // U+1D11E arrives as one character of two UTF-16 units (UNICODE gives the first unit under a non-SC collation).
        #expect(try Self.query(server, "SELECT COUNT(*) FROM [\(name)] WHERE t = N'𝄞 😀 naïve ∑'") == [["1"]])
        #expect(printed.dropFirst(3).first == [nil, nil, nil, nil, nil, nil, nil])

        // rex reads back exactly what it wrote: the same CSV as the local run of the same file.
        let localText = try String(contentsOf: local, encoding: .utf8), backText = try String(contentsOf: back, encoding: .utf8)
        #expect(backText == localText)
    }

    /// bytes round-trip through -> table, empty and null included
    func bytesRoundTrip() throws {
        let server = try Self.server()
        let name = Self.uniqueName("by")
        defer { try? Self.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        let result = try runRex(["--no-rc"], input: """
            :connect \(server) as ms
            let b = sql "SELECT CAST(1 AS bigint) AS id, 0x00FF10 AS v UNION ALL SELECT 2, CAST(NULL AS varbinary(max)) UNION ALL SELECT 3, 0x" | collect
            b -> table \(name)

            """)
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try Self.query(server, "SELECT CAST(id AS nvarchar(5)), CONVERT(nvarchar(max), v, 2) FROM [\(name)] ORDER BY id")
        #expect(rows == [["1", "00FF10"], ["2", nil], ["3", ""]])
    }

    /// a datetime before 1753 (outside T-SQL datetime, rex's mapping) is an error and leaves no table
    func datetimeBefore1753() throws {
        let server = try Self.server()
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("old.csv")
        try Data("id,ts\n1,2024-01-01T00:00:00\n2,1752-12-31T23:59:59\n".utf8).write(to: input)
        let name = Self.uniqueName("old")
        defer { try? Self.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        let result = try runRex(["--no-rc"], input: """
            :connect \(server) as ms
            csv "\(input.path)" -> table \(name)

            """)
        #expect(!result.stderr.isEmpty, "\(result.stdout)")
        #expect(try Self.query(server, "SELECT CASE WHEN OBJECT_ID(N'\(name)') IS NULL THEN 'absent' ELSE 'present' END") == [["absent"]])
    }

    // MARK: - (c) Catalog

    /// :tables lists a table in its own schema; :describe schema.table gives its columns and rex types
    func catalogWithSchemas() throws {
        let server = try Self.server()
        let schema = Self.uniqueName("s"), table = "people"
        try Self.execute(server, ["CREATE SCHEMA [\(schema)]",
                                  "CREATE TABLE [\(schema)].[\(table)] (id bigint, name nvarchar(50), born date, score float)"])
        defer { try? Self.execute(server, ["DROP TABLE IF EXISTS [\(schema)].[\(table)]", "DROP SCHEMA [\(schema)]"]) }
        let result = try runRex(["--no-rc", "--format", "csv"], input: """
            :connect \(server) as ms
            :tables \(table)
            :describe \(schema).\(table)
            table \(schema).\(table) | summarize n = count()

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\(schema),\(table),table"), "\(result.stdout)")
        for line in ["id,int,bigint", "name,text,nvarchar", "born,date,date", "score,float,float"] {
            #expect(result.stdout.contains(line), "\(line) missing in \(result.stdout)")
        }
        #expect(result.stdout.contains("n\n0\n"), "\(result.stdout)")
    }

    // MARK: - (d) Cancel

    /// cancel stops a long cross join within 5 s (no WAITFOR: not on every T-SQL server); the connection stays usable
    func cancel() throws {
        let connection = try Connection(connectionString: try Self.server())
        defer { connection.close() }
        let outcome = Outcome()
        let started = Date()
        let worker = Thread {
            do {
                _ = try connection.queryText("""
                    SELECT COUNT_BIG(*) FROM sys.all_objects a CROSS JOIN sys.all_objects b
                    CROSS JOIN sys.all_objects c CROSS JOIN sys.all_objects d
                    """)
                outcome.set(.success(()))
            } catch {
                outcome.set(.failure(error))
            }
        }
        worker.start()
        // Cancel until the worker returns (a cancel before the statement starts does nothing).
        while outcome.get() == nil, Date().timeIntervalSince(started) < 5 {
            Thread.sleep(forTimeInterval: 0.2)
            connection.cancel()
        }
        let result = try #require(outcome.get(), "the cross join was not cancelled within 5 s")
        guard case .failure(let error) = result else { Issue.record("the cross join finished before any cancel"); return }
        let odbcError = try #require(error as? ODBCError, "got \(error)")
        #expect(odbcError.isCancelled, "got \(odbcError)")
        #expect(!odbcError.isConnectionLost)
        #expect(try connection.queryText("SELECT 40 + 2") == [["42"]])
    }

    // MARK: - (e) Lost connection

    /// a session killed on the server gives a clear lost-connection error; the REPL goes on
    func lostConnection() throws {
        let server = try Self.server()
        let spidTable = Self.uniqueName("spid")
        defer { try? Self.execute(server, ["DROP TABLE IF EXISTS [\(spidTable)]"]) }
        let result = try runRex(["--no-rc", "--format", "csv"], input: """
            :connect \(server) as victim
            :exec CREATE TABLE [\(spidTable)] (spid int); INSERT INTO [\(spidTable)] VALUES (@@SPID)
            :connect \(server) as killer
            :exec DECLARE @k nvarchar(40) = N'KILL ' + (SELECT CAST(spid AS nvarchar(10)) FROM [\(spidTable)]); EXEC (@k)
            :use victim
            :exec SELECT 1 AS one
            :use killer
            :exec SELECT 42 AS answer

            """)
        if result.stderr.localizedCaseInsensitiveContains("permission") {
            print("lost connection: skipped, the login may not KILL: \(result.stderr.split(separator: "\n").first ?? "")")
            return
        }
        #expect(result.stderr.contains("the connection to the server was lost"), "\(result.stderr)")
        #expect(result.stdout.contains("answer\n42\n"), "the REPL did not go on: \(result.stdout)\n\(result.stderr)")
    }

    // MARK: - (f) :exec

    /// :exec shows several result sets, row counts, and PRINT / RAISERROR(…, 0, 1) messages
    func execBatch() throws {
        let server = try Self.server()
        let name = Self.uniqueName("ex")
        defer { try? Self.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        let result = try runRex(["--no-rc", "--format", "csv"], input: """
            :connect \(server) as ms
            :exec \"""
            CREATE TABLE [\(name)] (a int);
            INSERT INTO [\(name)] VALUES (1), (2), (3);
            SELECT a FROM [\(name)] ORDER BY a;
            PRINT N'hello from PRINT';
            RAISERROR(N'note from RAISERROR %d', 0, 1, 7);
            UPDATE [\(name)] SET a = a + 10 WHERE a > 1;
            SELECT N'second' AS b, N'naïve 😀' AS c;
            \"""

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("3 rows affected"), "\(result.stdout)")
        #expect(result.stdout.contains("a\n1\n2\n3\n"), "\(result.stdout)")
        #expect(result.stdout.contains("2 rows affected"), "\(result.stdout)")
        #expect(result.stdout.contains("b,c\nsecond,naïve 😀\n"), "\(result.stdout)")
        #expect(result.stderr.contains("hello from PRINT"), "\(result.stderr)")
        #expect(result.stderr.contains("note from RAISERROR 7"), "\(result.stderr)")
    }

    // MARK: - (g) Analytics in server context

    /// summary and linmod in server context agree with the local context on the same data
    func analyticsAgree() throws {
        let server = try Self.server()
        let name = Self.uniqueName("iris")
        defer { try? Self.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputs = ["summary-server", "summary-local", "linmod-server", "linmod-local"].map {
            directory.appendingPathComponent($0 + ".csv")
        }
        let result = try runRex(["--no-rc"], input: """
            :connect \(server) as ms
            sample iris -> table \(name)
            :context server
            table \(name) | summary -> csv "\(outputs[0].path)"
            table \(name) | linmod Sepal_Length ~ Petal_Length + Species -> csv "\(outputs[2].path)"
            :context local
            sample iris | summary -> csv "\(outputs[1].path)"
            sample iris | linmod Sepal_Length ~ Petal_Length + Species -> csv "\(outputs[3].path)"

            """)
        #expect(result.status == 0, "\(result.stderr)")
        for (server, local) in [(outputs[0], outputs[1]), (outputs[2], outputs[3])] {
            let a = try String(contentsOf: server, encoding: .utf8), b = try String(contentsOf: local, encoding: .utf8)
            #expect(a.split(separator: "\n").count > 2, "\(server.lastPathComponent): \(a)")
            if let difference = numericDifference(a, b) { Issue.record("\(server.lastPathComponent) vs local: \(difference)") }
        }
    }
}

/// Where two CSV texts differ, cells compared as numbers to 1e-9 relative where both parse
/// (the server sums in another order), else exactly; nil when they agree.
private func numericDifference(_ a: String, _ b: String) -> String? {
    let left = a.split(separator: "\n", omittingEmptySubsequences: false), right = b.split(separator: "\n", omittingEmptySubsequences: false)
    guard left.count == right.count else { return "\(left.count) lines vs \(right.count)" }
    for (lineA, lineB) in zip(left, right) {
        let cellsA = lineA.split(separator: ",", omittingEmptySubsequences: false)
        let cellsB = lineB.split(separator: ",", omittingEmptySubsequences: false)
        guard cellsA.count == cellsB.count else { return "'\(lineA)' vs '\(lineB)'" }
        for (x, y) in zip(cellsA, cellsB) where x != y {
            guard let u = Double(x), let v = Double(y), abs(u - v) <= 1e-9 * max(abs(u), abs(v), 1e-300) else {
                return "'\(lineA)' vs '\(lineB)'"
            }
        }
    }
    return nil
}

/// The worker's result, read from the test's thread.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Result<Void, Error>?
    func set(_ result: Result<Void, Error>) { lock.lock(); value = result; lock.unlock() }
    func get() -> Result<Void, Error>? { lock.lock(); defer { lock.unlock() }; return value }
}
