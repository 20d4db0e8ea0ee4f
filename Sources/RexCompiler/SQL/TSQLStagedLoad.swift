import Foundation
import RexData

/// The T-SQL that makes a bulk-copied upload to SQL Server atomic (SPEC §2: `-> table` is one
/// transaction and leaves the target unchanged on any error).
///
/// SQL Server's bulk-copy API commits every `bcp_batch` on its own, so rows never go straight
/// into the target. Instead:
/// 1. `createStaging()` makes a new table with the upload's column types, under a name no one
///    else uses, in the target's schema (autocommit);
/// 2. the rows are bulk-copied into it (`bcp_initW` of `quotedStaging`);
/// 3. `swap(mode)` runs in one transaction: the target is created, replaced or appended to
///    from the staging table, which is gone when the transaction commits;
/// 4. on any error before that commit, the transaction is rolled back and `dropStaging` runs,
///    so the target is as it was and no staging table is left.
///
/// Every name is quoted, and every literal escaped, by `SQLDialect.tsql` (the one quoting
/// module). The SQL Server rules each statement follows are noted where it is built.
public struct TSQLStagedLoad: Sendable {
    /// What the upload does to the target.
    public enum Mode: Sendable, Equatable {
        /// The target does not exist: the staging table becomes it.
        case create
        /// The target exists and is replaced: it is dropped and the staging table becomes it.
        case replace
        /// The target exists and keeps its rows: the staged rows are inserted into it.
        case append
    }

    /// The prefix of every staging table's name, so that one left behind by a lost connection
    /// can be recognised (`rex_staging_` and 16 hex digits).
    public static let stagingPrefix = "rex_staging_"

    /// The number of the informational message `sp_rename` always prints ("Caution: Changing any
    /// part of an object name could break scripts and stored procedures.", severity 10): expected
    /// here, so it is not shown.
    public static let renameCautionMessage: Int32 = 15477

    /// The target's name parts as written (`[table]` or `[schema, table]`).
    public let target: [String]
    /// The staging table's parts: the target's schema (if given) and `rex_staging_<suffix>`.
    public let staging: [String]
    /// The upload's columns, in order: the staging table's columns.
    public let schema: Schema

    private static let dialect = SQLDialect.tsql

    /// - Parameter suffix: what makes the staging name unique: 16 lowercase hex digits
    ///   (`randomSuffix()`; tests pass a fixed one).
    /// - Returns: nil where a staged load cannot work: a name with a database part
    ///   (`sp_rename` renames only in the current database) or a `#temporary` table.
    /// - Throws: `SQLGenerationError` for a name the dialect refuses (NUL).
    public init?(target: [String], schema: Schema, suffix: String) throws {
        guard (1...2).contains(target.count), let table = target.last, !table.hasPrefix("#") else { return nil }
        for part in target + schema.names { try Self.dialect.checkIdentifier(part) }
        self.target = target
        // sp_rename cannot move a table to another schema: the staging table is made in the
        // target's (an unqualified name resolves to the same default schema for both).
        staging = target.dropLast() + [Self.stagingPrefix + suffix]
        self.schema = schema
    }

    /// 16 random lowercase hex digits.
    public static func randomSuffix() -> String {
        String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))
    }

    /// `[schema].[table]` of the target.
    public var quotedTarget: String { Self.quoted(target) }

    /// `[schema].[rex_staging_…]`: the name `bcp_initW` is given (it accepts bracketed,
    /// schema-qualified names as `bcp` does).
    public var quotedStaging: String { Self.quoted(staging) }

    private static func quoted(_ parts: [String]) -> String {
        parts.map(dialect.quoteIdentifier).joined(separator: ".")
    }

    /// `CREATE TABLE [schema].[rex_staging_…] (col type, …)`: the column types of the dialect's
    /// `CREATE TABLE` for the target, so a renamed staging table is what the parameter path
    /// would have created. An ordinary table, not a `#temporary` one: `sp_rename` cannot turn a
    /// temporary table into a permanent one, and bulk-copy batches commit as they go.
    public func createStaging() throws -> String {
        try Self.dialect.createTable(name: staging, schema: schema)
    }

    /// The statements of step 3, to run in one transaction, in order:
    /// - create: `EXEC sp_rename @objname = N'[schema].[rex_staging_…]', @newname = N'table', @objtype = N'OBJECT'`
    /// - replace: `DROP TABLE [schema].[table]`, then the same `sp_rename`
    /// - append: `INSERT INTO [schema].[table] ([a], …) SELECT [a], … FROM [schema].[rex_staging_…]`,
    ///   then `DROP TABLE [schema].[rex_staging_…]`
    ///
    /// SQL Server rules followed: DDL (`DROP TABLE`, `sp_rename`) is transactional, so a
    /// rollback restores the dropped target and the staging table's name; `sp_rename`'s
    /// `@objname` is parsed as a multi-part name (bracketed parts, `]]` escapes, as
    /// `PARSENAME` reads them) while `@newname` is taken literally as the one-part new name
    /// (brackets there would become part of the name), so it is the bare name as an `N'…'`
    /// literal; `sp_rename` keeps the table's schema. An append names its columns on both
    /// sides, so the target's column order does not matter, and converts as `INSERT` does
    /// (`bigint` into a `float` column). The staging table has no constraints or indexes to
    /// rename.
    ///
    /// With `renaming: false` (a T-SQL server without `sp_rename`: SQL Server answers a missing
    /// procedure with message 2812), create and replace copy instead of renaming:
    /// `[DROP TABLE [schema].[table]]`, `CREATE TABLE [schema].[table] (…)` with the same types,
    /// then the append's `INSERT … SELECT` and `DROP TABLE` of the staging table.
    public func swap(_ mode: Mode, renaming: Bool = true) throws -> [String] {
        let d = Self.dialect
        let copy = ["INSERT INTO \(quotedTarget) (\(quotedColumns)) SELECT \(quotedColumns) FROM \(quotedStaging)",
                    try d.dropTable(staging)]
        switch (mode, renaming) {
        case (.create, true):
            return [rename()]
        case (.replace, true):
            return [try d.dropTable(target), rename()]
        case (.create, false):
            return [try d.createTable(name: target, schema: schema)] + copy
        case (.replace, false):
            return [try d.dropTable(target), try d.createTable(name: target, schema: schema)] + copy
        case (.append, _):
            return copy
        }
    }

    /// The message number of a missing stored procedure (`sp_rename` on a T-SQL server that
    /// lacks it): the swap is then done again with `renaming: false`.
    public static let missingProcedureMessage: Int32 = 2812

    private var quotedColumns: String {
        schema.names.map(Self.dialect.quoteIdentifier).joined(separator: ", ")
    }

    private func rename() -> String {
        let d = Self.dialect
        return "EXEC sp_rename @objname = \(d.quoteString(quotedStaging)), @newname = \(d.quoteString(target.last ?? "")), "
            + "@objtype = N'OBJECT'"
    }

    /// `DROP TABLE IF EXISTS [schema].[rex_staging_…]` (SQL Server 2016+): step 4, on every
    /// error path, in autocommit after the rollback. After a committed swap the staging name no
    /// longer exists.
    public var dropStaging: String {
        "DROP TABLE IF EXISTS " + quotedStaging
    }
}
