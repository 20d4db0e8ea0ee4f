import Foundation
import RexData
import RexTestSupport
import Testing

// `-> table` through SQL Server's bulk-copy API (issue 13), against the live T-SQL server of
// REX_TEST_MSSQL (skipped with one line when it is unset). Every upload runs with `:set echo on`,
// whose "-- bulk copy (bcp) into" line proves the rows went through bcp and not the fallback.
// Names are lower case (T-SQL names are case-insensitive) and unique per run.

@Suite("Live T-SQL server: BulkCopy uploads (REX_TEST_MSSQL)", .serialized)
struct MSSQLBulkCopyTests {
    enum Check: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case everyTypeAtScale, bytesAtScale, errorMidwayLeavesTargetUnchanged, appendAndReplace, temporaryUpload
        var testDescription: String { rawValue }
    }

    @Test("bulk copy against the T-SQL server of REX_TEST_MSSQL", .serialized,
          .enabled(if: TestEnvironment.mssql != nil, "REX_TEST_MSSQL is not set: no live T-SQL server to test against"),
          arguments: Check.allCases)
    func live(_ check: Check) throws {
        switch check {
        case .everyTypeAtScale: try everyTypeAtScale()
        case .bytesAtScale: try bytesAtScale()
        case .errorMidwayLeavesTargetUnchanged: try errorMidwayLeavesTargetUnchanged()
        case .appendAndReplace: try appendAndReplace()
        case .temporaryUpload: try temporaryUpload()
        }
    }

    static let bulkCopyLine = "-- bulk copy (bcp) into"

    /// The live check's input, checked here without a server: every row reads, with one
    /// column of each CSV type.
    @Test("the every-type CSV of the live check reads as int, int, float, text, bool, date, datetime")
    func everyTypeCSVReads() throws {
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("every.csv")
        try Data(Self.everyTypeCSV(rows: 20_000).utf8).write(to: input)
        let result = try runRex(["--no-rc", "--format", "table"], input: """
            csv "\(input.path)" | take 1 | select id, i, f
            csv "\(input.path)" | take 1 | select t, b, d, ts
            csv "\(input.path)" | summarize n = count(), empty = count(if(t == "", 1, null)), long = count(if(length(t) > 4000, 1, null)), ts = count(ts), early = min(d), late = max(d)

            """)
        #expect(result.status == 0, "\(result.stderr)")
        // The type lines under the headers of the two one-row tables.
        let typeNames: Set<String> = ["int", "float", "text", "bool", "date", "datetime", "bytes"]
        let types = result.stdout.components(separatedBy: "\n")
            .map { $0.split(separator: "│").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            .filter { !$0.isEmpty && $0.allSatisfy(typeNames.contains) }.prefix(2).flatMap { $0 }
        #expect(types == ["int", "int", "float", "text", "bool", "date", "datetime"], "\(result.stdout)")
        #expect(result.stdout.contains("20000"), "\(result.stdout)")
        #expect(result.stdout.contains("│ 0001-") && result.stdout.contains("│ 9999-"), "\(result.stdout)")
    }

    /// Tables whose name says they are staging tables (none may be left behind).
    static func stagingTables(_ server: String) throws -> [String] {
        try MSSQLLiveTests.query(server, "SELECT name FROM sys.tables WHERE name LIKE N'rex[_]staging[_]%' ORDER BY name")
            .compactMap { $0.first ?? nil }
    }

    /// A deterministic CSV of `rows` rows of every CSV type (bigint edges, floats with 17
    /// digits and extremes, text with quotes, newlines, non-BMP characters, empty strings and
    /// values over 4,000 characters, bools, dates 0001…9999, datetimes 1753…9999 in whole
    /// seconds), 5% NULLs in each column but `id`.
    static func everyTypeCSV(rows: Int, seed: UInt64 = 13) -> String {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        func null() -> Bool { next() % 20 == 0 }
        let texts = ["O'Brien said \"hi\" ]] [x]", "two\nlines", "𝄞 😀 naïve ∑", "", "N'x'", " trailing ", String(repeating: "long·", count: 2_000)]
        var lines = ["id,i,f,t,b,d,ts"]
        lines.reserveCapacity(rows + 1)
        for id in 1...rows {
            var cells = [String(id)]
            switch id % 7 {
            case 0: cells.append(null() ? "" : String(Int64.min))
            case 1: cells.append(null() ? "" : String(Int64.max))
            default: cells.append(null() ? "" : String(Int64(bitPattern: next())))
            }
            let float: String
            switch id % 11 {
            case 0: float = "1.7976931348623157e308"
            case 1: float = "2.2250738585072014e-308"
            case 2: float = "-0.30000000000000004"
            default: float = "\(Double(bitPattern: next() >> 2 | 0x3000_0000_0000_0000))"
            }
            cells.append(null() ? "" : float)
            let text = texts[Int(next() % UInt64(texts.count))]
            cells.append(null() ? "" : "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            cells.append(null() ? "" : (next() % 2 == 0 ? "true" : "false"))
            let day = Int64(next() % 3_652_059) - 719_162   // 0001-01-01 … 9999-12-31
            cells.append(null() ? "" : civil(day))
            // Days since 1970 from 1753-01-01 to 9999-12-31, whole seconds (datetime keeps them exactly).
            let second = (Int64(next() % UInt64(2_958_463 + 53_690 + 1)) - 53_690 - 25_567) * 86_400 + Int64(next() % 86_400)
            cells.append(null() ? "" : civilTime(second))
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The ISO date `days` days after 1970-01-01.
    static func civil(_ days: Int64) -> String { CivilDate(daysSinceEpoch: days).iso }

    static func civilTime(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        return civil(days) + String(format: "T%02lld:%02lld:%02lld", rest / 3600, rest / 60 % 60, rest % 60)
    }

    /// 100,000 rows of every CSV type through bcp, read back exactly (the same CSV as the
    /// local run of the same file); the column types of SPEC §2's T-SQL mapping; no staging
    /// table left; no sp_rename caution shown
    func everyTypeAtScale() throws {
        let server = try MSSQLLiveTests.server()
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("every.csv")
        try Data(Self.everyTypeCSV(rows: 100_000).utf8).write(to: input)
        let name = MSSQLLiveTests.uniqueName("bcp")
        defer { try? MSSQLLiveTests.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        let stagingBefore = try Self.stagingTables(server)
        let local = directory.appendingPathComponent("local.csv"), back = directory.appendingPathComponent("back.csv")
        let result = try runRex(["--no-rc"], input: """
            csv "\(input.path)" | sort id -> csv "\(local.path)"
            :connect \(server) as ms
            :set echo on
            csv "\(input.path)" -> table \(name)
            :set echo off
            :context server
            table \(name) | sort id -> csv "\(back.path)"

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote 100000 rows to table \(name)"), "\(result.stdout)")
        #expect(result.stderr.contains(Self.bulkCopyLine), "not bulk-copied:\n\(result.stderr)")
        #expect(!result.stderr.contains("Caution") && !result.stdout.contains("Caution"), "\(result.stderr)")
        let types = try MSSQLLiveTests.query(server, """
            SELECT c.name, t.name FROM sys.columns c JOIN sys.types t ON t.user_type_id = c.user_type_id
            WHERE c.object_id = OBJECT_ID(N'\(name)') ORDER BY c.column_id
            """)
        #expect(types == [["id", "bigint"], ["i", "bigint"], ["f", "float"], ["t", "nvarchar"], ["b", "bit"],
                          ["d", "date"], ["ts", "datetime"]])
        // Empty strings stay empty strings (not NULL) on the server itself.
        let empty = try MSSQLLiveTests.query(server, "SELECT COUNT_BIG(*) FROM [\(name)] WHERE t = N'' AND DATALENGTH(t) = 0")
        #expect((Int(empty.first?.first.flatMap { $0 } ?? "0") ?? 0) > 1_000, "\(empty)")
        let localText = try String(contentsOf: local, encoding: .utf8), backText = try String(contentsOf: back, encoding: .utf8)
        #expect(backText == localText, "the read-back differs from the file")
        #expect(try Self.stagingTables(server) == stagingBefore)
    }

    /// 100,000 rows of bytes (empty, NULL, 1 to 20,000 bytes) collected from the server and
    /// bulk-copied back, byte for byte
    func bytesAtScale() throws {
        let server = try MSSQLLiveTests.server()
        let name = MSSQLLiveTests.uniqueName("bcpb")
        defer { try? MSSQLLiveTests.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        // n = 0 … 99,999; v: NULL every 17th, empty every 13th, else n as binary(8) (zero bytes
        // included) and then 0 … 49 letters, or 9,000 … 9,999 every 100th (varbinary(max) values
        // past 8,000 bytes). No CTE: a T-SQL `sql` source with WITH cannot be wrapped (SPEC §3).
        let digits = "(VALUES (0),(1),(2),(3),(4),(5),(6),(7),(8),(9))"
        let generator = "SELECT CAST(n AS bigint) AS id, CASE WHEN n % 17 = 0 THEN NULL WHEN n % 13 = 0 THEN 0x "
            + "ELSE CAST(CAST(n AS bigint) AS binary(8)) + CAST(REPLICATE(CAST(CHAR(65 + n % 26) AS varchar(max)), "
            + "CASE WHEN n % 100 = 0 THEN 9000 + n % 1000 ELSE n % 50 END) AS varbinary(max)) END AS v "
            + "FROM (SELECT a.v + 10 * b.v + 100 * c.v + 1000 * e.v + 10000 * f.v AS n FROM \(digits) AS a(v) "
            + "CROSS JOIN \(digits) AS b(v) CROSS JOIN \(digits) AS c(v) CROSS JOIN \(digits) AS e(v) CROSS JOIN \(digits) AS f(v)) AS g"
        let result = try runRex(["--no-rc", "--format", "csv"], input: """
            :connect \(server) as ms
            let b = sql "\(generator)" | collect
            :set echo on
            b -> table \(name)

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote 100000 rows to table \(name)"), "\(result.stdout)")
        #expect(result.stderr.contains(Self.bulkCopyLine), "not bulk-copied:\n\(result.stderr)")
        let compared = try MSSQLLiveTests.query(server, """
            SELECT COUNT_BIG(*),
                   SUM(CASE WHEN (x.v IS NULL AND u.v IS NULL) OR (x.v = u.v AND DATALENGTH(x.v) = DATALENGTH(u.v)) THEN 1 ELSE 0 END)
            FROM (\(generator)) AS x JOIN [\(name)] u ON u.id = x.id
            """)
        #expect(compared == [["100000", "100000"]], "\(compared)")
    }

    /// an error after 100,000 rows were bulk-copied (a datetime before 1753 in the second part of
    /// a streamed file) fails the statement, leaves the target's rows as they were (replace and
    /// append) and leaves no staging table
    func errorMidwayLeavesTargetUnchanged() throws {
        let server = try MSSQLLiveTests.server()
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var text = "id,ts\n"
        for id in 1...150_000 { text += "\(id),\(id == 140_000 ? "1700-01-01T00:00:00" : "2024-01-01T00:00:00")\n" }
        let bad = directory.appendingPathComponent("bad.csv")
        try Data(text.utf8).write(to: bad)
        let name = MSSQLLiveTests.uniqueName("mid")
        defer { try? MSSQLLiveTests.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        try MSSQLLiveTests.execute(server, ["CREATE TABLE [\(name)] (id bigint, ts datetime)",
                                            "INSERT INTO [\(name)] VALUES (1, '2000-01-01'), (2, NULL)"])
        let stagingBefore = try Self.stagingTables(server)
        for mode in ["replace", "append"] {
            let result = try runRex(["--no-rc"], input: """
                :connect \(server) as ms
                :set echo on
                csv "\(bad.path)" -> table \(name) \(mode)

                """)
            #expect(result.status != 0, "\(mode): \(result.stdout)")
            #expect(result.stderr.contains(Self.bulkCopyLine), "\(mode): not bulk-copied:\n\(result.stderr)")
            #expect(result.stderr.contains("row 140000"), "\(mode): \(result.stderr)")
            #expect(try MSSQLLiveTests.query(server, "SELECT CAST(id AS nvarchar(5)), CONVERT(nvarchar(30), ts, 126) FROM [\(name)] ORDER BY id")
                == [["1", "2000-01-01T00:00:00"], ["2", nil]], "\(mode)")
            #expect(try Self.stagingTables(server) == stagingBefore, "\(mode)")
        }
    }

    /// create, then append (columns matched by name, in another order), then replace: each
    /// through bcp and one swap
    func appendAndReplace() throws {
        let server = try MSSQLLiveTests.server()
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let first = directory.appendingPathComponent("a.csv"), more = directory.appendingPathComponent("b.csv"),
            other = directory.appendingPathComponent("c.csv")
        try Data("id,name\n1,one\n2,two\n".utf8).write(to: first)
        try Data("name,id\nthree,3\n,4\n".utf8).write(to: more)
        try Data("id,name\n10,ten\n".utf8).write(to: other)
        let name = MSSQLLiveTests.uniqueName("modes")
        defer { try? MSSQLLiveTests.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        let stagingBefore = try Self.stagingTables(server)
        let result = try runRex(["--no-rc"], input: """
            :connect \(server) as ms
            :set echo on
            csv "\(first.path)" -> table \(name)
            csv "\(more.path)" -> table \(name) append

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.components(separatedBy: Self.bulkCopyLine).count == 3, "\(result.stderr)")
        #expect(result.stdout.contains("appended 2 rows to table \(name)"), "\(result.stdout)")
        #expect(try MSSQLLiveTests.query(server, "SELECT CAST(id AS nvarchar(5)), name FROM [\(name)] ORDER BY id")
            == [["1", "one"], ["2", "two"], ["3", "three"], ["4", nil]])
        let replaced = try runRex(["--no-rc", "--keep-going"], input: """
            :connect \(server) as ms
            :set echo on
            csv "\(first.path)" -> table \(name)
            csv "\(other.path)" -> table \(name) replace

            """)
        #expect(replaced.stderr.contains("already exists"), "create over an existing table: \(replaced.stderr)")
        #expect(replaced.stdout.contains("wrote 1 row to table \(name)"), "\(replaced.stdout)\n\(replaced.stderr)")
        #expect(try MSSQLLiveTests.query(server, "SELECT CAST(id AS nvarchar(5)), name FROM [\(name)] ORDER BY id") == [["10", "ten"]])
        #expect(try Self.stagingTables(server) == stagingBefore)
    }

    /// a local CSV of every type joined with a server table in the server context: its
    /// temporary table (`#rex_…`) is bulk-copied, the answer is the local context's, and the
    /// same with `:set bulk_copy off` (parameter arrays)
    func temporaryUpload() throws {
        let server = try MSSQLLiveTests.server()
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("every.csv"), ids = directory.appendingPathComponent("ids.csv")
        try Data(Self.everyTypeCSV(rows: 20_000, seed: 29).utf8).write(to: input)
        try Data(("id\n" + stride(from: 1, through: 20_000, by: 3).map(String.init).joined(separator: "\n") + "\n").utf8).write(to: ids)
        let name = MSSQLLiveTests.uniqueName("tmpids")
        defer { try? MSSQLLiveTests.execute(server, ["DROP TABLE IF EXISTS [\(name)]"]) }
        let local = directory.appendingPathComponent("local.csv"), back = directory.appendingPathComponent("back.csv"),
            arrays = directory.appendingPathComponent("arrays.csv")
        let pipeline = "table \(name) | join csv \"\(input.path)\" on id | sort id"
        let result = try runRex(["--no-rc"], input: """
            csv "\(ids.path)" | join csv "\(input.path)" on id | sort id -> csv "\(local.path)"
            :connect \(server) as ms
            csv "\(ids.path)" -> table \(name)
            :context server
            :set echo on
            \(pipeline) -> csv "\(back.path)"
            :set echo off
            :set bulk_copy off
            \(pipeline) -> csv "\(arrays.path)"

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(Self.bulkCopyLine + " [#rex_"), "not bulk-copied:\n\(result.stderr)")
        let localText = try String(contentsOf: local, encoding: .utf8)
        #expect(localText.components(separatedBy: "\n").count == 6_669, "\(localText.prefix(300))")
        #expect(try String(contentsOf: back, encoding: .utf8) == localText, "bulk copy: the server's answer differs")
        #expect(try String(contentsOf: arrays, encoding: .utf8) == localText, "parameter arrays: the server's answer differs")
    }
}
