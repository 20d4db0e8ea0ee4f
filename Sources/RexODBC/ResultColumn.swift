import CODBC
import RexData

/// One column of a result set or table as the driver describes it, with its rex type.
public struct ResultColumn: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    /// The ODBC SQL type code (`SQL_INTEGER`, `SQL_WVARCHAR`, …).
    public let sqlType: Int
    /// The server's type name, e.g. `int8`, `timestamptz`, `nvarchar`.
    public let typeName: String
    /// Column size: characters for text, bytes for binary, digits for numbers; 0 when unknown or unbounded.
    public let size: Int
    public let decimalDigits: Int
    /// nil when the driver does not know.
    public let nullable: Bool?
    /// The rex type (SPEC §2 type mapping).
    public let type: DataType

    public var field: Field { Field(name, type) }

    public var description: String { "\(name): \(type) (\(typeName), ODBC type \(sqlType), size \(size))" }

    /// True when values come in with a zone/offset and must be normalised to UTC from text.
    var isZonedTimestamp: Bool {
        sqlType == SQLServerType.timestampOffset
            || ["timestamptz", "timestamp with time zone", "datetimeoffset"].contains(typeName.lowercased())
    }
}

/// The result columns could not be given rex types.
public struct UnsupportedColumnType: Error, Sendable, CustomStringConvertible {
    public let column: String
    public let typeName: String
    public let sqlType: Int
    public var description: String {
        "column '\(column)' has type \(typeName) (ODBC type \(sqlType)), which rex cannot read; cast it in the query (e.g. to text)"
    }
}

/// SQL Server driver-specific type codes (msodbcsql's sqlncli.h).
enum SQLServerType {
    static let variant = -150
    static let xml = -152
    static let time2 = -154
    static let timestampOffset = -155
}

/// SPEC §2 type mapping from an ODBC SQL type (and the server's type name) to a rex type:
/// integers → int; decimal/numeric (as binary doubles: exact decimals need a cast to text),
/// float/real/double → float; char/varchar/text/nchar/uuid/time/xml → text; bit/boolean → bool;
/// date → date; timestamp → datetime; timestamptz/datetimeoffset → datetime in UTC;
/// binary/varbinary/bytea/blob → bytes. nil for anything else.
public func rexType(sqlType: Int, typeName: String) -> DataType? {
    // psqlODBC reports types it does not know (point, arrays, json, …) as varchar named "unknown".
    if typeName.lowercased() == "unknown" { return nil }
    switch Int32(sqlType) {
    case SQL_BIT: return .bool
    case SQL_TINYINT, SQL_SMALLINT, SQL_INTEGER, SQL_BIGINT: return .int
    case SQL_DECIMAL, SQL_NUMERIC, SQL_REAL, SQL_FLOAT, SQL_DOUBLE: return .float
    case SQL_CHAR, SQL_VARCHAR, SQL_LONGVARCHAR, SQL_WCHAR, SQL_WVARCHAR, SQL_WLONGVARCHAR, SQL_GUID,
         SQL_TYPE_TIME, SQL_TIME:
        return .text
    case SQL_TYPE_DATE, SQL_DATE: return .date
    case SQL_TYPE_TIMESTAMP, SQL_TIMESTAMP: return .datetime
    case SQL_BINARY, SQL_VARBINARY, SQL_LONGVARBINARY: return .bytes
    default:
        switch sqlType {
        case SQLServerType.timestampOffset: return .datetime
        case SQLServerType.time2, SQLServerType.xml: return .text
        default: return nil
        }
    }
}

extension StatementHandle {
    /// Describes every result column (`SQLDescribeCol` + `SQL_DESC_TYPE_NAME`).
    func describeColumns() throws -> [ResultColumn] {
        let count = columnCount
        guard count > 0 else { return [] }
        var columns: [ResultColumn] = []
        for index in 1...count {
            var name = [SQLWCHAR](repeating: 0, count: 1024)
            var nameLength: SQLSMALLINT = 0
            var sqlType: SQLSMALLINT = 0
            var size: SQLULEN = 0
            var digits: SQLSMALLINT = 0
            var nullable: SQLSMALLINT = 0
            try check(SQLDescribeColW(raw, SQLUSMALLINT(index), &name, SQLSMALLINT(name.count), &nameLength,
                                      &sqlType, &size, &digits, &nullable), "SQLDescribeCol")
            var typeName = [SQLWCHAR](repeating: 0, count: 256)
            var typeNameLength: SQLSMALLINT = 0
            SQLColAttributeW(raw, SQLUSMALLINT(index), SQLUSMALLINT(SQL_DESC_TYPE_NAME), &typeName,
                             SQLSMALLINT(typeName.count * MemoryLayout<SQLWCHAR>.size), &typeNameLength, nil)
            let columnName = String(decodingWide: name, count: Int(nameLength))
            let typeText = String(decodingWide: typeName)
            guard let type = rexType(sqlType: Int(sqlType), typeName: typeText) else {
                throw UnsupportedColumnType(column: columnName, typeName: typeText.isEmpty ? "unknown" : typeText, sqlType: Int(sqlType))
            }
            columns.append(ResultColumn(
                name: columnName, sqlType: Int(sqlType), typeName: typeText,
                size: size > SQLULEN(Int32.max) ? 0 : Int(size), decimalDigits: Int(digits),
                nullable: nullable == SQL_NULLABLE ? true : (nullable == SQL_NO_NULLS ? false : nil),
                type: type))
        }
        return columns
    }
}
