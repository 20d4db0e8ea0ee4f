import RexData
import RexODBC
import RexTestSupport
import Testing

@Suite("Catalog: tables, views and columns with rex types")
struct CatalogTests {
    @Test("tables and views by pattern; columns with types; schema for the type checker", arguments: TestServer.allCases)
    func catalog(server: TestServer) throws {
        let connection = try server.connect()
        let base = uniqueTableName("cat")
        let table = base + "_t", view = base + "_v", lookalike = base + "xt"
        try connection.execute("""
            CREATE TABLE \(quoted(table)) (id \(server.sqlType(.int)) NOT NULL, name \(server.sqlType(.text)), price \(server.sqlType(.float)),
                flag \(server.sqlType(.bool)), born \(server.sqlType(.date)), seen \(server.sqlType(.datetime)), photo \(server.sqlType(.bytes)))
            """)
        try connection.execute("CREATE TABLE \(quoted(lookalike)) (x INTEGER)")
        try connection.execute("CREATE VIEW \(quoted(view)) AS SELECT id, name FROM \(quoted(table))")
        defer {
            _ = try? connection.execute("DROP VIEW \(quoted(view))")
            _ = try? connection.execute("DROP TABLE \(quoted(table))")
            _ = try? connection.execute("DROP TABLE \(quoted(lookalike))")
        }
        let found = try connection.tables(matching: base + "%")
        #expect(Set(found.map(\.name)) == [table, view, lookalike])
        #expect(found.first { $0.name == view }?.kind == "VIEW")
        #expect(found.first { $0.name == table }?.kind == "TABLE")
        if server == .postgres { #expect(found.allSatisfy { $0.schema == "public" }) }
        #expect(try connection.tables().contains { $0.name == table })

        let columns = try connection.columns(ofTable: table)
        #expect(columns.map(\.name) == ["id", "name", "price", "flag", "born", "seen", "photo"])
        #expect(columns.map(\.type) == [.int, .text, .float, .bool, .date, .datetime, .bytes])
        #expect(columns.first?.nullable == false)
        #expect(columns.dropFirst().first?.nullable == true)
        // `_` in a name is literal: the look-alike table's columns do not leak in.
        #expect(try connection.tableSchema(table) == Schema([Field("id", .int), Field("name", .text), Field("price", .float),
            Field("flag", .bool), Field("born", .date), Field("seen", .datetime), Field("photo", .bytes)]))
        #expect(try connection.tableSchema(view) == Schema([Field("id", .int), Field("name", .text)]))
        if server == .postgres {
            #expect(try connection.tableSchema(table, schema: "public").fields.count == 7)
        }
        #expect(throws: TableNotFound.self) { _ = try connection.tableSchema(base + "_missing") }
    }

    @Test("a column of a type rex cannot read is reported by name")
    func unsupportedColumn() throws {
        let connection = try TestServer.postgres.connect()
        let name = uniqueTableName("pt")
        try connection.execute("CREATE TABLE \(quoted(name)) (ok bigint, spot point)")
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        let columns = try connection.columns(ofTable: name)
        #expect(columns.map(\.name) == ["ok", "spot"])
        let error = try #require(throws: UnsupportedColumnType.self) { _ = try connection.tableSchema(name) }
        #expect(error.column == "spot")
    }
}
