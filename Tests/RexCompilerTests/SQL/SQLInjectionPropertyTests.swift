import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexODBC
import RexTestSupport
import Testing

/// Random identifiers and text literals (quotes, brackets, backslashes, comment markers,
/// Unicode; never NUL) round-trip exactly through `filter`/`select` on real engines.
@Suite struct SQLInjectionPropertyTests {

    static let alphabet: [String] = ["'", "\"", "[", "]", "`", "\\", ";", "-", "--", "/*", "*/", "%", "_", " ", "\n", "\t",
                                     "a", "Z", "0", "é", "ß", "中", "😀", "N'", "e\u{301}", "$", "?", ":x", "@"]

    static func randomText(_ rng: inout SplitMix64, maxLength: Int) -> String {
        let count = Int.random(in: 1...maxLength, using: &rng)
        return (0..<count).map { _ in alphabet.randomElement(using: &rng) ?? "a" }.joined()
    }

    @Test(arguments: ["sqlite", "postgres"])
    func namesAndLiteralsRoundTrip(_ engine: String) throws {
        let connection: Connection
        let dialect: SQLDialect
        if engine == "sqlite" {
            connection = try Connection(connectionString: TestEnvironment.sqliteDatabase(name: "inject").connectionString)
            dialect = .sqlite
        } else {
            connection = try Connection(connectionString: try TestEnvironment.postgres)
            dialect = .postgres
        }
        var rng = SplitMix64(seed: engine == "sqlite" ? 7 : 11)
        let table = "inj_" + UUID().uuidString.prefix(8).lowercased()
        for round in 0..<30 {
            var name = Self.randomText(&rng, maxLength: 8)
            while name.utf8.count > 60 || name.lowercased() == "rex_key" { name = Self.randomText(&rng, maxLength: 8) }
            let value = Self.randomText(&rng, maxLength: 12)
            let tableName = "\(table)_\(round)"
            let schema = Schema([Field(name, .text), Field("rex_key", .int)])
            _ = try connection.queryText(try dialect.createTable(name: [tableName], schema: schema))
            defer { _ = try? connection.queryText("DROP TABLE " + dialect.quoteIdentifier(tableName)) }
            for (text, key) in [(value, 1), (value + "x", 2), ("other", 3)] {
                _ = try connection.queryText("INSERT INTO \(dialect.quoteIdentifier(tableName)) VALUES (\(dialect.quoteString(text)), \(key))")
            }
            let column = IRExpression(.column(name), type: .text)
            let key = IRExpression(.column("rex_key"), type: .int)
            let scan = Relation(.scan(.table([tableName])), schema: schema)
            let condition = IRExpression(.binary(.equal, column, IRExpression(.literal(.text(value)), type: .text)), type: .bool)
            let filtered = Relation(.filter(scan, condition), schema: schema)
            let projected = Relation(.project(filtered, [NamedExpression("rex_key", key), NamedExpression(name, column)]),
                                     schema: Schema([Field("rex_key", .int), Field(name, .text)]))
            let sql = try SQLGenerator(dialect: dialect).generate(projected)
            let rows = try connection.queryText(sql)
            #expect(rows == [["1", value]], "round \(round): name \(name.debugDescription), value \(value.debugDescription)\n\(sql)")
            // contains() with the same random text as a pattern: LIKE metacharacters stay literal.
            let like = Relation(.filter(scan, IRExpression(.function(.contains, [column, IRExpression(.literal(.text(value)), type: .text)]), type: .bool)), schema: schema)
            let count = Relation(.aggregate(like, keys: [], items: [NamedExpression("n", IRExpression(.aggregate(.count, nil), type: .int))]),
                                 schema: Schema([Field("n", .int)]))
            let expected = ["other"].contains { $0.contains(value) } ? "3" : "2"
            #expect(try connection.queryText(try SQLGenerator(dialect: dialect).generate(count)) == [[expected]],
                    "round \(round): contains(\(value.debugDescription))")
        }
    }
}
