import CODBC
import Foundation

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
///
/// Use it from one thread at a time, except `cancel()`, which any thread may call
/// while another runs a statement.
public final class Connection: @unchecked Sendable, CustomStringConvertible {
    /// Rows psqlODBC keeps per cursor fetch (`UseDeclareFetch=1;Fetch=N`): bounded memory.
    public static let postgresFetchSize = 10_000

    let handle: SQLHDBC
    /// The connection string used, with the password resolved. Show `connectionString.masked` only.
    public let connectionString: ConnectionString
    /// What kind of server this is (from `SQL_DBMS_NAME`): dialect and driver strategies.
    public let serverKind: ServerKind
    /// `SQL_GETDATA_EXTENSIONS`: whether `SQLGetData` works with block cursors and bound columns.
    let getDataExtensions: UInt32

    private let lock = NSLock()
    private var openStatements: [ObjectIdentifier: RegisteredStatement] = [:]
    private var pendingMessages: [ODBCDiagnostic] = []
    private var closed = false

    /// Opens a connection from a full connection string or `DSN=…` (or a bare DSN name) without prompting.
    /// `Pwd=?` is resolved first (`REX_PASSWORD`, else the terminal, else `PasswordUnavailable`).
    /// - Parameter loginTimeout: seconds to wait for the server, if given.
    public convenience init(connectionString: String, loginTimeout: Int? = nil) throws {
        try self.init(ConnectionString(connectionString), loginTimeout: loginTimeout)
    }

    /// Opens a connection; see `init(connectionString:loginTimeout:)`.
    public init(_ connectionString: ConnectionString, loginTimeout: Int? = nil) throws {
        var resolved = try connectionString.resolvingPassword()
        let driver = (resolved["Driver"] ?? "").lowercased()
        let looksPostgres = driver.contains("postgres") || driver.contains("psqlodbc")
        if looksPostgres { resolved = Connection.addingPostgresOptions(resolved) }
        var dbc = try Connection.connect(resolved, loginTimeout: loginTimeout)
        var kind = ServerKind(dbmsName: (try? Connection.stringInfo(dbc, SQL_DBMS_NAME)) ?? "")
        if kind == .postgres, !looksPostgres {
            // A DSN that points at psqlODBC: reconnect with bounded-memory fetching.
            let augmented = Connection.addingPostgresOptions(resolved)
            if augmented != resolved, let again = try? Connection.connect(augmented, loginTimeout: loginTimeout) {
                Connection.disconnect(dbc)
                dbc = again
                resolved = augmented
                kind = .postgres
            }
        }
        handle = dbc
        self.connectionString = resolved
        serverKind = kind
        var extensions: SQLUINTEGER = 0
        SQLGetInfoW(dbc, SQLUSMALLINT(SQL_GETDATA_EXTENSIONS), &extensions, SQLSMALLINT(MemoryLayout<SQLUINTEGER>.size), nil)
        getDataExtensions = UInt32(extensions)
        if kind == .postgres { try configurePostgresSession() }
    }

    /// Session settings rex's SQL relies on, set after connecting whatever the database or
    /// role says: `standard_conforming_strings = on`, so a backslash in a `'…'` literal is
    /// an ordinary character (off, `'x\'; DROP TABLE b; --'` would end the literal early);
    /// `extra_float_digits = 1`, so a double's text is its shortest round-trip form (PostgreSQL
    /// 12+; 0 or less gives 15 digits), which `round` and `text` of a float start from.
    private func configurePostgresSession() throws {
        try execute("SET standard_conforming_strings = on")
        try execute("SET extra_float_digits = 1")
    }

    deinit {
        close()
    }

    /// Frees every statement and disconnects. Later calls throw.
    public func close() {
        lock.lock()
        let wasClosed = closed
        closed = true
        for statement in openStatements.values {
            SQLFreeHandle(SQLSMALLINT(SQL_HANDLE_STMT), statement.raw)
            statement.owner?.forgetRaw()
        }
        openStatements.removeAll()
        lock.unlock()
        guard !wasClosed else { return }
        Connection.disconnect(handle)
    }

