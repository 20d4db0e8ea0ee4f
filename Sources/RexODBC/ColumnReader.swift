import CODBC
import Foundation
import RexData

/// How one result column is bound and converted into a rex column.
enum ColumnBinding: Equatable {
    case int            // SQL_C_SBIGINT
    case double         // SQL_C_DOUBLE
    case bit            // SQL_C_BIT
    case date           // SQL_C_TYPE_DATE
    case timestamp      // SQL_C_TYPE_TIMESTAMP
    case wide(units: Int)    // SQL_C_WCHAR, buffer of `units` UTF-16 code units including the NUL
    case binary(bytes: Int)  // SQL_C_BINARY
    case zonedTimestampText  // SQL_C_WCHAR parsed as a timestamp with offset, normalised to UTC
    case numberText          // SQL_C_CHAR parsed as a double (SQLite `ExactRead`: `m*2^e` or decimal)
    /// SQL_C_CHAR holding UTF-8, read row-wise with `SQLGetData` (sqliteodbc: its UTF-16
    /// conversion drops a bit of U+100000…U+10FFFF, its UTF-8 is the stored text itself).
    case utf8Text

    var cType: Int32 {
        switch self {
        case .int: return SQL_C_SBIGINT
        case .double: return SQL_C_DOUBLE
        case .bit: return SQL_C_BIT
        case .date: return SQL_C_TYPE_DATE
        case .timestamp: return SQL_C_TYPE_TIMESTAMP
        case .wide, .zonedTimestampText: return SQL_C_WCHAR
        case .binary: return SQL_C_BINARY
        case .numberText, .utf8Text: return SQL_C_CHAR
        }
    }

    var elementSize: Int {
        switch self {
        case .int, .double: return 8
        case .bit: return 1
        case .date: return MemoryLayout<SQL_DATE_STRUCT>.stride
        case .timestamp: return MemoryLayout<SQL_TIMESTAMP_STRUCT>.stride
        case .wide(let units): return units * 2
        case .binary(let bytes): return bytes
        case .zonedTimestampText: return 96 * 2
        case .numberText: return 64
        case .utf8Text: return 4_096
        }
    }
}

/// The values whose bound buffer was too small are read again with `SQLGetData`.
let repairBufferUnits = 1_024
/// Where long values can be repaired, text is first bound this wide (UTF-16 units without the
/// NUL) and widened when many values of a block need repairing: a block of 1,024-unit slots is
/// 2 KiB a row, and reading ~20-character values spread 2 KiB apart cost more than converting them.
let initialTextUnits = 64
let repairBufferBytes = 4_096

/// Binds one result column to a block buffer and builds its rex `Column` block by block.
final class ColumnReader {
    let position: Int          // 1-based column number
    let column: ResultColumn
    /// How the column is bound; text bound for repairs widens (`widenIfRepairing`).
    private(set) var binding: ColumnBinding
    let capacity: Int          // rows in the buffer
    private(set) var data: UnsafeMutableRawPointer
    /// Values of the current block read again because they did not fit the bound buffer.
    private var repairs = 0
    let indicators: UnsafeMutablePointer<SQLLEN>

    /// psqlODBC prints uuids in upper case; PostgreSQL itself (and `text(u)`) uses lower case.
    var lowercasesASCII = false

    private var validity: [Bool] = []
    private var ints: [Int64] = []
    private var doubles: [Double] = []
    private var bools: [Bool] = []
    private var days: [Int32] = []
    private var varBytes: [UInt8] = []
    private var offsets: [Int] = [0]

    init(position: Int, column: ResultColumn, binding: ColumnBinding, capacity: Int) {
        self.position = position
        self.column = column
        self.binding = binding
        self.capacity = capacity
        data = UnsafeMutableRawPointer.allocate(byteCount: max(1, binding.elementSize * capacity), alignment: 8)
        indicators = UnsafeMutablePointer<SQLLEN>.allocate(capacity: capacity)
    }

    deinit {
        data.deallocate()
        indicators.deallocate()
    }

    /// How long text and binary values are read.
    enum LongValues {
        /// Bind a modest buffer; re-read longer values with `SQLSetPos` + `SQLGetData` (psqlODBC).
        case repair
        /// Declared sizes are true maxima: bind them; unbounded columns need row-wise fetching (Microsoft).
        case trustDeclaredSizes
        /// Sizes mean nothing (SQLite): every text/binary column needs row-wise fetching.
        case rowWise
    }

