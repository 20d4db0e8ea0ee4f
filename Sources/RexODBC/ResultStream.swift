import CODBC
import RexData

/// Options for fetching a result.
public struct FetchOptions: Sendable {
    /// Rows per `SQLFetch` (the block size); nil chooses from the row width (about 8 MiB of buffers, at most 4,096 rows).
    public var rowsPerBlock: Int?
    /// Rex types the caller wants per result column (nil entries: as described). A text column
    /// requested as `.float` is parsed as a number: read SQLite REAL exactly with
    /// `printf('%.17g', x)` in the query and `.float` here (see `SQLiteExactDoubles`).
    public var requestedTypes: [DataType?]?
    /// Fetch one row at a time with `SQLGetData` (what happens anyway for unbounded columns on
    /// drivers without block `SQLGetData`, e.g. Microsoft's). For tests.
    public var rowWise: Bool

    public init(rowsPerBlock: Int? = nil, requestedTypes: [DataType?]? = nil, rowWise: Bool = false) {
        self.rowsPerBlock = rowsPerBlock
        self.requestedTypes = requestedTypes
        self.rowWise = rowWise
    }
}

/// A running query's result, read block by block in columnar form with bounded memory.
///
/// Columns are bound column-wise to typed buffers and fetched many rows per `SQLFetch`
/// (block cursor). Text is bound wide (UTF-16), so it is exact whatever the process locale.
/// Values longer than their buffer (psqlODBC reports `text` as 8190 characters) are read
/// again in full with `SQLGetData`.
public final class ResultStream {
    /// The current result set's columns (empty for a statement that returns no rows).
    public private(set) var columns: [ResultColumn] = []
    /// The rex schema of the current result set.
    public private(set) var schema = Schema([])
    /// Rows returned so far (all result sets), e.g. for a progress line.
    public private(set) var rowsRead = 0
    /// Rows per block of the current result set.
    public private(set) var rowsPerBlock = 1
    /// True when this result set is read row by row (unbounded columns on a driver without block `SQLGetData`).
    public private(set) var isRowWise = false

    let statement: StatementHandle
    private let options: FetchOptions
    private var readers: [ColumnReader] = []
    /// Where `SQLFetch` writes the block's row count and row states (owned by the statement).
    private var fetchStatus: FetchStatus?
    private var finished = false

    init(statement: StatementHandle, options: FetchOptions) throws {
        self.statement = statement
        self.options = options
        try prepareResultSet()
    }

    /// The SQL that produced this result.
    public var sql: String { statement.sql ?? "" }

    /// Rows affected, for a result without columns (INSERT/UPDATE/DELETE); nil when unknown.
    public var affectedRowCount: Int? { columns.isEmpty ? statement.rowCount : nil }

    /// The next block of rows (up to `rowsPerBlock`), or nil at the end of this result set.
    public func nextBlock() throws -> Table? {
        guard !finished, !readers.isEmpty else { return nil }
        do {
            return try readBlock()
        } catch {
            // A failed fetch (cancel, lost connection, bad value) ends this result.
            finished = true
            for reader in readers { reader.discard() }
            throw error
        }
    }

    private func readBlock() throws -> Table? {
        let rows = try readRows()
        if rows == 0 { return nil }
        return Table(schema: schema, columns: readers.map { $0.takeColumn() })
    }

    /// Fetches the next block into the readers (which append it to what they hold); its row
    /// count, 0 at the end of this result set.
    private func readRows() throws -> Int {
        guard !finished else { return 0 }
        var rows = 0
        if isRowWise {
            while rows < rowsPerBlock {
                let code = try statement.check(SQLFetch(statement.rawHandle), "SQLFetch", allowNoData: true)
                if code == SQL_NO_DATA { finished = true; break }
                for reader in readers { try reader.appendCurrentRow(statement: statement) }
                rows += 1
            }
        } else {
            let code = try statement.check(SQLFetch(statement.rawHandle), "SQLFetch", allowNoData: true)
            if code == SQL_NO_DATA { finished = true; return 0 }
            rows = Int(fetchStatus?.rowsFetched.pointee ?? 0)
            for reader in readers { try reader.appendBlock(rows: rows, statement: statement) }
        }
        rowsRead += rows
        return rows
    }

    /// Every remaining row of this result set as one table: the readers append block after
    /// block and give their columns once, so no per-block tables are concatenated (which held
    /// the result twice).
    public func fetchAll() throws -> Table {
        guard !finished, !readers.isEmpty else { return Table(emptyWith: schema) }
        do {
            while try readRows() > 0 {}
        } catch {
            finished = true
            for reader in readers { reader.discard() }
            throw error
        }
        return Table(schema: schema, columns: readers.map { $0.takeColumn() })
    }

