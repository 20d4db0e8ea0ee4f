import Foundation
import RexData
import RexODBC
import RexTestSupport
import Testing

/// Every type through `Connection.insert` (100,000 rows in the default batching, prefixes in
/// the other batch shapes), read back by the servers' own shells (`psql` COPY, `sqlite3`) and
/// by rex's fetch, compared exactly.
@Suite("Uploads at scale are exact in every batch size", .serialized)
struct UploadScaleTests {
    static let rowCount = 100_000
    static let sample = UploadSample(count: rowCount)
    static let table = makeTable(sample)

    /// Batch shapes. The default carries all 100,000 rows (PostgreSQL: one unnest statement of
    /// 100,000 rows; SQLite: 100 full multi-row VALUES batches of 1,000). The others take a
    /// prefix, so the suite stays quick on two cores: one row per statement; an exact boundary
    /// (100 divides 10,000: the last batch is full); a ragged end (999 leaves 10 rows); and
    /// PostgreSQL's previous method, multi-row VALUES (its 999-parameter cap for timestamps
    /// makes 124-row batches and a ragged last one of 80 over 10,000 rows).
    enum Batching: CustomStringConvertible, CaseIterable, Sendable {
        case oneRow, boundary, ragged, multiRowValues, standard
        var maxRows: Int? {
            switch self {
            case .oneRow: 1
            case .boundary: 100
            case .ragged: 999
            case .multiRowValues: 1_000
            case .standard: nil
            }
        }
        var method: BulkInsertMethod? { self == .multiRowValues ? .multiRowValues : nil }
        var rows: Int {
            switch self {
            case .oneRow: 2_000
            case .boundary, .ragged, .multiRowValues: 10_000
            case .standard: UploadScaleTests.rowCount
            }
        }
        var description: String {
            (maxRows.map { "\($0) rows per batch" } ?? "the default batches") + (method == nil ? "" : " of multi-row VALUES") + " over \(rows) rows"
        }
    }

    static let cases: [(TestServer, Batching)] = TestServer.allCases.flatMap { server in
        Batching.allCases.filter { server == .postgres || $0 != .multiRowValues }.map { (server, $0) }
    }

    @Test("every type in every batch shape, 100,000 rows in the default, read back by psql/sqlite3 and by rex", arguments: cases)
    func roundTrip(server: TestServer, batching: Batching) throws {
        let rows = batching.rows
        let input = rows == Self.rowCount ? Self.table : Self.table.slice(0..<rows)
        let name = uniqueTableName("scale")
        let (connection, sqlitePath) = try connect(server)
        defer { if let sqlitePath { try? FileManager.default.removeItem(at: URL(fileURLWithPath: sqlitePath).deletingLastPathComponent()) } }
        let columns = input.schema.fields.map { "\(quoted($0.name)) \(server.sqlType($0.type))" }
        try connection.execute("CREATE TABLE \(quoted(name)) (\(columns.joined(separator: ", ")))")
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        let inserted = try connection.insert(input, into: quoted(name), quotedColumns: input.schema.names.map(quoted),
                                             method: batching.method, maxRowsPerBatch: batching.maxRows)
        #expect(inserted == rows)

        let prefix = Self.sample.prefix(rows)
        switch server {
        case .postgres:
            let copied = try psql("COPY (SELECT \(UploadSample.postgresSelect(bytes: true)) FROM \(quoted(name)) ORDER BY id) TO STDOUT")
            let expected = prefix.postgresCopy(bytes: true)
            #expect(copied == expected, "\(server), \(batching): \(firstDifference(copied, expected) ?? "")")
        case .sqlite:
            let printed = try sqlite3(sqlitePath!, "SELECT \(UploadSample.sqliteSelect(bytes: true)) FROM \(quoted(name)) ORDER BY id")
            let expected = prefix.sqliteLines(bytes: true)
            #expect(printed == expected, "\(server), \(batching): \(firstDifference(printed, expected) ?? "")")
        }

        // rex's own fetch gives every bit back (floats compared by bit pattern: -0.0 is not 0.0).
        let fetched = try readBack(name, schema: input.schema, on: server, connection: connection)
        let expected = server == .sqlite ? Self.makeTable(prefix, negativeZero: false) : input
        expectIdentical(fetched, expected, "\(server), \(batching), rex fetch")
    }

