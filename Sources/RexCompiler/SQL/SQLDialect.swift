import RexData

/// Everything the SQL generator needs to know about one SQL dialect, as data (SPEC §3).
///
/// The generator asks about features (`limitStyle`, `booleansAreValues`, a function's
/// template), never about a dialect's name. Templates use `{0}`, `{1}`, … for the
/// rendered arguments and `{over}` for a window clause (empty in `GROUP BY` queries);
/// they are expanded in one pass, so argument text is never re-scanned.
public struct SQLDialect: Sendable {
    /// How `take N offset M` is written.
    public enum LimitStyle: Sendable {
        /// `LIMIT n OFFSET m`.
        case limitOffset
        /// `SELECT TOP (n)` without offset, `OFFSET m ROWS FETCH NEXT n ROWS ONLY` (needs ORDER BY) with one.
        case topOrOffsetFetch
    }

    /// How "nulls last" is written in ORDER BY.
    public enum NullsLastStyle: Sendable {
        /// `x NULLS LAST` / `x DESC NULLS LAST`.
        case clause
        /// A leading key `CASE WHEN x IS NULL THEN 1 ELSE 0 END`.
        case caseKey
    }

    /// How an aggregate is computed.
    public enum AggregateRecipe: Sendable {
        /// A template over the rendered argument (`{0}`) and `{over}`.
        case template(String)
        /// Sample variance (or standard deviation) in two passes: a window mean first,
        /// then the sum of squared deviations over n − 1.
        case twoPassVariance(squareRoot: Bool)
        /// Median by window ranks: the average of the middle one or two non-null values.
        case rankMedian
        /// `count_distinct` as a window: the largest DENSE_RANK of the non-null values.
        case rankCountDistinct
    }

    /// How a LIKE metacharacter is made to match itself (`SQLQuoting.likeEscaped`).
    public enum LikeEscapeStyle: Sendable {
        /// Preceded by this character, named after the pattern by `ESCAPE '\'` (the
        /// character itself is escaped too).
        case character(Unicode.Scalar)
        /// Wrapped in brackets (`[%]`, `[_]`, `[[]`), with no `ESCAPE` clause (T-SQL, where
        /// `[` is a metacharacter itself).
        case brackets
    }

    /// How `join full` is written.
    public enum FullJoinStyle: Sendable {
        /// `FULL OUTER JOIN … ON condition` whatever the condition (T-SQL, ANSI).
        case native
        /// `FULL OUTER JOIN` when every top-level AND term of the condition is an equality
        /// between an expression of one side and an expression of the other, of one type
        /// (PostgreSQL plans a full join only as a merge or hash join: "FULL JOIN is only
        /// supported with merge-joinable or hash-joinable join conditions"); any other
        /// condition is written as `leftJoinUnionUnmatched`.
        case nativeWhenEquality
        /// Never `FULL JOIN`: `L LEFT JOIN R ON c UNION ALL SELECT NULL…, R's columns FROM R
        /// WHERE NOT EXISTS (SELECT 1 FROM L WHERE c)` — the left join, then the right rows
        /// that match nothing, as SPEC §2 defines a full join.
        case leftJoinUnionUnmatched
    }

    /// How the unmatched right rows of a rewritten full join (`leftJoinUnionUnmatched`) are found.
    public enum AntiJoinStyle: Sendable {
        /// `FROM R WHERE NOT EXISTS (SELECT 1 FROM L WHERE c)` (PostgreSQL plans a hash anti join).
        case notExists
        /// `FROM R LEFT JOIN (SELECT 1 AS matched, … FROM L) ON c WHERE matched IS NULL`.
        case leftJoinIsNull
    }

