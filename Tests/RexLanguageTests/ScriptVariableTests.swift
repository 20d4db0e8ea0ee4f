import RexData
@testable import RexLanguage
import RexTestSupport
import Testing

/// Script variables in rex source (SPEC §5): values by construction, placed by the lexer.
@Suite("Script variables in rex source")
struct ScriptVariableTests {
    let variables = ScriptVariables(["N": "10", "S": "setosa", "EVIL": "x\"; DROP TABLE t; --", "NEG": "-7", "ZIP": "007"])

    private func kinds(_ source: String, _ variables: ScriptVariables? = nil) -> [Token.Kind] {
        tokenize(source, variables: variables ?? self.variables).tokens.map(\.kind)
    }

    @Test("an integer literal value is an int token; anything else one text token")
    func literalTokens() {
        #expect(kinds("take $(N)") == [.identifier("take"), .integer(10), .end])
        #expect(kinds("x == $(NEG)") == [.identifier("x"), .symbol("=="), .integer(-7), .end])
        #expect(kinds("x == $(ZIP)") == [.identifier("x"), .symbol("=="), .string("007"), .end])
        #expect(kinds("x == $(EVIL)") == [.identifier("x"), .symbol("=="), .string("x\"; DROP TABLE t; --"), .end])
        #expect(ScriptVariables.literal("42") == .int(42))
        #expect(ScriptVariables.literal("-9223372036854775808") == .int(.min))
        for text in ["9223372036854775808", "+1", "1.5", "1e3", "-0x1", "", "-", "00", "1 ", "-0", "007"] {
            #expect(ScriptVariables.literal(text) == .text(text), "\(text)")
        }
    }

