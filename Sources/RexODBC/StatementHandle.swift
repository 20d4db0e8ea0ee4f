import CODBC

/// One ODBC statement handle owned by a `Connection`, which tracks it for `cancel()`.
/// Turns return codes into `ODBCError`s and info records into connection messages.
///
/// Memory the driver reads after the call that hands it over (`SQLBindParameter` buffers read
/// by `SQLExecute`, `SQLBindCol` buffers and the `SQL_ATTR_ROWS_FETCHED_PTR`/`ROW_STATUS_PTR`
/// targets written by `SQLFetch`) is owned by this object through `retain(_:for:)` and released
/// only after `SQLFreeHandle` (or the matching `SQLFreeStmt` unbind). An optimized build ends
/// an object's life after its last Swift use, so a caller's local variable is never enough.
/// `SQLGetData`, `SQLExecDirect`/`SQLPrepare` text and catalog arguments are read or written
/// only during the call, so local arrays passed with `&` are enough there.
final class StatementHandle {
    /// nil once freed.
    private(set) var raw: SQLHSTMT?
    let connection: Connection
    let sql: String?

    /// What a retained buffer is bound as, so that an unbind releases only what it unbinds.
    enum BindingKind {
        /// `SQLBindParameter` buffers, read by `SQLExecute`/`SQLExecDirect`.
        case parameters
        /// `SQLBindCol` buffers, written by `SQLFetch`.
        case columns
        /// Pointers set as statement attributes (`SQL_ATTR_ROWS_FETCHED_PTR`, `SQL_ATTR_ROW_STATUS_PTR`).
        case attributes
    }

    /// Owners of memory the driver may still read or write, by binding kind.
    private var retained: [BindingKind: [ObjectIdentifier: AnyObject]] = [:]

    init(raw: SQLHSTMT, connection: Connection, sql: String?) {
        self.raw = raw
        self.connection = connection
        self.sql = sql
    }

    deinit { connection.release(self) }

    /// The live handle (a freed statement hands ODBC a null handle, which fails cleanly).
    var rawHandle: SQLHSTMT? { raw }

    /// Called by the connection (under its lock) once it has freed the handle: nothing can read
    /// the bound buffers any more, so they are released here.
    func forgetRaw() {
        raw = nil
        retained = [:]
    }

    /// Frees the handle now (also done on deinit).
    func free() { connection.release(self) }

    /// Keeps `owner` (whose memory was just handed to the driver as `kind`) alive until the
    /// handle is freed or that kind is unbound.
    func retain(_ owner: AnyObject, for kind: BindingKind) {
        retained[kind, default: [:]][ObjectIdentifier(owner)] = owner
    }

    /// `SQLFreeStmt(SQL_UNBIND)`: the driver forgets the column buffers, which are released.
    func unbindColumns() {
        SQLFreeStmt(raw, SQLUSMALLINT(SQL_UNBIND))
        retained[.columns] = nil
    }

    /// `SQLFreeStmt(SQL_RESET_PARAMS)`: the driver forgets the parameter buffers, which are released.
    func resetParameters() {
        SQLFreeStmt(raw, SQLUSMALLINT(SQL_RESET_PARAMS))
        retained[.parameters] = nil
    }

