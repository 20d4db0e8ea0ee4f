import CODBC

/// One ODBC diagnostic record (`SQLGetDiagRecW`).
public struct ODBCDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Five-character SQLSTATE, e.g. `08001`.
    public let sqlState: String
    /// The driver's or server's native error code.
    public let nativeError: Int32
    /// The full message text, never truncated.
    public let message: String

    public var description: String { "[\(sqlState)] (native \(nativeError)) \(message)" }
}

/// An ODBC call that failed: every diagnostic record, plus the SQL that failed, if any.
public struct ODBCError: Error, Sendable, CustomStringConvertible {
    /// The ODBC function that failed, e.g. `SQLDriverConnect`.
    public let function: String
    /// Every diagnostic record, in the driver's order.
    public let diagnostics: [ODBCDiagnostic]
    /// The statement text that failed, if the call ran SQL.
    public let sql: String?
    /// Where it happened, e.g. `connecting to Driver=…;Pwd=***;` (passwords always masked).
    public let context: String?

    public init(function: String, diagnostics: [ODBCDiagnostic], sql: String? = nil, context: String? = nil) {
        self.function = function
        self.diagnostics = diagnostics
        self.sql = sql
        self.context = context.map(ConnectionString.maskPasswords(in:))
    }

    /// SQLSTATE of the first record, or `HY000` when the driver gave none.
    public var sqlState: String { diagnostics.first?.sqlState ?? "HY000" }

    /// True when the connection is gone: SQLSTATE 08S01 / 08003 / 08007 / 57P01 (server
    /// shutdown or `pg_terminate_backend`), or psqlODBC's HY000/HY010 records whose text says
    /// the server connection was lost (psqlODBC reports a killed backend that way).
    public var isConnectionLost: Bool {
        diagnostics.contains { record in
            if ["08S01", "08003", "08007", "57P01", "57P02", "57P03"].contains(record.sqlState) { return true }
            let text = record.message.lowercased()
            return ["server closed the connection", "no connection to the server", "connection is broken",
                    "terminating connection due to administrator command", "could not send data to server",
                    "communication link failure", "the connection has been lost", "connection was lost"]
                .contains { text.contains($0) }
        }
    }

    /// True when the statement was cancelled (`SQLCancel`: SQLSTATE HY008 or PostgreSQL 57014).
    public var isCancelled: Bool {
        diagnostics.contains { $0.sqlState == "HY008" || $0.sqlState == "57014" }
    }

    /// What to do about it, when rex knows a likely fix (shown under the records).
    public var hint: String? {
        let text = diagnostics.map(\.message).joined(separator: "\n").lowercased()
        if text.contains("certificate") || text.contains("ssl provider") {
            return "hint: the server's TLS certificate is not trusted (ODBC Driver 18 encrypts by default); add TrustServerCertificate=yes to the connection string, or install the server's CA certificate"
        }
        if isConnectionLost {
            return "hint: the connection to the server was lost; :connect again"
        }
        if diagnostics.contains(where: { $0.sqlState == "IM002" }) || text.contains("can't open lib") || text.contains("data source name not found") {
            return "hint: no such data source or driver; `odbcinst -q -d` lists drivers, `odbcinst -q -s` data sources"
        }
        if diagnostics.contains(where: { ["08001", "HYT00", "S1T00"].contains($0.sqlState) }) && function == "SQLDriverConnect" {
            return "hint: the server did not answer; check Server, port and firewall"
        }
        return nil
    }

    public var description: String {
        var lines = diagnostics.isEmpty ? ["\(function) failed with no diagnostic record"] : diagnostics.map { "  \($0)" }
        if let context { lines.insert("\(function) failed \(context)", at: 0) }
        if let sql { lines.append("  statement: \(sql)") }
        if let hint { lines.append(hint) }
        return ConnectionString.maskPasswords(in: lines.joined(separator: "\n"))
    }
}

/// Reads every diagnostic record of a handle. The count comes from
/// `SQL_DIAG_NUMBER` (psqlODBC keeps answering past the last record).
func readDiagnostics(handleType: SQLSMALLINT, handle: SQLHANDLE?) -> [ODBCDiagnostic] {
    guard let handle else { return [] }
    var count: SQLINTEGER = 0
    guard succeeded(SQLGetDiagFieldW(handleType, handle, 0, SQLSMALLINT(SQL_DIAG_NUMBER), &count, 0, nil)),
          count > 0 else { return [] }
    var records: [ODBCDiagnostic] = []
    for recordNumber in 1...SQLSMALLINT(clamping: count) {
        var state = [SQLWCHAR](repeating: 0, count: 6)
        var native: SQLINTEGER = 0
        var length: SQLSMALLINT = 0
        // Read with a generous buffer; if the text is longer, read again with
        // room for all of it: never truncate.
        var message = [SQLWCHAR](repeating: 0, count: 4096)
        var code = SQLGetDiagRecW(handleType, handle, recordNumber, &state, &native, &message, SQLSMALLINT(clamping: message.count), &length)
        // Some drivers (psqlODBC) report the truncated length, not the full one: grow until it fits.
        while code == SQL_SUCCESS_WITH_INFO || Int(length) >= message.count - 1, message.count < Int(Int16.max) {
            let size = min(Int(Int16.max), max(message.count * 4, Int(length) + 1))
            message = [SQLWCHAR](repeating: 0, count: size)
            code = SQLGetDiagRecW(handleType, handle, recordNumber, &state, &native, &message, SQLSMALLINT(clamping: message.count), &length)
        }
        guard succeeded(code) else { break }
        let text = String(decodingWide: message)
        // psqlODBC counts an empty extra record after some errors.
        if text.isEmpty, native == 0, recordNumber > 1 { continue }
        records.append(ODBCDiagnostic(
            sqlState: String(decodingWide: state, count: 5),
            nativeError: Int32(native),
            message: text))
    }
    return records
}

/// True for SQL_SUCCESS and SQL_SUCCESS_WITH_INFO.
@inline(__always) func succeeded(_ code: SQLRETURN) -> Bool {
    code == SQL_SUCCESS || code == SQL_SUCCESS_WITH_INFO
}
