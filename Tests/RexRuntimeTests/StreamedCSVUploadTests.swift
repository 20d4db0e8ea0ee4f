import Foundation
import RexData
import RexODBC
@testable import RexRuntime
import RexTestSupport
import Testing

/// `csv "f" -> table t` streams the file in parts (SinkWriter.uploadCSV): every row arrives
/// once and in order across part boundaries, an error in a late part rolls the whole upload
/// back and names the row within the whole file.
@Suite("csv -> table streams in parts", .serialized)
struct StreamedCSVUploadTests {
    enum Engine: String, CaseIterable { case postgres, sqlite }

    private func session(_ engine: Engine) throws -> Session {
        let session = try Session()
        switch engine {
        case .postgres: try session.connections.connect(try TestEnvironment.postgres)
        case .sqlite: try session.connections.connect(TestEnvironment.sqliteDatabase().connectionString)
        }
        return session
    }

    /// A CSV of `rows` rows: n = 1…rows, s = "v<n>", and NUL in the text of row `nulRow`.
    private func file(rows: Int, nulRow: Int? = nil) throws -> String {
        var text = "n,s\n"
        text.reserveCapacity(rows * 16)
        for n in 1...rows { text += "\(n),v\(n)\(n == nulRow ? "\u{0}" : "")\n" }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rex-streamed-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("two full parts and one row arrive once each, in order", arguments: Engine.allCases)
    func everyRowOnce(engine: Engine) throws {
        let rows = 2 * SinkWriter.csvUploadPartRows + 1
        let path = try file(rows: rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try session(engine)
        _ = try runStatements("csv \"\(path)\" -> table streamed_parts replace", in: session)
        let check = try #require(try runStatements(
            "table streamed_parts | summarize rows = count(), distinct_n = count_distinct(n), total = sum(n), last = max(n)", in: session))
        #expect(check.row(0) == [.int(Int64(rows)), .int(Int64(rows)), .int(Int64(rows * (rows + 1) / 2)), .int(Int64(rows))])
        let part = SinkWriter.csvUploadPartRows
        let boundary = try #require(try runStatements(
            "table streamed_parts | filter n >= \(part - 1) and n <= \(part + 2) or n == \(rows) | sort n", in: session))
        #expect((0..<boundary.rowCount).map { boundary.row($0)[1] } == [part - 1, part, part + 1, part + 2, rows].map { Value.text("v\($0)") })
        _ = try session.connections.current?.connection.execute("DROP TABLE streamed_parts")
    }

    @Test("a NUL in a late part: an error naming the row in the whole file, and no table", arguments: Engine.allCases)
    func lateErrorRollsBack(engine: Engine) throws {
        let path = try file(rows: 2 * SinkWriter.csvUploadPartRows + 10, nulRow: 2 * SinkWriter.csvUploadPartRows + 3)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try session(engine)
        let error = #expect(throws: (any Error).self) { _ = try runStatements("csv \"\(path)\" -> table streamed_nul replace", in: session) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("column 's', row \(2 * SinkWriter.csvUploadPartRows + 3), contains the character U+0000"))
        let tables = try session.connections.current?.connection.columns(ofTable: "streamed_nul", schema: nil) ?? []
        #expect(tables.isEmpty)
    }
}
