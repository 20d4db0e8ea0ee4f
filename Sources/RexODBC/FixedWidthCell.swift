import CODBC
import RexData

/// Writes row `row` of an int, float, bool or date column at `cell` in the C layout ODBC
/// parameters use (SQL_C_SBIGINT, SQL_C_DOUBLE, SQL_C_BIT, SQL_DATE_STRUCT), which is also the
/// layout of the bulk-copy host types rex binds for them (SQLINT8, SQLFLT8, SQLBIT, SQLDATEN).
/// Returns whether the value is stored, false for a null and for a NaN (rex has no NaN: it
/// is null everywhere, SPEC §2; SQL Server would reject one). Datetimes, text and bytes
/// have a layout per interface; the callers write them.
func storeFixedWidthCell(of column: Column, row: Int, at cell: UnsafeMutableRawPointer) -> Bool {
    var valid = column.validity[row]
    switch column.storage {
    case .int(let values): cell.storeBytes(of: values[row], as: Int64.self)
    case .float(let values):
        if values[row].isNaN { valid = false }
        cell.storeBytes(of: values[row], as: Double.self)
    case .bool(let values): cell.storeBytes(of: values[row] ? 1 : 0, as: UInt8.self)
    case .date(let values):
        let date = CivilDate(daysSinceEpoch: Int64(values[row]))
        cell.storeBytes(of: SQL_DATE_STRUCT(year: SQLSMALLINT(clamping: date.year), month: SQLUSMALLINT(date.month),
                                            day: SQLUSMALLINT(date.day)), as: SQL_DATE_STRUCT.self)
    case .datetime, .text, .bytes:
        preconditionFailure("storeFixedWidthCell: \(column.type) has no shared layout")
    }
    return valid
}
