import RexCompiler
import RexData
import RexLanguage
import Testing

@Suite("Resolver: type checking and diagnostics")
struct ResolverTypeTests {
    /// The type of `derive v = EXPR` over iris + airline-like columns.
    func derivedType(_ text: String, _ build: (SourceText) -> Expression) throws -> DataType? {
        let s = SourceText(text)
        let relation = try CompilerEnvironment().resolve(
            s.pipeline(s.sample("airline"), .derive([assign(s.id("v"), build(s))], by: [])), provider: FixedSchemas())
        return relation.schema.field(named: "v")?.type
    }

    func errors(_ text: String, sample: String = "airline", _ steps: (SourceText) -> [Step.Kind]) throws -> [Diagnostic] {
        let s = SourceText(text)
        let pipeline = Pipeline(source: s.sample(sample), steps: steps(s).map { Step($0, span: s.whole) }, span: s.whole)
        return try #require(diagnostics(of: pipeline))
    }

    @Test func unknownColumnSaysWhereAndSuggests() throws {
        let found = try errors("sample iris | filter Specis == \"setosa\"", sample: "iris") { s in
            [.filter(binary(.equal, s.col("Specis"), s.text("setosa")))]
        }
        #expect(found.count == 1)
        #expect(found[0].message == "unknown column 'Specis' in filter")
        #expect(found[0].span.start.line == 1 && found[0].span.start.column == 22 && found[0].span.end.column == 28)
        #expect(found[0].help == "did you mean 'Species'?")
    }

    @Test func unknownColumnWithoutCloseMatchListsTheColumns() throws {
        let found = try errors("sample airline | select zzz") { s in [.select([assign(nil, s.col("zzz"))])] }
        #expect(found.map(\.message) == ["unknown column 'zzz' in select"])
        #expect(found[0].help == "known columns: 'ArrDelay', 'CRSDepTime', 'DayOfWeek'")
    }