    /// `Connection(<masked connection string>)`.
    public var description: String { "Connection(\(connectionString.masked))" }

    // MARK: - Server facts

    /// A string-valued `SQLGetInfo` item, e.g. `SQL_DBMS_NAME`.
    public func info(_ item: Int32) throws -> String {
        try Connection.stringInfo(handle, item)
    }

    /// The server product name (`SQL_DBMS_NAME`), e.g. `PostgreSQL` or `SQLite`.
    public var dbmsName: String { get throws { try info(Int32(SQL_DBMS_NAME)) } }

    /// The server version (`SQL_DBMS_VER`), e.g. `15.08.0000`.
    public var dbmsVersion: String { get throws { try info(Int32(SQL_DBMS_VER)) } }

    /// The current database (`SQL_ATTR_CURRENT_CATALOG`); SQLite answers `main`.
    public var currentDatabase: String {
        get throws {
            var buffer = [SQLWCHAR](repeating: 0, count: 512)
            var length: SQLINTEGER = 0
            let code = SQLGetConnectAttrW(handle, SQLINTEGER(SQL_ATTR_CURRENT_CATALOG), &buffer,
                                          SQLINTEGER(buffer.count * MemoryLayout<SQLWCHAR>.size), &length)
            guard succeeded(code) else {
                throw ODBCError(function: "SQLGetConnectAttr(CURRENT_CATALOG)", diagnostics: connectionDiagnostics())
            }
            let text = String(decodingWide: buffer)
            return text.isEmpty ? (connectionString.database ?? "") : text
        }
    }

    /// True when the driver knows the connection is gone (`SQL_ATTR_CONNECTION_DEAD`, no round trip)
    /// or it was closed. A statement on a lost connection also fails with `isConnectionLost`.
    public var isDead: Bool {
        lock.lock()
        let wasClosed = closed
        lock.unlock()
        if wasClosed { return true }
        var dead: SQLUINTEGER = 0
        let code = SQLGetConnectAttrW(handle, SQLINTEGER(SQL_ATTR_CONNECTION_DEAD), &dead, 0, nil)
        return succeeded(code) && dead == SQLUINTEGER(SQL_CD_TRUE)
    }

    // MARK: - Messages

    /// Info messages (SQL_SUCCESS_WITH_INFO records: PRINT, RAISE NOTICE, warnings) gathered
    /// since the last call, oldest first; the list is emptied.
    public func takeMessages() -> [ODBCDiagnostic] {
        lock.lock(); defer { lock.unlock() }
        let messages = pendingMessages
        pendingMessages = []
        return messages
    }

    /// Forgets the gathered messages that `unwanted` picks (a caution a statement always
    /// prints, such as `sp_rename`'s), keeping the others for `takeMessages()`.
    public func discardMessages(where unwanted: (ODBCDiagnostic) -> Bool) {
        lock.lock(); defer { lock.unlock() }
        pendingMessages.removeAll(where: unwanted)
    }

    func record(messages: [ODBCDiagnostic]) {
        guard !messages.isEmpty else { return }
        lock.lock(); defer { lock.unlock() }
        pendingMessages.append(contentsOf: messages)
    }

    // MARK: - Cancel

    /// Cancels whatever statement runs on this connection (`SQLCancel`). Safe from any thread;
    /// the running call then fails with an `ODBCError` whose `isCancelled` is true.
    public func cancel() {
        lock.lock(); defer { lock.unlock() }
        for statement in openStatements.values { SQLCancel(statement.raw) }
    }

    // MARK: - Transactions

    /// Turns autocommit on or off (`SQL_ATTR_AUTOCOMMIT`).
    public func setAutocommit(_ on: Bool) throws {
        let value = on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF
        let code = SQLSetConnectAttrW(handle, SQLINTEGER(SQL_ATTR_AUTOCOMMIT), SQLPOINTER(bitPattern: Int(value)), 0)
        guard succeeded(code) else {
            throw ODBCError(function: "SQLSetConnectAttr(AUTOCOMMIT)", diagnostics: connectionDiagnostics())
        }
    }

    /// Commits the current transaction.
    public func commit() throws { try endTransaction(SQL_COMMIT, "SQLEndTran(COMMIT)") }