    @Test("text with U+0000 fails before anything is written, naming the column and row", arguments: TestServer.allCases)
    func nulCharacter(server: TestServer) throws {
        let (connection, _) = try connect(server)
        let name = uniqueTableName("nul")
        try connection.execute("CREATE TABLE \(quoted(name)) (k \(server.sqlType(.int)), a \(server.sqlType(.text)), b \(server.sqlType(.text)))")
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        // Row 2,500 of column b: later than the first batch, so nothing may have been sent yet.
        let count = 3_000
        let input = Table(schema: Schema([Field("k", .int), Field("a", .text), Field("b", .text)]), columns: [
            Column(type: .int, values: (0..<count).map { .int(Int64($0)) }),
            Column(type: .text, values: (0..<count).map { .text("ok \($0)") }),
            Column(type: .text, values: (0..<count).map { $0 == 0 ? .null : $0 == 1 ? .text("") : .text($0 == 2_499 ? "before\u{0}after" : "v\($0)") }),
        ])
        let error = try #require(throws: UnstorableValue.self) {
            try connection.insert(input, into: quoted(name), quotedColumns: ["k", "a", "b"].map(quoted), maxRowsPerBatch: 100)
        }
        #expect(error.column == "b" && error.row == 2_500, "\(error)")
        #expect(error.description.contains("column 'b', row 2500") && error.description.contains("U+0000"), "\(error)")
        #expect(try connection.queryText("SELECT count(*) FROM \(quoted(name))") == [["0"]])
        // A NUL in the first row and in a one-value table is found too.
        let single = Table(schema: Schema([Field("a", .text)]), columns: [Column(type: .text, values: [.text("\u{0}")])])
        let first = try #require(throws: UnstorableValue.self) {
            try connection.insert(single, into: quoted(name), quotedColumns: [quoted("a")])
        }
        #expect(first.column == "a" && first.row == 1)
    }

    @Test("array-literal syntax in text and every float survives PostgreSQL's unnest upload, one batch and one row per batch",
          arguments: [nil, 1] as [Int?])
    func arrayLiteralText(maxRows: Int?) throws {
        let connection = try TestServer.postgres.connect()
        let name = uniqueTableName("arr")
        let texts: [String?] = ["{", "}", "{}", "{a,b}", "{\"x\"}", "{NULL}", "NULL", "null", " NULL ", "\"NULL\"", "", " ", "  x  ",
                                "a,b", ",", "\\", "\\\"", "\"\\", "\\x00", "\t\n\r", "\u{B}\u{C}", "ü é", "🦀 \u{10FFFF}", "(1,2)", "[1:2]={1,2}",
                                nil, "'", "''", "$1", "?", "\u{301}\"", "x\u{85}y\u{A0}z"] + HostileValues.fixed.map { $0 }
        let floats: [Double?] = [.infinity, -.infinity, .nan, -0.0, 0.0, 5e-324, .greatestFiniteMagnitude, 0.1 + 0.2, nil, 1e22, 1e-7, 123456789012345678]
        let count = max(texts.count, floats.count)
        var buffer = VarBuffer()
        for row in 0..<count { buffer.append(row < texts.count ? texts[row] ?? "" : "pad") }
        let floatValues = (0..<count).map { $0 < floats.count ? floats[$0] ?? 0 : 1.5 }
        let input = Table(schema: Schema([Field("id", .int), Field("t", .text), Field("f", .float)]), columns: [
            Column(storage: .int((0..<count).map { Int64($0) }), validity: Array(repeating: true, count: count)),
            Column(storage: .text(buffer), validity: (0..<count).map { $0 >= texts.count || texts[$0] != nil }),
            Column(storage: .float(floatValues), validity: (0..<count).map { $0 >= floats.count || floats[$0] != nil }),
        ])
        try connection.execute("CREATE TABLE \(quoted(name)) (id bigint, t text, f double precision)")
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        try connection.insert(input, into: quoted(name), quotedColumns: ["id", "t", "f"].map(quoted), maxRowsPerBatch: maxRows)
        // NaN is NULL (rex has no NaN).
        var expected = input
        expected.columns[2].validity = (0..<count).map { input.columns[2].validity[$0] && !floatValues[$0].isNaN }
        let fetched = try readBack(name, schema: input.schema, on: .postgres, connection: connection)
        expectIdentical(fetched, expected, "unnest upload, \(maxRows.map { "\($0) row per batch" } ?? "one batch")")
        // The server's own text of the awkward values.
        let copied = try psql("COPY (SELECT t, f FROM \(quoted(name)) WHERE id IN (0, 2, 6, 8, 10, 15, 25) ORDER BY id) TO STDOUT")
        #expect(copied == "{\tInfinity\n{}\t\\N\nNULL\t1.7976931348623157e+308\n NULL \t\\N\n\t1e-07\n\\\\\t1.5\n\\N\t1.5\n", "\(copied)")
    }

    // MARK: - Helpers

    func connect(_ server: TestServer) throws -> (Connection, String?) {
        switch server {
        case .postgres: return (try Connection(connectionString: try TestEnvironment.postgres), nil)
        case .sqlite:
            let database = TestEnvironment.sqliteDatabase()
            return (try Connection(connectionString: database.connectionString), database.path)
        }
    }

    static func makeTable(_ sample: UploadSample, negativeZero: Bool = true) -> Table {
        let rows = sample.rows
        func validity<T>(_ value: (UploadSample.Row) -> T?) -> [Bool] { rows.map { value($0) != nil } }
        var text = VarBuffer(), bytes = VarBuffer()
        for row in rows {
            text.append(row.t ?? "")
            bytes.append(row.by ?? [])
        }
        let schema = Schema([Field("id", .int), Field("i", .int), Field("f", .float), Field("t", .text), Field("b", .bool),
                             Field("d", .date), Field("ts", .datetime), Field("by", .bytes)])
        return Table(schema: schema, columns: [
            Column(storage: .int(rows.map(\.id)), validity: rows.map { _ in true }),
            Column(storage: .int(rows.map { $0.i ?? 0 }), validity: validity(\.i)),
            Column(storage: .float(rows.map { value in value.f.map { $0 == 0 && !negativeZero ? 0.0 : $0 } ?? 0 }), validity: validity(\.f)),
            Column(storage: .text(text), validity: validity(\.t)),
            Column(storage: .bool(rows.map { $0.b ?? false }), validity: validity(\.b)),
            Column(storage: .date(rows.map { Int32($0.d ?? 0) }), validity: validity(\.d)),
            Column(storage: .datetime(rows.map { $0.ts ?? 0 }), validity: validity(\.ts)),
            Column(storage: .bytes(bytes), validity: validity(\.by)),
        ])
    }
}

