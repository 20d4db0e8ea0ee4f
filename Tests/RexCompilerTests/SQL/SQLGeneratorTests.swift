import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexTestSupport
import Testing

/// The T-SQL constructs each SPEC §2 rule needs appear where the rule needs them, the lint
/// rejects each invalid form on its own, and the generator's errors say what to do.
@Suite struct SQLGeneratorTests {
    // MARK: - T-SQL constructs

    @Test func tsqlCountsWithCountBigAndSumsAsBigint() throws {
        let text = try sql("table t | summarize n = count(), nx = count(x), total = sum(x) by g", .tsql)
        #expect(text.contains("COUNT_BIG(*)"))
        #expect(text.contains("COUNT_BIG([x])"))
        // Summed as decimal(38, 0) (no overflow of a partial sum in any row order), then bigint.
        #expect(text.contains("CAST(SUM(CAST([x] AS decimal(38, 0))) AS bigint)"))
        #expect(!text.contains("COUNT("))
    }

    @Test func constantDateArithmeticThroughManyDerivesStaysSmall() throws {
        // Each step's constant date is written in place (several copies) only while short;
        // beyond that the range check binds it once, so the SQL grows linearly, not 12× a step.
        let steps = (1...10).map { "derive d\($0) = d\($0 - 1) + 1" }.joined(separator: " | ")
        let text = try sql("table t | derive d0 = @2000-01-01 + 1 | " + steps, .postgres)
        #expect(text.utf8.count < 200_000, "\(text.utf8.count) bytes")
    }

    @Test func tsqlMeanOfIntsIsFloat() throws {
        #expect(try sql("table t | summarize m = mean(x)", .tsql).contains("AVG(CAST([x] AS float))"))
    }

    @Test func tsqlBooleanSelectItemsAreCase() throws {
        let text = try sql("table t | select big = x > 1", .tsql)
        #expect(text.contains("CAST(CASE WHEN [x] > 1 THEN 1 WHEN NOT ([x] > 1) THEN 0 END AS bit) AS [big]"))
    }

    @Test func tsqlMedianIsTheMiddleOfRowNumbersNotPercentileCont() throws {
        // PERCENTILE_CONT only as a window on SQL Server, rejected by Babelfish.
        let text = try sql("table t | summarize med = median(f) by g", .tsql)
        #expect(!text.contains("PERCENTILE_CONT"))
        #expect(text.contains("COUNT([__rex_a0]) OVER (PARTITION BY [g])"))
        #expect(text.contains("ROW_NUMBER() OVER (PARTITION BY [g] ORDER BY CASE WHEN [__rex_a0] IS NULL THEN 1 ELSE 0 END, [__rex_a0])"))
        #expect(text.contains(") IN ((COUNT([__rex_a0]) OVER (PARTITION BY [g]) + 1) / 2, (COUNT([__rex_a0]) OVER (PARTITION BY [g]) + 2) / 2) THEN [__rex_a0] END AS [__rex_mid0]"))
        let middle = "[__rex_mid0]"
        // The midpoint of the middle values without an overflow (T-SQL raises on one).
        #expect(text.contains("CASE WHEN MIN(\(middle)) < 0 AND MAX(\(middle)) > 0 THEN (MIN(\(middle)) + MAX(\(middle))) / 2 ELSE MIN(\(middle)) + (MAX(\(middle)) - MIN(\(middle))) / 2 END AS [med]"))
        #expect(text.contains("GROUP BY [g]"))
    }

    @Test func tsqlSortsNullsLastWithACaseKey() throws {
        let text = try sql("table t | sort -x", .tsql)
        #expect(text.contains("ORDER BY CASE WHEN t0.[x] IS NULL THEN 1 ELSE 0 END, t0.[x] DESC"))
        #expect(!text.contains("NULLS"))
    }

    @Test func tsqlLiteralsAreNational() throws {
        let text = try sql("table t | filter s == \"naïve\"", .tsql)
        #expect(text.contains("[s] = N'naïve'"))
    }

    @Test func tsqlEscapesLikeMetacharactersWithBrackets() throws {
        // Bracket escapes, not ESCAPE: Babelfish ignores an ESCAPE character right after `%`.
        let text = try sql("table t | filter contains(s, \"5%_[a]\\\\\")", .tsql)
        #expect(text.contains("[s] LIKE N'%5[%][_][[]a]\\%'"))
        #expect(!text.contains("ESCAPE"))
        let computed = try sql("table t | filter ends_with(s, g)", .tsql)
        #expect(computed.contains("REPLACE(REPLACE(REPLACE([g], N'[', N'[[]'), N'%', N'[%]'), N'_', N'[_]')"))
        #expect(!computed.contains("ESCAPE"))
    }

