import RexCompiler
import RexData
import RexLanguage
import RexTestSupport
import Testing

/// Script variables in SQL passthrough (SPEC §5): each dialect's lexer decides whether a
/// `$(NAME)` is a bound parameter, escaped text inside a literal, or a comment's text.
@Suite("SQL passthrough of script variables")
struct SQLPassthroughTests {
    private func statement(_ text: String, _ rules: SQLPassthroughRules, _ values: [String: String]) throws -> SQLStatement {
        try SQLPassthrough.statement(ScriptVariables(values).template(text), rules: rules)
    }

    @Test("T-SQL: strings, N strings, [names] and \"names\", nested comments")
    func tsql() throws {
        let x = ["x": "it's ]\"", "n": "42"]
        let s = try statement("SELECT $(n), $(x), '$(x)', N'a''$(x)', [c $(x)], \"c $(x)\" -- $(x)\n/* /* $(x) */ $(x) */ $(x)", .tsql, x)
        #expect(s.text == "SELECT ?, ?, 'it''s ]\"', N'a''it''s ]\"', [c it's ]]\"], \"c it's ]\"\"\" -- $(x)\n/* /* $(x) */ $(x) */ ?")
        #expect(s.parameters == [.int(42), .text("it's ]\""), .text("it's ]\"")])
    }

    @Test("PostgreSQL: E strings, dollar quotes, standard_conforming_strings, U& refuses values")
    func postgres() throws {
        let x = ["x": "a\\'b"]
        let on = try statement(#"SELECT '$(x)', E'$(x)', E'\$(x)', $$ $(x) $$, $q$ $(x) $q$, $1, a$b, "$(x)""#, .postgres(standardConformingStrings: true), x)
        #expect(on.text == #"SELECT 'a\''b', E'a\\''b', E'\$(x)', $$ a\'b $$, $q$ a\'b $q$, $1, a$b, "a\'b""#)
        #expect(on.parameters.isEmpty)
        // Off: a backslash escapes in '…' too, so `'\' $(x)` is one unterminated literal holding the slot.
        let off = try statement(#"SELECT '$(x)', '\' $(x)"#, .postgres(standardConformingStrings: false), x)
        #expect(off.text == #"SELECT 'a\\''b', '\' a\\''b"#)
        #expect(off.parameters.isEmpty)
        #expect(throws: SQLPassthroughError.self) { try statement("SELECT U&'$(x)'", .postgres(standardConformingStrings: true), x) }
        #expect(throws: SQLPassthroughError.self) { try statement("SELECT $$ $(x) $$", .postgres(standardConformingStrings: true), ["x": "$$; DROP TABLE b; --"]) }
        #expect(throws: SQLPassthroughError.self) { try statement("SELECT $$a$(x)$$", .postgres(standardConformingStrings: true), ["x": "$"]) }
    }

    @Test("SQLite: [names] cannot hold ]; with parameters, comments and other quoted names are rewritten for sqliteodbc")
    func sqlite() throws {
        let s = try statement("SELECT [don't], `a``b $(x)`, $(x) -- it's\n/* ' */", .sqlite, ["x": "q"])
        #expect(s.text == "SELECT \"don't\", \"a`b q\", ?  \n ")
        // Without parameters the text is as written (a final `--` comment gets a line break for the driver).
        #expect(try statement("SELECT [don't] -- it's", .sqlite, [:]).text == "SELECT [don't] -- it's\n")
        #expect(throws: SQLPassthroughError.self) { try statement("SELECT [a$(x)]", .sqlite, ["x": "]"]) }
    }

    @Test("an unset variable where it is needed is an error; in a comment it stays as written")
    func unset() throws {
        #expect(throws: UnsetVariable.self) { try statement("SELECT $(nope)", .ansi, [:]) }
        #expect(throws: UnsetVariable.self) { try statement("SELECT '$(nope)'", .ansi, [:]) }
        #expect(try statement("SELECT 1 -- $(nope)", .ansi, [:]).text == "SELECT 1 -- $(nope)\n")
    }

    @Test("a sql source compiles with parameter markers that SQLStatement binds; :sql lists them")
    func compiledSource() throws {
        let template = TemplateText(parts: [.text("select a from t where a = "), .variable("x"), .text(" and s = '"), .variable("x"), .text("'")],
                                    values: ["x": "o'k\n"])
        let relation = Relation(.filter(Relation(.scan(.sql(template)), schema: Schema([Field("a", .int)])),
                                        IRExpression(.binary(.greater, IRExpression(.column("a"), type: .int), IRExpression(.literal(.int(0)), type: .int)), type: .bool)),
                                schema: Schema([Field("a", .int)]))
        for dialect in SQLDialect.all {
            let compiled = try SQLGenerator(dialect: dialect).generate(relation)
            let statement = SQLStatement(compiled: compiled)
            #expect(statement.parameters == [.text("o'k\n")], "\(dialect.name)")
            #expect(statement.text.contains("where a = ? and s = 'o''k\n'"), "\(statement.text)")
            #expect(!statement.text.unicodeScalars.contains("\u{0}"))
            #expect(statement.display.hasSuffix("\n-- ?1 = \"o\\'k\\n\""), "\(statement.display)")
            #expect(SQLStatement.inlining(compiled) { _ in "'lit'" }.contains("where a = 'lit' and"))
        }
    }

    @Test("property: no value changes the statement's lexical structure, in any dialect or position")
    func structureNeverChanges() throws {
        let contexts = ["SELECT $(x) AS v", "SELECT '$(x)' AS v", "SELECT 'a''$(x)''b' AS v -- $(x)", "SELECT \"$(x)\" FROM t",
                        "SELECT 1 /* $(x) */, $(x)", "SELECT N'$(x)', [$(x) x]", "SELECT E'$(x)\\n', $$ $(x) $$, $t$$(x)$t$",
                        "SELECT `$(x)`, X'$(x)'", "SELECT $(x); DROP TABLE b"]
        let rulesList: [SQLPassthroughRules] = [.tsql, .postgres(standardConformingStrings: true), .postgres(standardConformingStrings: false), .sqlite, .ansi]
        var checked = 0
        for rules in rulesList {
            for context in contexts {
                let benign = try SQLPassthrough.statement(ScriptVariables(["x": "v"]).template(context), rules: rules)
                let expected = SQLPassthrough.segmentKinds(benign.text, rules: rules)
                for value in HostileValues.fixed + HostileValues.random(count: 200, seed: UInt64(context.count * 31 + rules.dialect.count)) {
                    let hostile: SQLStatement
                    do {
                        hostile = try SQLPassthrough.statement(ScriptVariables(["x": value]).template(context), rules: rules)
                    } catch is SQLPassthroughError {
                        continue   // refused (a value that cannot be escaped there): nothing runs
                    }
                    #expect(SQLPassthrough.segmentKinds(hostile.text, rules: rules) == expected,
                            "\(rules.dialect) \(context) \(value.debugDescription) → \(hostile.text.debugDescription)")
                    #expect(hostile.parameters.count == benign.parameters.count)
                    checked += 1
                }
            }
        }
        #expect(checked > 5_000)
    }
}