    var diagnostics: [ODBCDiagnostic] {
        readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_STMT), handle: raw)
    }

    /// Returns `code` when it is a success (or SQL_NO_DATA when allowed); info records
    /// go to the connection's messages (except string truncation, which fetch repairs).
    /// Any other code throws an `ODBCError` with every record and the SQL.
    @discardableResult
    func check(_ code: SQLRETURN, _ function: String, allowNoData: Bool = false) throws -> SQLRETURN {
        if code == SQL_SUCCESS { return code }
        if code == SQL_SUCCESS_WITH_INFO {
            connection.record(messages: diagnostics.filter { $0.sqlState != "01004" && $0.sqlState != "01S02" })
            return code
        }
        if code == SQL_NO_DATA, allowNoData { return code }
        var records = diagnostics
        if records.isEmpty, raw == nil {
            records = [ODBCDiagnostic(sqlState: "08003", nativeError: 0, message: "the connection was closed")]
        }
        throw ODBCError(function: function, diagnostics: records, sql: sql)
    }

    /// `SQLExecDirect` of `text` (default: this statement's SQL).
    @discardableResult
    func execute(_ text: String? = nil) throws -> SQLRETURN {
        let sqlText = try checkedText(text ?? sql ?? "")
        if connection.serverKind == .sqlite {
            // sqliteodbc mangles characters outside the BMP in wide SQL text; its narrow
            // entry points take UTF-8 as is.
            var bytes = Array(sqlText.utf8) + [0]
            return try check(SQLExecDirect(raw, &bytes, SQLINTEGER(SQL_NTS)), "SQLExecDirect", allowNoData: true)
        }
        var units = sqlText.wideNulTerminated
        return try check(SQLExecDirectW(raw, &units, SQLINTEGER(SQL_NTS)), "SQLExecDirect", allowNoData: true)
    }

    /// `SQLPrepare` of `text` (default: this statement's SQL).
    func prepare(_ text: String? = nil) throws {
        let sqlText = try checkedText(text ?? sql ?? "")
        if connection.serverKind == .sqlite {
            var bytes = Array(sqlText.utf8) + [0]
            try check(SQLPrepare(raw, &bytes, SQLINTEGER(SQL_NTS)), "SQLPrepare")
            return
        }
        var text = sqlText.wideNulTerminated
        try check(SQLPrepareW(raw, &text, SQLINTEGER(SQL_NTS)), "SQLPrepare")
    }

    /// `text`, which must not contain NUL: the driver would cut it there (and rex's compiled
    /// SQL marks unbound script-variable parameters with NULs, see RexCompiler's `SQLStatement`).
    private func checkedText(_ text: String) throws -> String {
        guard !text.unicodeScalars.contains("\u{0}") else {
            throw ODBCError(function: "SQLExecDirect", diagnostics: [ODBCDiagnostic(
                sqlState: "HY090", nativeError: 0, message: "the SQL text contains a NUL character, which SQL text cannot carry")], sql: nil)
        }
        return text
    }

    /// Number of result columns (0 when the statement returns no rows).
    var columnCount: Int {
        var count: SQLSMALLINT = 0
        SQLNumResultCols(raw, &count)
        return Int(count)
    }

    /// Rows affected by the last INSERT/UPDATE/DELETE (`SQLRowCount`), nil if unknown.
    var rowCount: Int? {
        var count: SQLLEN = 0
        guard succeeded(SQLRowCount(raw, &count)), count >= 0 else { return nil }
        return Int(count)
    }

    func setAttribute(_ attribute: Int32, _ value: Int) throws {
        try check(SQLSetStmtAttrW(raw, SQLINTEGER(attribute), SQLPOINTER(bitPattern: value), 0), "SQLSetStmtAttr(\(attribute))")
    }

    /// Sets a pointer-valued attribute whose target the driver writes on later calls
    /// (`SQLFetch`); `owner` owns that memory and is kept alive with the handle.
    func setAttribute(_ attribute: Int32, pointer: UnsafeMutableRawPointer, ownedBy owner: AnyObject) throws {
        try check(SQLSetStmtAttrW(raw, SQLINTEGER(attribute), pointer, 0), "SQLSetStmtAttr(\(attribute))")
        retain(owner, for: .attributes)
    }

    /// Reads the whole value of `column` of the current row as UTF-16 (nil for NULL), in chunks.
    func readWide(column: Int) throws -> [UInt16]? {
        var units: [UInt16] = []
        var chunk = [SQLWCHAR](repeating: 0, count: 32_768)
        while true {
            var indicator: SQLLEN = 0
            let code = try check(SQLGetData(raw, SQLUSMALLINT(column), SQLSMALLINT(SQL_C_WCHAR), &chunk,
                                            SQLLEN(chunk.count * MemoryLayout<SQLWCHAR>.size), &indicator),
                                 "SQLGetData", allowNoData: true)
            if code == SQL_NO_DATA { break }
            if indicator == SQLLEN(SQL_NULL_DATA) { return nil }
            let room = chunk.count - 1
            let inChunk = (indicator == SQLLEN(SQL_NO_TOTAL) || Int(indicator) / 2 > room) ? room : Int(indicator) / 2
            units.append(contentsOf: chunk[0..<inChunk])
            if code == SQL_SUCCESS { break }
        }
        return units
    }

    /// Reads the whole value of `column` of the current row as bytes (nil for NULL), in chunks.
    func readBinary(column: Int) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 262_144)
        while true {
            var indicator: SQLLEN = 0
            let code = try check(SQLGetData(raw, SQLUSMALLINT(column), SQLSMALLINT(SQL_C_BINARY), &chunk,
                                            SQLLEN(chunk.count), &indicator),
                                 "SQLGetData", allowNoData: true)
            if code == SQL_NO_DATA { break }
            if indicator == SQLLEN(SQL_NULL_DATA) { return nil }
            let inChunk = (indicator == SQLLEN(SQL_NO_TOTAL) || Int(indicator) > chunk.count) ? chunk.count : Int(indicator)
            bytes.append(contentsOf: chunk[0..<inChunk])
            if code == SQL_SUCCESS { break }
        }
        return bytes
    }

    /// Reads the whole value of `column` of the current row as SQL_C_CHAR bytes (nil for NULL),
    /// in chunks; each chunk ends in a NUL the driver adds, which is not part of the value.
    func readUTF8(column: Int) throws -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            var indicator: SQLLEN = 0
            let code = try check(SQLGetData(raw, SQLUSMALLINT(column), SQLSMALLINT(SQL_C_CHAR), &chunk,
                                            SQLLEN(chunk.count), &indicator),
                                 "SQLGetData", allowNoData: true)
            if code == SQL_NO_DATA { break }
            if indicator == SQLLEN(SQL_NULL_DATA) { return nil }
            let room = chunk.count - 1
            let inChunk = (indicator == SQLLEN(SQL_NO_TOTAL) || Int(indicator) > room) ? room : Int(indicator)
            bytes.append(contentsOf: chunk[0..<inChunk])
            if code == SQL_SUCCESS { break }
        }
        return bytes
    }

    /// Reads the whole value of `column` as narrow text bytes (ASCII numbers), nil for NULL.
    func readNarrow(column: Int) throws -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 128)
        var indicator: SQLLEN = 0
        let code = try check(SQLGetData(raw, SQLUSMALLINT(column), SQLSMALLINT(SQL_C_CHAR), &chunk, SQLLEN(chunk.count), &indicator),
                             "SQLGetData", allowNoData: true)
        if code == SQL_NO_DATA || indicator == SQLLEN(SQL_NULL_DATA) { return nil }
        let count = min(Int(indicator), chunk.count - 1)
        return Array(chunk[0..<max(0, count)])
    }
}
