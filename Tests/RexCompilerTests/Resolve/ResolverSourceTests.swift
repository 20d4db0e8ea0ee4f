import RexCompiler
import RexData
import RexLanguage
import Testing

/// Resolution of real rex text: parsed by RexLanguage's parser, with the real prelude.
@Suite("Resolver: rex source with the prelude")
struct ResolverSourceTests {
    let provider = FixedSchemas()

    /// Parses `source`, defines its lets and defs, and resolves its last statement (a pipeline).
    func resolve(_ source: String, in environment: CompilerEnvironment? = nil) throws -> Relation {
        let environment = try environment ?? CompilerEnvironment.withPrelude()
        let parsed = parse(source)
        #expect(!parsed.diagnostics.hasErrors, "parse errors: \(parsed.diagnostics.diagnostics.map(\.message))")
        var result: Relation?
        for statement in parsed.statements {
            switch statement.kind {
            case .pipeline(let pipeline), .sink(let pipeline, _):
                result = try environment.resolve(pipeline, provider: provider)
            default:
                try environment.define(statement, provider: provider)
            }
        }
        return try #require(result)
    }

    /// The diagnostics of the last statement of `source`, rendered as a user sees them.
    func rendered(_ source: String) throws -> String {
        do {
            _ = try resolve(source)
            Issue.record("no error for \(source)")
            return ""
        } catch let list as DiagnosticList {
            return render(list, source: source)
        }
    }

