import CODBC
import Foundation
import RexData

/// Rows of one column for one insert batch, laid out for ODBC parameters: a value area
/// and one length/NULL indicator per row. Fixed-width types and parameter arrays use a
/// fixed stride; multi-row VALUES packs variable values back to back.
private final class ParameterColumn {
    let cType: Int32
    let sqlType: Int32
    let columnSize: Int
    let decimalDigits: Int
    let rows: Int
    /// Byte offset of each row's value in `data`, and the bytes it may use.
    let offsets: [Int]
    let lengths: [Int]
    let stride: Int
    let data: UnsafeMutableRawPointer
    let indicators: UnsafeMutablePointer<SQLLEN>

    init(_ column: Column, rows range: Range<Int>, fixedStride: Bool, kind: ServerKind) {
        let rowCount = range.count
        rows = rowCount
        let indicators = UnsafeMutablePointer<SQLLEN>.allocate(capacity: max(1, rowCount))
        self.indicators = indicators
        var offsets: [Int] = [], lengths: [Int] = []
        offsets.reserveCapacity(rowCount)
        switch column.storage {
        case .int:
            cType = SQL_C_SBIGINT; sqlType = SQL_BIGINT; columnSize = 19; decimalDigits = 0
            stride = 8
        case .float:
            cType = SQL_C_DOUBLE; sqlType = SQL_DOUBLE; columnSize = 15; decimalDigits = 0
            stride = 8
        case .bool:
            cType = SQL_C_BIT; sqlType = SQL_BIT; columnSize = 1; decimalDigits = 0
            stride = 1
        case .date:
            cType = SQL_C_TYPE_DATE; sqlType = SQL_TYPE_DATE; columnSize = 10; decimalDigits = 0
            stride = MemoryLayout<SQL_DATE_STRUCT>.stride
        case .datetime where kind == .sqlite:
            // sqliteodbc cuts a bound SQL_TIMESTAMP to milliseconds; ISO text keeps every
            // microsecond (SQLite stores datetimes as text anyway; see `sqliteDatetimeText`).
            cType = SQL_C_CHAR; sqlType = SQL_VARCHAR; columnSize = 26; decimalDigits = 0
            stride = 32
        case .datetime:
            cType = SQL_C_TYPE_TIMESTAMP; sqlType = SQL_TYPE_TIMESTAMP
            // T-SQL targets are `datetime` (SPEC §2): milliseconds, 23 characters.
            columnSize = kind == .sqlServer ? 23 : 26; decimalDigits = kind == .sqlServer ? 3 : 6
            stride = MemoryLayout<SQL_TIMESTAMP_STRUCT>.stride
        case .text(let buffer):
            // UTF-16 code units (wide): exact whatever the locale.
            cType = SQL_C_WCHAR
            var maxUnits = 1
            var units: [[UInt16]] = []
            units.reserveCapacity(rows)
            for row in range {
                let value = Array(String(decoding: buffer.bytes[buffer.offsets[row]..<buffer.offsets[row + 1]], as: UTF8.self).utf16)
                maxUnits = max(maxUnits, value.count)
                units.append(value)
            }
            sqlType = maxUnits > 4_000 ? SQL_WLONGVARCHAR : SQL_WVARCHAR
            columnSize = maxUnits; decimalDigits = 0
            var total = 0
            let size = (maxUnits + 1) * 2
            for value in units {
                let length = fixedStride ? size : (value.count + 1) * 2
                offsets.append(total); lengths.append(length); total += length
            }
            stride = fixedStride ? size : 0
            let data = UnsafeMutableRawPointer.allocate(byteCount: max(2, total), alignment: 8)
            self.data = data
            for row in units.indices {
                let value = units[row]
                let target = (data + offsets[row]).assumingMemoryBound(to: UInt16.self)
                value.withUnsafeBufferPointer { source in
                    if let base = source.baseAddress { target.update(from: base, count: value.count) }
                }
                target[value.count] = 0
                indicators[row] = column.validity[range.lowerBound + row] ? SQLLEN(value.count * 2) : SQLLEN(SQL_NULL_DATA)
            }
            self.offsets = offsets; self.lengths = lengths
            return
        case .bytes(let buffer):
            cType = SQL_C_BINARY
            var maxBytes = 1
            for row in range { maxBytes = max(maxBytes, buffer.offsets[row + 1] - buffer.offsets[row]) }
            sqlType = (maxBytes > 8_000 && kind != .postgres) ? SQL_LONGVARBINARY : SQL_VARBINARY
            columnSize = maxBytes; decimalDigits = 0
            var total = 0
            for row in range {
                let length = fixedStride ? maxBytes : max(1, buffer.offsets[row + 1] - buffer.offsets[row])
                offsets.append(total); lengths.append(length); total += length
            }
            stride = fixedStride ? maxBytes : 0
            let data = UnsafeMutableRawPointer.allocate(byteCount: max(1, total), alignment: 8)
            self.data = data
            for index in 0..<rowCount {
                let row = range.lowerBound + index
                let start = offsets[index]
                let count = buffer.offsets[row + 1] - buffer.offsets[row]
                buffer.bytes.withUnsafeBytes { source in
                    if count > 0, let base = source.baseAddress {
                        (data + start).copyMemory(from: base + buffer.offsets[row], byteCount: count)
                    }
                }
                indicators[index] = column.validity[row] ? SQLLEN(count) : SQLLEN(SQL_NULL_DATA)
            }
            self.offsets = offsets; self.lengths = lengths
            return
        }
        for row in 0..<rowCount { offsets.append(row * stride); lengths.append(stride) }
        self.offsets = offsets; self.lengths = lengths
        let data = UnsafeMutableRawPointer.allocate(byteCount: max(1, stride * rowCount), alignment: 8)
        self.data = data
        for index in 0..<rowCount {
            let row = range.lowerBound + index
            let cell = data + index * stride
            let valid: Bool
            switch column.storage {
            case .datetime(let values) where kind == .sqlite:
                let text = sqliteDatetimeText(values[row]).prefix(stride - 1)
                let target = cell.assumingMemoryBound(to: UInt8.self)
                text.withUnsafeBufferPointer { source in
                    if let base = source.baseAddress { target.update(from: base, count: source.count) }
                }
                target[text.count] = 0
                indicators[index] = column.validity[row] ? SQLLEN(text.count) : SQLLEN(SQL_NULL_DATA)
                continue
            case .datetime(let values):
                cell.storeBytes(of: timestampStruct(values[row], millisecondsOnly: kind == .sqlServer), as: SQL_TIMESTAMP_STRUCT.self)
                valid = column.validity[row]
            default:
                valid = storeFixedWidthCell(of: column, row: row, at: cell)
            }
            indicators[index] = valid ? SQLLEN(stride) : SQLLEN(SQL_NULL_DATA)
        }
    }

