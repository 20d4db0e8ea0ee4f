import RexCompiler
import RexData
import RexLanguage
import Testing

@Suite("Resolver: def verbs and functions")
struct ResolverDefTests {
    let provider = FixedSchemas()

    /// `def keep_positive(col, n) = filter col > 0 | take n`
    func definePositive(_ environment: CompilerEnvironment) throws {
        let d = SourceText("def keep_positive(col, n) = filter col > 0 | take n")
        let steps = [Step(.filter(binary(.greater, d.col("col", 2), d.int(0))), span: d.span("filter col > 0")),
                     Step(.take(count: d.col("n", 2), offset: nil), span: d.span("take n"))]
        try environment.define(d.statement(.defineVerb(name: d.id("keep_positive"), parameters: [d.id("col"), d.id("n")],
                                                        steps: steps)), provider: provider)
    }

    @Test func defVerbInlinesArgumentsAsExpressions() throws {
        let environment = CompilerEnvironment()
        try definePositive(environment)
        let s = SourceText("sample airline | keep_positive(ArrDelay - 10, 3)")
        let relation = try environment.resolve(s.pipeline(s.sample("airline"),
            .call(name: s.id("keep_positive"), arguments: [binary(.subtract, s.col("ArrDelay"), s.int(10)), s.int(3)])),
            provider: provider)
        guard case .limit(let filtered, 3, 0) = relation.kind, case .filter(_, let condition) = filtered.kind else {
            Issue.record("unexpected plan \(relation.kind)"); return
        }
        let minus = IRExpression(.binary(.subtract, IRExpression(.column("ArrDelay"), type: .int),
                                         IRExpression(.literal(.int(10)), type: .int)), type: .int)
        #expect(condition == IRExpression(.binary(.greater, minus, IRExpression(.literal(.int(0)), type: .int)), type: .bool))
    }