    /// The dialect's name: `tsql`, `postgres`, `sqlite` or `ansi`.
    public var name: String
    public var identifierOpen: Unicode.Scalar
    public var identifierClose: Unicode.Scalar
    /// Put before every string literal (`N` on T-SQL so non-ASCII text survives).
    public var stringPrefix: String
    /// True where a backslash in `'…'` may be an escape, depending on a session setting
    /// (PostgreSQL's `standard_conforming_strings`): a literal with a backslash is then
    /// written `E'…'` with the backslash doubled, which means the same either way.
    public var backslashMayEscape: Bool = false
    public var limitStyle: LimitStyle
    /// False where a boolean expression cannot be a value (T-SQL: `CASE WHEN … THEN 1 …`).
    public var booleansAreValues: Bool
    public var trueLiteral: String
    public var falseLiteral: String
    /// Type names in `CAST(… AS type)`.
    public var castTypes: [DataType: String]
    /// Column types in `CREATE TABLE`.
    public var columnTypes: [DataType: String]
    /// Collation that gives code-point order for text comparison, ordering, min and max.
    public var codePointCollation: String?
    public var nullsLast: NullsLastStyle
    /// Longest identifier in UTF-8 bytes (PostgreSQL: 63; longer names are an error, not truncated).
    public var maxIdentifierBytes: Int?
    /// False where a `sql "…"` source starting with `WITH`, or with `ORDER BY` but no
    /// `TOP`/`OFFSET`, cannot be a derived table (T-SQL).
    public var wrapsAnyQuery: Bool
    /// LIKE characters that must be escaped to match themselves.
    public var likeMetacharacters: [Unicode.Scalar]
    /// How those metacharacters are escaped in `contains`/`starts_with`/`ends_with`.
    public var likeEscape: LikeEscapeStyle = .character("\\")
    /// Templates of scalar functions and conversions (keys: rex names such as `length`,
    /// `round2`, `int(text)`, `divide`, `literal.date`).
    public var functions: [String: String]
    /// Aggregate recipes in `summarize` (keys: rex names; `count()`, `sum(int)`, `min(text)`).
    public var aggregates: [String: AggregateRecipe]
    /// Overrides of `aggregates` inside `derive` (window aggregates).
    public var windowAggregates: [String: AggregateRecipe]
    /// How `join full` is written (see `FullJoinStyle`).
    public var fullJoin: FullJoinStyle = .native
    /// How a rewritten full join finds the right rows that match nothing.
    public var antiJoin: AntiJoinStyle = .notExists
    /// Where the engine computes constant subexpressions while it plans the statement, before
    /// a `CASE` decides whether they run (PostgreSQL), a zero of each type that it cannot fold
    /// (`0 * random()`): added to a constant that may raise (int arithmetic, `int()` of a
    /// float, date arithmetic), it keeps the error to the rows that compute it (SPEC §2: a
    /// branch no row takes raises nothing). Empty where the engine folds nothing that raises.
    public var volatileZero: [DataType: String] = [:]
    /// Functions whose templates bind their operands in a scalar subquery (SQLite's exact
    /// `round` and `text` of a float). Such a call nested in another is computed in a derived
    /// table below it instead (`SQLLowering.hoistNestedCalls`): every nesting level costs the
    /// engine's parser stack, which four nested rounds overflowed.
    public var hoistedFunctions: Set<ScalarFunction> = []
    /// True where an aggregate's argument may not hold a scalar subquery (T-SQL, Msg 130:
    /// "Cannot perform an aggregate function on an expression containing an aggregate or a
    /// subquery"): such arguments (`max(text(f))`, T-SQL's `text` of a float being one) are
    /// computed as columns of a layer below the aggregate.
    public var refusesSubqueriesInAggregates: Bool = false
    /// True where derived tables are printed as common table expressions (`WITH __rex_t1 AS
    /// (…) SELECT … FROM __rex_t1 AS t1`) instead of nesting in FROM (SQLite): SQLite's parser
    /// stack is short, and a long pipeline of full joins and windows nested as derived tables
    /// overflowed it ("parser stack overflow"); each common table expression is parsed on its own.
    public var derivedTablesAsCommonTables: Bool = false
    /// Where set, a column whose SQL nests parentheses deeper than this is read from the
    /// derived table that computes it rather than substituted into a larger expression of a
    /// later step (SQLite's parser stack: `derive c = date_trunc(…, date_trunc(…))` then
    /// `date_trunc(…, if(b, date_trunc(…, c), c))` overflowed it, and each substitution
    /// repeats the column's SQL as often as the template reads its operand).
    public var substitutedNestingLimit: Int?
    /// True where a join condition that is a boolean value (a bool column, an `if`) is written
    /// `… = 1` (SQLite 3.40: `LEFT JOIN r ON t.c`, with c the constant 0 of a flattened
    /// subquery over an aggregate, drops the left row as if the term were in WHERE; the
    /// compared form keeps it).
    public var comparesBooleanJoinConditions: Bool = false
    /// True where the side of an outer join that rows may not match must not be flattened into
    /// the join when one of its columns holds a scalar subquery (SQLite 3.40: the subquery's
    /// value, computed once, reads as NULL on every row after a left row that matched nothing;
    /// `LIMIT` keeps the side a table of its own). Written with a limit of the largest int.
    public var keepsOuterJoinSidesWithSubqueriesApart: Bool = false
    /// How a temporary table is named and created (see `TemporaryTableRule`).
    public var temporaryTables: TemporaryTableRule

