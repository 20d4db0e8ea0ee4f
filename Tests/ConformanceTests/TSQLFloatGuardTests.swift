import Foundation
import RexCompiler
import RexConformanceSupport
import RexData
import RexLanguage
import RexODBC
import RexTestSupport
import Testing

/// The T-SQL float guards (`TSQLFragment`: `+ - * /`, `exp`, `power`, float `sum` and `mean`,
/// and the variance built on them) compute SPEC §2's answers without raising. No T-SQL server
/// runs here, so the T-SQL of the float conformance cases is run on PostgreSQL, whose float8
/// arithmetic raises on an overflow and on an underflow to zero as Babelfish's does (Babelfish
/// computes T-SQL floats as float8; SQL Server raises on the overflows), after a translation of
/// the few T-SQL spellings those cases use and nothing else:
/// `[name]` → `"name"`, `float` → `double precision`, `LOG(x)` (natural) → `ln(x)`,
/// `COUNT_BIG` → `count`, `ROUND(y, 0, 1)` (truncation) → `trunc(y)`, and a float literal
/// (`1E290`, `1e+308`: T-SQL's float) → a float8 constant. The live T-SQL suite (`REX_TEST_MSSQL`) runs the
/// same cases on a real server.
@Suite struct TSQLFloatGuardTests {
    /// The conformance cases whose answers rest on the float guards.
    static let caseNames = [
        "float division by zero is null",
        "float arithmetic with nulls",
        "exp of floats and ints",
        "power of ints is float",
        "power with float exponent",
        "infinite or undefined float results are null and underflow is zero",
        "constant float overflow is null",
        "sum and mean that overflow are null",
        "float overflow and undefined results are null, underflow is zero",
        "the largest float plus a small number is the largest float, not an overflow",
        "the smallest float plus a null is null, not an underflow error",
        "a float product or quotient at the edge of the range is null exactly when it overflows and 0 exactly when it underflows",
        "sample variance of large values with a small spread",
        "sample variance of large values per group",
        "a variance beyond the float range is null, and so is its square root",
        "a variance beyond the float range is null in derive too",
        "means and variances of subnormal values and tiny deviations are computed without an underflow error",
        "a float sum whose two halves overflow together answers on PostgreSQL",
        "a power with a tiny exponent is 1, not an underflow error",
        "a power to the smallest float exponent is not computed on an empty input",
        "a power to the smallest float exponent is 1",
        "float arithmetic with the smallest int",
        "the largest float to an int power of 1 is itself",
    ]

    /// Every conformance case, parsed once for all the arguments.
    static let allCases = Result { try CaseFileParser.loadAll() }

    /// Cases whose T-SQL must also suit Babelfish, which plans and runs T-SQL with PostgreSQL:
    /// `int` of a float truncates (PostgreSQL's cast rounds), and a full join on a condition
    /// that is not an equality is written without FULL JOIN (PostgreSQL plans one only as a
    /// merge or hash join).
    static let babelfishCaseNames = [
        "int truncates toward zero",
        "full join on an inequality",
        "full join on an inequality then derive and summarize",
        "full join on one equality or another",
    ]

    /// Every case of the T-SQL suites here: the float guards, Babelfish's planner, the text
    /// and the round of floats (`TSQLFloatTextTests`).
    @Test(arguments: caseNames + babelfishCaseNames + TSQLFloatTextTests.caseNames + TSQLFloatTextTests.roundCaseNames)
    func tsqlGivesTheCaseAnswerOnPostgreSQL(_ name: String) throws {
        try Self.checkCaseOnPostgres(name)
    }

    /// Runs the conformance case named `name` (a prefix) compiled to T-SQL and translated by
    /// `postgres(fromTSQL:)` on PostgreSQL, in a schema of its own holding T-SQL's functions,
    /// and records an issue unless it gives the case's expected table.
    static func checkCaseOnPostgres(_ name: String) throws {
        let cases = try allCases.get().filter { $0.name.hasPrefix(name) }
        let testCase = try #require(cases.first, "no conformance case named \(name)")
        guard case .table(let expected) = testCase.expectation else {
            Issue.record("\(name): expects an error, not a table")
            return
        }
        let translated = postgres(fromTSQL: try tsql(testCase))
        try withSchema { connection in
            for (table, data) in testCase.datasets { try load(data, as: table, on: connection) }
            let rows: [[String?]]
            do {
                rows = try connection.queryText(translated)
            } catch {
                Issue.record("\(name): the T-SQL failed on PostgreSQL: \(error)\n\(translated)")
                return
            }
            let actual = try table(rows, schema: expected.schema)
            if let difference = compareResults(actual: actual, expected: expected, ordered: testCase.isOrdered) {
                Issue.record("\(name): \(difference)\n\(translated)")
            }
        }
    }