    deinit {
        data.deallocate()
        indicators.deallocate()
    }

    /// Binds row `row` of this column as parameter `number` (multi-row VALUES). `SQLExecDirect`
    /// reads the buffers later, so the statement keeps this column alive until it is freed.
    func bind(row: Int, as number: Int, to statement: StatementHandle) throws {
        try statement.check(SQLBindParameter(statement.rawHandle, SQLUSMALLINT(number), SQLSMALLINT(SQL_PARAM_INPUT),
                                             SQLSMALLINT(cType), SQLSMALLINT(sqlType), SQLULEN(max(1, columnSize)),
                                             SQLSMALLINT(decimalDigits), data + offsets[row], SQLLEN(lengths[row]),
                                             indicators + row), "SQLBindParameter")
        statement.retain(self, for: .parameters)
    }

    /// Binds the whole column as parameter array `number` (`SQL_ATTR_PARAMSET_SIZE` rows).
    /// `SQLExecute` reads the buffers later, so the statement keeps this column alive until it is freed.
    func bindArray(as number: Int, to statement: StatementHandle) throws {
        try statement.check(SQLBindParameter(statement.rawHandle, SQLUSMALLINT(number), SQLSMALLINT(SQL_PARAM_INPUT),
                                             SQLSMALLINT(cType), SQLSMALLINT(sqlType), SQLULEN(max(1, columnSize)),
                                             SQLSMALLINT(decimalDigits), data, SQLLEN(stride), indicators), "SQLBindParameter")
        statement.retain(self, for: .parameters)
    }
}