    @Test func tsqlLengthCountsTrailingSpaces() throws {
        #expect(try sql("table t | select l = length(s)", .tsql).contains("LEN([s] + N'x') - 1"))
    }

    @Test func tsqlTakeUsesTopOrOffsetFetch() throws {
        #expect(try sql("table t | sort x | take 3", .tsql).hasPrefix("SELECT TOP (3) "))
        let offset = try sql("table t | sort x | take 3 offset 2", .tsql)
        #expect(offset.hasSuffix("OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY"))
        #expect(try sql("table t | take 3 offset 2", .tsql).contains("ORDER BY (SELECT NULL)"))
    }

    @Test func tsqlDivisionIsFloatAndNullOnZero() throws {
        #expect(try sql("table t | select q = x / y", .tsql).contains("CAST([x] AS float) / NULLIF([y], 0)"))
        #expect(try sql("table t | select m = x % y", .tsql).contains("[x] % NULLIF([y], 0)"))
    }

    @Test func tsqlConcatPropagatesNullAndWeekdayIgnoresDatefirst() throws {
        let text = try sql("table t | select c = concat(s, g), w = weekday(d)", .tsql)
        #expect(text.contains("[s] + [g]"))
        #expect(!text.contains("CONCAT("))
        #expect(text.contains("(DATEPART(weekday, [d]) + @@DATEFIRST - 2) % 7 + 1"))
    }

    /// T-SQL's text of a float reads style 3's 17 digits in a scalar subquery (x written once,
    /// each step a `TOP (1)` table); an aggregate over one gets its argument from a layer below
    /// (Msg 130), in summarize, windowed and running aggregates alike.
    @Test func tsqlFloatTextIsAFencedSubqueryOutsideAggregatesAndPowerIsFloat() throws {
        let text = try sql("table t | select a = text(f), p = power(x, -1)", .tsql)
        #expect(text.contains("CONVERT(nvarchar(40), ABS(x), 3)"))
        #expect(text.contains("FROM (SELECT TOP (1) [f] AS x) AS rex_t0"))
        #expect(text.components(separatedBy: "[f]").count == 2)
        #expect(text.contains("POWER(CAST([x] AS float), (-1))"))
        for pipeline in ["table t | summarize m = max(text(f)) by s", "table t | derive m = max(text(f)) by s",
                         "table t | derive m = max(text(f)) sort x", "table t | summarize n = count_distinct(text(f))"] {
            let aggregated = try sql(pipeline, .tsql)
            #expect(aggregated.contains("(DISTINCT [__rex_a0])") || aggregated.contains("MAX([__rex_a0])"), "\(pipeline)")
            #expect(!aggregated.contains("MAX((SELECT") && !aggregated.contains("DISTINCT (SELECT"), "\(pipeline)")
        }
        // PostgreSQL allows the subquery there: no layer.
        #expect(!(try sql("table t | summarize m = max(text(f)) by s", .postgres)).contains("__rex_a0"))
        // One text of a float nested in another, or read by a later step, is a column of a table
        // below: SQL Server nests subqueries 32 deep, and each such text is 8 levels.
        for pipeline in ["table t | derive a = text(f) | derive b = text(float(a)) | derive c = text(float(b)) | derive d = text(float(c)) | derive e = text(float(d))",
                         "table t | select a = text(float(text(float(text(float(text(f)))))))"] {
            let nested = try sql(pipeline, .tsql)
            #expect(Self.selectNesting(nested) <= 16, "\(pipeline)")
        }
    }

    /// The deepest nesting of SELECTs in `sql` (a SELECT inside the parentheses of another).
    static func selectNesting(_ sql: String) -> Int {
        var levels: [Int] = [], current = 0, deepest = 0, inLiteral = false
        var word = ""
        for c in sql + " " {
            if c == "'" { inLiteral.toggle() }
            if inLiteral { continue }
            if c.isLetter { word.append(c); continue }
            if word == "SELECT" { current += 1; deepest = max(deepest, current) }
            word = ""
            if c == "(" { levels.append(current) }
            if c == ")", let outer = levels.popLast() { current = outer }
        }
        return deepest
    }