    /// The binding for a column (typed where the driver converts exactly; wide text always),
    /// nil when the column needs row-wise fetching.
    static func binding(for column: ResultColumn, requested: DataType?, longValues: LongValues) -> ColumnBinding? {
        let canRepair = longValues == .repair
        if longValues == .rowWise, column.type == .text || column.type == .bytes, requested != .float { return nil }
        if requested == .float, column.type == .text { return .numberText }
        if column.isZonedTimestamp { return .zonedTimestampText }
        switch column.type {
        case .int: return .int
        case .float: return .double
        case .bool: return .bit
        case .date: return .date
        case .datetime: return .timestamp
        case .text:
            if canRepair { return .wide(units: min(max(column.size, 1) * 2, initialTextUnits) + 1) }
            guard column.size > 0, column.size <= 4_000 else { return nil }
            return .wide(units: column.size * 2 + 1)
        case .bytes:
            if canRepair { return .binary(bytes: min(column.size > 0 ? column.size : repairBufferBytes, repairBufferBytes)) }
            guard column.size > 0, column.size <= 8_000 else { return nil }
            return .binary(bytes: column.size)
        }
    }

    /// Binds `data` and `indicators` to the column; every later `SQLFetch` writes them, so the
    /// statement keeps this reader alive until it unbinds or is freed.
    func bind(_ statement: StatementHandle) throws {
        try statement.check(SQLBindCol(statement.rawHandle, SQLUSMALLINT(position), SQLSMALLINT(binding.cType), data,
                                       SQLLEN(binding.elementSize), indicators), "SQLBindCol")
        statement.retain(self, for: .columns)
    }

    /// After a block of `rows` in which more than one value in eight was too long for the bound
    /// text buffer, binds a buffer four times as wide (at most `repairBufferUnits`) for the next
    /// `SQLFetch`. The old buffer is freed only after `SQLBindCol` replaced it: the driver
    /// writes bound buffers only inside `SQLFetch`/`SQLGetData`, never between calls.
    private func widenIfRepairing(rows: Int, statement: StatementHandle) throws {
        defer { repairs = 0 }
        guard case .wide(let units) = binding, units <= repairBufferUnits, repairs * 8 > rows else { return }
        let wider = ColumnBinding.wide(units: min((units - 1) * 4, repairBufferUnits) + 1)
        let old = data, oldBinding = binding
        data = UnsafeMutableRawPointer.allocate(byteCount: max(1, wider.elementSize * capacity), alignment: 8)
        binding = wider
        do {
            try bind(statement)
        } catch {
            // The failed SQLBindCol left the old buffer bound: keep it, free the new one.
            data.deallocate()
            data = old
            binding = oldBinding
            throw error
        }
        old.deallocate()
    }

    /// Appends `rows` fetched rows from the bound buffers; values longer than the buffer
    /// are read again in full (`SQLSetPos` to the row, then `SQLGetData`).
    func appendBlock(rows: Int, statement: StatementHandle) throws {
        let null = SQLLEN(SQL_NULL_DATA)
        // Fixed-width types: one tight loop per column.
        switch binding {
        case .int:
            let values = UnsafeBufferPointer(start: data.assumingMemoryBound(to: Int64.self), count: rows)
            ints.append(contentsOf: values)
            for row in 0..<rows { validity.append(indicators[row] != null) }
            for row in 0..<rows where indicators[row] == null { ints[ints.count - rows + row] = 0 }
            return
        case .double:
            let values = UnsafeBufferPointer(start: data.assumingMemoryBound(to: Double.self), count: rows)
            for row in 0..<rows {
                let value = values[row]
                // A float NaN read from any source is null (SPEC §2): PostgreSQL float8 holds
                // NaN, and so do float columns on Babelfish (SQL Server's cannot). No workaround
                // beyond this: a NaN stored there stays NaN on the server.
                let valid = indicators[row] != null && !value.isNaN
                doubles.append(valid ? value : 0)
                validity.append(valid)
            }
            return
        case .bit:
            for row in 0..<rows {
                let valid = indicators[row] != null
                bools.append(valid && data.load(fromByteOffset: row, as: UInt8.self) != 0)
                validity.append(valid)
            }
            return
        case .date:
            let dates = UnsafeBufferPointer(start: data.assumingMemoryBound(to: SQL_DATE_STRUCT.self), count: rows)
            for row in 0..<rows {
                let valid = indicators[row] != null
                let date = dates[row]
                days.append(valid ? Int32(CivilDate(year: Int(date.year), month: Int(date.month), day: Int(date.day)).daysSinceEpoch) : 0)
                validity.append(valid)
            }
            return
        case .timestamp:
            for row in 0..<rows {
                try appendCell(row: row, indicator: indicators[row], position: {}, statement: statement)
            }
            return
        default:
            break
        }
        for row in 0..<rows {
            try appendCell(row: row, indicator: indicators[row], position: {
                repairs += 1
                try statement.check(SQLSetPos(statement.rawHandle, SQLSETPOSIROW(row + 1), SQLUSMALLINT(SQL_POSITION),
                                              SQLUSMALLINT(SQL_LOCK_NO_CHANGE)), "SQLSetPos")
            }, statement: statement)
        }
        try widenIfRepairing(rows: rows, statement: statement)
    }