private func timestampStruct(_ micros: Int64, millisecondsOnly: Bool) -> SQL_TIMESTAMP_STRUCT {
    let (days, seconds, microsecond) = CivilDate.split(microsecondsSinceEpoch: micros)
    let date = CivilDate(daysSinceEpoch: days)
    var fraction = microsecond
    if millisecondsOnly { fraction -= fraction % 1000 }
    return SQL_TIMESTAMP_STRUCT(year: SQLSMALLINT(clamping: date.year), month: SQLUSMALLINT(date.month), day: SQLUSMALLINT(date.day),
                                hour: SQLUSMALLINT(seconds / 3600), minute: SQLUSMALLINT(seconds / 60 % 60),
                                second: SQLUSMALLINT(seconds % 60), fraction: SQLUINTEGER(fraction * 1000))
}

/// A datetime as SQLite keeps it: `YYYY-MM-DD HH:MM:SS` and, when the second has a fraction,
/// `.` and its digits without trailing zeros (up to six: microseconds). One spelling per
/// instant, so equal instants are equal text and text order is time order; whole seconds
/// look as SQLite's own `datetime()` writes them; rex's SQLite datetime literals use the
/// same form (`SQLDialect.sqlite`). ASCII bytes, at most 26.
func sqliteDatetimeText(_ micros: Int64) -> [UInt8] {
    var bytes = Array(CivilDate.isoDateTime(microsecondsSinceEpoch: micros).utf8)
    if bytes.count > 10, bytes[10] == UInt8(ascii: "T") { bytes[10] = UInt8(ascii: " ") }
    return bytes
}

/// A value the server cannot store as it is, found before anything is written.
/// Where one `insert` call's rows stand in the upload they belong to (error messages).
public struct UploadPart: Sendable {
    /// Rows of the upload inserted by earlier calls.
    public var rowsBefore: Int
    /// The whole upload's row count; nil while it is streamed and not yet known.
    public var totalRows: Int?

    public init(rowsBefore: Int, totalRows: Int?) {
        self.rowsBefore = rowsBefore
        self.totalRows = totalRows
    }

    /// "inserting rows 1001–2000 of 5000 into "t"" for the call's rows `rows`.
    func describe(_ rows: Range<Int>, into quotedTable: String) -> String {
        let of = totalRows.map { " of \($0)" } ?? ""
        return "inserting rows \(rowsBefore + rows.lowerBound + 1)–\(rowsBefore + rows.upperBound)\(of) into \(quotedTable)"
    }
}

public struct UnstorableValue: Error, Sendable, CustomStringConvertible {
    public let column: String
    /// 1-based, in the uploaded rows' order.
    public let row: Int
    public let server: ServerKind

    public var description: String {
        let why = server == .sqlite ? "SQLite's ODBC driver would cut the text there" : "\(server) text cannot hold it"
        return "text in column '\(column)', row \(row), contains the character U+0000 (NUL): \(why); nothing was written"
            + "\n  = help: remove the NUL characters from the data before uploading it"
    }
}

extension ServerKind {
    /// Whether text with U+0000 is stored whole. PostgreSQL text cannot hold it;
    /// sqliteodbc cuts bound text at it; SQL Server's nvarchar keeps it.
    var storesNULInText: Bool { self == .sqlServer }
}

/// The most bytes of parameter buffers one batch may hold.
private let batchByteBudget = 32 << 20