extension Table {
    /// Rows `range` of the table.
    func slice(_ range: Range<Int>) -> Table {
        Table(schema: schema, columns: columns.map { column in
            let validity = Array(column.validity[range])
            switch column.storage {
            case .int(let values): return Column(storage: .int(Array(values[range])), validity: validity)
            case .float(let values): return Column(storage: .float(Array(values[range])), validity: validity)
            case .bool(let values): return Column(storage: .bool(Array(values[range])), validity: validity)
            case .date(let values): return Column(storage: .date(Array(values[range])), validity: validity)
            case .datetime(let values): return Column(storage: .datetime(Array(values[range])), validity: validity)
            case .text(let buffer), .bytes(let buffer):
                let start = buffer.offsets[range.lowerBound], end = buffer.offsets[range.upperBound]
                let sliced = VarBuffer(bytes: Array(buffer.bytes[start..<end]), offsets: buffer.offsets[range.lowerBound...range.upperBound].map { $0 - start })
                if case .text = column.storage { return Column(storage: .text(sliced), validity: validity) }
                return Column(storage: .bytes(sliced), validity: validity)
            }
        })
    }
}

/// Same schema, same validity, and the same values, floats by bit pattern; reports at most
/// a few differing cells, briefly.
func expectIdentical(_ got: Table, _ expected: Table, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.schema == expected.schema, "\(label): schema", sourceLocation: sourceLocation)
    #expect(got.rowCount == expected.rowCount, "\(label): row count", sourceLocation: sourceLocation)
    guard got.schema == expected.schema, got.rowCount == expected.rowCount else { return }
    var reported = 0
    for (index, (left, right)) in zip(got.columns, expected.columns).enumerated() {
        for row in 0..<expected.rowCount where reported < 5 {
            let same: Bool
            switch (left.storage, right.storage) {
            case (.float(let a), .float(let b)):
                same = left.validity[row] == right.validity[row] && (!right.validity[row] || a[row].bitPattern == b[row].bitPattern)
            default:
                same = left[row] == right[row]
            }
            if !same {
                reported += 1
                Issue.record("\(label): row \(row + 1) column \(expected.schema.fields[index].name): expected \(String(describing: right[row]).prefix(80)), got \(String(describing: left[row]).prefix(80))",
                             sourceLocation: sourceLocation)
            }
        }
    }
}
