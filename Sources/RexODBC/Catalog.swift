import CODBC
import Foundation
import RexData

/// A table or view in the connection's catalog (`SQLTables`).
public struct CatalogTable: Sendable, Equatable, CustomStringConvertible {
    /// Schema (PostgreSQL `public`, SQL Server `dbo`); nil where the server has none (SQLite).
    public let schema: String?
    public let name: String
    /// `TABLE` or `VIEW` (as the driver says it).
    public let kind: String

    /// `schema.name`, or `name` without a schema.
    public var qualifiedName: String { schema.map { "\($0).\(name)" } ?? name }
    public var description: String { "\(qualifiedName) (\(kind.lowercased()))" }
}

/// A column of a table in the catalog (`SQLColumns`).
public struct CatalogColumn: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public let sqlType: Int
    /// The server's type name, e.g. `int8`, `nvarchar`.
    public let typeName: String
    /// Characters for text, bytes for binary; nil when the driver gives none.
    public let size: Int?
    public let nullable: Bool?
    /// The rex type, nil when the server type has none (SPEC §2).
    public let type: DataType?

    public var description: String { "\(name): \(type.map(\.description) ?? "unsupported") (\(typeName))" }
}

extension Connection {
    /// Tables and views whose name matches `pattern` (SQL `LIKE` pattern: `%`, `_`), any schema.
    /// System schemas (pg_catalog, information_schema, sys) are left out.
    public func tables(matching pattern: String? = nil) throws -> [CatalogTable] {
        let statement = try makeStatement(sql: nil)
        defer { statement.free() }
        var name = (pattern ?? "%").wideNulTerminated
        var types = "TABLE,VIEW".wideNulTerminated
        try statement.check(SQLTablesW(statement.rawHandle, nil, 0, nil, 0, &name, SQLSMALLINT(SQL_NTS),
                                       &types, SQLSMALLINT(SQL_NTS)), "SQLTables")
        var result: [CatalogTable] = []
        for row in try readAllText(statement) {
            guard row.count >= 4, let tableName = row[2] else { continue }
            let schema = row[1].flatMap { $0.isEmpty ? nil : $0 }
            if let schema, ["pg_catalog", "information_schema", "sys", "INFORMATION_SCHEMA"].contains(schema) { continue }
            result.append(CatalogTable(schema: schema, name: tableName, kind: row[3] ?? "TABLE"))
        }
        return result.sorted { ($0.schema ?? "", $0.name) < ($1.schema ?? "", $1.name) }
    }

    /// The columns of table or view `table` (exact name; `schema` nil means any / the default),
    /// in ordinal order. Empty when there is no such table.
    public func columns(ofTable table: String, schema: String? = nil) throws -> [CatalogColumn] {
        let statement = try makeStatement(sql: nil)
        defer { statement.free() }
        try statement.setAttribute(SQL_ATTR_METADATA_ID, Int(SQL_FALSE))
        var name = escapeCatalogPattern(table).wideNulTerminated
        let code: SQLRETURN
        if var schemaText = schema.map({ escapeCatalogPattern($0).wideNulTerminated }) {
            // The whole array (`&schemaText`), not `&schemaText[0]`: the driver reads up to the NUL.
            code = SQLColumnsW(statement.rawHandle, nil, 0, &schemaText, SQLSMALLINT(SQL_NTS), &name, SQLSMALLINT(SQL_NTS), nil, 0)
        } else {
            code = SQLColumnsW(statement.rawHandle, nil, 0, nil, 0, &name, SQLSMALLINT(SQL_NTS), nil, 0)
        }
        try statement.check(code, "SQLColumns")
        var result: [CatalogColumn] = []
        var firstSchema: String??
        for row in try readAllText(statement) {
            guard row.count >= 11, let columnName = row[3] else { continue }
            // Without a schema, keep the first schema's table only (e.g. public before others).
            if schema == nil {
                if firstSchema == nil { firstSchema = .some(row[1]) } else if firstSchema! != row[1] { continue }
            }
            let sqlType = Int(row[4] ?? "") ?? 0
            let typeName = row[5] ?? ""
            result.append(CatalogColumn(
                name: columnName, sqlType: sqlType, typeName: typeName, size: row[6].flatMap { Int($0) },
                nullable: row[10].flatMap { Int($0) }.map { $0 == Int(SQL_NULLABLE) ? true : ($0 == Int(SQL_NO_NULLS) ? false : nil) } ?? nil,
                type: catalogType(sqlType: sqlType, typeName: typeName)))
        }
        return result
    }

    /// The rex schema of table `table`; throws `UnsupportedColumnType` naming a column whose
    /// type rex cannot read, and `TableNotFound` when there is no such table.
    public func tableSchema(_ table: String, schema: String? = nil) throws -> Schema {
        let columns = try columns(ofTable: table, schema: schema)
        guard !columns.isEmpty else { throw TableNotFound(name: schema.map { "\($0).\(table)" } ?? table) }
        return Schema(try columns.map { column in
            guard let type = column.type else {
                throw UnsupportedColumnType(column: column.name, typeName: column.typeName, sqlType: column.sqlType)
            }
            return Field(column.name, type)
        })
    }

    /// psqlODBC's SQLColumns reports types it has no ODBC type for (point, json, arrays, enums)
    /// as varchar with their real name, where result metadata says "unknown": keep them apart.
    private func catalogType(sqlType: Int, typeName: String) -> DataType? {
        let type = rexType(sqlType: sqlType, typeName: typeName)
        if serverKind == .postgres, type == .text,
           ![Int(SQL_GUID), Int(SQL_TYPE_TIME), Int(SQL_TIME)].contains(sqlType),
           !Connection.postgresTextTypes.contains(typeName.lowercased()) {
            return nil
        }
        return type
    }

    static let postgresTextTypes: Set<String> = [
        "text", "varchar", "character varying", "char", "character", "bpchar", "name", "uuid", "xml", "citext",
        "time", "time without time zone",
    ]

    private func readAllText(_ statement: StatementHandle) throws -> [[String?]] {
        let count = statement.columnCount
        guard count > 0 else { return [] }
        var rows: [[String?]] = []
        while try statement.check(SQLFetch(statement.rawHandle), "SQLFetch", allowNoData: true) != SQL_NO_DATA {
            rows.append(try (1...count).map { try statement.readWide(column: $0).map { String(decoding: $0, as: UTF16.self) } })
        }
        return rows
    }

    /// `_` and `%` in a name are literal for catalog functions: escape them with the driver's escape.
    private func escapeCatalogPattern(_ name: String) -> String {
        let escape = (try? info(Int32(SQL_SEARCH_PATTERN_ESCAPE))) ?? "\\"
        guard !escape.isEmpty else { return name }
        return name.replacingOccurrences(of: escape, with: escape + escape)
            .replacingOccurrences(of: "_", with: escape + "_")
            .replacingOccurrences(of: "%", with: escape + "%")
    }
}

/// No table or view of that name on the connection.
public struct TableNotFound: Error, Sendable, CustomStringConvertible {
    public let name: String
    public var description: String { "no table or view named '\(name)' on this connection; :tables lists them" }
}