    /// Appends the current row's value read with `SQLGetData` (row-wise fetching).
    func appendCurrentRow(statement: StatementHandle) throws {
        switch binding {
        case .wide, .zonedTimestampText, .binary, .numberText, .utf8Text:
            try appendFullValue(statement: statement)
        default:
            var indicator: SQLLEN = 0
            try statement.check(SQLGetData(statement.rawHandle, SQLUSMALLINT(position), SQLSMALLINT(binding.cType), data,
                                           SQLLEN(binding.elementSize), &indicator), "SQLGetData")
            try appendCell(row: 0, indicator: indicator, position: {}, statement: statement)
        }
    }

    private func appendCell(row: Int, indicator: SQLLEN, position: () throws -> Void, statement: StatementHandle) throws {
        if indicator == SQLLEN(SQL_NULL_DATA) {
            appendNull()
            return
        }
        let cell = data + row * binding.elementSize
        switch binding {
        case .int:
            ints.append(cell.loadUnaligned(as: Int64.self))
            validity.append(true)
        case .double:
            let value = cell.loadUnaligned(as: Double.self)
            doubles.append(value.isNaN ? 0 : value)
            validity.append(!value.isNaN)
        case .bit:
            bools.append(cell.load(as: UInt8.self) != 0)
            validity.append(true)
        case .date:
            let date = cell.loadUnaligned(as: SQL_DATE_STRUCT.self)
            days.append(Int32(CivilDate(year: Int(date.year), month: Int(date.month), day: Int(date.day)).daysSinceEpoch))
            validity.append(true)
        case .timestamp:
            let stamp = cell.loadUnaligned(as: SQL_TIMESTAMP_STRUCT.self)
            let day = CivilDate(year: Int(stamp.year), month: Int(stamp.month), day: Int(stamp.day)).daysSinceEpoch
            let seconds = Int64(stamp.hour) * 3600 + Int64(stamp.minute) * 60 + Int64(stamp.second)
            ints.append(day * 86_400_000_000 + seconds * 1_000_000 + Int64(stamp.fraction) / 1000)
            validity.append(true)
        case .wide(let units):
            if indicator == SQLLEN(SQL_NO_TOTAL) || Int(indicator) > (units - 1) * 2 {
                try position()
                try appendFullValue(statement: statement)
            } else {
                appendUTF16(UnsafeBufferPointer(start: cell.assumingMemoryBound(to: UInt16.self), count: Int(indicator) / 2))
                validity.append(true)
            }
        case .binary(let size):
            if indicator == SQLLEN(SQL_NO_TOTAL) || Int(indicator) > size {
                try position()
                try appendFullValue(statement: statement)
            } else {
                varBytes.append(contentsOf: UnsafeRawBufferPointer(start: cell, count: Int(indicator)))
                offsets.append(varBytes.count)
                validity.append(true)
            }
        case .zonedTimestampText:
            let count = min(Int(indicator) / 2, 95)
            let text = String(decoding: UnsafeBufferPointer(start: cell.assumingMemoryBound(to: UInt16.self), count: count), as: UTF16.self)
            try appendZoned(text)
        case .numberText:
            let count = min(Int(indicator), 63)
            try appendNumber(Array(UnsafeRawBufferPointer(start: cell, count: count)))
        case .utf8Text:
            // Never bound to a block (row-wise only): read the whole value.
            try position()
            try appendFullValue(statement: statement)
        }
    }