extension Connection {
    /// Inserts every row of `table` into `quotedTable`, whose columns `quotedColumns` (already
    /// quoted for the dialect, same order as `table.columns`) receive the values.
    ///
    /// Uses the driver's fastest correct method (`serverKind.preferredInsertMethod`, or `method`):
    /// parameter arrays for Microsoft's driver; for psqlODBC one `INSERT … SELECT * FROM
    /// unnest(?::bigint[], …)` per batch of `maxRowsPerBatch` (default 100,000) rows, each
    /// parameter one column's array literal (`PostgresArrayLiteral`); multi-row
    /// `INSERT … VALUES (?,…),(?,…)` batches for sqliteodbc, each within the parameter limit
    /// (`maxRowsPerBatch` default 1,000 for the other methods). With
    /// `inTransaction` (default) all batches are one transaction, rolled back on any error; pass
    /// false to run inside the caller's `transaction { }` (e.g. together with its CREATE TABLE).
    /// `checkpoint` runs before each batch is built and may throw to stop (Ctrl-C); `cancel()`
    /// from another thread stops a batch that is executing. A failed batch throws an
    /// `ODBCError` naming the statement's shape and the batch's rows, with every record.
    /// Float NaN is written as NULL. Returns the number of rows inserted.
    /// `part`: when `table` is one part of a larger upload (a streamed file), the rows
    /// inserted before it and the whole upload's count if known, so errors number rows
    /// within the upload.
    @discardableResult
    public func insert(_ table: Table, into quotedTable: String, quotedColumns: [String],
                       method: BulkInsertMethod? = nil, maxRowsPerBatch: Int? = nil,
                       inTransaction: Bool = true, part: UploadPart? = nil,
                       checkpoint: () throws -> Void = {}) throws -> Int {
        try insertRows(table, preparedBatches: nil, into: quotedTable, quotedColumns: quotedColumns, method: method,
                       maxRowsPerBatch: maxRowsPerBatch, inTransaction: inTransaction, part: part, checkpoint: checkpoint)
    }

    /// `insert(_:into:…)`, with the unnest literals of each batch already built when
    /// `preparedBatches` is given (`prepareUpload`).
    fileprivate func insertRows(_ table: Table, preparedBatches: [PreparedUploadPart.Batch]?, into quotedTable: String,
                                quotedColumns: [String], method: BulkInsertMethod?, maxRowsPerBatch: Int?,
                                inTransaction: Bool, part: UploadPart?, checkpoint: () throws -> Void) throws -> Int {
        precondition(quotedColumns.count == table.columns.count, "one quoted column name per table column")
        guard table.rowCount > 0, !quotedColumns.isEmpty else { return 0 }
        let part = part ?? UploadPart(rowsBefore: 0, totalRows: table.rowCount)
        try checkStorable(table, rowsBefore: part.rowsBefore)
        let method = method ?? serverKind.preferredInsertMethod
        func work() throws -> Int {
            if method == .unnestArrays {
                return try insertUnnest(table, preparedBatches: preparedBatches, into: quotedTable, quotedColumns: quotedColumns,
                                        maxRowsPerBatch: maxRowsPerBatch ?? 100_000, part: part, checkpoint: checkpoint)
            }
            return try insertBatches(table, into: quotedTable, quotedColumns: quotedColumns, method: method,
                                     maxRowsPerBatch: maxRowsPerBatch ?? 1_000, part: part, checkpoint: checkpoint)
        }
        return inTransaction ? try transaction(work) : try work()
    }