    /// Runs `body` on a PostgreSQL connection whose current schema is new and holds T-SQL's
    /// functions (`installTSQLFunctions`); the schema is dropped after.
    static func withSchema(_ body: (Connection) throws -> Void) throws {
        let connection = try Connection(connectionString: try TestEnvironment.postgres)
        let schema = "rex_tsql_" + UUID().uuidString.prefix(8).lowercased()
        _ = try connection.queryText("CREATE SCHEMA \(schema)")
        defer { _ = try? connection.queryText("DROP SCHEMA \(schema) CASCADE") }
        _ = try connection.queryText("SET search_path TO \(schema), public")
        try installTSQLFunctions(on: connection)
        try body(connection)
    }

    /// The case's one pipeline compiled to T-SQL over the case's datasets.
    static func tsql(_ testCase: ConformanceCase) throws -> String {
        try tsql(testCase.source, over: testCase.datasets.mapValues(\.schema))
    }

    /// The one pipeline `source` compiled to T-SQL over tables of `schemas` (by name).
    static func tsql(_ source: String, over schemas: [String: Schema]) throws -> String {
        let parsed = parsePipeline(source.trimmingCharacters(in: .whitespacesAndNewlines))
        let pipeline = try #require(parsed.pipeline, "not one pipeline: \(source)")
        let relation = try CompilerEnvironment().resolve(pipeline, provider: TableSchemas(schemas: schemas))
        return try SQLGenerator(dialect: .tsql).generate(relation)
    }

    /// Creates `table` on PostgreSQL with `data`'s rows (test data only: the values are the
    /// case file's own).
    static func load(_ data: Table, as table: String, on connection: Connection) throws {
        let types: [DataType: String] = [.int: "bigint", .float: "double precision", .text: "text", .bool: "boolean"]
        let columns = try data.schema.fields.map { field -> String in
            let type = try #require(types[field.type], "column type \(field.type) is not loaded here")
            return SQLDialect.postgres.quoteIdentifier(field.name) + " " + type
        }
        _ = try connection.queryText("CREATE TABLE \(SQLDialect.postgres.quoteIdentifier(table)) (\(columns.joined(separator: ", ")))")
        for index in 0..<data.rowCount {
            let values = data.row(index).map { value -> String in
                switch value {
                case .null: return "NULL"
                case .int(let v): return String(v)
                case .float(let v): return "CAST('\(v)' AS double precision)"
                case .bool(let v): return v ? "true" : "false"
                default: return SQLDialect.postgres.quoteString(value.description)
                }
            }
            _ = try connection.queryText("INSERT INTO \(SQLDialect.postgres.quoteIdentifier(table)) VALUES (\(values.joined(separator: ", ")))")
        }
    }