    @Test func postgresOrdersTextByCodePoint() throws {
        let text = try sql("table t | filter s < \"b\" | sort s | summarize lo = min(s)", .postgres)
        #expect(text.contains("\"s\" COLLATE \"C\" < 'b'"))
        #expect(text.contains("min(\"s\" COLLATE \"C\")"))
        #expect(try sql("table t | sort -s", .postgres).contains("t0.\"s\" COLLATE \"C\" DESC NULLS LAST"))
    }

    /// The numeric of the shortest text (float8 → numeric would keep 15 digits), the count
    /// clamped to ±400 (round's count is an integer).
    @Test func postgresRoundsOnNumeric() throws {
        #expect(try sql("table t | select r = round(f, 2)", .postgres)
            .contains("round(CAST(CAST(\"f\" AS text) AS numeric), CAST(CASE WHEN 2 > 400 THEN 400 WHEN 2 < -400 THEN -400 ELSE 2 END AS integer))"))
    }

    @Test func orderByNeverInADerivedTableWithoutLimit() throws {
        let text = try sql("table t | sort x | derive z = x + 1 | filter z > 2 | select id", .tsql)
        let lint = try runLint([], input: text)
        #expect(lint.status == 0, "\(lint.stdout)\n\(text)")
        #expect(text.components(separatedBy: "ORDER BY").count == 2)
    }

    // MARK: - Quoting

    @Test(arguments: ["a]b", "x\"; DROP TABLE t; --", "it's", "[]", "\"\"", "é\u{301}'"])
    func identifiersAreQuotedAsOneName(_ name: String) throws {
        #expect(SQLDialect.tsql.quoteIdentifier(name) == "[" + name.replacingOccurrences(of: "]", with: "]]") + "]")
        #expect(SQLDialect.postgres.quoteIdentifier(name) == "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
        #expect(SQLDialect.tsql.quoteString(name) == "N'" + name.replacingOccurrences(of: "'", with: "''") + "'")
    }

    @Test func quoteFollowedByCombiningMarkIsStillDoubled() {
        // "'" + U+0301 is one Character but two scalars: the quote must still be doubled.
        #expect(SQLDialect.sqlite.quoteString("'\u{301}") == "'''\u{301}'")
        #expect(SQLDialect.sqlite.quoteIdentifier("\"\u{301}") == "\"\"\"\u{301}\"")
    }

    @Test func createTableUsesTheDialectColumnTypes() throws {
        let schema = Schema(DataType.allCases.map { Field("c_\($0.rawValue)", $0) })
        #expect(try SQLDialect.tsql.createTable(name: ["dbo", "x]y"], schema: schema)
            == "CREATE TABLE [dbo].[x]]y] ([c_int] bigint, [c_float] float, [c_text] nvarchar(max), [c_bool] bit, [c_date] date, [c_datetime] datetime, [c_bytes] varbinary(max))")
        #expect(try SQLDialect.postgres.createTable(name: ["t"], schema: schema)
            == "CREATE TABLE \"t\" (\"c_int\" bigint, \"c_float\" double precision, \"c_text\" text, \"c_bool\" boolean, \"c_date\" date, \"c_datetime\" timestamp, \"c_bytes\" bytea)")
        // SQLite: declared types that sqliteodbc's catalog reports back as the rex type.
        #expect(try SQLDialect.sqlite.createTable(name: ["t"], schema: schema)
            == "CREATE TABLE \"t\" (\"c_int\" BIGINT, \"c_float\" REAL, \"c_text\" TEXT, \"c_bool\" BOOLEAN, \"c_date\" DATE, \"c_datetime\" TIMESTAMP, \"c_bytes\" BLOB)")
    }

    @Test func insertStatementsQuoteEveryName() throws {
        #expect(try SQLDialect.tsql.insertValues(into: ["dbo", "t"], columns: ["a]b", "c"], rowCount: 2)
            == "INSERT INTO [dbo].[t] ([a]]b], [c]) VALUES (?, ?), (?, ?)")
        let select = try sql("table t | select id, s", .postgres)
        #expect(try SQLDialect.postgres.insertSelect(into: ["x\"y"], columns: ["id", "s"], query: select)
            == "INSERT INTO \"x\"\"y\" (\"id\", \"s\")\n" + select)
        #expect(try SQLDialect.sqlite.dropTable(["t"]) == "DROP TABLE \"t\"")
    }

    @Test func insertSelectRunsOnSQLite() throws {
        let db = try TestDatabases.sqlite()
        let schema = SQLTestTables.u
        _ = try db.connection.queryText(try SQLDialect.sqlite.createTable(name: ["copy"], schema: schema))
        let query = try sql("table \(db.u) | filter id > 1", .sqlite)
        _ = try db.connection.queryText(try SQLDialect.sqlite.insertSelect(into: ["copy"], columns: schema.names, query: query))
        #expect(try db.connection.queryText("SELECT COUNT(*) FROM \"copy\"") == [["3"]])
    }

    // MARK: - Errors

    @Test func postgresRejectsNamesLongerThan63Bytes() throws {
        let long = String(repeating: "é", count: 32)   // 64 bytes
        #expect(throws: SQLGenerationError.self) { try SQLDialect.postgres.createTable(name: ["t"], schema: Schema([Field(long, .int)])) }
        let error = #expect(throws: SQLGenerationError.self) { try sql("table t | select `\(long)` = x", .postgres) }
        #expect(error?.description.contains("63") == true)
        #expect(try sql("table t | select `\(long)` = x", .tsql).contains(long))
    }

    @Test func localSourcesAndAnalyticVerbsAreNotSQL() throws {
        let local = #expect(throws: SQLGenerationError.self) { try sql("sample iris | filter Sepal_Length > 5", .tsql) }
        #expect(local?.description.contains("-> table") == true)
        let analytic = #expect(throws: SQLGenerationError.self) { try sql("table t | summary", .postgres) }
        #expect(analytic?.description.contains("summary") == true)
    }

    @Test func tsqlQueryThatCannotBeWrappedRunsAsWrittenOrErrors() throws {
        let query = "WITH c AS (SELECT 1 AS a) SELECT a FROM c ORDER BY a;"
        #expect(try sql("sql \"\(query)\"", .tsql) == "WITH c AS (SELECT 1 AS a) SELECT a FROM c ORDER BY a")
        let error = #expect(throws: SQLGenerationError.self) { try sql("sql \"\(query)\" | filter a > 0", .tsql) }
        #expect(error?.description.contains("derived table") == true)
        #expect(try sql("sql \"SELECT TOP 5 a FROM c ORDER BY a\" | filter a > 0", .tsql).contains("WHERE [a] > 0"))
        #expect(try sql("sql \"\(query)\" | filter a > 0", .postgres).contains("WHERE \"a\" > 0"))
    }

    @Test func windowCountDistinctUsesDenseRank() throws {
        let text = try sql("table t | derive k = count_distinct(s) by g", .tsql)
        #expect(text.contains("DENSE_RANK() OVER (PARTITION BY [g], CASE WHEN [__rex_a0] IS NULL THEN 1 ELSE 0 END ORDER BY [__rex_a0])"))
        #expect(!text.contains("DISTINCT"))
    }

    // MARK: - The lint

    @Test(arguments: [
        ("boolean select item", "SELECT a > 1 AS b FROM t"),
        ("LIMIT", "SELECT a FROM t LIMIT 5"),
        ("ORDER BY in a derived table", "SELECT a FROM (SELECT a FROM t ORDER BY a) AS x"),
        ("ORDER BY in a CTE", "WITH c AS (SELECT a FROM t ORDER BY a) SELECT a FROM c"),
        ("IS TRUE", "SELECT a FROM t WHERE b IS TRUE"),
        ("MEDIAN", "SELECT MEDIAN(x) AS m FROM t"),
        ("PERCENTILE_CONT without OVER", "SELECT g, PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) AS m FROM t GROUP BY g"),
        ("PERCENTILE_CONT OVER (Babelfish)", "SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY g) AS m FROM t"),
        ("LIKE ESCAPE (Babelfish)", "SELECT a FROM t WHERE s LIKE N'%\\%' ESCAPE N'\\'"),
        ("unparsable", "SELECT FROM WHERE"),
    ])
    func lintRejects(_ form: String, _ sql: String) throws {
        let result = try runLint([], input: sql)
        #expect(result.status == 1, "\(form) passed the lint: \(result.stdout)")
        #expect(result.stdout.hasPrefix("ERROR"))
    }

    @Test func lintAcceptsValidForms() throws {
        for sql in ["SELECT TOP (3) a FROM (SELECT TOP (5) a FROM t ORDER BY a) AS x ORDER BY a",
                    "SELECT a FROM (SELECT a FROM t ORDER BY a OFFSET 2 ROWS FETCH NEXT 3 ROWS ONLY) AS x",
                    "SELECT a FROM t WHERE s LIKE N'%[%][_][[]%'",
                    "SELECT CAST(CASE WHEN a > 1 THEN 1 WHEN NOT (a > 1) THEN 0 END AS bit) AS b FROM t"] {
            let result = try runLint([], input: sql)
            #expect(result.status == 0, "\(sql): \(result.stdout)")
        }
    }
}