    @Test("inside a string the value is part of the string's value; the token keeps the slot for sql sources")
    func inStrings() throws {
        let tokens = tokenize(#"csv "/data/$(S).csv" "a$(EVIL)b" "\$(S)""#, variables: variables).tokens
        #expect(tokens.map(\.kind) == [.identifier("csv"), .string("/data/setosa.csv"), .string("ax\"; DROP TABLE t; --b"), .string("$(S)"), .end])
        #expect(tokens[1].template == TemplateText(parts: [.text("/data/"), .variable("S"), .text(".csv")], values: ["S": "setosa"]))
        #expect(tokens[3].template == nil)
    }

    @Test("inside backticks $(NAME) is part of the name as written")
    func inBackticks() {
        #expect(kinds("select `a$(S)`") == [.identifier("select"), .quotedIdentifier("a$(S)"), .end])
    }

    @Test("an unset variable is an error with a caret at it, and the statement does not run")
    func unset() {
        for source in ["sample iris | take $(MISSING)", #"sample iris | filter Species == "a$(MISSING)""#,
                       "python \"\"\"\nresult = $(MISSING)\n\"\"\""] {
            let result = parse(source, variables: variables)
            #expect(result.statements.isEmpty, "\(source)")
            let diagnostic = result.diagnostics.diagnostics.first
            #expect(diagnostic?.message == "the variable 'MISSING' is not set")
            #expect(diagnostic.map { $0.span.end.offset - $0.span.start.offset } == "$(MISSING)".utf8.count)
        }
        let located = parse("python \"\"\"\nx = 1\nresult = $(MISSING)\n\"\"\"", variables: variables).diagnostics.diagnostics.first
        #expect(located?.span.start.line == 3)
        #expect(located?.span.start.column == 10)
    }

    @Test("a :setvar line sets its variable for the statements after it")
    func setvarInText() {
        let result = parse(":setvar K $(N)5\nsample iris | take $(K)", variables: variables)
        #expect(result.diagnostics.diagnostics.isEmpty)
        guard case .pipeline(let pipeline) = result.statements.last?.kind, case .take(let count, _) = pipeline.steps.first?.kind else {
            Issue.record("expected a take"); return
        }
        #expect(count.kind == .literal(.int(105)))
    }

    @Test("a sql source keeps its slots and their values; a variable as the whole text is one slot")
    func sqlSources() {
        let result = parse(#"sql "select * from t where a = $(N) and b = '$(S)'" | take 1"#, variables: variables)
        guard case .pipeline(let pipeline) = result.statements.first?.kind, case .sql(let template) = pipeline.source.kind else {
            Issue.record("expected a sql source"); return
        }
        #expect(template.parts == [.text("select * from t where a = "), .variable("N"), .text(" and b = '"), .variable("S"), .text("'")])
        #expect(template.values == ["N": "10", "S": "setosa"])
        guard case .pipeline(let whole) = parse("sql $(EVIL)", variables: variables).statements.first?.kind,
              case .sql(let slot) = whole.source.kind else { Issue.record("expected a sql source"); return }
        #expect(slot.parts == [.variable("EVIL")])
        #expect(printSource(pipeline).contains("$(N)"))
    }

    @Test("Python blocks: $(NAME) in code becomes rexvars[\"NAME\"]; strings and comments are left as written")
    func python() {
        let code = "a = $(N)\nb = '$(N)' + \"$(N)\" + r'\\'$(N)' + f\"{$(N)}\"  # $(N)\nc = '''\n$(N)\n''' + [$(S)][0]"
        #expect(PythonVariables.rewrite(code) == "a = rexvars[\"N\"]\nb = '$(N)' + \"$(N)\" + r'\\'$(N)' + f\"{$(N)}\"  # $(N)\nc = '''\n$(N)\n''' + [rexvars[\"S\"]][0]")
        let result = parse("python \"\"\"\n" + code + "\n\"\"\"", variables: variables)
        guard case .pipeline(let pipeline) = result.statements.first?.kind, case .python(let block) = pipeline.source.kind else {
            Issue.record("expected a python source"); return
        }
        #expect(block.variables == ["N": "10", "S": "setosa"])
        #expect(block.code == code + "\n")
    }

    @Test("command words take a value whole; -v and :setvar names are ASCII identifiers")
    func commandsAndNames() throws {
        #expect(try variables.expand("out/$(EVIL).png") == "out/x\"; DROP TABLE t; --.png")
        #expect(throws: UnsetVariable.self) { try variables.expand("$(MISSING)") }
        var v = ScriptVariables()
        #expect(v.set(assignment: "A=b=c") && !v.set(assignment: "=x") && !v.set(assignment: "novalue") && !v.set(assignment: "a-b=1"))
        #expect(!v.set(assignment: "é=1") && !v.set(assignment: "1a=1"))
        try v.apply(setvarArgument: "  B   two words  ")
        #expect(v.values == ["A": "b=c", "B": "two words"])
        #expect(throws: InvalidVariableName.self) { try v.apply(setvarArgument: "x\"] = 1") }
    }

    @Test("property: a hostile value is one token where it stands and round-trips exactly")
    func property() throws {
        for value in HostileValues.fixed + HostileValues.random(count: 300, seed: 11) {
            let v = ScriptVariables(["x": value])
            // One literal expression, the value exactly; the rest of the statement unchanged.
            let derived = parse(#"sample iris | derive v = $(x), w = "<$(x)>" | take 1"#, variables: v)
            guard case .pipeline(let pipeline) = derived.statements.first?.kind, pipeline.steps.count == 2,
                  case .derive(let items, _) = pipeline.steps[0].kind, items.count == 2 else {
                Issue.record("not one derive: \(value.debugDescription)"); continue
            }
            #expect(items[0].value.kind == .literal(ScriptVariables.literal(value)), "\(value.debugDescription)")
            #expect(items[1].value.kind == .literal(.text("<" + value + ">")), "\(value.debugDescription)")
            // One statement whatever the value holds (newlines, `;`, `"""`).
            let parsed = parse("sample iris | derive v = $(x), w = \"$(x)\" | take 1\nsample iris | take 2", variables: v)
            #expect(parsed.statements.count == 2 && parsed.diagnostics.diagnostics.isEmpty, "\(value.debugDescription)")
            // The printed statement reads back the same (a `$(` in a value is written `\$(`).
            if let first = parsed.statements.first {
                let again = parse(printSource(first))
                #expect(again.diagnostics.diagnostics.isEmpty && again.statements.map(printSource) == [printSource(first)],
                        "\(value.debugDescription)")
            }
        }
    }
}
