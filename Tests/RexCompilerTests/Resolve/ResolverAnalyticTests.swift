import RexCompiler
import RexData
import RexLanguage
import Testing

@Suite("Resolver: analytic verbs")
struct ResolverAnalyticTests {
    func resolve(_ pipeline: Pipeline) throws -> Relation {
        try CompilerEnvironment().resolve(pipeline, provider: FixedSchemas())
    }

    @Test func summaryDefaultsToEveryDescribableColumnAndHasItsResultTable() throws {
        let s = SourceText("sample airline | summary")
        let relation = try resolve(s.pipeline(s.sample("airline"), .summary([])))
        guard case .analytic(_, .summary(let columns)) = relation.kind else { Issue.record("not a summary"); return }
        #expect(columns == ["ArrDelay", "CRSDepTime", "DayOfWeek"])
        #expect(relation.schema.names == ["Name", "Level", "Count", "Mean", "StdDev", "Min", "Max", "ValidObs", "MissingObs"])
    }

    @Test func verbsAfterSummaryWorkOnItsResult() throws {
        let s = SourceText("sample airline | summary ArrDelay | select Name, Mean")
        let relation = try resolve(s.pipeline(s.sample("airline"), .summary([s.id("ArrDelay")]),
                                              .select([assign(nil, s.col("Name")), assign(nil, s.col("Mean"))])))
        #expect(relation.schema == Schema([Field("Name", .text), Field("Mean", .float)]))
    }

    @Test func summaryRejectsDates() throws {
        let s = SourceText("table sales.orders | summary day")
        let source = RexLanguage.Source(.table([s.id("sales"), s.id("orders")]), span: s.span("sales.orders"))
        let found = try #require(diagnostics(of: s.pipeline(source, .summary([s.id("day")]))))
        #expect(found.map(\.message) == ["summary cannot describe column 'day' of type date"])
    }

    @Test func linmodChecksTypesAndHasCoefficientTable() throws {
        let s = SourceText("sample iris | linmod Petal_Width ~ Petal_Length + Species")
        let relation = try resolve(s.pipeline(s.sample("iris"), .linmod(response: s.id("Petal_Width"),
                                                                        predictors: [s.id("Petal_Length"), s.id("Species")])))
        #expect(relation.schema.names == ["Term", "Estimate", "StdError", "TValue", "PValue"])
        let t = SourceText("sample iris | linmod Species ~ Petal_Length")
        let found = try #require(diagnostics(of: t.pipeline(t.sample("iris"), .linmod(response: t.id("Species"),
                                                                                     predictors: [t.id("Petal_Length")]))))
        #expect(found.map(\.message) == ["linmod's response 'Species' must be a number, but it is text"])
    }

    @Test func plotChecksColumnsAndOptionsAndEndsThePipeline() throws {
        let s = SourceText("sample iris | plot scatter Sepal_Length Petal_Length color=Species title=\"iris\"")
        let relation = try resolve(s.pipeline(s.sample("iris"), .plot(kind: s.id("scatter"),
            arguments: [s.id("Sepal_Length"), s.id("Petal_Length")],
            options: [Option(name: s.id("color"), value: s.col("Species")), Option(name: s.id("title"), value: s.text("iris"))])))
        #expect(relation.kind == .analytic(Relation(.scan(.sample("iris")), schema: SampleSchemas.iris),
                                           .plot(kind: "scatter", arguments: ["Sepal_Length", "Petal_Length"],
                                                 options: ["color": .text("Species"), "title": .text("iris")])))
        #expect(relation.schema.fields.isEmpty)

        let t = SourceText("sample iris | plot scater Sepal_Length | take 1")
        let steps = [Step(.plot(kind: t.id("scater"), arguments: [t.id("Sepal_Length")], options: []), span: t.span("plot scater Sepal_Length")),
                     Step(.take(count: t.int(1), offset: nil), span: t.span("take 1"))]
        let found = try #require(diagnostics(of: Pipeline(source: t.sample("iris"), steps: steps, span: t.whole)))
        #expect(found.map(\.message) == ["unknown plot kind 'scater'", "no verb can follow plot: its result is an image"])
        #expect(found[0].help == "did you mean 'scatter'?")
    }

    @Test func plotMatrixDefaultsToEveryNumericColumn() throws {
        let pipeline = try #require(parsePipeline("sample iris | plot matrix").pipeline)
        let relation = try CompilerEnvironment().resolve(pipeline, provider: FixedSchemas())
        guard case .analytic(_, .plot("matrix", let columns, _)) = relation.kind else { Issue.record("not a plot"); return }
        #expect(columns == ["Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width"])
    }

    @Test func pythonStepEndsThePipeline() throws {
        let s = SourceText("sample iris | python \"\"\"result = df\"\"\"")
        let relation = try resolve(s.pipeline(s.sample("iris"), .python(PythonBlock(code: "result = df", firstLine: 1))))
        guard case .analytic(_, .python(let block)) = relation.kind else { Issue.record("not python"); return }
        #expect(block.code == "result = df")
    }
}

@Suite("Resolver: plot column types")
struct ResolverPlotTypeTests {
    @Test func measuredAxesMustBeNumeric() throws {
        let source = "sample airline | plot hist DayOfWeek"
        let pipeline = try #require(parsePipeline(source).pipeline)
        let error = try #require(throws: DiagnosticList.self) {
            try CompilerEnvironment().resolve(pipeline, provider: FixedSchemas())
        }
        #expect(error.diagnostics.map(\.message) == ["plot hist needs a numeric column here, but 'DayOfWeek' is text"])
        #expect(error.diagnostics[0].span.start.column == 28)
        #expect(error.diagnostics[0].help == "for the levels of a text column use count_by(DayOfWeek) | plot bar DayOfWeek n")
        // A bar chart's categories may be text.
        let bar = try #require(parsePipeline("sample airline | count_by(DayOfWeek) | plot bar DayOfWeek n").pipeline)
        _ = try CompilerEnvironment.withPrelude().resolve(bar, provider: FixedSchemas())
    }
}