    /// How a temporary table — local data uploaded for one statement in the server context
    /// (SPEC §4) — is named and created. It lives on the connection that made it only.
    public struct TemporaryTableRule: Sendable {
        /// Put before the table's name: `#` on T-SQL, where the name makes a table temporary.
        public var namePrefix: String
        /// The words before the quoted name: `CREATE TABLE`, `CREATE TEMP TABLE`.
        public var create: String
        /// Written after the column list (ANSI: `ON COMMIT PRESERVE ROWS`); empty for none.
        public var suffix: String

        public init(namePrefix: String = "", create: String, suffix: String = "") {
            self.namePrefix = namePrefix
            self.create = create
            self.suffix = suffix
        }
    }

    /// `name` quoted for this dialect, with the closing delimiter doubled. (Babelfish rejects
    /// a doubled `]]` inside a T-SQL bracketed name as a syntax error; SQL Server accepts it.
    /// No workaround: such names fail there.)
    public func quoteIdentifier(_ name: String) -> String {
        SQLQuoting.identifier(name, open: identifierOpen, close: identifierClose)
    }

    /// `text` as a string literal of this dialect, right whatever its session settings.
    public func quoteString(_ text: String) -> String {
        backslashMayEscape ? stringPrefix + SQLQuoting.postgresString(text) : SQLQuoting.string(text, prefix: stringPrefix)
    }

    /// The column type for a rex type in `CREATE TABLE` (T-SQL `text` is `nvarchar(max)`).
    public func columnType(_ type: DataType) -> String {
        columnTypes[type] ?? castTypes[type] ?? "TEXT"
    }

    /// `CREATE TABLE name (col type, …)`; `name` holds the parts as written (`[schema, table]`).
    /// - Throws: `SQLGenerationError` for a name longer than the dialect allows or with a NUL.
    public func createTable(name: [String], schema: Schema) throws -> String {
        for part in name { try checkIdentifier(part) }
        return "CREATE TABLE " + name.map(quoteIdentifier).joined(separator: ".") + " (" + (try columnList(schema)) + ")"
    }

    /// The name of a temporary table whose base name is `base` (`rex_…`): `#rex_…` on T-SQL.
    public func temporaryTableName(_ base: String) -> String {
        temporaryTables.namePrefix + base
    }

