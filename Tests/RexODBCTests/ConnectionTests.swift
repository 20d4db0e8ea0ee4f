import CODBC
import RexODBC
import RexTestSupport
import Testing

@Suite("ODBC connections through real drivers")
struct ConnectionTests {
    @Test("SQLite3 ODBC driver: connect, query, SQL_DBMS_NAME")
    func sqlite() throws {
        let database = TestEnvironment.sqliteDatabase()
        let connection = try Connection(connectionString: database.connectionString)
        #expect(try connection.dbmsName == "SQLite")
        _ = try connection.queryText("CREATE TABLE t (a INTEGER, b TEXT)")
        _ = try connection.queryText("INSERT INTO t VALUES (1, 'één'), (2, NULL)")
        let rows = try connection.queryText("SELECT a, b FROM t ORDER BY a")
        #expect(rows == [["1", "één"], ["2", nil]])
    }

    @Test("PostgreSQL Unicode driver: connect, query, SQL_DBMS_NAME, plpython3u present")
    func postgres() throws {
        let connection = try Connection(connectionString: try TestEnvironment.postgres)
        #expect(try connection.dbmsName == "PostgreSQL")
        let rows = try connection.queryText("SELECT 40 + 2, 'naïve ✓'::text, NULL::int")
        #expect(rows == [["42", "naïve ✓", nil]])
        let extensions = try connection.queryText("SELECT extname FROM pg_extension WHERE extname = 'plpython3u'")
        #expect(extensions == [["plpython3u"]])
    }

    @Test("A syntax error carries SQLSTATE, native code, full text and the SQL")
    func syntaxError() throws {
        let connection = try Connection(connectionString: try TestEnvironment.postgres)
        let error = try #require(throws: ODBCError.self) { try connection.queryText("SELEC 1") }
        #expect(error.sqlState == "42601")
        #expect(error.diagnostics.first?.message.contains("syntax error at or near \"SELEC\"") == true, "got \(error)")
        #expect(error.sql == "SELEC 1")
        #expect(error.description.contains("[42601]"))
    }

    @Test("Microsoft ODBC Driver 18 is installed and reports a real login failure")
    func microsoftDriver() throws {
        let connectionString = "Driver={ODBC Driver 18 for SQL Server};Server=127.0.0.1,1;Uid=rex;Pwd=secret;Login Timeout=3"
        let error = try #require(throws: ODBCError.self) {
            _ = try Connection(connectionString: connectionString, loginTimeout: 3)
        }
        #expect(["08001", "HYT00", "S1T00"].contains(error.sqlState), "got \(error)")
        #expect(error.diagnostics.allSatisfy { $0.message.contains("[Microsoft][ODBC Driver 18 for SQL Server]") }, "got \(error)")
        #expect(error.function == "SQLDriverConnect")
        #expect(!error.description.contains("secret"))
    }
}