    /// Rolls back the current transaction.
    public func rollback() throws { try endTransaction(SQL_ROLLBACK, "SQLEndTran(ROLLBACK)") }

    /// Runs `body` in one transaction (autocommit off): commits when it returns,
    /// rolls back when it throws, and restores autocommit either way. A `transaction`
    /// (or `insert`) inside `body` joins this one instead of committing early.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 {
            transactionDepth += 1
            defer { transactionDepth -= 1 }
            return try body()
        }
        try setAutocommit(false)
        transactionDepth = 1
        defer {
            transactionDepth = 0
            try? setAutocommit(true)
        }
        do {
            let result = try body()
            try commit()
            return result
        } catch {
            try? rollback()
            throw error
        }
    }

    /// Nesting level of `transaction` calls (used from the connection's one working thread).
    private var transactionDepth = 0

    /// True inside `transaction { }`.
    public var isInTransaction: Bool { transactionDepth > 0 }

    private func endTransaction(_ kind: Int32, _ name: String) throws {
        let code = SQLEndTran(SQLSMALLINT(SQL_HANDLE_DBC), handle, SQLSMALLINT(kind))
        guard succeeded(code) else { throw ODBCError(function: name, diagnostics: connectionDiagnostics()) }
    }

    // MARK: - Statements

    /// A new statement handle, registered so that `cancel()` reaches it.
    func makeStatement(sql: String?) throws -> StatementHandle {
        lock.lock()
        if closed {
            lock.unlock()
            throw ODBCError(function: "SQLAllocHandle(STMT)",
                            diagnostics: [ODBCDiagnostic(sqlState: "08003", nativeError: 0, message: "the connection is closed")], sql: sql)
        }
        var stmt: SQLHSTMT?
        let code = SQLAllocHandle(SQLSMALLINT(SQL_HANDLE_STMT), handle, &stmt)
        guard succeeded(code), let stmt else {
            lock.unlock()
            throw ODBCError(function: "SQLAllocHandle(STMT)", diagnostics: connectionDiagnostics(), sql: sql)
        }
        let statement = StatementHandle(raw: stmt, connection: self, sql: sql)
        openStatements[ObjectIdentifier(statement)] = RegisteredStatement(raw: stmt, owner: statement)
        lock.unlock()
        return statement
    }

    /// Forgets and frees `statement` (under the lock, so `cancel()` never sees a freed handle).
    func release(_ statement: StatementHandle) {
        lock.lock()
        if let registered = openStatements.removeValue(forKey: ObjectIdentifier(statement)) {
            SQLFreeHandle(SQLSMALLINT(SQL_HANDLE_STMT), registered.raw)
        }
        statement.forgetRaw()
        lock.unlock()
    }

    func connectionDiagnostics() -> [ODBCDiagnostic] {
        readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_DBC), handle: handle)
    }

    /// Runs `sql` and returns every row with each value as text (nil for NULL).
    /// A simple path for tests and small results; bulk data uses `query`.
    public func queryText(_ sql: String) throws -> [[String?]] {
        let statement = try makeStatement(sql: sql)
        defer { release(statement) }
        let code = try statement.execute()
        if code == SQL_NO_DATA { return [] }
        let columnCount = statement.columnCount
        if columnCount == 0 { return [] }
        var rows: [[String?]] = []
        while true {
            let fetched = try statement.check(SQLFetch(statement.rawHandle), "SQLFetch", allowNoData: true)
            if fetched == SQL_NO_DATA { break }
            var row: [String?] = []
            for column in 1...columnCount {
                row.append(try statement.readWide(column: column).map { String(decoding: $0, as: UTF16.self) })
            }
            rows.append(row)
        }
        return rows
    }

    // MARK: - Connecting

    /// Adds psqlODBC options rex relies on unless the user gave them: cursor fetching in
    /// blocks (bounded memory) and real booleans.
    static func addingPostgresOptions(_ string: ConnectionString) -> ConnectionString {
        var copy = string
        if !copy.contains("UseDeclareFetch") { copy["UseDeclareFetch"] = "1" }
        if !copy.contains("Fetch") { copy["Fetch"] = String(postgresFetchSize) }
        if !copy.contains("BoolsAsChar") { copy["BoolsAsChar"] = "0" }
        return copy
    }

    static func connect(_ connectionString: ConnectionString, loginTimeout: Int?) throws -> SQLHDBC {
        let context = "connecting to \(connectionString.masked)"
        guard let env = ODBCEnvironment.shared.handle else {
            throw ODBCError(function: "SQLAllocHandle(ENV)", diagnostics: [], context: context)
        }
        var dbc: SQLHDBC?
        guard succeeded(SQLAllocHandle(SQLSMALLINT(SQL_HANDLE_DBC), env, &dbc)), let dbc else {
            throw ODBCError(function: "SQLAllocHandle(DBC)",
                            diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_ENV), handle: env), context: context)
        }
        if let loginTimeout {
            SQLSetConnectAttrW(dbc, SQLINTEGER(SQL_ATTR_LOGIN_TIMEOUT), SQLPOINTER(bitPattern: loginTimeout), 0)
        }
        if isMicrosoftDriver(connectionString) {
            // Microsoft's driver enables its bulk-copy API (bcp_*) only on connections that ask
            // before connecting (SQL_COPT_SS_BCP = SQL_BCP_ON); it changes nothing else. A driver
            // manager or driver that does not know the attribute refuses it: that is ignored.
            SQLSetConnectAttrW(dbc, Self.copyOptionBulkCopy, SQLPOINTER(bitPattern: Self.bulkCopyOn), SQLINTEGER(SQL_IS_INTEGER))
        }
        var input = connectionString.text.wideNulTerminated
        var outLength: SQLSMALLINT = 0
        let code = SQLDriverConnectW(dbc, nil, &input, SQLSMALLINT(SQL_NTS), nil, 0, &outLength, SQLUSMALLINT(SQL_DRIVER_NOPROMPT))
        guard succeeded(code) else {
            let diagnostics = readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_DBC), handle: dbc)
            SQLFreeHandle(SQLSMALLINT(SQL_HANDLE_DBC), dbc)
            throw ODBCError(function: "SQLDriverConnect", diagnostics: diagnostics, context: context)
        }
        return dbc
    }

    /// `SQL_COPT_SS_BCP` and `SQL_BCP_ON` of Microsoft's `msodbcsql.h`.
    static let copyOptionBulkCopy = SQLINTEGER(1219)
    static let bulkCopyOn = 1

    /// True when the connection string names one of Microsoft's SQL Server ODBC drivers, in its
    /// `Driver` key or as the driver of its data source (`SQLDataSources`).
    static func isMicrosoftDriver(_ connectionString: ConnectionString) -> Bool {
        guard let driver = (connectionString["Driver"] ?? connectionString["DSN"].flatMap(BulkCopyLibrary.driverOfDataSource))?
            .lowercased() else { return false }
        return driver.contains("odbc driver") && driver.contains("for sql server")
    }

    static func disconnect(_ dbc: SQLHDBC) {
        SQLDisconnect(dbc)
        SQLFreeHandle(SQLSMALLINT(SQL_HANDLE_DBC), dbc)
    }

    static func stringInfo(_ dbc: SQLHDBC, _ item: Int32) throws -> String {
        var buffer = [SQLWCHAR](repeating: 0, count: 512)
        var length: SQLSMALLINT = 0
        let code = SQLGetInfoW(dbc, SQLUSMALLINT(item), &buffer, SQLSMALLINT(buffer.count * MemoryLayout<SQLWCHAR>.size), &length)
        guard succeeded(code) else {
            throw ODBCError(function: "SQLGetInfo", diagnostics: readDiagnostics(handleType: SQLSMALLINT(SQL_HANDLE_DBC), handle: dbc))
        }
        return String(decodingWide: buffer, count: Int(length) / MemoryLayout<SQLWCHAR>.size)
    }
}

/// A statement handle as the connection tracks it: the raw handle (for `SQLCancel` and
/// freeing) and its owner, held weakly.
private struct RegisteredStatement {
    let raw: SQLHSTMT
    weak var owner: StatementHandle?
}
