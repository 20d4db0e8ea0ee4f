import RexCompiler
import RexData
import RexLanguage
import Testing

@Suite("Resolver: verbs and output schemas")
struct ResolverVerbTests {
    let provider = FixedSchemas()

    func resolve(_ pipeline: Pipeline, _ environment: CompilerEnvironment = CompilerEnvironment()) throws -> Relation {
        try environment.resolve(pipeline, provider: provider)
    }

    @Test func sampleSourcesHaveTheirFixedSchemas() throws {
        let s = SourceText("sample airline")
        let relation = try resolve(s.pipeline(s.sample("airline")))
        #expect(relation.kind == .scan(.sample("airline")))
        #expect(relation.schema == SampleSchemas.airline)
    }

    @Test func tableSourceAsksTheProviderWithNameParts() throws {
        let s = SourceText("table sales.orders")
        let source = RexLanguage.Source(.table([s.id("sales"), s.id("orders")]), span: s.whole)
        let relation = try resolve(s.pipeline(source))
        #expect(relation.kind == .scan(.table(["sales", "orders"])))
        #expect(relation.schema.names == ["id", "amount", "day"])
    }

    @Test func selectComputesNamesAndTypesInOrder() throws {
        let s = SourceText("sample iris | select Species, ratio = Sepal_Length / Sepal_Width")
        let relation = try resolve(s.pipeline(s.sample("iris"), .select([
            assign(nil, s.col("Species")),
            assign(s.id("ratio"), binary(.divide, s.col("Sepal_Length"), s.col("Sepal_Width"))),
        ])))
        #expect(relation.schema == Schema([Field("Species", .text), Field("ratio", .float)]))
    }

    @Test func dropRenameAndDeriveKeepColumnOrder() throws {
        let s = SourceText("sample airline | drop CRSDepTime | rename Day = DayOfWeek | derive ArrDelay = ArrDelay * 2, late = ArrDelay > 15")
        let relation = try resolve(s.pipeline(s.sample("airline"),
            .drop([s.id("CRSDepTime")]),
            .rename([RenamePair(new: s.id("Day"), old: s.id("DayOfWeek"))]),
            .derive([assign(s.id("ArrDelay"), binary(.multiply, s.col("ArrDelay", 2), s.int(2))),
                     assign(s.id("late"), binary(.greater, s.col("ArrDelay", 3), s.int(15)))], by: [])))
        #expect(relation.schema == Schema([Field("ArrDelay", .int), Field("Day", .text), Field("late", .bool)]))
        // `late` sees the replaced ArrDelay (ArrDelay * 2), inlined into one projection.
        guard case .project(_, let items) = relation.kind else { Issue.record("not a project"); return }
        let doubled = IRExpression(.binary(.multiply, IRExpression(.column("ArrDelay"), type: .int),
                                           IRExpression(.literal(.int(2)), type: .int)), type: .int)
        #expect(items[2].expression == IRExpression(.binary(.greater, doubled, IRExpression(.literal(.int(15)), type: .int)), type: .bool))
    }

