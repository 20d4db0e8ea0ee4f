import Foundation
import RexCompiler
import RexData
@testable import RexRuntime
import RexTestSupport
import Testing

/// Every way rex reads SQLite floats gives back every bit. sqliteodbc reads REAL through
/// 15-digit text (1.7976931348623157e308 becomes 1.79769313486232e308, which is infinity), so
/// each read must go through `ExactRead`: a pipeline's result in the server context, the
/// fetch of a table into the local context, the server half of a pipeline split at `collect`,
/// and the aggregates of `summary` on the server (which read them with `fetchAll` before).
@Suite("SQLite floats read back exactly through every path", .serialized)
struct SQLiteExactReadTests {
    /// The largest double and its neighbour below, the smallest subnormal and normal, a sum
    /// that needs 17 digits, a power of two, and zero.
    static let values: [Double] = [
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, Double.greatestFiniteMagnitude.nextDown,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
        0.1 + 0.2, 0x1p-1000, 123456789.12345679, 0.0,
    ]

    /// A session on a new SQLite file holding `f(k int, x float)` with one row per value.
    private func session() throws -> Session {
        let session = try Session()
        let named = try session.connections.connect(TestEnvironment.sqliteDatabase(name: "exact").connectionString)
        let schema = Schema([Field("k", .int), Field("x", .float)])
        let table = Table(schema: schema, columns: [
            Column(type: .int, values: Self.values.indices.map { .int(Int64($0)) }),
            Column(type: .float, values: Self.values.map { .float($0) }),
        ])
        let dialect = SQLDialect.sqlite
        _ = try named.connection.execute(try dialect.createTable(name: ["f"], schema: schema))
        try named.connection.insert(table, into: dialect.quoteIdentifier("f"), quotedColumns: schema.names.map(dialect.quoteIdentifier))
        return session
    }

    /// The floats of column `name` of the last table `source` gives, by `k`.
    private func floats(_ source: String, column name: String = "x", in session: Session) throws -> [Double?] {
        let table = try #require(try runStatements(source, in: session))
        let keys = try #require(table.column(named: "k"))
        let column = try #require(table.column(named: name))
        var byKey = [Double?](repeating: nil, count: Self.values.count)
        for row in 0..<table.rowCount {
            guard case .int(let k) = keys[row] else { continue }
            byKey[Int(k)] = column[row].floatValue
        }
        return byKey
    }

    private func expectExact(_ got: [Double?], _ path: String) {
        for (value, read) in zip(Self.values, got) {
            #expect(read?.bitPattern == value.bitPattern, "\(path): \(value) read back as \(read.map { "\($0)" } ?? "nil")")
        }
    }

    @Test("a pipeline's result in the server context, and the server half of a collect")
    func serverResult() throws {
        let session = try session()
        session.context = .server
        expectExact(try floats("table f", in: session), "server table")
        expectExact(try floats("table f | derive y = x * 1.0", column: "y", in: session), "server derive")
        expectExact(try floats("table f | sort k | collect | derive y = x", column: "y", in: session), "collect")
    }

    @Test("a table fetched into the local context")
    func localFetch() throws {
        let session = try session()
        session.context = .local
        expectExact(try floats("table f", in: session), "local table")
        expectExact(try floats("table f | filter k >= 0 | derive y = x", column: "y", in: session), "local derive")
    }

    @Test("summary on the server reads its mean, min and max exactly")
    func summary() throws {
        let session = try session()
        session.context = .server
        for (k, value) in Self.values.enumerated() {
            let table = try #require(try runStatements("table f | filter k == \(k) | summary x", in: session))
            try #require(table.rowCount == 1)
            for name in ["Mean", "Min", "Max"] {
                let read = table.column(named: name)?[0].floatValue
                #expect(read?.bitPattern == value.bitPattern, "summary \(name) of \(value): \(read.map { "\($0)" } ?? "nil")")
            }
        }
    }

    @Test("a computed -0.0 keeps its sign (a REAL column stores -0.0 as 0.0)")
    func negativeZero() throws {
        let session = try session()
        session.context = .server
        let table = try #require(try runStatements("table f | filter k == 9 | select x, y = x * -1.0", in: session))
        let x = try #require(table.column(named: "x")?[0].floatValue)
        let y = try #require(table.column(named: "y")?[0].floatValue)
        #expect(x == 0 && x.sign == .plus)
        #expect(y == 0 && y.sign == .minus, "x * -1.0 of 0.0 is -0.0 in SQLite; read as \(y)")
    }
}