    /// Throws `UnstorableValue` for the first text value this server cannot store exactly
    /// (U+0000), so that an upload fails before its first batch rather than part way or
    /// with silently cut values.
    public func checkStorable(_ table: Table, rowsBefore: Int = 0) throws {
        guard !serverKind.storesNULInText else { return }
        for (field, column) in zip(table.schema.fields, table.columns) {
            guard case .text(let buffer) = column.storage else { continue }
            let first: Int? = buffer.bytes.withUnsafeBytes { raw in
                guard let base = raw.baseAddress, let hit = memchr(base, 0, raw.count) else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }
            guard let first else { continue }
            // The row whose bytes hold that offset: the last row starting at or before it
            // (offsets ascend; empty rows start where the next row does).
            var low = 0, high = buffer.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if buffer.offsets[middle] <= first { low = middle } else { high = middle - 1 }
            }
            throw UnstorableValue(column: field.name, row: rowsBefore + low + 1, server: serverKind)
        }
    }

    private func insertBatches(_ table: Table, into quotedTable: String, quotedColumns: [String],
                               method: BulkInsertMethod, maxRowsPerBatch: Int, part: UploadPart,
                               checkpoint: () throws -> Void) throws -> Int {
        let columnCount = quotedColumns.count
        let head = "INSERT INTO \(quotedTable) (\(quotedColumns.joined(separator: ", "))) VALUES "
        let tuple = "(" + Array(repeating: "?", count: columnCount).joined(separator: ", ") + ")"
        var parameterLimit = serverKind.parameterLimit
        if serverKind == .postgres, table.columns.contains(where: { $0.type == .datetime }) {
            // psqlODBC cuts the type of parameter $1000 and later to "timestam" (type "timestam"
            // does not exist): keep timestamp statements below 1,000 parameters.
            parameterLimit = 999
        }
        let rowLimit = method == .parameterArrays
            ? max(1, maxRowsPerBatch)
            : max(1, min(maxRowsPerBatch, parameterLimit / columnCount))
        var start = 0
        while start < table.rowCount {
            try checkpoint()
            let end = batchEnd(table, from: start, maxRows: rowLimit, fixedStride: method == .parameterArrays)
            let rows = end - start
            // What an error shows instead of thousands of placeholders.
            let shape = head + tuple + (method == .parameterArrays ? " as an array of \(rows) rows" : " × \(rows) rows")
            do {
                let buffers = table.columns.map { ParameterColumn($0, rows: start..<end, fixedStride: method == .parameterArrays, kind: serverKind) }
                try checkpoint()
                let statement = try makeStatement(sql: shape)
                defer { statement.free() }
                switch method {
                case .parameterArrays, .unnestArrays:
                    try statement.prepare(head + tuple)
                    try statement.setAttribute(SQL_ATTR_PARAM_BIND_TYPE, Int(SQL_PARAM_BIND_BY_COLUMN))
                    try statement.setAttribute(SQL_ATTR_PARAMSET_SIZE, rows)
                    // The statement retains each column's buffers until `free()`: SQLExecute reads them.
                    for (index, buffer) in buffers.enumerated() { try buffer.bindArray(as: index + 1, to: statement) }
                    try statement.check(SQLExecute(statement.rawHandle), "SQLExecute", allowNoData: true)
                case .multiRowValues:
                    var number = 1
                    for row in 0..<rows {
                        for buffer in buffers {
                            try buffer.bind(row: row, as: number, to: statement)
                            number += 1
                        }
                    }
                    // The statement retains the buffers until `free()`: SQLExecDirect reads them.
                    try statement.execute(head + Array(repeating: tuple, count: rows).joined(separator: ", "))
                }
            } catch let error as ODBCError {
                throw ODBCError(function: error.function, diagnostics: error.diagnostics, sql: error.sql,
                                context: part.describe(start..<end, into: quotedTable))
            }
            start = end
        }
        return table.rowCount
    }

    /// Where the batch starting at `start` ends: at most `maxRows` rows and about `batchByteBudget` bytes.
    private func batchEnd(_ table: Table, from start: Int, maxRows: Int, fixedStride: Bool) -> Int {
        let fixedWidth = table.columns.reduce(0) { total, column in
            switch column.storage {
            case .text, .bytes: return total
            default: return total + 16
            }
        }
        var end = start
        var bytes = 0
        var widest = [Int](repeating: 0, count: table.columns.count)
        while end < table.rowCount, end - start < maxRows {
            var rowBytes = fixedWidth
            for (index, column) in table.columns.enumerated() {
                switch column.storage {
                case .text(let buffer), .bytes(let buffer):
                    let length = (buffer.offsets[end + 1] - buffer.offsets[end]) * 2 + 2
                    if fixedStride {
                        widest[index] = max(widest[index], length)
                    } else {
                        rowBytes += length
                    }
                default: break
                }
            }
            let projected = fixedStride ? (end - start + 1) * (fixedWidth + widest.reduce(0, +)) : bytes + rowBytes
            if end > start, projected > batchByteBudget { break }
            bytes = fixedStride ? projected : bytes + rowBytes
            end += 1
        }
        return end
    }
}

