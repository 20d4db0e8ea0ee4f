import Foundation
import RexCompiler
import RexData
import RexLanguage
@testable import RexRuntime
import RexTestSupport
import Testing

/// rex's SQLite statements write derived tables as common tables named `__rex_t2`, `__rex_t3`,
/// … (docs/LANGUAGE.md). A user table with such a name must still be the table the pipeline
/// reads: the common tables then get a longer prefix.
@Suite("SQLite common tables never hide a user table")
struct SQLiteCommonTableNameTests {
    @Test("a table named __rex_t5 read by a pipeline of several derived tables gives its own rows")
    func userTableNamedLikeACommonTable() throws {
        let session = try Session()
        let named = try session.connections.connect(TestEnvironment.sqliteDatabase(name: "cte-names").connectionString)
        let schema = Schema([Field("k", .int)])
        let dialect = SQLDialect.sqlite
        for name in ["__rex_t5", "__REX_T2"] {
            _ = try named.connection.execute(try dialect.createTable(name: [name], schema: schema))
            try named.connection.insert(Table(schema: schema, columns: [Column(type: .int, values: [.int(1), .int(2), .int(3), .int(4)])]),
                                        into: dialect.quoteIdentifier(name), quotedColumns: [dialect.quoteIdentifier("k")])
        }
        session.context = .server
        let pipeline = """
            table __rex_t5 | join (table __REX_T2 | rename j = k) on this.k <= that.j | summarize n = count() by k \
            | filter n > 1 | derive m = n * 10 | sort k | take 2
            """
        let parsed = parse(pipeline)
        guard case .pipeline(let compiled) = try #require(parsed.statements.first).kind else {
            Issue.record("not a pipeline: \(pipeline)")
            return
        }
        let sql = try session.compileSQL(compiled, dialect: nil)
        #expect(sql.contains("WITH"), "\(sql)")
        // Common tables are defined as `"name" AS (`; none may be named like a user table.
        #expect(!sql.lowercased().contains("\"__rex_t5\" as (") && !sql.lowercased().contains("\"__rex_t2\" as ("),
                "a common table named like the user's table:\n\(sql)")
        let table = try #require(try runStatements(pipeline, in: session))
        func ints(_ name: String) -> [Int64?]? {
            table.column(named: name).map { column in (0..<column.count).map { column[$0].intValue } }
        }
        #expect(ints("k") == [1, 2])
        #expect(ints("m") == [40, 30])
    }
}
