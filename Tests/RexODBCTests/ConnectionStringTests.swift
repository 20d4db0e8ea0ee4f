@testable import RexODBC
import RexTestSupport
import Testing

@Suite("Connection strings: parsing, editing, password masking and prompting")
struct ConnectionStringTests {
    @Test("key=value pairs, braced values, case-insensitive keys")
    func parsing() {
        let string = ConnectionString("Driver={ODBC Driver 18 for SQL Server};Server=db1,1433; Database = sales ;UID=ana;PWD={p;a}}ss};Encrypt=yes")
        #expect(string["driver"] == "ODBC Driver 18 for SQL Server")
        #expect(string["SERVER"] == "db1,1433")
        #expect(string["database"] == "sales")
        #expect(string["Pwd"] == "p;a}ss")
        #expect(string.server == "db1,1433")
        #expect(string.database == "sales")
        #expect(ConnectionString(string.text) == string, "text re-parses to the same pairs: \(string.masked)")
    }

    @Test("Microsoft's SQL Server drivers are recognised (their connections ask for bulk copy before connecting)")
    func microsoftDriver() {
        for text in ["Driver={ODBC Driver 18 for SQL Server};Server=db1", "DRIVER={ODBC Driver 17 for SQL Server};Server=db1",
                     "driver=odbc driver 18 for sql server;server=db1"] {
            #expect(Connection.isMicrosoftDriver(ConnectionString(text)), "\(text)")
        }
        for text in ["Driver={PostgreSQL Unicode};Server=db1", "Driver=SQLite3;Database=x", "warehouse",
                     "Driver={FreeTDS};Server=db1;Description=for SQL Server"] {
            #expect(!Connection.isMicrosoftDriver(ConnectionString(text)), "\(text)")
        }
    }

    @Test("a bare name is a DSN")
    func dsn() {
        let string = ConnectionString("warehouse")
        #expect(string["DSN"] == "warehouse")
        #expect(string.server == "warehouse")
    }

    @Test("set, replace and remove keys")
    func editing() {
        var string = ConnectionString("Driver={PostgreSQL Unicode};Server=h;")
        string["fetch"] = "100"
        string["SERVER"] = "other"
        #expect(string["Fetch"] == "100")
        #expect(string["server"] == "other")
        #expect(string.text == "Driver=PostgreSQL Unicode;Server=other;fetch=100;")
        string["Fetch"] = nil
        #expect(!string.contains("fetch"))
    }

    @Test("masked form hides every password spelling, braced or not", arguments: [
        "Driver=x;Uid=u;Pwd=s3cret!;", "Driver=x;uid=u;PWD={s3cret!;with;semicolons};", "Driver=x;Password=s3cret!",
        "DSN=d;pwd=s3cret!",
    ])
    func masked(text: String) {
        let string = ConnectionString(text)
        #expect(!string.masked.contains("s3cret"))
        #expect(string.masked.contains("=***"))
        #expect(!string.description.contains("s3cret"))
        #expect(!"\(string)".contains("s3cret"))
        #expect(!ConnectionString.maskPasswords(in: ":connect \(text) as prod").contains("s3cret"))
        #expect(ConnectionString.maskPasswords(in: ":connect \(text) as prod").hasSuffix(" as prod") || text.hasSuffix(";") || text.hasSuffix("!"))
    }

    @Test("Pwd=? takes REX_PASSWORD")
    func passwordFromEnvironment() throws {
        let string = ConnectionString("Driver=x;Uid=u;Pwd=?;")
        #expect(string.asksForPassword)
        let resolved = try string.resolvingPassword(environment: ["REX_PASSWORD": "a;b}c"], ttyPath: "/nonexistent")
        #expect(resolved["pwd"] == "a;b}c")
        #expect(ConnectionString(resolved.text)["PWD"] == "a;b}c")
        #expect(!resolved.masked.contains("a;b"))
    }

    @Test("Pwd=? without REX_PASSWORD or a terminal is PasswordUnavailable")
    func passwordUnavailable() throws {
        let string = ConnectionString("Driver=x;Server=db1;Uid=u;PWD=?")
        let error = try #require(throws: PasswordUnavailable.self) {
            _ = try string.resolvingPassword(environment: [:], ttyPath: "/nonexistent/tty")
        }
        #expect(error.description.contains("REX_PASSWORD"))
        // A path that exists but is not a terminal does not count as one.
        #expect(throws: PasswordUnavailable.self) {
            _ = try string.resolvingPassword(environment: [:], ttyPath: "/dev/null")
        }
    }

    @Test("no password is never asked for")
    func noPrompt() throws {
        let string = ConnectionString("Driver={SQLite3};Database=/tmp/x.sqlite;")
        #expect(!string.asksForPassword)
        #expect(try string.resolvingPassword(environment: [:], ttyPath: "/nonexistent") == string)
    }

    @Test("dialects from SQL_DBMS_NAME")
    func serverKinds() {
        #expect(ServerKind(dbmsName: "Microsoft SQL Server").dialect == "tsql")
        #expect(ServerKind(dbmsName: "PostgreSQL").dialect == "postgres")
        #expect(ServerKind(dbmsName: "SQLite").dialect == "sqlite")
        let other = ServerKind(dbmsName: "Oracle")
        #expect(other.dialect == nil)
        #expect(other.warning?.contains("Oracle") == true)
        #expect(ServerKind.sqlServer.parameterLimit < 2_100)
        #expect(ServerKind.sqlServer.preferredInsertMethod == .parameterArrays)
        #expect(ServerKind.postgres.preferredInsertMethod == .unnestArrays)
        #expect(ServerKind.sqlite.preferredInsertMethod == .multiRowValues)
    }
}