    /// Moves to the next result set (`SQLMoreResults`); false when there is none.
    public func nextResultSet() throws -> Bool {
        statement.unbindColumns()
        readers = []
        let code = try statement.check(SQLMoreResults(statement.rawHandle), "SQLMoreResults", allowNoData: true)
        if code == SQL_NO_DATA { columns = []; schema = Schema([]); finished = true; return false }
        finished = false
        try prepareResultSet()
        return true
    }

    /// Every remaining result set and affected-row count of a batch, in order: at most
    /// `maxRows` rows of each result set are kept, the rest are read and dropped.
    func readOutcomes(maxRows: Int) throws -> [StatementOutcome] {
        var outcomes: [StatementOutcome] = []
        repeat {
            if columns.isEmpty {
                if let count = affectedRowCount { outcomes.append(.rowCount(count)) }
            } else {
                var parts: [Table] = []
                var kept = 0
                while let block = try nextBlock() {
                    guard kept < maxRows else { continue }
                    let take = min(block.rowCount, maxRows - kept)
                    parts.append(take == block.rowCount ? block : block.prefix(take))
                    kept += take
                }
                outcomes.append(.rows(Table(concatenating: parts, schema: schema)))
            }
        } while try nextResultSet()
        return outcomes
    }

    /// Ends the statement now (also done on deinit).
    public func close() {
        finished = true
        readers = []
        statement.free()
    }

    private func prepareResultSet() throws {
        columns = try statement.describeColumns()
        guard !columns.isEmpty else { finished = true; return }
        let extensions = statement.connection.getDataExtensions
        let longValues: ColumnReader.LongValues
        if statement.connection.serverKind == .sqlite {
            longValues = .rowWise   // sqliteodbc: sizes are declarations only; SQLSetPos fails on streamed results
        } else if extensions & UInt32(SQL_GD_BLOCK) != 0, extensions & UInt32(SQL_GD_BOUND) != 0,
                  extensions & UInt32(SQL_GD_ANY_COLUMN) != 0 {
            longValues = .repair
        } else {
            longValues = .trustDeclaredSizes
        }
        var bindings: [ColumnBinding] = []
        var rowWise = options.rowWise
        for (index, column) in columns.enumerated() {
            let requested = options.requestedTypes.flatMap { index < $0.count ? $0[index] : nil }
            if let binding = ColumnReader.binding(for: column, requested: requested, longValues: longValues) {
                bindings.append(binding)
            } else {
                // Unbounded column on a driver without block SQLGetData: read row by row.
                rowWise = true
                if column.type == .bytes {
                    bindings.append(.binary(bytes: repairBufferBytes))
                } else if statement.connection.serverKind == .sqlite {
                    bindings.append(.utf8Text)  // sqliteodbc's UTF-16 loses plane 16 (U+100000…)
                } else {
                    bindings.append(.wide(units: repairBufferUnits + 1))
                }
            }
        }
        isRowWise = rowWise
        let rowBytes = bindings.reduce(0) { $0 + $1.elementSize + MemoryLayout<SQLLEN>.size }
        rowsPerBlock = options.rowsPerBlock ?? min(4_096, max(16, (8 << 20) / max(1, rowBytes)))
        let capacity = rowWise ? 1 : rowsPerBlock
        readers = bindings.enumerated().map { index, binding in
            let reader = ColumnReader(position: index + 1, column: columns[index], binding: binding, capacity: capacity)
            reader.lowercasesASCII = columns[index].sqlType == Int(SQL_GUID) && statement.connection.serverKind == .postgres
            return reader
        }
        schema = Schema(zip(columns, readers).map { Field($0.name, $1.type) })
        if !rowWise {
            try statement.setAttribute(SQL_ATTR_ROW_BIND_TYPE, Int(SQL_BIND_BY_COLUMN))
            try statement.setAttribute(SQL_ATTR_ROW_ARRAY_SIZE, rowsPerBlock)
            let status = FetchStatus(rows: rowsPerBlock)
            fetchStatus = status
            // Both targets are written by every later SQLFetch; the statement keeps `status` alive.
            try statement.setAttribute(SQL_ATTR_ROWS_FETCHED_PTR, pointer: UnsafeMutableRawPointer(status.rowsFetched), ownedBy: status)
            try statement.setAttribute(SQL_ATTR_ROW_STATUS_PTR, pointer: UnsafeMutableRawPointer(status.rowStatus), ownedBy: status)
            for reader in readers { try reader.bind(statement) }
        }
    }
}

/// The block cursor's status targets: the row count and one state per row, written by `SQLFetch`.
final class FetchStatus {
    let rowsFetched: UnsafeMutablePointer<SQLULEN>
    let rowStatus: UnsafeMutablePointer<SQLUSMALLINT>

    init(rows: Int) {
        rowsFetched = .allocate(capacity: 1)
        rowsFetched.initialize(to: 0)
        rowStatus = .allocate(capacity: max(1, rows))
        rowStatus.initialize(repeating: 0, count: max(1, rows))
    }