    /// The PostgreSQL spelling of rex's T-SQL for these cases (see the suite's comment), and
    /// for `text(float)` (`TSQLFloatTextTests`): `CONVERT(nvarchar(40), x, 3)` → Babelfish's own
    /// implementation of style 3, `to_char(x, '9D9999999999999999EEEE')`; `TRY_CAST(s AS float)`
    /// → `rex_try_float(s)`; `SELECT TOP (1) …` → `SELECT … LIMIT 1`; `ISNULL` → `coalesce`;
    /// `nvarchar` → `varchar`; `N'…'` → `'…'`; T-SQL's PATINDEX, CHARINDEX, LEN, REPLICATE, RAND
    /// and `+` on text are made by `installTSQLFunctions`. String literals (LIKE classes, folded
    /// texts) are kept.
    static func postgres(fromTSQL sql: String) -> String {
        var text = calls(in: sql, named: "CONVERT(nvarchar(40), ", suffix: ", 3") { "to_char(" + $0 + ", '9D9999999999999999EEEE')" }
        text = calls(in: text, named: "TRY_CAST(", suffix: " AS float") { "rex_try_float(" + $0 + ")" }
        text = outsideLiterals(text) { code in
            var code = code.replacingOccurrences(of: "[", with: "\"").replacingOccurrences(of: "]", with: "\"")
                .replacingOccurrences(of: " AS float)", with: " AS double precision)")
                .replacingOccurrences(of: "COUNT_BIG(", with: "count(")
                .replacingOccurrences(of: "ISNULL(", with: "coalesce(")
                .replacingOccurrences(of: "nvarchar(", with: "varchar(")
            code = code.replacingOccurrences(of: #"\bLOG\("#, with: "ln(", options: .regularExpression)
            code = code.replacingOccurrences(of: #"(?<![\w."])(\d+(?:\.\d+)?[eE][+-]?\d+)"#, with: "CAST('$1' AS double precision)",
                                             options: .regularExpression)
            // N'…' → '…' (this piece ends where a literal begins).
            return code.replacingOccurrences(of: #"(?<![\w"])N$"#, with: "", options: .regularExpression)
        }
        text = calls(in: text, named: "ROUND(", suffix: ", 0, 1") { "trunc(" + $0 + ")" }
        return calls(in: text, named: "(SELECT TOP (1) ", suffix: "") { "(SELECT " + $0 + " LIMIT 1)" }
    }

    /// `sql` with `transform` applied to each piece outside its string literals (`'…'`, `''`
    /// inside one), the literals kept as they are.
    static func outsideLiterals(_ sql: String, _ transform: (String) -> String) -> String {
        var out = "", piece = ""
        var inLiteral = false
        for c in sql {
            if c == "'" {
                if !inLiteral { out += transform(piece); piece = "" }
                inLiteral.toggle()
                out.append(c)
            } else if inLiteral {
                out.append(c)
            } else {
                piece.append(c)
            }
        }
        return out + transform(piece)
    }

    /// Every call `name…)` whose arguments end with `suffix`, replaced by `rewrite(arguments
    /// without the suffix)` (arguments may nest parentheses and such calls; literals hold no
    /// parentheses here). `rewrite` must not begin with `name`.
    static func calls(in sql: String, named name: String, suffix: String, _ rewrite: (Substring) -> String) -> String {
        var text = sql
        var searchStart = text.startIndex
        while let start = text.range(of: name, range: searchStart..<text.endIndex) {
            var depth = 1
            var end: String.Index?
            var index = start.upperBound
            while index < text.endIndex {
                if text[index] == "(" { depth += 1 }
                if text[index] == ")" { depth -= 1; if depth == 0 { end = index; break } }
                index = text.index(after: index)
            }
            guard let end, text[start.upperBound..<end].hasSuffix(suffix) else {
                searchStart = start.upperBound
                continue
            }
            let arguments = text[start.upperBound..<end].dropLast(suffix.count)
            let replacement = rewrite(arguments)
            text.replaceSubrange(start.lowerBound...end, with: replacement)
            // Calls inside the arguments are rewritten too.
            searchStart = text.index(after: start.lowerBound)
        }
        return text
    }

    /// T-SQL's string functions and `+` on text, as Babelfish defines them on PostgreSQL, in the
    /// connection's current schema: PATINDEX of the `%[class]%` patterns rex writes, CHARINDEX,
    /// LEN (trailing spaces ignored), REPLICATE, RAND (volatile) and TRY_CAST of text to float.
    static func installTSQLFunctions(on connection: Connection) throws {
        for statement in [
            "CREATE FUNCTION patindex(pattern text, s text) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT regexp_instr(s, substr(pattern, 2, length(pattern) - 2)) $$",
            "CREATE FUNCTION charindex(needle text, s text) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT strpos(s, needle) $$",
            "CREATE FUNCTION len(s text) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT length(rtrim(s)) $$",
            "CREATE FUNCTION replicate(s text, n int) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT CASE WHEN n >= 0 THEN repeat(s, n) END $$",
            "CREATE FUNCTION rex_try_float(s text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE STRICT AS $$ BEGIN RETURN CAST(s AS double precision); EXCEPTION WHEN others THEN RETURN NULL; END $$",
            "CREATE FUNCTION rand() RETURNS double precision LANGUAGE sql VOLATILE AS $$ SELECT random() $$",
            "CREATE FUNCTION rex_text_plus(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT a || b $$",
            "CREATE OPERATOR + (LEFTARG = text, RIGHTARG = text, FUNCTION = rex_text_plus)",
        ] { _ = try connection.queryText(statement) }
    }

    /// The fetched text rows as a table of `schema` (cells read as the case file reads them; a
    /// T-SQL bool is the int 1 or 0).
    static func table(_ rows: [[String?]], schema: Schema) throws -> Table {
        var values = Array(repeating: [Value](), count: schema.fields.count)
        for row in rows {
            for (index, field) in schema.fields.enumerated() {
                var cell = row[index]
                if field.type == .bool, let bit = cell { cell = bit == "1" ? "true" : bit == "0" ? "false" : bit }
                values[index].append(try CaseFileParser.value(cell, field.type, where: "result"))
            }
        }
        return Table(schema: schema, columns: zip(schema.fields, values).map { Column(type: $0.type, values: $1) })
    }
}

/// Tables' schemas by name (a case's datasets, or a test's own table).
private struct TableSchemas: SchemaProvider {
    let schemas: [String: Schema]
    func tableSchema(_ nameParts: [String]) throws -> Schema? { nameParts.last.flatMap { schemas[$0] } }
    func tableNames() -> [String] { Array(schemas.keys) }
    func sqlSchema(_ query: String) throws -> Schema { Schema([]) }
    func csvSchema(path: String, separator: String) throws -> Schema { Schema([]) }
}
