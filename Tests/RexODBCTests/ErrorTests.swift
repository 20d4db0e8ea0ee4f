import Foundation
import RexData
import RexODBC
import RexTestSupport
import Testing

@Suite("Errors, info messages, masking, transactions")
struct ErrorTests {
    @Test("a syntax error on each server carries SQLSTATE, native code, full text and the SQL", arguments: TestServer.allCases)
    func syntaxError(server: TestServer) throws {
        let connection = try server.connect()
        let error = try #require(throws: ODBCError.self) { _ = try connection.fetchAll("SELEC 1 FROM nowhere") }
        #expect(error.sql == "SELEC 1 FROM nowhere")
        let record = try #require(error.diagnostics.first)
        switch server {
        case .postgres:
            #expect(record.sqlState == "42601")
            #expect(record.message.contains("syntax error at or near \"SELEC\""), "got \(error)")
        case .sqlite:
            #expect(record.sqlState == "HY000")
            #expect(record.nativeError == 1)
            #expect(record.message.contains("near \"SELEC\": syntax error"), "got \(error)")
        }
        #expect(error.description.contains("[\(record.sqlState)] (native \(record.nativeError))"))
        #expect(error.description.contains("statement: SELEC 1 FROM nowhere"))
        #expect(!error.isConnectionLost)
    }