    deinit {
        rowsFetched.deallocate()
        rowStatus.deallocate()
    }
}

extension Table {
    /// The rows of `parts` one after another (all of `schema`).
    public init(concatenating parts: [Table], schema: Schema) {
        guard let first = parts.first else { self.init(emptyWith: schema); return }
        if parts.count == 1 { self = first; return }
        let columns = first.columns.indices.map { index in Column(concatenating: parts.map { $0.columns[index] }) }
        self.init(schema: schema, columns: columns)
    }
}

extension Column {
    /// The values of `parts` (all of one type) one after another.
    init(concatenating parts: [Column]) {
        let validity = parts.flatMap(\.validity)
        switch parts[0].storage {
        case .int: self.init(storage: .int(parts.flatMap { if case .int(let v) = $0.storage { return v }; return [] }), validity: validity)
        case .float: self.init(storage: .float(parts.flatMap { if case .float(let v) = $0.storage { return v }; return [] }), validity: validity)
        case .bool: self.init(storage: .bool(parts.flatMap { if case .bool(let v) = $0.storage { return v }; return [] }), validity: validity)
        case .date: self.init(storage: .date(parts.flatMap { if case .date(let v) = $0.storage { return v }; return [] }), validity: validity)
        case .datetime: self.init(storage: .datetime(parts.flatMap { if case .datetime(let v) = $0.storage { return v }; return [] }), validity: validity)
        case .text: self.init(storage: .text(VarBuffer(concatenating: parts.compactMap { if case .text(let b) = $0.storage { return b }; return nil })), validity: validity)
        case .bytes: self.init(storage: .bytes(VarBuffer(concatenating: parts.compactMap { if case .bytes(let b) = $0.storage { return b }; return nil })), validity: validity)
        }
    }
}

extension VarBuffer {
    init(concatenating parts: [VarBuffer]) {
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        bytes.reserveCapacity(parts.reduce(0) { $0 + $1.bytes.count })
        for part in parts {
            let base = bytes.count - part.offsets[0]
            bytes.append(contentsOf: part.bytes)
            offsets.append(contentsOf: part.offsets.dropFirst().map { $0 + base })
        }
        self.init(bytes: bytes, offsets: offsets)
    }
}

// MARK: - Running SQL

/// One outcome of a raw SQL batch: a result set or an affected-row count.
public enum StatementOutcome: Sendable, Equatable {
    case rows(Table)
    case rowCount(Int)
}

extension Connection {
    /// Runs `sql` and returns its result for reading block by block (`nextBlock()`) or at once (`fetchAll()`).
    public func query(_ sql: String, options: FetchOptions = FetchOptions()) throws -> ResultStream {
        let statement = try makeStatement(sql: sql)
        try statement.execute()
        return try ResultStream(statement: statement, options: options)
    }

    /// Runs `sql` and returns its whole (first) result set.
    public func fetchAll(_ sql: String, options: FetchOptions = FetchOptions()) throws -> Table {
        let stream = try query(sql, options: options)
        defer { stream.close() }
        return try stream.fetchAll()
    }

    /// The result columns of `sql` without running it (`SQLPrepare` + `SQLDescribeCol`).
    /// Throws `UnsupportedColumnType` naming the column when a type has no rex equivalent.
    public func describe(_ sql: String) throws -> [ResultColumn] {
        let statement = try makeStatement(sql: sql)
        defer { statement.free() }
        try statement.prepare()
        return try statement.describeColumns()
    }

    /// The rex schema of `sql`'s result, without running it.
    public func resultSchema(_ sql: String) throws -> Schema {
        Schema(try describe(sql).map(\.field))
    }

    /// Runs a statement that returns no rows (DDL, INSERT, …); returns rows affected, nil when unknown.
    /// Info messages go to `takeMessages()`.
    @discardableResult
    public func execute(_ sql: String) throws -> Int? {
        let statement = try makeStatement(sql: sql)
        defer { statement.free() }
        let code = try statement.execute()
        return code == SQL_NO_DATA ? 0 : statement.rowCount
    }

    /// Runs a raw SQL batch (`:exec`) and returns each result set (at most `maxRows` rows each
    /// kept; the rest are read and dropped) and each affected-row count, in order.
    public func executeBatch(_ sql: String, maxRows: Int = .max) throws -> [StatementOutcome] {
        let stream = try query(sql)
        defer { stream.close() }
        return try stream.readOutcomes(maxRows: maxRows)
    }
}

extension Table {
    /// The first `count` rows.
    func prefix(_ count: Int) -> Table {
        let columns = self.columns.map { column -> Column in
            let values = (0..<count).map { column[$0] }
            return Column(type: column.type, values: values)
        }
        return Table(schema: schema, columns: columns)
    }
}