// MARK: - PostgreSQL: unnest of array parameters

/// One array-literal parameter (`{1,2,NULL}`) as the driver reads it: UTF-16 code units
/// (psqlODBC's Unicode driver converts narrow parameters from the process locale, which is
/// "C" in rex, so only wide text is exact) and its length indicator. `SQLExecDirect` reads
/// them after `SQLBindParameter` returns, so `bind` hands this object to the statement,
/// which keeps it alive until the handle is freed.
private final class ArrayLiteralParameter {
    let units: UnsafeMutablePointer<UInt16>
    let unitCount: Int
    let indicator: UnsafeMutablePointer<SQLLEN>

    /// `utf8`: valid UTF-8 (rex's text buffers are; a malformed byte becomes U+FFFD).
    init(utf8: [UInt8]) {
        // At most one UTF-16 unit per UTF-8 byte, plus the terminating NUL.
        let units = UnsafeMutablePointer<UInt16>.allocate(capacity: utf8.count + 1)
        let count = utf8.withUnsafeBufferPointer { transcodeUTF8ToUTF16($0, into: units) }
        units[count] = 0
        self.units = units
        unitCount = count
        indicator = .allocate(capacity: 1)
        indicator.pointee = SQLLEN(count * 2)
    }

    deinit {
        units.deallocate()
        indicator.deallocate()
    }

    /// Binds the literal as input parameter `number`; the statement keeps this object alive.
    func bind(as number: Int, to statement: StatementHandle) throws {
        try statement.check(SQLBindParameter(statement.rawHandle, SQLUSMALLINT(number), SQLSMALLINT(SQL_PARAM_INPUT),
                                             SQLSMALLINT(SQL_C_WCHAR), SQLSMALLINT(SQL_WLONGVARCHAR), SQLULEN(max(1, unitCount)), 0,
                                             units, SQLLEN((unitCount + 1) * 2), indicator), "SQLBindParameter")
        statement.retain(self, for: .parameters)
    }
}

/// The most UTF-8 bytes of array literals one unnest batch may hold (UTF-16 doubles it at most).
private let unnestByteBudget = 48 << 20

/// An upload part made ready away from the connection: for PostgreSQL's unnest method the array
/// literals of each batch, built on whichever thread calls `Connection.prepareUpload` (a file
/// parser's), so that the connection's thread only binds and executes them.
public final class PreparedUploadPart: @unchecked Sendable {
    /// The part's rows.
    public let table: Table
    /// A batch's rows and one literal per column.
    fileprivate typealias Batch = (rows: Range<Int>, literals: [ArrayLiteralParameter])
    /// Each batch; nil when the method builds nothing ahead.
    fileprivate let batches: [Batch]?

    fileprivate init(table: Table, batches: [Batch]?) {
        self.table = table
        self.batches = batches
    }

    /// The rows of the part.
    public var rowCount: Int { table.rowCount }
}

extension Connection {
    /// `table` made ready for `insert(_ prepared:…)` on a connection to a `kind` server (the
    /// PostgreSQL literals built here, on the caller's thread). Touches no connection.
    public static func prepareUpload(_ table: Table, for kind: ServerKind) -> PreparedUploadPart {
        guard kind.preferredInsertMethod == .unnestArrays, table.rowCount > 0 else {
            return PreparedUploadPart(table: table, batches: nil)
        }
        return PreparedUploadPart(table: table, batches: unnestBatchRows(table, maxRows: 100_000).map { rows in
            (rows, table.columns.map { ArrayLiteralParameter(utf8: PostgresArrayLiteral.literal($0, rows: rows)) })
        })
    }