    /// The statement that creates the temporary table `name` (from `temporaryTableName`):
    /// `CREATE TABLE [#rex_…] (…)` on T-SQL, `CREATE TEMP TABLE "rex_…" (…)` on PostgreSQL
    /// and SQLite. Drop it with `dropTable([name])`.
    /// - Throws: `SQLGenerationError` for a name longer than the dialect allows or with a NUL.
    public func createTemporaryTable(name: String, schema: Schema) throws -> String {
        try checkIdentifier(name)
        return temporaryTables.create + " " + quoteIdentifier(name) + " (" + (try columnList(schema)) + ")"
            + (temporaryTables.suffix.isEmpty ? "" : " " + temporaryTables.suffix)
    }

    /// `col type, …` of a `CREATE TABLE`.
    private func columnList(_ schema: Schema) throws -> String {
        var columns: [String] = []
        for field in schema.fields {
            try checkIdentifier(field.name)
            columns.append(quoteIdentifier(field.name) + " " + columnType(field.type))
        }
        return columns.joined(separator: ", ")
    }

    /// `INSERT INTO name (c1, …) VALUES (?, …), (?, …)` with `rowCount` rows of `?` parameters
    /// (multi-row VALUES: psqlODBC runs parameter arrays one row at a time).
    public func insertValues(into name: [String], columns: [String], rowCount: Int) throws -> String {
        for part in name + columns { try checkIdentifier(part) }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO " + name.map(quoteIdentifier).joined(separator: ".")
            + " (" + columns.map(quoteIdentifier).joined(separator: ", ") + ") VALUES "
            + Array(repeating: row, count: max(rowCount, 1)).joined(separator: ", ")
    }

    /// `INSERT INTO name (c1, …) <query>`: a pipeline over the same server written to a table
    /// without rows travelling (`query` from `SQLGenerator.generate`).
    public func insertSelect(into name: [String], columns: [String], query: String) throws -> String {
        for part in name + columns { try checkIdentifier(part) }
        return "INSERT INTO " + name.map(quoteIdentifier).joined(separator: ".")
            + " (" + columns.map(quoteIdentifier).joined(separator: ", ") + ")\n" + query
    }

    /// `DROP TABLE name`.
    public func dropTable(_ name: [String]) throws -> String {
        for part in name { try checkIdentifier(part) }
        return "DROP TABLE " + name.map(quoteIdentifier).joined(separator: ".")
    }

    /// Throws when `name` cannot be an identifier here (too long, or contains NUL).
    public func checkIdentifier(_ name: String) throws {
        if SQLQuoting.containsNul(name) { throw SQLGenerationError.nulCharacter(context: "the name \(name.debugDescription)") }
        if let limit = maxIdentifierBytes, name.utf8.count > limit {
            throw SQLGenerationError.identifierTooLong(name: name, bytes: name.utf8.count, limit: limit, dialect: self.name)
        }
    }

    /// The dialect called `name` (`tsql`, `postgres`, `sqlite`, `ansi`), if any.
    public static func named(_ name: String) -> SQLDialect? {
        switch name.lowercased() {
        case "tsql", "mssql", "sqlserver": return .tsql
        case "postgres", "postgresql": return .postgres
        case "sqlite", "sqlite3": return .sqlite
        case "ansi", "generic": return .ansi
        default: return nil
        }
    }

    /// Every dialect with its own table.
    public static let all: [SQLDialect] = [.tsql, .postgres, .sqlite, .ansi]
}

/// Expands `{0}`, `{1}`, …, `{over}` in `template` in one pass.
func expandTemplate(_ template: String, _ arguments: [String], over: String = "") -> String {
    var result = ""
    var index = template.startIndex
    while index < template.endIndex {
        let character = template[index]
        if character == "{", let close = template[index...].firstIndex(of: "}") {
            let key = template[template.index(after: index)..<close]
            if key == "over" {
                result += over
                index = template.index(after: close)
                continue
            }
            if let number = Int(key), number >= 0, number < arguments.count {
                result += arguments[number]
                index = template.index(after: close)
                continue
            }
        }
        result.append(character)
        index = template.index(after: index)
    }
    return result
}