    @Test func defParametersAreHygienic() throws {
        // The input has a column called `n`; inside the def, `n` is the parameter. The
        // argument `n` (the caller's column) is not captured by the def's own parameter `col`.
        let environment = CompilerEnvironment()
        try definePositive(environment)
        let s = SourceText("sample airline | derive n = ArrDelay | keep_positive(n, 2)")
        let relation = try environment.resolve(s.pipeline(s.sample("airline"),
            .derive([assign(s.id("n"), s.col("ArrDelay"))], by: []),
            .call(name: s.id("keep_positive"), arguments: [s.col("n", 2), s.int(2)])), provider: provider)
        guard case .limit(let filtered, 2, 0) = relation.kind, case .filter(_, let condition) = filtered.kind else {
            Issue.record("unexpected plan \(relation.kind)"); return
        }
        #expect(condition == IRExpression(.binary(.greater, IRExpression(.column("n"), type: .int),
                                                  IRExpression(.literal(.int(0)), type: .int)), type: .bool))
    }

    @Test func errorsInsideADefPointAtTheCallOrTheArgument() throws {
        let environment = CompilerEnvironment()
        try definePositive(environment)
        let s = SourceText("sample airline | keep_positive(Nope, 2)")
        let found = try #require(diagnostics(of: s.pipeline(s.sample("airline"),
            .call(name: s.id("keep_positive"), arguments: [s.col("Nope"), s.int(2)])), in: environment))
        #expect(found.map(\.message) == ["unknown column 'Nope' in keep_positive"])
        #expect(found[0].span == s.span("Nope"))
    }

    @Test func wrongArgumentCountIsAnError() throws {
        let environment = CompilerEnvironment()
        try definePositive(environment)
        let s = SourceText("sample airline | keep_positive(ArrDelay)")
        let found = try #require(diagnostics(of: s.pipeline(s.sample("airline"),
            .call(name: s.id("keep_positive"), arguments: [s.col("ArrDelay")])), in: environment))
        #expect(found.map(\.message) == ["'keep_positive' takes 2 arguments (col, n) but 1 was given"])
    }

    @Test func unknownVerbSuggestsDefs() throws {
        let environment = CompilerEnvironment()
        try definePositive(environment)
        let s = SourceText("sample airline | keep_positiv(ArrDelay, 1)")
        let found = try #require(diagnostics(of: s.pipeline(s.sample("airline"),
            .call(name: s.id("keep_positiv"), arguments: [s.col("ArrDelay"), s.int(1)])), in: environment))
        #expect(found.map(\.message) == ["unknown verb 'keep_positiv'"])
        #expect(found[0].help == "did you mean 'keep_positive'?")
    }

    @Test func aParameterUsedAsAColumnNameNeedsAColumnArgument() throws {
        let environment = CompilerEnvironment()
        let d = SourceText("def per(g) = summarize n = count() by g")
        try environment.define(d.statement(.defineVerb(name: d.id("per"), parameters: [d.id("g")], steps: [
            Step(.summarize([assign(d.id("n"), d.call("count"))], by: [d.id("g", 2)]), span: d.whole)])), provider: provider)
        let s = SourceText("sample airline | per(DayOfWeek) | per(1)")
        let good = try environment.resolve(s.pipeline(s.sample("airline"),
            .call(name: s.id("per"), arguments: [s.col("DayOfWeek")])), provider: provider)
        #expect(good.schema.names == ["DayOfWeek", "n"])
        let found = try #require(diagnostics(of: s.pipeline(s.sample("airline"),
            .call(name: s.id("per", 2), arguments: [s.int(1)])), in: environment))
        #expect(found.map(\.message) == ["'g' is used as a column name in the def, so its argument must be a column"])
    }

    @Test func defFunctionsInline() throws {
        let environment = CompilerEnvironment()
        let d = SourceText("def sq(x) = x * x")
        try environment.define(d.statement(.defineFunction(name: d.id("sq"), parameters: [d.id("x")],
                                                            body: binary(.multiply, d.col("x", 2), d.col("x", 3)))), provider: provider)
        let s = SourceText("sample airline | derive v = sq(CRSDepTime)")
        let relation = try environment.resolve(s.pipeline(s.sample("airline"),
            .derive([assign(s.id("v"), s.call("sq", s.col("CRSDepTime")))], by: [])), provider: provider)
        guard case .project(_, let items) = relation.kind else { Issue.record("not a project"); return }
        let x = IRExpression(.column("CRSDepTime"), type: .float)
        #expect(items[3].expression == IRExpression(.binary(.multiply, x, x), type: .float))
        #expect(environment.functionNames == ["sq"])
    }

    @Test func directRecursionIsAnError() throws {
        let environment = CompilerEnvironment()
        let d = SourceText("def loop(n) = loop(n)")
        let statement = d.statement(.defineVerb(name: d.id("loop"), parameters: [d.id("n")], steps: [
            Step(.call(name: d.id("loop", 2), arguments: [d.col("n", 2)]), span: d.span("loop(n)"))]))
        let error = try #require(throws: DiagnosticList.self) { try environment.define(statement, provider: provider) }
        #expect(error.diagnostics.map(\.message) == ["def 'loop' is recursive (loop → loop)"])
        #expect(error.diagnostics[0].help == "a def cannot call itself, directly or through another def")
    }

    @Test func mutualRecursionIsAnError() throws {
        let environment = CompilerEnvironment()
        let a = SourceText("def f(x) = g(x) + 1")
        try environment.define(a.statement(.defineFunction(name: a.id("f"), parameters: [a.id("x")],
                                                           body: binary(.add, a.call("g", a.col("x", 2)), a.int(1)))), provider: provider)
        let b = SourceText("def g(x) = f(x) * 2")
        let statement = b.statement(.defineFunction(name: b.id("g"), parameters: [b.id("x")],
                                                    body: binary(.multiply, b.call("f", b.col("x", 2)), b.int(2))))
        let error = try #require(throws: DiagnosticList.self) { try environment.define(statement, provider: provider) }
        #expect(error.diagnostics.map(\.message) == ["def 'g' is recursive (g → f → g)"])
    }

    @Test func builtinNamesCannotBeRedefined() throws {
        let d = SourceText("def filter(x) = take x")
        let statement = d.statement(.defineVerb(name: d.id("filter"), parameters: [d.id("x")], steps: [
            Step(.take(count: d.col("x", 2), offset: nil), span: d.whole)]))
        let error = try #require(throws: DiagnosticList.self) { try CompilerEnvironment().define(statement, provider: provider) }
        #expect(error.diagnostics.map(\.message) == ["'filter' is a built-in verb and cannot be redefined"])
    }
}