    /// Inserts a part made by `prepareUpload`, inside the caller's transaction; as
    /// `insert(_:into:…)` with `inTransaction: false`.
    @discardableResult
    public func insert(_ prepared: PreparedUploadPart, into quotedTable: String, quotedColumns: [String],
                       part: UploadPart, checkpoint: () throws -> Void = {}) throws -> Int {
        try insertRows(prepared.table, preparedBatches: prepared.batches, into: quotedTable, quotedColumns: quotedColumns,
                       method: nil, maxRowsPerBatch: nil, inTransaction: false, part: part, checkpoint: checkpoint)
    }

    /// Consecutive row ranges of at most `maxRows` rows and about `unnestByteBudget` bytes of literals.
    private static func unnestBatchRows(_ table: Table, maxRows: Int) -> [Range<Int>] {
        var batches: [Range<Int>] = []
        var start = 0
        while start < table.rowCount {
            var end = start, bytes = 0
            while end < table.rowCount, end - start < max(1, maxRows) {
                var rowBytes = 0
                for column in table.columns { rowBytes += PostgresArrayLiteral.maxBytes(column, row: end) }
                if end > start, bytes + rowBytes > unnestByteBudget { break }
                bytes += rowBytes
                end += 1
            }
            batches.append(start..<end)
            start = end
        }
        return batches
    }

    private func unnestInsert(_ table: Table, into quotedTable: String, quotedColumns: [String]) -> String {
        let casts = table.columns.map { "?::" + PostgresArrayLiteral.elementType($0.type) + "[]" }
        return "INSERT INTO \(quotedTable) (\(quotedColumns.joined(separator: ", "))) SELECT * FROM unnest(\(casts.joined(separator: ", ")))"
    }

    /// Executes one unnest batch; an ODBC error names the batch's rows within the upload.
    private func executeUnnest(_ sql: String, literals: [ArrayLiteralParameter], rows: Range<Int>, part: UploadPart,
                               into quotedTable: String) throws {
        do {
            let statement = try makeStatement(sql: sql + " with arrays of \(rows.count) rows")
            defer { statement.free() }
            // The statement retains each literal until `free()`: SQLExecDirect reads them.
            for (index, literal) in literals.enumerated() { try literal.bind(as: index + 1, to: statement) }
            try statement.execute(sql)
        } catch let error as ODBCError {
            throw ODBCError(function: error.function, diagnostics: error.diagnostics, sql: error.sql,
                            context: part.describe(rows, into: quotedTable))
        }
    }

    /// `INSERT INTO t (…) SELECT * FROM unnest(?::bigint[], …)`, one statement per batch of at
    /// most `maxRowsPerBatch` rows and about `unnestByteBudget` bytes of literals (or per
    /// prepared batch, whose literals are built already).
    private func insertUnnest(_ table: Table, preparedBatches: [PreparedUploadPart.Batch]?, into quotedTable: String,
                              quotedColumns: [String], maxRowsPerBatch: Int, part: UploadPart,
                              checkpoint: () throws -> Void) throws -> Int {
        let sql = unnestInsert(table, into: quotedTable, quotedColumns: quotedColumns)
        let batches: [(rows: Range<Int>, literals: [ArrayLiteralParameter]?)] =
            preparedBatches?.map { ($0.rows, $0.literals) } ?? Self.unnestBatchRows(table, maxRows: maxRowsPerBatch).map { ($0, nil) }
        for batch in batches {
            try checkpoint()
            // Built batch by batch when not prepared: one batch's literals in memory at a time.
            let literals = batch.literals ?? table.columns.map {
                ArrayLiteralParameter(utf8: PostgresArrayLiteral.literal($0, rows: batch.rows))
            }
            try checkpoint()
            try executeUnnest(sql, literals: literals, rows: batch.rows, part: part, into: quotedTable)
        }
        return table.rowCount
    }
}
