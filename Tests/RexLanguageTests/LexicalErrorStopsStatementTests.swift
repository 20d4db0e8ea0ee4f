import RexLanguage
import Testing

@Suite("A lexical error stops its statement before anything runs")
struct LexicalErrorStopsStatementTests {
    @Test("a bad escape leaves the statement out; the statements around it stay", arguments: [
        #"sample iris | derive s = "a\qb" -> table t replace"#,
        #"let x = 'a\qb'"#,
        #"sample iris | filter Species == "set\osa""#,
    ])
    func badEscape(statement: String) {
        let result = parse("sample iris | take 1\n" + statement + "\nsample iris | take 2")
        #expect(result.statements.count == 2, "the bad statement must not be there to run")
        #expect(result.diagnostics.diagnostics.contains { $0.message.contains("unknown escape") })
        #expect(result.diagnostics.diagnostics.allSatisfy { $0.span.start.line == 2 })
    }

    @Test("the same statement with a good escape parses")
    func goodEscape() {
        let result = parse(#"sample iris | derive s = "a\tb" -> table t replace"#)
        #expect(result.statements.count == 1)
        #expect(!result.diagnostics.hasErrors)
    }
}