    @Test func severalErrorsInOneStatementAreAllReportedInOrder() throws {
        let found = try errors("sample airline | filter ArrDelayy > 1 and DayOfWek == \"Monday\" | select CRSDepTim") { s in
            [.filter(binary(.and, binary(.greater, s.col("ArrDelayy"), s.int(1)),
                            binary(.equal, s.col("DayOfWek"), s.text("Monday")))),
             .select([assign(nil, s.col("CRSDepTim"))])]
        }
        #expect(found.map(\.message) == ["unknown column 'ArrDelayy' in filter", "unknown column 'DayOfWek' in filter",
                                         "unknown column 'CRSDepTim' in select"])
        #expect(found.map(\.help) == ["did you mean 'ArrDelay'?", "did you mean 'DayOfWeek'?", "did you mean 'CRSDepTime'?"])
        #expect(found.map(\.span.start.column) == [25, 43, 73])
    }

    @Test func anUnknownColumnDoesNotCascade() throws {
        // The bad column's type is unknown, so `x + 1` and the later filter raise nothing more.
        let found = try errors("sample airline | derive x = Nope + 1 | filter x > 2") { s in
            [.derive([assign(s.id("x"), binary(.add, s.col("Nope"), s.int(1)))], by: []),
             .filter(binary(.greater, s.col("x", 2), s.int(2)))]
        }
        #expect(found.map(\.message) == ["unknown column 'Nope' in derive"])
    }

    @Test func moduloNeedsInts() throws {
        let found = try errors("sample airline | derive m = CRSDepTime % 2") { s in
            [.derive([assign(s.id("m"), binary(.modulo, s.col("CRSDepTime"), s.int(2)))], by: [])]
        }
        #expect(found.map(\.message) == ["'%' needs int operands, but this operand is float"])
        #expect(found[0].span.start.column == 29)
        #expect(found[0].help == "'%' is for int only; convert with int(x), or use x - floor(x / y) * y")
        #expect(try derivedType("sample airline | derive v = ArrDelay % 7") { s in binary(.modulo, s.col("ArrDelay"), s.int(7)) } == .int)
    }

    @Test func plusOnTextSuggestsConcat() throws {
        let found = try errors("sample airline | derive d = DayOfWeek + \"!\"") { s in
            [.derive([assign(s.id("d"), binary(.add, s.col("DayOfWeek"), s.text("!")))], by: [])]
        }
        #expect(found.map(\.message) == ["'+' does not join text"])
        #expect(found[0].help == "use concat(DayOfWeek, \"!\")")
        #expect(found[0].span.start.column == 29)
    }

    @Test func comparisonsNeedCompatibleTypes() throws {
        let found = try errors("sample airline | filter ArrDelay == \"late\"") { s in
            [.filter(binary(.equal, s.col("ArrDelay"), s.text("late")))]
        }
        #expect(found.map(\.message) == ["cannot compare int with text"])
        #expect(found[0].span.start.column == 25)
        // int and float compare after widening.
        #expect(try derivedType("sample airline | derive v = ArrDelay < CRSDepTime") { s in
            binary(.less, s.col("ArrDelay"), s.col("CRSDepTime"))
        } == .bool)
    }

    @Test func booleanOperatorsAndFilterNeedBool() throws {
        let found = try errors("sample airline | filter ArrDelay | filter ArrDelay > 1 and DayOfWeek") { s in
            [.filter(s.col("ArrDelay")),
             .filter(binary(.and, binary(.greater, s.col("ArrDelay", 2), s.int(1)), s.col("DayOfWeek")))]
        }
        #expect(found.map(\.message) == ["filter needs a bool condition, but this is int",
                                         "'and' needs bool operands, but this operand is text"])
        #expect(found.map(\.span.start.column) == [25, 60])
    }

    @Test func arithmeticWidensIntToFloatAndDivisionIsAlwaysFloat() throws {
        #expect(try derivedType("sample airline | derive v = ArrDelay + 1") { s in binary(.add, s.col("ArrDelay"), s.int(1)) } == .int)
        #expect(try derivedType("sample airline | derive v = ArrDelay + 1.5") { s in binary(.add, s.col("ArrDelay"), s.float("1.5")) } == .float)
        #expect(try derivedType("sample airline | derive v = ArrDelay / 2") { s in binary(.divide, s.col("ArrDelay"), s.int(2)) } == .float)
        #expect(try derivedType("sample airline | derive v = if(ArrDelay > 0, ArrDelay, 0.5)") { s in
            s.call("if", binary(.greater, s.col("ArrDelay"), s.int(0)), s.col("ArrDelay", 2), s.float("0.5"))
        } == .float)
    }

    @Test func nullTakesTheTypeItsContextNeeds() throws {
        let s = SourceText("sample airline | derive v = coalesce(ArrDelay, null)")
        let relation = try CompilerEnvironment().resolve(s.pipeline(s.sample("airline"),
            .derive([assign(s.id("v"), s.call("coalesce", s.col("ArrDelay"), s.null()))], by: [])), provider: FixedSchemas())
        guard case .project(_, let items) = relation.kind,
              case .function(.coalesce, let arguments) = items[3].expression.kind else { Issue.record("no coalesce"); return }
        #expect(arguments[1] == IRExpression(.literal(.null), type: .int))
        #expect(items[3].expression.type == .int)
    }

    @Test func functionArgumentCountsAndTypes() throws {
        let found = try errors("sample airline | derive a = round(ArrDelay, 1, 2), b = upper(ArrDelay), c = sqrt(DayOfWeek), d = substr(DayOfWeek)") { s in
            [.derive([assign(s.id("a"), s.call("round", s.col("ArrDelay"), s.int(1), s.int(2))),
                      assign(s.id("b"), s.call("upper", s.col("ArrDelay", 2))),
                      assign(s.id("c"), s.call("sqrt", s.col("DayOfWeek"))),
                      assign(s.id("d"), s.call("substr", s.col("DayOfWeek", 2)))], by: [])]
        }
        #expect(found.map(\.message) == [
            "'round' takes 1 or 2 arguments but 3 were given",
            "argument 1 of 'upper' must be text, but it is int",
            "argument 1 of 'sqrt' must be a number, but it is text",
            "'substr' takes 2 or 3 arguments but 1 was given",
        ])
        #expect(found.map(\.help) == ["write round(x[, digits])", "convert it with text(…)",
                                      "convert it with float(…) or int(…)", "write substr(s, start[, length])"])
        #expect(found[1].span == SourceText("sample airline | derive a = round(ArrDelay, 1, 2), b = upper(ArrDelay)").span("ArrDelay", 2))
    }

    @Test func functionResultTypes() throws {
        #expect(try derivedType("sample airline | derive v = length(DayOfWeek)") { s in s.call("length", s.col("DayOfWeek")) } == .int)
        #expect(try derivedType("sample airline | derive v = round(CRSDepTime, 1)") { s in s.call("round", s.col("CRSDepTime"), s.int(1)) } == .float)
        #expect(try derivedType("sample airline | derive v = sqrt(ArrDelay)") { s in s.call("sqrt", s.col("ArrDelay")) } == .float)
        #expect(try derivedType("sample airline | derive v = starts_with(DayOfWeek, \"M\")") { s in
            s.call("starts_with", s.col("DayOfWeek"), s.text("M"))
        } == .bool)
        #expect(try derivedType("sample airline | derive v = date(\"2024-01-31\")") { s in s.call("date", s.text("2024-01-31")) } == .date)
        #expect(try derivedType("sample airline | derive v = year(date(\"2024-01-31\"))") { s in
            s.call("year", s.call("date", s.text("2024-01-31")))
        } == .int)
    }

    @Test func unknownFunctionSuggests() throws {
        let found = try errors("sample airline | derive v = uper(DayOfWeek)") { s in
            [.derive([assign(s.id("v"), s.call("uper", s.col("DayOfWeek")))], by: [])]
        }
        #expect(found.map(\.message) == ["unknown function 'uper'"])
        #expect(found[0].help == "did you mean 'upper'?")
    }

    @Test func aggregatesOutsideSummarizeAndDeriveAreRejected() throws {
        let found = try errors("sample airline | filter ArrDelay > mean(ArrDelay) | sort sum(ArrDelay) | select m = max(ArrDelay)") { s in
            [.filter(binary(.greater, s.col("ArrDelay"), s.call("mean", s.col("ArrDelay", 2)))),
             .sort([SortKey(expression: s.call("sum", s.col("ArrDelay", 3)), descending: false, span: s.span("sum"))]),
             .select([assign(s.id("m"), s.call("max", s.col("ArrDelay", 4)))])]
        }
        #expect(found.map(\.message) == ["aggregate 'mean' is not allowed in filter", "aggregate 'sum' is not allowed in sort",
                                         "aggregate 'max' is not allowed in select"])
        #expect(found[0].help == "aggregates belong in summarize (one row per group) or derive (repeated on every row)")
    }

    @Test func nestedAggregatesAreRejected() throws {
        let found = try errors("sample airline | summarize m = max(sum(ArrDelay))") { s in
            [.summarize([assign(s.id("m"), s.call("max", s.call("sum", s.col("ArrDelay"))))], by: [])]
        }
        #expect(found.map(\.message) == ["aggregate 'sum' inside another aggregate ('max')"])
        #expect(found[0].span.start.column == 36)
    }

    @Test func bareNonKeyColumnInSummarizeIsAnError() throws {
        let found = try errors("sample airline | summarize n = count(), d = ArrDelay by DayOfWeek") { s in
            [.summarize([assign(s.id("n"), s.call("count")), assign(s.id("d"), s.col("ArrDelay"))], by: [s.id("DayOfWeek")])]
        }
        #expect(found.map(\.message) == ["column 'ArrDelay' in summarize is neither a group key nor inside an aggregate"])
        #expect(found[0].help == "aggregate it, e.g. max(ArrDelay), or add it after `by`")
    }

    @Test func aggregateArgumentTypes() throws {
        let found = try errors("sample airline | summarize s = sum(DayOfWeek), a = any(ArrDelay)") { s in
            [.summarize([assign(s.id("s"), s.call("sum", s.col("DayOfWeek"))), assign(s.id("a"), s.call("any", s.col("ArrDelay")))], by: [])]
        }
        #expect(found.map(\.message) == ["argument 1 of 'sum' must be a number, but it is text",
                                         "argument 1 of 'any' must be a bool, but it is int"])
    }

    @Test func qualifiedNamesOnlyInJoins() throws {
        let s = SourceText("sample airline | filter this.ArrDelay > 0")
        let qualified = Expression(.qualifiedColumn(side: .this, name: s.id("ArrDelay")), span: s.span("this.ArrDelay"))
        let found = try #require(diagnostics(of: s.pipeline(s.sample("airline"), .filter(binary(.greater, qualified, s.int(0))))))
        #expect(found.map(\.message) == ["'this.ArrDelay' is only meaningful in a join condition"])
    }

    @Test func unknownSourcesSuggest() throws {
        let t = SourceText("table flight")
        let table = try #require(diagnostics(of: t.pipeline(t.table("flight"))))
        #expect(table.map(\.message) == ["unknown table 'flight'"])
        #expect(table[0].help == "did you mean 'flights'?")
        let s = SourceText("sample irs")
        #expect(try #require(diagnostics(of: s.pipeline(s.sample("irs")))).map(\.help) == ["did you mean 'iris'?"])
        let b = SourceText("iris | take 1")
        #expect(try #require(diagnostics(of: b.pipeline(b.binding("iris")))).map(\.help) == ["did you mean 'sample iris'?"])
    }
}