    private func appendFullValue(statement: StatementHandle) throws {
        switch binding {
        case .wide:
            guard let units = try statement.readWide(column: position) else { return appendNull() }
            units.withUnsafeBufferPointer { appendUTF16($0) }
            validity.append(true)
        case .binary:
            guard let bytes = try statement.readBinary(column: position) else { return appendNull() }
            varBytes.append(contentsOf: bytes)
            offsets.append(varBytes.count)
            validity.append(true)
        case .zonedTimestampText:
            guard let units = try statement.readWide(column: position) else { return appendNull() }
            try appendZoned(String(decoding: units, as: UTF16.self))
        case .numberText:
            guard let bytes = try statement.readNarrow(column: position) else { return appendNull() }
            try appendNumber(bytes)
        case .utf8Text:
            guard let bytes = try statement.readUTF8(column: position) else { return appendNull() }
            if let text = String(validating: bytes, as: UTF8.self) {
                varBytes.append(contentsOf: text.utf8)
            } else {
                // Text columns hold valid UTF-8: ill-formed bytes become U+FFFD, as on the UTF-16 path.
                varBytes.append(contentsOf: String(decoding: bytes, as: UTF8.self).utf8)
            }
            offsets.append(varBytes.count)
            validity.append(true)
        default:
            break
        }
    }

    private func appendUTF16(_ units: UnsafeBufferPointer<UInt16>) {
        // ASCII fast path (one OR over the units, then a narrowing copy into bytes appended
        // zeroed), else full transcoding (lone surrogates become U+FFFD).
        var bits: UInt16 = 0
        for unit in units { bits |= unit }
        if bits < 0x80 {
            let start = varBytes.count
            varBytes.append(contentsOf: repeatElement(0, count: units.count))
            varBytes.withUnsafeMutableBufferPointer { bytes in
                for (index, unit) in units.enumerated() { bytes[start + index] = UInt8(truncatingIfNeeded: unit) }
            }
        } else {
            _ = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: false) { varBytes.append($0) }
        }
        if lowercasesASCII, let start = offsets.last {
            for index in start..<varBytes.count where varBytes[index] >= 65 && varBytes[index] <= 90 { varBytes[index] += 32 }
        }
        offsets.append(varBytes.count)
    }

    private func appendZoned(_ text: String) throws {
        guard let micros = parseTimestampToUTC(text) else {
            throw UnreadableValue(column: column.name, typeName: column.typeName, text: text)
        }
        ints.append(micros)
        validity.append(true)
    }

    private func appendNumber(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return appendNull() }
        guard let value = parseExactNumber(text) else {
            throw UnreadableValue(column: column.name, typeName: column.typeName, text: text)
        }
        doubles.append(value.isNaN ? 0 : value)
        validity.append(!value.isNaN)
    }

    private func appendNull() {
        validity.append(false)
        switch binding {
        case .int, .timestamp, .zonedTimestampText: ints.append(0)
        case .double, .numberText: doubles.append(0)
        case .bit: bools.append(false)
        case .date: days.append(0)
        case .wide, .binary, .utf8Text: offsets.append(varBytes.count)
        }
    }

    /// The rex type this reader produces.
    var type: DataType {
        switch binding {
        case .int: return .int
        case .double, .numberText: return .float
        case .bit: return .bool
        case .date: return .date
        case .timestamp, .zonedTimestampText: return .datetime
        case .wide, .utf8Text: return .text
        case .binary: return .bytes
        }
    }

    /// Drops values appended since the last `takeColumn()` (after a failed fetch).
    func discard() {
        validity = []; ints = []; doubles = []; bools = []; days = []; varBytes = []; offsets = [0]
    }

    /// The values appended since the last call, as a column; the reader starts empty again.
    func takeColumn() -> Column {
        let storage: Column.Storage
        switch binding {
        case .int: storage = .int(ints); ints = []
        case .timestamp, .zonedTimestampText: storage = .datetime(ints); ints = []
        case .double, .numberText: storage = .float(doubles); doubles = []
        case .bit: storage = .bool(bools); bools = []
        case .date: storage = .date(days); days = []
        case .wide, .utf8Text: storage = .text(VarBuffer(bytes: varBytes, offsets: offsets)); varBytes = []; offsets = [0]
        case .binary: storage = .bytes(VarBuffer(bytes: varBytes, offsets: offsets)); varBytes = []; offsets = [0]
        }
        let column = Column(storage: storage, validity: validity)
        validity = []
        return column
    }
}

/// A value the driver sent that rex could not convert (e.g. `infinity` as a timestamp).
public struct UnreadableValue: Error, Sendable, CustomStringConvertible {
    public let column: String
    public let typeName: String
    public let text: String
    public var description: String {
        "column '\(column)' (\(typeName)) holds '\(text)', which rex cannot read as a value of that type; cast or filter it in the query"
    }
}