    @Test("a long error message is not truncated by rex (psqlODBC itself keeps 4,095 characters)")
    func longMessage() throws {
        let connection = try TestServer.postgres.connect()
        let text = String(repeating: "0123456789", count: 380) + "END"
        let error = try #require(throws: ODBCError.self) {
            try connection.execute("DO $$BEGIN RAISE EXCEPTION '\(text)'; END$$")
        }
        #expect(error.diagnostics.contains { $0.message.contains(text) }, "got \(error.diagnostics.map { ($0.sqlState, $0.message.count, $0.message.prefix(80), $0.message.suffix(40)) })")
    }

    @Test("Microsoft ODBC Driver 18 login failure shows its records and never the password")
    func microsoftLoginFailure() throws {
        let text = "Driver={ODBC Driver 18 for SQL Server};Server=127.0.0.1,1;Uid=rex;Pwd={top;secret};Login Timeout=3"
        let error = try #require(throws: ODBCError.self) { _ = try Connection(connectionString: text, loginTimeout: 3) }
        #expect(error.function == "SQLDriverConnect")
        #expect(!error.diagnostics.isEmpty)
        #expect(error.diagnostics.allSatisfy { $0.message.contains("[Microsoft][ODBC Driver 18 for SQL Server]") }, "got \(error)")
        #expect(error.description.contains("connecting to Driver="))
        #expect(error.description.contains("Pwd=***"))
        #expect(!error.description.contains("secret"))
        #expect(!String(describing: error).contains("secret"))
        #expect(!error.isConnectionLost)
        #expect(error.hint?.contains("Server") == true, "got \(error)")
    }

    @Test("an unknown driver: unixODBC's record (01000 Can't open lib) and a hint")
    func unknownDriver() throws {
        let error = try #require(throws: ODBCError.self) { _ = try Connection(connectionString: "Driver={No Such Driver 99};Pwd=hunter2") }
        #expect(error.diagnostics.contains { $0.message.contains("Can't open lib 'No Such Driver 99'") }, "got \(error)")
        #expect(error.description.contains("odbcinst"))
        #expect(!error.description.contains("hunter2"))
    }

    @Test("a failed PostgreSQL login: the error shows the masked string only")
    func postgresLoginFailure() throws {
        var string = ConnectionString(try TestEnvironment.postgresUnprivileged)
        string["Uid"] = "no_such_role"
        string["Pwd"] = "wrong-horse-battery"
        let error = try #require(throws: ODBCError.self) { _ = try Connection(string) }
        #expect(error.diagnostics.contains { $0.message.contains("no_such_role") }, "got \(error)")
        #expect(!error.description.contains("wrong-horse-battery"))
    }

    @Test("the connection's description and connection string never show the password")
    func connectionDescription() throws {
        let connection = try Connection(connectionString: try TestEnvironment.postgresUnprivileged)
        #expect(connection.connectionString.masked.contains("Pwd=***"))
        #expect(!connection.description.contains("rex-secret"))
        #expect(connection.serverKind == .postgres)
        #expect(connection.connectionString["UseDeclareFetch"] == "1")
        #expect(try connection.currentDatabase == "rex_test")
        #expect(try !connection.dbmsVersion.isEmpty)
    }

    @Test("info messages (RAISE NOTICE) are collected, not dropped")
    func notices() throws {
        let connection = try TestServer.postgres.connect()
        try connection.execute("DO $$BEGIN RAISE NOTICE 'first notice ✓'; RAISE NOTICE 'second notice'; END$$")
        let messages = connection.takeMessages()
        #expect(messages.contains { $0.message.contains("first notice ✓") }, "got \(messages)")
        #expect(messages.contains { $0.message.contains("second notice") }, "got \(messages)")
        #expect(connection.takeMessages().isEmpty)
    }

    @Test("execute returns affected rows; a batch returns each result and count", arguments: TestServer.allCases)
    func executeAndBatch(server: TestServer) throws {
        let connection = try server.connect()
        let name = uniqueTableName("ex")
        try connection.execute("CREATE TABLE \(quoted(name)) (a INTEGER)")
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        #expect(try connection.execute("INSERT INTO \(quoted(name)) VALUES (1), (2), (3)") == 3)
        #expect(try connection.execute("UPDATE \(quoted(name)) SET a = a + 1 WHERE a > 1") == 2)
        let outcomes = try connection.executeBatch("SELECT a FROM \(quoted(name)) ORDER BY a", maxRows: 2)
        #expect(outcomes.count == 1)
        guard case .rows(let table)? = outcomes.first else { Issue.record("no rows: \(outcomes)"); return }
        #expect(rows(table) == [[.int(1)], [.int(3)]])
        if server == .postgres {
            let batch = try connection.executeBatch("DELETE FROM \(quoted(name)) WHERE a = 1; SELECT count(*) AS n FROM \(quoted(name))")
            #expect(batch.first == .rowCount(1), "got \(batch)")
            guard case .rows(let counted)? = batch.last else { Issue.record("no rows: \(batch)"); return }
            #expect(rows(counted) == [[.int(2)]])
        }
    }

    @Test("a failing bulk insert leaves the table unchanged (one transaction)", arguments: TestServer.allCases)
    func insertRollsBack(server: TestServer) throws {
        let connection = try server.connect()
        let name = uniqueTableName("tx")
        try connection.execute("CREATE TABLE \(quoted(name)) (a INTEGER NOT NULL)")
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        let values: [Value] = (0..<50).map { $0 == 37 ? .null : .int(Int64($0)) }
        let table = Table(schema: Schema([Field("a", .int)]), columns: [Column(type: .int, values: values)])
        #expect(throws: ODBCError.self) {
            try connection.insert(table, into: quoted(name), quotedColumns: [quoted("a")], maxRowsPerBatch: 10)
        }
        #expect(try connection.queryText("SELECT count(*) FROM \(quoted(name))") == [["0"]])
        // The connection is back in autocommit mode and usable.
        try connection.insert(Table(schema: table.schema, columns: [Column(type: .int, values: [.int(1)])]),
                              into: quoted(name), quotedColumns: [quoted("a")])
        #expect(try connection.queryText("SELECT count(*) FROM \(quoted(name))") == [["1"]])
    }

    /// An upload method and the statement shape a failed batch of it reports (issue 10).
    struct FailedBatchCase: Sendable, CustomStringConvertible {
        let server: TestServer
        let method: BulkInsertMethod?
        let shape: String
        var description: String { "\(server)" + (method == nil ? "" : ", multi-row VALUES") }
    }

    static let failedBatchCases: [FailedBatchCase] = [
        FailedBatchCase(server: .postgres, method: nil,
                        shape: " SELECT * FROM unnest(?::bigint[], ?::text[], ?::float8[], ?::date[]) with arrays of 10 rows"),
        FailedBatchCase(server: .postgres, method: .multiRowValues, shape: " VALUES (?, ?, ?, ?) × 10 rows"),
        FailedBatchCase(server: .sqlite, method: nil, shape: " VALUES (?, ?, ?, ?) × 10 rows"),
    ]

    @Test("a failed batch names the statement's shape, the batch's rows and every diagnostic record", arguments: failedBatchCases)
    func failedBatchMessage(_ batchCase: FailedBatchCase) throws {
        let (server, method, shape) = (batchCase.server, batchCase.method, batchCase.shape)
        let connection = try server.connect()
        let name = uniqueTableName("shape")
        try connection.execute("CREATE TABLE \(quoted(name)) (a \(server.sqlType(.int)) CHECK (a <> 37), "
            + "b \(server.sqlType(.text)), c \(server.sqlType(.float)), d \(server.sqlType(.date)))")
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        let count = 50
        let table = Table(schema: Schema([Field("a", .int), Field("b", .text), Field("c", .float), Field("d", .date)]), columns: [
            Column(type: .int, values: (0..<count).map { .int(Int64($0)) }),
            Column(type: .text, values: (0..<count).map { .text("v\($0)") }),
            Column(type: .float, values: (0..<count).map { .float(Double($0) / 4) }),
            Column(type: .date, values: (0..<count).map { .date(Int32($0)) }),
        ])
        let columns = table.schema.names.map(quoted)
        let error = try #require(throws: ODBCError.self) {
            try connection.insert(table, into: quoted(name), quotedColumns: columns, method: method, maxRowsPerBatch: 10)
        }
        let text = error.description
        // The value 37 is row 38, in the fourth batch of ten: rows 31–40.
        #expect(text.contains("failed inserting rows 31–40 of 50 into \(quoted(name))"), "\(text)")
        #expect(error.sql == "INSERT INTO \(quoted(name)) (\(columns.joined(separator: ", ")))" + shape, "\(text)")
        #expect(text.contains("  statement: \(error.sql ?? "")"), "\(text)")
        // Every record the driver gave, in full; the shape instead of a placeholder per value.
        #expect(!error.diagnostics.isEmpty)
        for record in error.diagnostics { #expect(text.contains(record.description), "\(text)") }
        #expect(error.diagnostics.contains { $0.message.lowercased().contains("check") }, "\(text)")
        #expect(text.components(separatedBy: "?").count - 1 <= 4, "\(text)")
        #expect(try connection.queryText("SELECT count(*) FROM \(quoted(name))") == [["0"]])
    }

    @Test("CREATE TABLE and its rows in one transaction: a failure leaves no table", arguments: TestServer.allCases)
    func createAndInsertAtomically(server: TestServer) throws {
        let connection = try server.connect()
        let name = uniqueTableName("atomic")
        let table = Table(schema: Schema([Field("a", .int)]), columns: [Column(type: .int, values: [.int(1), .null, .int(3)])])
        #expect(throws: ODBCError.self) {
            try connection.transaction {
                try connection.execute("CREATE TABLE \(quoted(name)) (a INTEGER NOT NULL)")
                try connection.insert(table, into: quoted(name), quotedColumns: [quoted("a")])
            }
        }
        #expect(try connection.tables(matching: name).isEmpty)
        // And the happy path commits both.
        let good = Table(schema: table.schema, columns: [Column(type: .int, values: [.int(1), .int(2)])])
        try connection.transaction {
            try connection.execute("CREATE TABLE \(quoted(name)) (a INTEGER NOT NULL)")
            try connection.insert(good, into: quoted(name), quotedColumns: [quoted("a")])
        }
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        let other = try server == .postgres ? TestServer.postgres.connect() : connection
        #expect(try other.queryText("SELECT count(*) FROM \(quoted(name))") == [["2"]])
    }

    @Test("1,200 rows × 4 columns in multi-row batches, timestamps past parameter $1000 included", arguments: TestServer.allCases)
    func manyParameters(server: TestServer) throws {
        let connection = try server.connect()
        let name = uniqueTableName("par")
        let count = 1_200
        let table = Table(schema: Schema([Field("a", .int), Field("b", .text), Field("c", .float), Field("d", .datetime)]), columns: [
            Column(type: .int, values: (0..<count).map { .int(Int64($0)) }),
            Column(type: .text, values: (0..<count).map { .text("v\($0)") }),
            Column(type: .float, values: (0..<count).map { .float(Double($0) / 3) }),
            Column(type: .datetime, values: (0..<count).map { .datetime(Int64($0) * 86_400_000_000 + 1_000) }),
        ])
        try createAndInsert(table, named: name, on: server, connection: connection)
        defer { _ = try? connection.execute("DROP TABLE \(quoted(name))") }
        let back = try readBack(name, schema: table.schema, on: server, connection: connection)
        #expect(rows(back) == rows(table))
    }
}
