@testable import RexODBC
import Testing

@Suite("Server messages as sqlcmd and psql show them")
struct ServerMessageTests {
    @Test("driver and driver-manager prefixes go; the server's text stays whole", arguments: [
        ("[Microsoft][ODBC Driver 18 for SQL Server][SQL Server]hi", "hi"),
        ("[Microsoft][ODBC Driver 18 for SQL Server][SQL Server][info] done", "[info] done"),
        ("[FreeTDS][SQL Server]Changed database context to 'master'.", "Changed database context to 'master'."),
        ("[unixODBC][Driver Manager]Data source name not found", "Data source name not found"),
        ("NOTICE: hi", "NOTICE:  hi"),
        ("WARNING: careful", "WARNING:  careful"),
        ("NOTICE:  already psql's form", "NOTICE:  already psql's form"),
        ("plain text", "plain text"),
        ("", ""),
    ])
    func shown(message: String, expected: String) {
        #expect(ODBCDiagnostic(sqlState: "01000", nativeError: 0, message: message).shownAsServerMessage == expected)
    }
}
