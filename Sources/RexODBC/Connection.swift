import CODBC

/// The process-wide ODBC environment (ODBC 3.8 behaviour).
public final class ODBCEnvironment: @unchecked Sendable {
    /// The one shared environment.
    public static let shared: ODBCEnvironment = ODBCEnvironment()

    let handle: SQLHENV?

    private init() {
        var env: SQLHENV?
        let code = SQLAllocHandle(SQLSMALLINT(SQL_HANDLE_ENV), nil, &env)
        if succeeded(code), let env {
            SQLSetEnvAttr(env, SQLINTEGER(SQL_ATTR_ODBC_VERSION),
                          SQLPOINTER(bitPattern: Int(SQL_OV_ODBC3_80)), 0)
            handle = env
        } else {
            handle = nil
        }
    }
}

/// One open ODBC connection. Owns its handle; `close()` or deinit frees it.
public final class Connection: @unchecked Sendable {
    let handle: SQLHDBC

    /// Opens a connection from a full connection string or `DSN=…` without prompting.
    /// - Parameter loginTimeout: seconds to wait for the server, if given.
    public init(connectionString: String, loginTimeout: Int? = nil) throws {
        guard let env = ODBCEnvironment.shared.handle else {
            throw ODBCError(function: "SQLAllocHandle(ENV)", diagnostics: [])
        }
        var dbc: SQLHDBC?
        guard succeeded(SQLAllocHandle(SQLSMALLINT(SQL_HANDLE_DBC), env, &dbc)), let dbc else {
            throw ODBCError(function: "SQLAllocHandle(DBC)", diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_ENV), handle: env))
        }
        if let loginTimeout {
            SQLSetConnectAttrW(dbc, SQLINTEGER(SQL_ATTR_LOGIN_TIMEOUT), SQLPOINTER(bitPattern: loginTimeout), 0)
        }
        var input = connectionString.wideNulTerminated
        var outLength: SQLSMALLINT = 0
        let code = SQLDriverConnectW(dbc, nil, &input, SQLSMALLINT(SQL_NTS), nil, 0, &outLength, SQLUSMALLINT(SQL_DRIVER_NOPROMPT))
        guard succeeded(code) else {
            let diagnostics = readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_DBC), handle: dbc)
            SQLFreeHandle(SQLSMALLINT(SQL_HANDLE_DBC), dbc)
            throw ODBCError(function: "SQLDriverConnect", diagnostics: diagnostics)
        }
        handle = dbc
    }

    deinit {
        SQLDisconnect(handle)
        SQLFreeHandle(SQLSMALLINT(SQL_HANDLE_DBC), handle)
    }

    /// A string-valued `SQLGetInfo` item, e.g. `SQL_DBMS_NAME`.
    public func info(_ item: Int32) throws -> String {
        var buffer = [SQLWCHAR](repeating: 0, count: 512)
        var length: SQLSMALLINT = 0
        let code = SQLGetInfoW(handle, SQLUSMALLINT(item), &buffer, SQLSMALLINT(buffer.count * MemoryLayout<SQLWCHAR>.size), &length)
        guard succeeded(code) else {
            throw ODBCError(function: "SQLGetInfo", diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_DBC), handle: handle))
        }
        return String(decodingWide: buffer, count: Int(length) / MemoryLayout<SQLWCHAR>.size)
    }

    /// The server product name (`SQL_DBMS_NAME`), e.g. `PostgreSQL` or `SQLite`.
    public var dbmsName: String { get throws { try info(Int32(SQL_DBMS_NAME)) } }

    /// Runs `sql` and returns every row with each value as text (nil for NULL).
    /// A simple path for tests and small results; bulk data uses columnar fetch.
    public func queryText(_ sql: String) throws -> [[String?]] {
        var stmt: SQLHSTMT?
        guard succeeded(SQLAllocHandle(SQLSMALLINT(SQL_HANDLE_STMT), handle, &stmt)), let stmt else {
            throw ODBCError(function: "SQLAllocHandle(STMT)", diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_DBC), handle: handle), sql: sql)
        }
        defer { SQLFreeHandle(SQLSMALLINT(SQL_HANDLE_STMT), stmt) }
        var text = sql.wideNulTerminated
        let code = SQLExecDirectW(stmt, &text, SQLINTEGER(SQL_NTS))
        guard succeeded(code) || code == SQL_NO_DATA else {
            throw ODBCError(function: "SQLExecDirect", diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_STMT), handle: stmt), sql: sql)
        }
        var columnCount: SQLSMALLINT = 0
        SQLNumResultCols(stmt, &columnCount)
        if columnCount == 0 { return [] }
        var rows: [[String?]] = []
        while true {
            let fetched = SQLFetch(stmt)
            if fetched == SQL_NO_DATA { break }
            guard succeeded(fetched) else {
                throw ODBCError(function: "SQLFetch", diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_STMT), handle: stmt), sql: sql)
            }
            var row: [String?] = []
            for column in 1...Int(columnCount) {
                row.append(try readWideText(stmt: stmt, column: SQLUSMALLINT(column), sql: sql))
            }
            rows.append(row)
        }
        return rows
    }

    private func readWideText(stmt: SQLHSTMT, column: SQLUSMALLINT, sql: String) throws -> String? {
        var units: [SQLWCHAR] = []
        var chunk = [SQLWCHAR](repeating: 0, count: 4096)
        while true {
            var indicator: SQLLEN = 0
            let code = SQLGetData(stmt, column, SQLSMALLINT(SQL_C_WCHAR), &chunk, SQLLEN(chunk.count * MemoryLayout<SQLWCHAR>.size), &indicator)
            if code == SQL_NO_DATA { break }
            guard succeeded(code) else {
                throw ODBCError(function: "SQLGetData", diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_STMT), handle: stmt), sql: sql)
            }
            if indicator == SQLLEN(SQL_NULL_DATA) { return nil }
            let available = chunk.count - 1
            let unitsInChunk = (indicator == SQLLEN(SQL_NO_TOTAL) || Int(indicator) / 2 > available) ? available : Int(indicator) / 2
            units.append(contentsOf: chunk[0..<unitsInChunk])
            if code == SQL_SUCCESS { break }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
