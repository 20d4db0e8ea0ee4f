import Foundation
import RexCompiler
import RexData
import RexODBC
import RexTestSupport
import Testing

/// PostgreSQL text literals mean what rex wrote whatever `standard_conforming_strings` is:
/// with it off, a backslash in `'…'` escapes the next character, so `'x\'; DROP TABLE b; --'`
/// used to end the literal early and run the DROP (issue 11). The connection sets it on, and
/// the quoting module writes such literals as `E'…'` with the backslash doubled; this suite
/// turns the setting off on purpose after connecting, so only the quoting protects it.
@Suite("PostgreSQL literals with backslashes, standard_conforming_strings on and off", .serialized)
struct PostgresBackslashQuotingTests {
    static let values = [
        "x\\'; DROP TABLE b; --", "\\", "\\\\", "a\\nb", "'\\'", "\\'", "end\\", "\\x41", "E'\\''", "%\\_",
        "naïve\\e\u{301}'", "$$\\$$", "-- \\' /* */",
    ]

    @Test("values with backslashes round-trip exactly and never end the literal", arguments: ["off", "on"])
    func roundTrip(setting: String) throws {
        let connection = try Connection(connectionString: try TestEnvironment.postgres)
        _ = try connection.execute("SET standard_conforming_strings = \(setting)")
        #expect(try connection.queryText("SHOW standard_conforming_strings") == [[setting]])
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let table = "scs_t_\(setting)_\(suffix)", victim = "scs_b_\(setting)_\(suffix)"
        let dialect = SQLDialect.postgres
        _ = try connection.execute("CREATE TABLE \(dialect.quoteIdentifier(victim)) (x int)")
        _ = try connection.execute(try dialect.createTable(name: [table], schema: Schema([Field("id", .int), Field("name", .text)])))
        defer {
            _ = try? connection.execute("DROP TABLE IF EXISTS \(dialect.quoteIdentifier(table)), \(dialect.quoteIdentifier(victim))")
        }
        for (index, value) in Self.values.enumerated() {
            _ = try connection.execute("INSERT INTO \(dialect.quoteIdentifier(table)) VALUES (\(index), \(dialect.quoteString(value)))")
        }
        #expect(try connection.queryText("SELECT name FROM \(dialect.quoteIdentifier(table)) ORDER BY id").map { $0[0] } == Self.values)
        let schema = Schema([Field("id", .int), Field("name", .text)])
        let scan = Relation(.scan(.table([table])), schema: schema)
        let name = IRExpression(.column("name"), type: .text)
        for (index, value) in Self.values.enumerated() {
            let literal = IRExpression(.literal(.text(value)), type: .text)
            let equal = Relation(.filter(scan, IRExpression(.binary(.equal, name, literal), type: .bool)), schema: schema)
            let sql = try SQLGenerator(dialect: dialect).generate(equal)
            #expect(try connection.queryText(sql) == [[String(index), value]], "\(value.debugDescription): \(sql)")
            // contains(): the LIKE pattern and its ESCAPE character carry backslashes too.
            let like = Relation(.filter(scan, IRExpression(.function(.contains, [name, literal]), type: .bool)), schema: schema)
            let rows = try connection.queryText(try SQLGenerator(dialect: dialect).generate(like))
            #expect(rows.contains([String(index), value]), "contains(\(value.debugDescription))")
        }
        #expect(try connection.queryText("SELECT count(*) FROM pg_class WHERE relname = '\(victim)'") == [["1"]], "the victim table is still there")
    }

    @Test("a connection turns standard_conforming_strings on whatever the role says")
    func connectionSetsItOn() throws {
        let admin = try Connection(connectionString: try TestEnvironment.postgres)
        _ = try admin.execute("ALTER ROLE rex_user SET standard_conforming_strings = off")
        defer { _ = try? admin.execute("ALTER ROLE rex_user RESET standard_conforming_strings") }
        let user = try Connection(connectionString: try TestEnvironment.postgresUnprivileged)
        #expect(try user.queryText("SHOW standard_conforming_strings") == [["on"]])
        #expect(try user.queryText("SELECT setting FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole, unnest(s.setconfig) setting WHERE r.rolname = 'rex_user'")
                == [["standard_conforming_strings=off"]], "the role setting is really off")
    }
}
