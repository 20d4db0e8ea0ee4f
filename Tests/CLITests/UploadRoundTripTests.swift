import Foundation
import RexTestSupport
import Testing

/// `-> table` from the real binary (REX_BINARY: the optimized one under scripts/test.sh), at
/// scale, on PostgreSQL and SQLite, checked by readers that are not rex: psql's `COPY … TO
/// STDOUT` and the sqlite3 shell, and by rex's own read back into CSV.
@Suite("rex uploads round-trip exactly at scale", .serialized)
struct UploadRoundTripTests {
    static let rowCount = 100_000
    static let sample = UploadSample(count: rowCount)

    @Test("100,000 CSV rows of every CSV type → -> table on PostgreSQL and SQLite are byte-identical after the round trip")
    func csvToTables() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let csv = directory.appendingPathComponent("data.csv")
        try Data(Self.sample.csv().utf8).write(to: csv)
        let sqlite = TestEnvironment.sqliteDatabase()
        defer { removeFolders(of: [csv.path, sqlite.path]) }
        let name = "rt_" + UUID().uuidString.prefix(8).lowercased()
        defer { _ = try? psql("DROP TABLE IF EXISTS \(name)") }
        let pgOut = directory.appendingPathComponent("pg.csv"), liteOut = directory.appendingPathComponent("lite.csv")
        let result = try runRex(["--no-rc"], input: """
            :connect \(try TestEnvironment.postgres) as pg
            csv "\(csv.path)" -> table \(name) replace
            :connect \(sqlite.connectionString) as lite
            csv "\(csv.path)" -> table \(name) replace
            :context server
            table \(name) | sort id -> csv "\(liteOut.path)"
            :use pg
            table \(name) | sort id -> csv "\(pgOut.path)"

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "wrote \(Self.rowCount) rows to table \(name)").count == 3, "\(result.stdout)")

        // The types CSV inference gave, as the servers describe them.
        let types = try psql("COPY (SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '\(name)' ORDER BY ordinal_position) TO STDOUT")
        #expect(types == "id\tbigint\ni\tbigint\nf\tdouble precision\nt\ttext\nb\tboolean\nd\tdate\nts\ttimestamp without time zone\n")
        let declared = try sqlite3(sqlite.path, "SELECT name, type FROM pragma_table_info('\(name)') ORDER BY cid")
        #expect(declared == "id|BIGINT\ni|BIGINT\nf|REAL\nt|TEXT\nb|BOOLEAN\nd|DATE\nts|TIMESTAMP\n")

        // Independent readers, in an explicit order.
        let copied = try psql("COPY (SELECT \(UploadSample.postgresSelect(bytes: false)) FROM \(name) ORDER BY id) TO STDOUT")
        let expectedCopy = Self.sample.postgresCopy(bytes: false)
        #expect(copied == expectedCopy, "psql: \(firstDifference(copied, expectedCopy) ?? "")")
        let printed = try sqlite3(sqlite.path, "SELECT \(UploadSample.sqliteSelect(bytes: false)) FROM \(name) ORDER BY id")
        let expectedLines = Self.sample.sqliteLines(bytes: false)
        #expect(printed == expectedLines, "sqlite3: \(firstDifference(printed, expectedLines) ?? "")")

        // rex reads its uploads back into the very CSV it read (SQLite's REAL keeps -0.0 as 0.0).
        let pgText = try String(contentsOf: pgOut, encoding: .utf8), liteText = try String(contentsOf: liteOut, encoding: .utf8)
        let original = Self.sample.csv(), withoutNegativeZero = Self.sample.csv(negativeZero: false)
        #expect(pgText == original, "rex from PostgreSQL: \(firstDifference(pgText, original) ?? "")")
        #expect(liteText == withoutNegativeZero, "rex from SQLite: \(firstDifference(liteText, withoutNegativeZero) ?? "")")
    }

    @Test("bytes cross between PostgreSQL and SQLite through rex, exactly, both ways")
    func bytesAcrossEngines() throws {
        let rows = Self.sample.rows
        let sqlite = TestEnvironment.sqliteDatabase()
        defer { removeFolders(of: [sqlite.path]) }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let hexSource = "hex_\(suffix)", fromLite = "bytes_lite_\(suffix)", fromPostgres = "bytes_pg_\(suffix)"
        defer { _ = try? psql("DROP TABLE IF EXISTS \(hexSource), \(fromLite), \(fromPostgres)") }
        // Sources written by the servers' own tools: hex text on PostgreSQL, blobs in SQLite.
        _ = try psql("CREATE TABLE \(hexSource) (id bigint, h text)")
        let copyIn = rows.map { "\($0.id)\t\($0.by.map { hex($0) } ?? "\\N")" }.joined(separator: "\n") + "\n"
        _ = try psqlInput("COPY \(hexSource) FROM STDIN", copyIn)
        var script = "BEGIN;\nCREATE TABLE src (id INTEGER, \"by\" BLOB);\n"
        for row in rows { script += "INSERT INTO src VALUES (\(row.id), \(row.by.map { "X'\(hex($0))'" } ?? "NULL"));\n" }
        script += "COMMIT;\n"
        let loaded = try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-batch", "-bail", sqlite.path], input: script)
        #expect(loaded.status == 0, "\(loaded.stderr)")

        let result = try runRex(["--no-rc"], input: """
            :connect \(try TestEnvironment.postgres) as pg
            let frompg = sql "SELECT id, decode(h, 'hex') AS by FROM \(hexSource)" | collect
            :connect \(sqlite.connectionString) as lite
            let fromlite = table src | collect
            frompg -> table copied replace
            :use pg
            fromlite -> table \(fromLite) replace
            frompg -> table \(fromPostgres) replace

            """)
        #expect(result.status == 0, "\(result.stderr)")

        let expectedHex = rows.map { "\($0.id)\t\($0.by.map { hex($0) } ?? "\\N")\n" }.joined()
        for table in [fromLite, fromPostgres] {
            let copied = try psql("COPY (SELECT id, encode(\"by\", 'hex') FROM \(table) ORDER BY id) TO STDOUT")
            #expect(copied == expectedHex, "\(table): \(firstDifference(copied, expectedHex) ?? "")")
        }
        let printed = try sqlite3(sqlite.path, "SELECT id, typeof(\"by\"), hex(\"by\") FROM copied ORDER BY id")
        let expectedLines = rows.map { "\($0.id)|\($0.by == nil ? "null" : "blob")|\($0.by.map { hex($0).uppercased() } ?? "")\n" }.joined()
        #expect(printed == expectedLines, "sqlite3: \(firstDifference(printed, expectedLines) ?? "")")
    }

    @Test("text with U+0000 is an error naming the column and row, and nothing is written", arguments: ["postgres", "sqlite"])
    func nulCharacter(server: String) throws {
        let directory = TestEnvironment.temporaryDirectory()
        let good = directory.appendingPathComponent("good.csv"), bad = directory.appendingPathComponent("bad.csv")
        try Data("k,a,t\n1,x,one\n2,y,two\n".utf8).write(to: good)
        try Data("k,a,t\n1,x,one\n2,y,\n3,z,\"nul\u{0}inside\"\n4,w,four\n".utf8).write(to: bad)
        let sqlite = TestEnvironment.sqliteDatabase()
        let connection = server == "postgres" ? try TestEnvironment.postgres : sqlite.connectionString
        let kept = "nul_kept_" + UUID().uuidString.prefix(8).lowercased(), fresh = "nul_new_" + UUID().uuidString.prefix(8).lowercased()
        defer { if server == "postgres" { _ = try? psql("DROP TABLE IF EXISTS \(kept), \(fresh)") } }
        let result = try runRex(["--no-rc", "--keep-going"], input: """
            :connect \(connection)
            csv "\(good.path)" -> table \(kept)
            csv "\(bad.path)" -> table \(kept) replace
            csv "\(bad.path)" -> table \(fresh)

            """)
        #expect(result.status == 1)
        let errors = result.stderr.components(separatedBy: "text in column 't', row 3, contains the character U+0000")
        #expect(errors.count == 3, "\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"), "\(result.stderr)")
        // The replaced table is as it was; the new one was never created.
        if server == "postgres" {
            #expect(try psql("COPY (SELECT k, a, t FROM \(kept) ORDER BY k) TO STDOUT") == "1\tx\tone\n2\ty\ttwo\n")
            #expect(try psql("COPY (SELECT count(*) FROM pg_tables WHERE tablename = '\(fresh)') TO STDOUT") == "0\n")
        } else {
            #expect(try sqlite3(sqlite.path, "SELECT k, a, t FROM \(kept) ORDER BY k") == "1|x|one\n2|y|two\n")
            #expect(try sqlite3(sqlite.path, "SELECT count(*) FROM sqlite_master WHERE name = '\(fresh)'") == "0\n")
        }
    }

    /// Deletes the temporary folders holding these files (tens of megabytes per run).
    private func removeFolders(of paths: [String]) {
        for path in paths { try? FileManager.default.removeItem(at: URL(fileURLWithPath: path).deletingLastPathComponent()) }
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }
}
