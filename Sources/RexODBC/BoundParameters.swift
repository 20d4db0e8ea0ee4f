import CODBC
import RexData

/// Running SQL with bound parameters (`?` markers), as script variables need (SPEC §5):
/// each value is handed to the driver with `SQLBindParameter` — an int as `SQL_BIGINT`,
/// text as wide characters — so it is data, never part of the SQL text.
extension Connection {
    /// Runs `sql` with `parameters` bound to its `?` markers, in order; see `query(_:options:)`.
    public func query(_ sql: String, parameters: [Value], options: FetchOptions = FetchOptions()) throws -> ResultStream {
        guard !parameters.isEmpty else { return try query(sql, options: options) }
        let statement = try makeStatement(sql: sql)
        try bind(parameters, to: statement)
        try statement.execute()
        return try ResultStream(statement: statement, options: options)
    }

    /// Every row of the first result set of `sql` with `parameters` bound.
    public func fetchAll(_ sql: String, parameters: [Value], options: FetchOptions = FetchOptions()) throws -> Table {
        let stream = try query(sql, parameters: parameters, options: options)
        defer { stream.close() }
        return try stream.fetchAll()
    }

    /// Runs a statement that returns no rows with `parameters` bound; rows affected, nil when unknown.
    @discardableResult
    public func execute(_ sql: String, parameters: [Value]) throws -> Int? {
        guard !parameters.isEmpty else { return try execute(sql) }
        let statement = try makeStatement(sql: sql)
        defer { statement.free() }
        try bind(parameters, to: statement)
        let code = try statement.execute()
        return code == SQL_NO_DATA ? 0 : statement.rowCount
    }

    /// Runs a raw SQL batch (`:exec`) with `parameters` bound; see `executeBatch(_:maxRows:)`.
    public func executeBatch(_ sql: String, parameters: [Value], maxRows: Int = .max) throws -> [StatementOutcome] {
        guard !parameters.isEmpty else { return try executeBatch(sql, maxRows: maxRows) }
        let stream = try query(sql, parameters: parameters)
        defer { stream.close() }
        return try stream.readOutcomes(maxRows: maxRows)
    }

    /// The result columns of `sql` with `parameters` bound (their types inform the server's
    /// description), without running it.
    public func describe(_ sql: String, parameters: [Value]) throws -> [ResultColumn] {
        guard !parameters.isEmpty else { return try describe(sql) }
        let statement = try makeStatement(sql: sql)
        defer { statement.free() }
        try bind(parameters, to: statement)
        try statement.prepare()
        return try statement.describeColumns()
    }

    /// The rex schema of `sql`'s result with `parameters` bound, without running it.
    public func resultSchema(_ sql: String, parameters: [Value]) throws -> Schema {
        Schema(try describe(sql, parameters: parameters).map(\.field))
    }

    /// Binds `parameters` as input parameters 1, 2, …; the statement owns their buffers.
    private func bind(_ parameters: [Value], to statement: StatementHandle) throws {
        for (index, value) in parameters.enumerated() {
            try BoundParameter(value, serverKind: serverKind).bind(as: index + 1, to: statement)
        }
    }
}

/// The buffers of one input parameter: the value and its length indicator. `SQLExecute`
/// (or `SQLExecDirect`) reads them after `SQLBindParameter` returns, so `bind` hands this
/// object to the statement, which keeps it alive until the handle is freed.
final class BoundParameter {
    private let cType: Int32
    private let sqlType: Int32
    private let columnSize: Int
    private let data: UnsafeMutableRawPointer
    private let byteCount: Int
    private let indicator: UnsafeMutablePointer<SQLLEN>

    init(_ value: Value, serverKind: ServerKind) {
        indicator = .allocate(capacity: 1)
        switch value {
        case .int(let number):
            cType = SQL_C_SBIGINT; sqlType = SQL_BIGINT; columnSize = 19
            byteCount = 8
            data = .allocate(byteCount: 8, alignment: 8)
            data.storeBytes(of: number, as: Int64.self)
            indicator.pointee = 8
        case .null:
            cType = SQL_C_WCHAR; sqlType = SQL_WVARCHAR; columnSize = 1
            byteCount = 2
            data = .allocate(byteCount: 2, alignment: 8)
            data.storeBytes(of: 0, as: UInt16.self)
            indicator.pointee = SQLLEN(SQL_NULL_DATA)
        default:
            let text: String
            if case .text(let t) = value { text = t } else { text = value.description }
            if serverKind == .sqlite {
                // sqliteodbc's wide conversion loses characters beyond the BMP; its narrow
                // entry points take UTF-8 as is.
                let bytes = Array(text.utf8)
                cType = SQL_C_CHAR; sqlType = SQL_VARCHAR; columnSize = max(1, bytes.count)
                byteCount = bytes.count + 1
                data = .allocate(byteCount: byteCount, alignment: 8)
                data.copyMemory(from: bytes + [0], byteCount: byteCount)
                indicator.pointee = SQLLEN(bytes.count)
            } else {
                let units = Array(text.utf16)
                cType = SQL_C_WCHAR; sqlType = units.count > 4_000 ? SQL_WLONGVARCHAR : SQL_WVARCHAR
                columnSize = max(1, units.count)
                byteCount = (units.count + 1) * 2
                data = .allocate(byteCount: byteCount, alignment: 8)
                data.copyMemory(from: units + [0], byteCount: byteCount)
                indicator.pointee = SQLLEN(units.count * 2)
            }
        }
    }

    deinit {
        data.deallocate()
        indicator.deallocate()
    }

    /// Binds the value as input parameter `number`; the statement keeps this object alive.
    func bind(as number: Int, to statement: StatementHandle) throws {
        try statement.check(SQLBindParameter(statement.rawHandle, SQLUSMALLINT(number), SQLSMALLINT(SQL_PARAM_INPUT),
                                             SQLSMALLINT(cType), SQLSMALLINT(sqlType), SQLULEN(columnSize), 0,
                                             data, SQLLEN(byteCount), indicator), "SQLBindParameter")
        statement.retain(self, for: .parameters)
    }
}
