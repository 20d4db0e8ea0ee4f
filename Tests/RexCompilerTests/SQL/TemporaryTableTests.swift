import RexCompiler
import RexData
import Testing

/// The temporary tables that local data joined with server data is uploaded to (SPEC §4):
/// one rule per dialect table.
@Suite struct TemporaryTableTests {
    let schema = Schema([Field("id", .int), Field("name", .text), Field("when", .datetime)])

    @Test func tsqlTemporaryTableIsAHashName() throws {
        let dialect = SQLDialect.tsql
        let name = dialect.temporaryTableName("rex_0123456789ab")
        #expect(name == "#rex_0123456789ab")
        #expect(try dialect.createTemporaryTable(name: name, schema: schema)
                == "CREATE TABLE [#rex_0123456789ab] ([id] bigint, [name] nvarchar(max), [when] datetime)")
        #expect(try dialect.dropTable([name]) == "DROP TABLE [#rex_0123456789ab]")
    }

    @Test func postgresAndSQLiteUseTempTables() throws {
        for dialect in [SQLDialect.postgres, .sqlite] {
            let name = dialect.temporaryTableName("rex_0123456789ab")
            #expect(name == "rex_0123456789ab")
            let types = dialect.name == "postgres" ? ["bigint", "text", "timestamp"] : [dialect.columnType(.int), dialect.columnType(.text), dialect.columnType(.datetime)]
            #expect(try dialect.createTemporaryTable(name: name, schema: schema)
                    == "CREATE TEMP TABLE \"rex_0123456789ab\" (\"id\" \(types[0]), \"name\" \(types[1]), \"when\" \(types[2]))")
        }
    }

    @Test func ansiPreservesRowsAfterCommit() throws {
        let text = try SQLDialect.ansi.createTemporaryTable(name: "rex_0123456789ab", schema: Schema([Field("a", .int)]))
        #expect(text.hasPrefix("CREATE LOCAL TEMPORARY TABLE \"rex_0123456789ab\" ("))
        #expect(text.hasSuffix(") ON COMMIT PRESERVE ROWS"))
    }

    @Test func temporaryTableNamesAreCheckedAndQuoted() throws {
        #expect(throws: SQLGenerationError.self) {
            _ = try SQLDialect.postgres.createTemporaryTable(name: String(repeating: "x", count: 64), schema: schema)
        }
        #expect(try SQLDialect.tsql.createTemporaryTable(name: "#a]b", schema: Schema([Field("a", .int)]))
                == "CREATE TABLE [#a]]b] ([a] bigint)")
    }
}