    @Test func summarizeOutputsKeysThenItemsWithAggregateTypes() throws {
        let s = SourceText("sample airline | summarize n = count(), total = sum(ArrDelay), avg = mean(ArrDelay), first = min(DayOfWeek), rate = sum(ArrDelay) / count() by DayOfWeek")
        let relation = try resolve(s.pipeline(s.sample("airline"), .summarize([
            assign(s.id("n"), s.call("count")),
            assign(s.id("total"), s.call("sum", s.col("ArrDelay"))),
            assign(s.id("avg"), s.call("mean", s.col("ArrDelay", 2))),
            assign(s.id("first"), s.call("min", s.col("DayOfWeek"))),
            assign(s.id("rate"), binary(.divide, s.call("sum", s.col("ArrDelay", 3), occurrence: 2), s.call("count", occurrence: 2))),
        ], by: [s.id("DayOfWeek", 2)])))
        #expect(relation.schema == Schema([Field("DayOfWeek", .text), Field("n", .int), Field("total", .int),
                                           Field("avg", .float), Field("first", .text), Field("rate", .float)]))
        guard case .aggregate(_, let keys, let items) = relation.kind else { Issue.record("not an aggregate"); return }
        #expect(keys == [NamedExpression("DayOfWeek", IRExpression(.column("DayOfWeek"), type: .text))])
        #expect(items[0].expression == IRExpression(.aggregate(.count, nil), type: .int))
    }

    @Test func summarizeItemsMayUseEarlierItemsAndKeys() throws {
        let s = SourceText("sample iris | summarize n = count(), half = n / 2, label = Species by Species")
        let relation = try resolve(s.pipeline(s.sample("iris"), .summarize([
            assign(s.id("n"), s.call("count")),
            assign(s.id("half"), binary(.divide, s.col("n", 2), s.int(2))),
            assign(s.id("label"), s.col("Species")),
        ], by: [s.id("Species", 2)])))
        #expect(relation.schema.names == ["Species", "n", "half", "label"])
        guard case .aggregate(_, _, let items) = relation.kind else { Issue.record("not an aggregate"); return }
        #expect(items[1].expression.containsAggregate)
    }

    @Test func deriveWithAggregateIsAWindowPartitionedByTheGroups() throws {
        let s = SourceText("sample iris | derive share = Sepal_Length / sum(Sepal_Length) by Species")
        let relation = try resolve(s.pipeline(s.sample("iris"), .derive([
            assign(s.id("share"), binary(.divide, s.col("Sepal_Length"), s.call("sum", s.col("Sepal_Length", 2)))),
        ], by: [s.id("Species")])))
        guard case .window(_, let partition, let items) = relation.kind else { Issue.record("not a window"); return }
        #expect(partition == ["Species"])
        #expect(items.map(\.name) == ["share"])
        #expect(relation.schema.names == SampleSchemas.iris.names + ["share"])
        #expect(relation.schema.field(named: "share")?.type == .float)
    }

    @Test func sortTakeAndDistinct() throws {
        let s = SourceText("sample iris | sort -Sepal_Length, Species | take 5 offset 2 | distinct Species")
        let relation = try resolve(s.pipeline(s.sample("iris"),
            .sort([SortKey(expression: s.col("Sepal_Length"), descending: true, span: s.span("-Sepal_Length")),
                   SortKey(expression: s.col("Species"), descending: false, span: s.span("Species"))]),
            .take(count: s.int(5), offset: s.int(2)),
            .distinct([s.id("Species", 2)])))
        #expect(relation.schema == Schema([Field("Species", .text)]))
        guard case .distinct(let projected) = relation.kind, case .project(let limited, _) = projected.kind,
              case .limit(let sorted, 5, 2) = limited.kind, case .sort(_, let keys) = sorted.kind else {
            Issue.record("unexpected plan \(relation.kind)"); return
        }
        #expect(keys.map(\.descending) == [true, false])
    }

    @Test func takeNeedsANonNegativeWholeNumber() throws {
        let s = SourceText("sample iris | take -3")
        let minus = Expression(.unary(.negate, s.int(3)), span: s.span("-3"))
        let found = try #require(diagnostics(of: s.pipeline(s.sample("iris"), .take(count: minus, offset: nil))))
        #expect(found.map(\.message) == ["take needs a whole number of rows (0 or more)"])
        #expect(found[0].span.start.column == 20)
    }

    @Test func collectKeepsTheSchema() throws {
        let s = SourceText("sample iris | collect")
        let relation = try resolve(s.pipeline(s.sample("iris"), .collect))
        #expect(relation.kind == .collect(Relation(.scan(.sample("iris")), schema: SampleSchemas.iris)))
    }

    @Test func letBindingsComposeAndLocalDataScansByName() throws {
        let environment = CompilerEnvironment()
        let s = SourceText("let setosa = sample iris | filter Species == \"setosa\"")
        let pipeline = s.pipeline(s.sample("iris"), .filter(binary(.equal, s.col("Species"), s.text("setosa"))))
        try environment.define(s.statement(.binding(name: s.id("setosa"), pipeline: pipeline)), provider: provider)
        let u = SourceText("setosa | select Species")
        let relation = try resolve(u.pipeline(u.binding("setosa"), .select([assign(nil, u.col("Species"))])), environment)
        guard case .project(let input, _) = relation.kind, case .filter = input.kind else {
            Issue.record("the binding was not inlined: \(relation.kind)"); return
        }
        environment.bindLocalData("cached", schema: Schema([Field("x", .int)]))
        let c = SourceText("cached")
        #expect(try resolve(c.pipeline(c.binding("cached")), environment).kind == .scan(.localData("cached")))
        #expect(environment.bindingNames == ["cached", "setosa"])
    }

    @Test func sqlAndCsvSourcesUseTheProvider() throws {
        let s = SourceText("sql \"SELECT 1 AS one\"")
        let relation = try resolve(s.pipeline(RexLanguage.Source(.sql(TemplateText("SELECT 1 AS one")), span: s.whole)))
        #expect(relation.schema == Schema([Field("one", .int)]))
        let c = SourceText("csv \"data.csv\" sep=\";\"")
        let csv = RexLanguage.Source(.csv(path: "data.csv", options: [Option(name: c.id("sep"), value: c.text(";"))]), span: c.whole)
        #expect(try resolve(c.pipeline(csv)).kind == .scan(.csv(path: "data.csv", separator: ";")))
    }

    @Test func providerErrorsPropagateUnchanged() {
        let s = SourceText("sql \"SELECT nothing\"")
        #expect(throws: FixedSchemas.Unavailable.self) {
            try resolve(s.pipeline(RexLanguage.Source(.sql(TemplateText("SELECT nothing")), span: s.whole)))
        }
    }
}