    @Test func byInDeriveWithoutAnAggregateIsAnError() throws {
        #expect(try rendered("sample iris | derive x = Petal_Width * 2 by Species") == """
        error: 'by' in derive groups aggregates, but no item here has one
         --> line 1, column 45
          |
        1 | sample iris | derive x = Petal_Width * 2 by Species
          |                                             ^^^^^^^
          = help: leave out 'by', or use an aggregate such as sum(x) / count() in an item

        """)
        #expect(try resolve("sample iris | derive x = Petal_Width / sum(Petal_Width) by Species").schema.names.last == "x")
    }

    @Test func theEmbeddedPreludeDefinesItsVerbs() throws {
        let environment = try CompilerEnvironment.withPrelude()
        #expect(Set(["head", "top", "count_by", "freq"]).isSubset(of: environment.verbNames))
    }

    @Test func headTakesNRows() throws {
        let relation = try resolve("sample iris | head(3)")
        #expect(relation.kind == .limit(Relation(.scan(.sample("iris")), schema: SampleSchemas.iris), count: 3, offset: 0))
    }

    @Test func topSortsDescendingThenTakes() throws {
        let relation = try resolve("sample iris | top(5, Petal_Length)")
        guard case .limit(let sorted, 5, 0) = relation.kind, case .sort(_, let keys) = sorted.kind else {
            Issue.record("unexpected plan \(relation.kind)"); return
        }
        #expect(keys == [IRSortKey(IRExpression(.column("Petal_Length"), type: .float), descending: true)])
    }

    @Test func countByCountsPerLevelMostFrequentFirst() throws {
        let relation = try resolve("sample airline | count_by(DayOfWeek)")
        #expect(relation.schema == Schema([Field("DayOfWeek", .text), Field("n", .int)]))
        guard case .sort(let grouped, let keys) = relation.kind, case .aggregate = grouped.kind else {
            Issue.record("unexpected plan \(relation.kind)"); return
        }
        #expect(keys.map(\.descending) == [true, false])
    }

    @Test func freqAddsAPercentColumn() throws {
        let relation = try resolve("sample iris | freq(Species)")
        #expect(relation.schema == Schema([Field("Species", .text), Field("n", .int), Field("percent", .float)]))
        guard case .sort(let window, _) = relation.kind, case .window(_, let partition, _) = window.kind else {
            Issue.record("unexpected plan \(relation.kind)"); return
        }
        #expect(partition.isEmpty)
    }

    @Test func preludeVerbErrorsPointAtTheArgument() throws {
        let text = try rendered("sample iris | top(3, Petal_Lenght)")
        #expect(text == """
            error: unknown column 'Petal_Lenght' in top
             --> line 1, column 22
              |
            1 | sample iris | top(3, Petal_Lenght)
              |                      ^^^^^^^^^^^^
              = help: did you mean 'Petal_Length'?

            """)
    }

    @Test func theExampleDiagnosticRendersAsInTheSpec() throws {
        let text = try rendered("sample iris | filter Specis == \"setosa\"")
        #expect(text == """
            error: unknown column 'Specis' in filter
             --> line 1, column 22
              |
            1 | sample iris | filter Specis == "setosa"
              |                      ^^^^^^
              = help: did you mean 'Species'?

            """)
    }

    @Test func errorsOnLaterLinesOfAStatementKeepTheirLine() throws {
        let text = try rendered("sample airline\n| derive x = ArrDelay % 2.5\n| filter DayOfWeek + 1 > 0")
        #expect(text.contains("error: '%' needs int operands, but this operand is float\n --> line 2, column 25"))
        #expect(text.contains("error: '+' does not join text\n --> line 3, column 10"))
    }

    @Test func userDefsComposeWithLetsAndThePrelude() throws {
        let relation = try resolve("""
            def late(d) = d > 15
            def busiest(k) = filter late(ArrDelay) | count_by(k) | head(2)
            let days = sample airline | select ArrDelay, DayOfWeek
            days | busiest(DayOfWeek)
            """)
        #expect(relation.schema == Schema([Field("DayOfWeek", .text), Field("n", .int)]))
        guard case .limit(let sorted, 2, 0) = relation.kind, case .sort(let grouped, _) = sorted.kind,
              case .aggregate(let filtered, _, _) = grouped.kind, case .filter(let selected, let condition) = filtered.kind,
              case .project = selected.kind else {
            Issue.record("unexpected plan \(relation.kind)"); return
        }
        #expect(condition == IRExpression(.binary(.greater, IRExpression(.column("ArrDelay"), type: .int),
                                                  IRExpression(.literal(.int(15)), type: .int)), type: .bool))
    }

    @Test func aDefArgumentOfTheWrongKindIsReported() throws {
        let text = try rendered("def busiest(k) = count_by(k) | head(k)\nsample airline | busiest(DayOfWeek)")
        #expect(text.contains("error: take needs a whole number of rows (0 or more)"))
        #expect(text.contains("line 2, column 26"))
    }

    @Test func userDefsReplacePreludeDefs() throws {
        let relation = try resolve("def head(n) = take 1\nsample iris | head(10)")
        #expect(relation.kind == .limit(Relation(.scan(.sample("iris")), schema: SampleSchemas.iris), count: 1, offset: 0))
    }

    @Test func hygieneArgumentNamesAreNotCapturedByParameters() throws {
        // The def's parameter is `x`; the caller passes its own column `x` to `y`, so
        // `y` must become the caller's x and `x` the literal 1 — not 1 twice.
        let relation = try resolve("""
            def pair(x, y) = derive a = x, b = y
            sample iris | derive x = Sepal_Length | pair(1, x)
            """)
        guard case .project(_, let items) = relation.kind else { Issue.record("not a project"); return }
        #expect(items.first { $0.name == "a" }?.expression == IRExpression(.literal(.int(1)), type: .int))
        #expect(items.first { $0.name == "b" }?.expression == IRExpression(.column("x"), type: .float))
    }

    @Test func defsShareOneNamespace() throws {
        let environment = try CompilerEnvironment.withPrelude()
        let relation = try resolve("def scale(x) = x * 10\ndef scale(c) = derive c = c * 2\nsample iris | scale(Sepal_Length)",
                                   in: environment)
        #expect(relation.schema == SampleSchemas.iris)
        #expect(environment.verbNames.contains("scale") && !environment.functionNames.contains("scale"))
    }

    @Test func verbsAndFunctionsInTheWrongPlace() throws {
        let asVerb = try rendered("sample iris | upper(Species)")
        #expect(asVerb.contains("error: 'upper' is a function, not a verb"))
        let asFunction = try rendered("sample iris | derive t = top(3, Species)")
        #expect(asFunction.contains("error: 'top' is a verb, not a function"))
        #expect(asFunction.contains("= help: use it as a step of the pipeline: … | top(…)"))
    }

    @Test func theMissingColumnHelpOfAppendWorksAsWritten() throws {
        // The help says `derive dep = int(null)`; doing so makes the append resolve.
        let text = try rendered("table flights | append (table flights | drop dep)")
        #expect(text.contains("= help: add it to the appended rows, e.g. derive dep = int(null)"))
        let fixed = try resolve("table flights | append (table flights | drop dep | derive dep = int(null))")
        #expect(fixed.schema.names == ["carrier", "dep", "delay"])
    }

    @Test func unknownVerbSuggestsPreludeVerbs() throws {
        let text = try rendered("sample iris | count_bi(Species)")
        #expect(text.contains("error: unknown verb 'count_bi'"))
        #expect(text.contains("= help: did you mean 'count_by'?"))
    }
}

@Suite("Resolver: sinks and constants")
struct ResolverSinkTests {
    func statement(_ source: String) throws -> (Relation, Sink) {
        let parsed = parse(source)
        guard let first = parsed.statements.first, case .sink(let pipeline, let sink) = first.kind else {
            throw DiagnosticList(parsed.diagnostics.diagnostics)
        }
        return (try CompilerEnvironment().resolve(pipeline, provider: FixedSchemas()), sink)
    }

    @Test func pngSinkNeedsAnImage() throws {
        let (table, csv) = try statement("sample iris -> png \"x.png\"")
        let error = try #require(throws: DiagnosticList.self) { try CompilerEnvironment().checkSink(csv, for: table) }
        #expect(error.diagnostics.map(\.message) == ["-> png needs an image, but this pipeline gives a table"])
        let (plot, png) = try statement("sample iris | plot hist Sepal_Length -> png \"x.png\"")
        #expect(CompilerEnvironment.resultKind(of: plot) == .image)
        try CompilerEnvironment().checkSink(png, for: plot)
        let (image, table2) = try statement("sample iris | plot hist Sepal_Length -> csv \"x.csv\"")
        #expect(throws: DiagnosticList.self) { try CompilerEnvironment().checkSink(table2, for: image) }
    }

    @Test func constantIntegerOverflowIsACompileError() throws {
        let source = "sample iris | derive b = 9223372036854775807 + 1"
        let pipeline = try #require(parsePipeline(source).pipeline)
        let error = try #require(throws: DiagnosticList.self) {
            try CompilerEnvironment().resolve(pipeline, provider: FixedSchemas())
        }
        #expect(error.diagnostics.map(\.message) == ["integer overflow: 9223372036854775807 + 1 does not fit in 64 bits"])
    }

    @Test func comparingADateWithTextSuggestsADateLiteral() throws {
        let pipeline = try #require(parsePipeline("table sales.orders | filter day > \"2024-01-01\"").pipeline)
        let error = try #require(throws: DiagnosticList.self) {
            try CompilerEnvironment().resolve(pipeline, provider: FixedSchemas())
        }
        #expect(error.diagnostics.map(\.message) == ["cannot compare date with text"])
        #expect(error.diagnostics.map(\.help) == ["write a date literal such as @2024-01-31, or convert with date(…)"])
    }
}
