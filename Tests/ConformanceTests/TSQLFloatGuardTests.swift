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
        "float arithmetic with the smallest int",
        "the largest float to an int power of 1 is itself",
    ]

    /// Every conformance case, parsed once for all the arguments.
    static let allCases = Result { try CaseFileParser.loadAll() }

    @Test(arguments: caseNames)
    func tsqlGuardsGiveTheCaseAnswerOnFloat8(_ name: String) throws {
        let cases = try Self.allCases.get().filter { $0.name.hasPrefix(name) }
        let testCase = try #require(cases.first, "no conformance case named \(name)")
        guard case .table(let expected) = testCase.expectation else {
            Issue.record("\(name): expects an error, not a table")
            return
        }
        let tsql = try Self.tsql(testCase)
        let connection = try Connection(connectionString: try TestEnvironment.postgres)
        let schema = "rex_tsql_guards_" + UUID().uuidString.prefix(8).lowercased()
        _ = try connection.queryText("CREATE SCHEMA \(schema)")
        defer { _ = try? connection.queryText("DROP SCHEMA \(schema) CASCADE") }
        _ = try connection.queryText("SET search_path TO \(schema)")
        for (table, data) in testCase.datasets { try Self.load(data, as: table, on: connection) }

        let translated = Self.postgres(fromTSQL: tsql)
        let rows: [[String?]]
        do {
            rows = try connection.queryText(translated)
        } catch {
            Issue.record("\(name): the T-SQL raised on float8: \(error)\n\(translated)")
            return
        }
        let actual = try Self.table(rows, schema: expected.schema)
        if let difference = compareResults(actual: actual, expected: expected, ordered: testCase.isOrdered) {
            Issue.record("\(name): \(difference)\n\(translated)")
        }
    }

    /// The case's one pipeline compiled to T-SQL over the case's datasets.
    static func tsql(_ testCase: ConformanceCase) throws -> String {
        let parsed = parsePipeline(testCase.source.trimmingCharacters(in: .whitespacesAndNewlines))
        let pipeline = try #require(parsed.pipeline, "\(testCase.name): not one pipeline")
        let provider = DatasetSchemas(datasets: testCase.datasets)
        let relation = try CompilerEnvironment().resolve(pipeline, provider: provider)
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

    /// The PostgreSQL spelling of rex's T-SQL for these cases (see the suite's comment).
    static func postgres(fromTSQL sql: String) -> String {
        var text = sql.replacingOccurrences(of: "[", with: "\"").replacingOccurrences(of: "]", with: "\"")
        text = text.replacingOccurrences(of: " AS float)", with: " AS double precision)")
            .replacingOccurrences(of: "COUNT_BIG(", with: "count(")
        text = text.replacingOccurrences(of: #"\bLOG\("#, with: "ln(", options: .regularExpression)
        text = text.replacingOccurrences(of: #"(?<![\w."])(\d+(?:\.\d+)?[eE][+-]?\d+)"#, with: "CAST('$1' AS double precision)",
                                         options: .regularExpression)
        return truncations(text)
    }

    /// `ROUND(y, 0, 1)` → `trunc(y)`, for every such call (arguments may nest parentheses).
    static func truncations(_ sql: String) -> String {
        var text = sql
        while let start = text.range(of: "ROUND(") {
            var depth = 0
            var end = start.upperBound
            for index in text[start.lowerBound...].indices {
                if text[index] == "(" { depth += 1 }
                if text[index] == ")" { depth -= 1; if depth == 0 { end = index; break } }
            }
            let arguments = text[start.upperBound..<end]
            guard arguments.hasSuffix(", 0, 1") else { return text }
            text.replaceSubrange(start.lowerBound...end, with: "trunc(" + arguments.dropLast(", 0, 1".count) + ")")
        }
        return text
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

/// The schemas of a case's datasets, by table name.
private struct DatasetSchemas: SchemaProvider {
    let datasets: [String: Table]
    func tableSchema(_ nameParts: [String]) throws -> Schema? { nameParts.last.flatMap { datasets[$0]?.schema } }
    func tableNames() -> [String] { Array(datasets.keys) }
    func sqlSchema(_ query: String) throws -> Schema { Schema([]) }
    func csvSchema(path: String, separator: String) throws -> Schema { Schema([]) }
}
