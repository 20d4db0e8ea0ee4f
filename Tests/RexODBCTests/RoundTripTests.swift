import Foundation
import RexData
import RexODBC
import RexTestSupport
import Testing

/// Every type with NULLs and edge values, inserted in bulk and read back, on each server.
@Suite("Insert → fetch round trips through real drivers", .serialized)
struct RoundTripTests {
    static let longText = String(repeating: "a", count: 4_001)
    static let veryLongText = String(repeating: "日本語のテキスト ✓ ", count: 10_000).prefix(100_000).description
    static let bigBlob = pseudoRandomBytes(5 * 1024 * 1024)

    /// Rows keyed by `k`; row 3 is all NULL; floats include NaN (which rex reads back as NULL).
    static func sample(for server: TestServer) -> (input: Table, expected: [[Value]]) {
        // Every server keeps every bit of a double (SQLite's are read as m·2^e, ExactRead) and
        // microseconds of a datetime (SQLite's are uploaded as ISO text, not SQL_TIMESTAMP).
        let finest = 1
        let largest = -1.7976931348623157e308
        let schema = Schema([Field("k", .int), Field("i", .int), Field("f", .float), Field("t", .text), Field("b", .bool),
                             Field("d", .date), Field("ts", .datetime), Field("by", .bytes)])
        let rows: [[Value]] = [
            [.int(1), .int(.min), .float(0.1 + 0.2), .text(""), .bool(true), .date(day(1, 1, 1)),
             .datetime(instant(1, 1, 1)), .bytes([])],
            [.int(2), .int(.max), .float(largest), .text("a"), .bool(false), .date(day(9999, 12, 31)),
             .datetime(instant(9999, 12, 31, 23, 59, 59, micros: 999_000)), .bytes([0, 1, 255])],
            [.int(3), .int(0), .float(5e-324), .text(longText), .bool(true), .date(day(1899, 12, 31)),
             .datetime(instant(1850, 6, 15, 12, 34, 56, micros: 789_000)), .bytes(bigBlob)],
            [.int(4), .null, .null, .null, .null, .null, .null, .null],
            [.int(5), .int(-1), .float(.nan), .text(veryLongText), .bool(false), .date(day(1970, 1, 1)),
             .datetime(instant(1969, 12, 31, 23, 59, 59)), .bytes(Array(repeating: 0, count: 9_000))],
            [.int(6), .int(42), .float(.infinity), .text("x"), .null, .date(day(2024, 2, 29)),
             .datetime(instant(2024, 2, 29, 8, 30)), .null],
            [.int(7), .int(43), .float(-.infinity), .text(" trailing "), .bool(true), .date(day(2000, 1, 1)),
             .datetime(instant(2000, 1, 1, 0, 0, 0, micros: finest)), .bytes([0x89, 0x50, 0x4E, 0x47])],
        ]
        let columns = schema.fields.indices.map { index in Column(type: schema.fields[index].type, values: rows.map { $0[index] }) }
        let expected = rows.map { row in row.map { value -> Value in
            if case .float(let x) = value, x.isNaN { return .null }
            return value
        } }
        return (Table(schema: schema, columns: columns), expected)
    }

    static let cases: [(TestServer, BulkInsertMethod?)] = [
        (.postgres, nil), (.postgres, .multiRowValues), (.postgres, .parameterArrays), (.sqlite, nil),
    ]

    @Test("every type with NULLs and edge values", arguments: cases)
    func everyType(server: TestServer, method: BulkInsertMethod?) throws {
        let connection = try server.connect()
        let (input, expected) = Self.sample(for: server)
        let name = uniqueTableName("rt")
        try createAndInsert(input, named: name, on: server, connection: connection, method: method)
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }

