import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexODBC
import RexTestSupport

/// Fixed schemas for the SQL generator tests. Any table name that starts with `t`
/// has schema `T`, with `u` schema `U`, with `w` schema `W` (weird names), so tests can
/// use unique table names on the shared PostgreSQL.
enum SQLTestTables {
    static let t = Schema([
        Field("id", .int), Field("x", .int), Field("y", .int), Field("f", .float), Field("s", .text),
        Field("g", .text), Field("b", .bool), Field("d", .date), Field("n", .text),
    ])
    static let u = Schema([Field("id", .int), Field("v", .text), Field("x", .int)])
    static let w = Schema([Field("a]b", .int), Field("x\"; DROP TABLE t; --", .text), Field("it's", .text)])

    /// Rows of `t`: NULLs, negatives, a zero divisor, trailing spaces, LIKE metacharacters,
    /// mixed case (code-point order differs from ICU order), Mondays and Sundays.
    static let tRows: [[Value]] = [
        [.int(1), .int(7), .int(2), .float(2.5), .text("apple"), .text("a"), .bool(true), date(2024, 1, 1), .text("12")],
        [.int(2), .int(-7), .int(3), .float(-2.5), .text("Banana"), .text("a"), .bool(false), date(2024, 1, 7), .text("12abc")],
        [.int(3), .int(5), .int(0), .float(2.675), .text("cherry  "), .text("b"), .null, date(2024, 2, 29), .text("-3")],
        [.int(4), .null, .int(4), .null, .null, .text("b"), .bool(true), .null, .text("1.5")],
        [.int(5), .int(10), .int(-3), .float(1.005), .text("50%_off"), .text("b"), .bool(false), date(2023, 12, 31), .text("2024-02-30")],
        [.int(6), .int(3), .null, .float(0.5), .text("a_b[c]"), .null, .bool(true), date(2024, 3, 15), .null],
    ]
    static let uRows: [[Value]] = [
        [.int(1), .text("one"), .int(100)],
        [.int(3), .text("three"), .int(300)],
        [.int(3), .text("three again"), .int(301)],
        [.int(9), .text("nine"), .null],
        [.null, .text("null key"), .int(0)],
    ]
    static let wRows: [[Value]] = [
        [.int(1), .text("it's \"quoted\" ]] [x]"), .text("O'Brien")],
        [.int(2), .text("plain"), .text("x\"; DROP TABLE t; --")],
    ]

    static func date(_ y: Int, _ m: Int, _ d: Int) -> Value {
        .date(Int32(CivilDate(year: y, month: m, day: d).daysSinceEpoch))
    }

    static func schema(forTable name: String) -> Schema? {
        switch name.first {
        case "t": return t
        case "u": return u
        case "w": return w
        default: return nil
        }
    }
}

/// Resolves table names through `SQLTestTables`; `sql "…"` queries have one int column `a`.
struct SQLTestSchemas: SchemaProvider {
    func tableSchema(_ nameParts: [String]) throws -> Schema? {
        guard let last = nameParts.last else { return nil }
        return SQLTestTables.schema(forTable: last)
    }
    func tableNames() -> [String] { ["t", "u", "w"] }
    func sqlSchema(_ query: String) throws -> Schema { Schema([Field("a", .int)]) }
    func csvSchema(path: String, separator: String) throws -> Schema { Schema([Field("c", .int)]) }
}

struct RexCompileFailure: Error, CustomStringConvertible {
    let description: String
}

/// Parses and resolves a rex pipeline over the test tables.
func relation(_ rex: String) throws -> Relation {
    let parsed = parsePipeline(rex)
    guard let pipeline = parsed.pipeline else {
        throw RexCompileFailure(description: "cannot parse \(rex): \(parsed.diagnostics)")
    }
    return try CompilerEnvironment().resolve(pipeline, provider: SQLTestSchemas())
}

/// The SQL of a rex pipeline in `dialect`.
func sql(_ rex: String, _ dialect: SQLDialect) throws -> String {
    try SQLGenerator(dialect: dialect).generate(try relation(rex))
}

// MARK: - Real databases

/// A connection with the test tables loaded under unique names.
struct LoadedDatabase {
    let connection: Connection
    let dialect: SQLDialect
    /// Unique table names for `t`, `u`, `w`.
    let t: String, u: String, w: String

    /// Rows of a rex pipeline written with `T`, `U`, `W` for the table names.
    func run(_ rex: String) throws -> [[String?]] {
        let text = rex.replacingOccurrences(of: "table T", with: "table \(t)")
            .replacingOccurrences(of: "table U", with: "table \(u)")
            .replacingOccurrences(of: "table W", with: "table \(w)")
        return try connection.queryText(try sql(text, dialect))
    }

    func drop() {
        for table in [t, u, w] { _ = try? connection.queryText("DROP TABLE " + dialect.quoteIdentifier(table)) }
    }
}

enum TestDatabases {
    static func sqlite() throws -> LoadedDatabase {
        let database = TestEnvironment.sqliteDatabase(name: "sqlgen")
        return try load(Connection(connectionString: database.connectionString), .sqlite)
    }

    static func postgres() throws -> LoadedDatabase {
        try load(Connection(connectionString: try TestEnvironment.postgres), .postgres)
    }

    static func load(_ connection: Connection, _ dialect: SQLDialect) throws -> LoadedDatabase {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let db = LoadedDatabase(connection: connection, dialect: dialect, t: "t_\(suffix)", u: "u_\(suffix)", w: "w_\(suffix)")
        for (name, schema, rows) in [(db.t, SQLTestTables.t, SQLTestTables.tRows), (db.u, SQLTestTables.u, SQLTestTables.uRows),
                                     (db.w, SQLTestTables.w, SQLTestTables.wRows)] {
            _ = try connection.queryText(try dialect.createTable(name: [name], schema: schema))
            for row in rows {
                let values = zip(schema.fields, row).map { literal($1, dialect) }.joined(separator: ", ")
                _ = try connection.queryText("INSERT INTO \(dialect.quoteIdentifier(name)) VALUES (\(values))")
            }
        }
        return db
    }

    /// A value as an INSERT literal (test data only).
    static func literal(_ value: Value, _ dialect: SQLDialect) -> String {
        switch value {
        case .null: return "NULL"
        case .int(let v): return String(v)
        case .float(let v): return "\(v)"
        case .text(let v): return dialect.quoteString(v)
        case .bool(let v): return dialect.booleansAreValues ? (v ? dialect.trueLiteral : dialect.falseLiteral) : (v ? "1" : "0")
        case .date: return dialect.name == "postgres" ? "DATE '\(value)'" : dialect.quoteString(value.description)
        default: return dialect.quoteString(value.description)
        }
    }
}

/// True when two result cells agree: numbers to 1e-9 relative, booleans as 1/0, else exact text.
func sameCell(_ actual: String?, _ expected: String?) -> Bool {
    guard let actual, let expected else { return actual == nil && expected == nil }
    let booleans = ["t": "1", "true": "1", "f": "0", "false": "0"]
    let a = booleans[actual] ?? actual, e = booleans[expected] ?? expected
    if let x = Double(a), let y = Double(e) {
        return x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    }
    return a == e
}

func sameRows(_ actual: [[String?]], _ expected: [[String?]]) -> Bool {
    actual.count == expected.count && zip(actual, expected).allSatisfy { a, e in
        a.count == e.count && zip(a, e).allSatisfy { sameCell($0, $1) }
    }
}