        let table = try readBack(name, schema: input.schema, on: server, connection: connection)
        #expect(table.schema == input.schema)
        expectSameRows(table, expected, "\(server) \(String(describing: method))")
    }

    @Test("small blocks, and row-wise fetching, give the same table", arguments: TestServer.allCases)
    func blockSizes(server: TestServer) throws {
        let connection = try server.connect()
        let (input, expected) = Self.sample(for: server)
        let name = uniqueTableName("blk")
        try createAndInsert(input, named: name, on: server, connection: connection)
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        let small = try readBack(name, schema: input.schema, on: server, connection: connection, options: FetchOptions(rowsPerBlock: 2))
        expectSameRows(small, expected, "\(server) blocks of 2")
        let rowWise = try readBack(name, schema: input.schema, on: server, connection: connection, options: FetchOptions(rowWise: true))
        expectSameRows(rowWise, expected, "\(server) row-wise")
    }

    @Test("text bound narrow at first widens between blocks and stays exact, read whole or block by block",
          arguments: TestServer.allCases)
    func textWidening(server: TestServer) throws {
        // Short values, then runs of values around and beyond each bound width (64, 256 and
        // 1,024 UTF-16 units), some not ASCII or needing surrogate pairs, then short ones again.
        let lengths = [3, 20, 0, 64, 65, 63, 200, 257, 300, 1_023, 1_025, 1_100, 5_000, 9_000, 2, 70, 1]
        var texts: [Value] = []
        for (index, length) in lengths.enumerated() {
            for copy in 0..<6 {
                let unit = ["a", "é", "日", "😀"][(index + copy) % 4]
                texts.append(copy == 5 ? .null : .text(String(repeating: unit, count: length)))
            }
        }
        let schema = Schema([Field("k", .int), Field("t", .text)])
        let expected = texts.enumerated().map { [Value.int(Int64($0.offset)), $0.element] }
        let input = Table(schema: schema, columns: [Column(type: .int, values: expected.map { $0[0] }),
                                                    Column(type: .text, values: texts)])
        let connection = try server.connect()
        let name = uniqueTableName("wide")
        try createAndInsert(input, named: name, on: server, connection: connection)
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        for rowsPerBlock in [4, 16, 1_000] {
            let whole = try readBack(name, schema: schema, on: server, connection: connection,
                                     options: FetchOptions(rowsPerBlock: rowsPerBlock))
            expectSameRows(whole, expected, "\(server) fetchAll, blocks of \(rowsPerBlock)")
            let stream = try connection.query("SELECT k, t FROM \(quoted(name)) ORDER BY k",
                                              options: FetchOptions(rowsPerBlock: rowsPerBlock, requestedTypes: [.int, .text]))
            defer { stream.close() }
            var blocks: [Table] = []
            while let block = try stream.nextBlock() { blocks.append(block) }
            expectSameRows(Table(concatenating: blocks, schema: schema), expected, "\(server) nextBlock, blocks of \(rowsPerBlock)")
        }
    }

    @Test("Unicode text is exact both ways, in the C locale", arguments: TestServer.allCases)
    func unicode(server: TestServer) throws {
        // The process locale is what LANG=C gives a program that calls setlocale(LC_ALL, ""):
        // set it explicitly and prove it, so the result cannot depend on the environment.
        setlocale(LC_ALL, "C")
        #expect(String(cString: setlocale(LC_CTYPE, nil)) == "C")
        let texts = ["日本語", "中文字符", "한국어", "😀👍🏽👨‍👩‍👧‍👦", "שלום עולם", "مرحبا", "e\u{301}", "naïve café", "\u{1D11E}\u{E000}\u{FFFD}", "Ω≈ç√∫", "tab\tnew\nline", "quote ' \" \\"]
        let schema = Schema([Field("k", .int), Field("t", .text)])
        let input = Table(schema: schema, columns: [
            Column(type: .int, values: texts.indices.map { .int(Int64($0)) }),
            Column(type: .text, values: texts.map { .text($0) }),
        ])
        let connection = try server.connect()
        let name = uniqueTableName("uni")
        try createAndInsert(input, named: name, on: server, connection: connection)
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        let table = try readBack(name, schema: schema, on: server, connection: connection)
        #expect(rows(table) == rows(input))
        // Literals in SQL text reach the server intact too (wide SQLExecDirect).
        let literal = try connection.fetchAll("SELECT 'e\u{301} 😀 日本' AS x")
        #expect(literal.row(0) == [.text("e\u{301} 😀 日本")])
        // The server sees the right characters, not bytes: its length function agrees.
        let lengthFunction = server == .postgres ? "char_length" : "length"
        let length = try connection.fetchAll("SELECT \(lengthFunction)(t) FROM \(quoted(name)) WHERE k = 0")
        #expect(length.row(0) == [.int(3)])
    }

    @Test("Unicode is exact in a process started with LANG=C LC_ALL=C", arguments: TestServer.allCases)
    func unicodeUnderCLocale(server: TestServer) throws {
        let text = "e\u{301} 😀 日本語 שלום 한국어 \u{1D11E}"
        let connectionString: String
        switch server {
        case .postgres:
            connectionString = try TestEnvironment.postgres
        case .sqlite:
            let database = TestEnvironment.sqliteDatabase()
            connectionString = database.connectionString
            let connection = try Connection(connectionString: connectionString)
            try createAndInsert(Table(schema: Schema([Field("k", .int), Field("t", .text)]), columns: [
                Column(type: .int, values: [.int(1)]), Column(type: .text, values: [.text(text)])]),
                named: "u", on: .sqlite, connection: connection)
        }
        // Literal in the SQL text, and (SQLite) a stored value.
        let sql = server == .postgres ? "SELECT '\(text)' AS t, char_length('\(text)') AS n" : "SELECT '\(text)' AS t, t AS stored FROM u"
        let result = try runProcess(benchExecutable, ["--values", connectionString, sql],
                                    environment: ["LANG": "C", "LC_ALL": "C", "LC_CTYPE": nil])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "locale=C")
        let expected = server == .postgres ? "\(text)\t\(text.unicodeScalars.count)" : "\(text)\t\(text)"
        #expect(lines.dropFirst().first == expected)
    }

    @Test("PostgreSQL: timestamptz is read in UTC, uuid and time as text, numeric as float")
    func postgresTypes() throws {
        let connection = try TestServer.postgres.connect()
        let table = try connection.fetchAll("""
            SELECT TIMESTAMPTZ '2024-03-01 10:00:00.5+05:30' AS tz, '6ecd8c99-4036-403d-bf84-cf8400f67836'::uuid AS u,
                   TIME '23:59:59.25' AS tm, 12.345::numeric(10,3) AS n, 7::smallint AS s, 1.5::real AS r
            """)
        #expect(table.schema == Schema([Field("tz", .datetime), Field("u", .text), Field("tm", .text), Field("n", .float),
                                        Field("s", .int), Field("r", .float)]))
        #expect(table.row(0) == [.datetime(instant(2024, 3, 1, 4, 30, 0, micros: 500_000)), .text("6ecd8c99-4036-403d-bf84-cf8400f67836"),
                                 .text("23:59:59.25"), .float(12.345), .int(7), .float(1.5)])
    }

    @Test("an unsupported server type is an error naming the column and the type")
    func unsupportedType() throws {
        let connection = try TestServer.postgres.connect()
        let error = try #require(throws: UnsupportedColumnType.self) {
            _ = try connection.fetchAll("SELECT 1 AS ok, point(1, 2) AS span")
        }
        #expect(error.column == "span")
        #expect(error.description.contains("'span'") && error.description.contains("cast"), "got \(error)")
    }

    @Test("describe gives the result schema without running the query", arguments: TestServer.allCases)
    func describe(server: TestServer) throws {
        let connection = try server.connect()
        let name = uniqueTableName("desc")
        let (input, _) = Self.sample(for: server)
        try connection.execute("CREATE TABLE \(quoted(name)) (\(input.schema.fields.map { "\(quoted($0.name)) \(server.sqlType($0.type))" }.joined(separator: ", ")))")
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        #expect(try connection.resultSchema("SELECT * FROM \(quoted(name))") == input.schema)
        // A query with a side effect is not run by describe.
        if server == .postgres {
            _ = try connection.describe("INSERT INTO \(quoted(name)) (k) VALUES (1) RETURNING k")
            #expect(try connection.queryText("SELECT count(*) FROM \(quoted(name))") == [["0"]])
        }
    }
}

/// Compares row by row and reports only the differing cells, briefly (values can be megabytes).
func expectSameRows(_ table: Table, _ expected: [[Value]], _ label: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    let got = rows(table)
    #expect(got.count == expected.count, "\(label): row count", sourceLocation: sourceLocation)
    for (index, row) in expected.enumerated() where index < got.count {
        for (column, value) in row.enumerated() where got[index][column] != value {
            Issue.record("\(label) row \(index) column \(table.schema.fields[column].name): expected \(String(describing: value).prefix(60)), got \(String(describing: got[index][column]).prefix(60))",
                         sourceLocation: sourceLocation)
        }
    }
}
