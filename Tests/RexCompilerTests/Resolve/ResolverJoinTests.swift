import RexCompiler
import RexData
import RexLanguage
import Testing

@Suite("Resolver: join and append")
struct ResolverJoinTests {
    func resolve(_ pipeline: Pipeline) throws -> Relation {
        try CompilerEnvironment().resolve(pipeline, provider: FixedSchemas())
    }

    @Test func joinOnColumnsKeepsOneKeyAndSuffixesOtherClashes() throws {
        let s = SourceText("table flights | join left (table carriers) on carrier")
        let relation = try resolve(s.pipeline(s.table("flights"),
            .join(kind: .left, with: s.table("carriers"), on: .columns([s.id("carrier", 2)]))))
        #expect(relation.schema == Schema([Field("carrier", .text), Field("dep_left", .int), Field("delay", .float),
                                           Field("name", .text), Field("dep_right", .int)]))
        guard case .join(.left, _, _, let condition, let output) = relation.kind else { Issue.record("not a join"); return }
        #expect(output == [NamedJoinOutput("carrier", .left("carrier")), NamedJoinOutput("dep_left", .left("dep")),
                           NamedJoinOutput("delay", .left("delay")), NamedJoinOutput("name", .right("name")),
                           NamedJoinOutput("dep_right", .right("dep"))])
        #expect(condition == IRExpression(.binary(.equal, IRExpression(.sideColumn(.this, "carrier"), type: .text),
                                                  IRExpression(.sideColumn(.that, "carrier"), type: .text)), type: .bool))
    }

    @Test func fullJoinCoalescesKeys() throws {
        let s = SourceText("table flights | join full (table carriers) on carrier, dep")
        let relation = try resolve(s.pipeline(s.table("flights"),
            .join(kind: .full, with: s.table("carriers"), on: .columns([s.id("carrier", 2), s.id("dep")]))))
        #expect(relation.schema.names == ["carrier", "dep", "delay", "name"])
        guard case .join(.full, _, _, _, let output) = relation.kind else { Issue.record("not a join"); return }
        #expect(output[0].source == .coalesced(left: "carrier", right: "carrier"))
        #expect(output[1].source == .coalesced(left: "dep", right: "dep"))
    }

    @Test func joinKeysOfIntAndFloatWidenOnlyWhenCoalesced() throws {
        let s = SourceText("table flights | join left (table rates) on dep")
        let left = try resolve(s.pipeline(s.table("flights"), .join(kind: .left, with: s.table("rates"), on: .columns([s.id("dep")]))))
        #expect(left.schema.field(named: "dep")?.type == .int)
        let full = try resolve(s.pipeline(s.table("flights"), .join(kind: .full, with: s.table("rates"), on: .columns([s.id("dep")]))))
        #expect(full.schema.field(named: "dep")?.type == .float)
    }

    @Test func joinOnExpressionUsesThisAndThat() throws {
        let s = SourceText("table flights | join (table carriers) on this.carrier == that.carrier and delay > 0")
        let this = Expression(.qualifiedColumn(side: .this, name: s.id("carrier", 2)), span: s.span("this.carrier"))
        let that = Expression(.qualifiedColumn(side: .that, name: s.id("carrier", 3)), span: s.span("that.carrier"))
        let condition = binary(.and, binary(.equal, this, that), binary(.greater, s.col("delay"), s.int(0)))
        let relation = try resolve(s.pipeline(s.table("flights"),
            .join(kind: .inner, with: s.table("carriers"), on: .expression(condition))))
        #expect(relation.schema.names == ["carrier_left", "dep_left", "delay", "carrier_right", "name", "dep_right"])
        guard case .join(.inner, _, _, let ir, _) = relation.kind, case .binary(.and, _, let right) = ir.kind else {
            Issue.record("unexpected join"); return
        }
        // `delay` is only on the input side, so it resolves to this.delay.
        #expect(right == IRExpression(.binary(.greater, IRExpression(.sideColumn(.this, "delay"), type: .float),
                                              IRExpression(.literal(.int(0)), type: .int)), type: .bool))
    }

    @Test func ambiguousUnqualifiedNameInJoinIsAnError() throws {
        let s = SourceText("table flights | join (table carriers) on carrier == name")
        let found = try #require(diagnostics(of: s.pipeline(s.table("flights"),
            .join(kind: .inner, with: s.table("carriers"), on: .expression(binary(.equal, s.col("carrier", 2), s.col("name")))))))
        #expect(found.map(\.message) == ["column 'carrier' is ambiguous in join: both sides have it"])
        #expect(found[0].help == "write this.carrier (the input) or that.carrier (the joined relation)")
    }

    @Test func joinKeyMissingOnOneSide() throws {
        let s = SourceText("table flights | join (table carriers) on delay")
        let found = try #require(diagnostics(of: s.pipeline(s.table("flights"),
            .join(kind: .inner, with: s.table("carriers"), on: .columns([s.id("delay")])))))
        #expect(found.map(\.message) == ["join column 'delay' is not a column of the joined relation"])
    }

    @Test func appendMatchesByNameAndProjectsTheRightSide() throws {
        let s = SourceText("table carriers | append (table flights | select dep, name = carrier, carrier)")
        let right = s.pipeline(s.table("flights"), .select([assign(nil, s.col("dep")), assign(s.id("name"), s.col("carrier", 2)),
                                                          assign(nil, s.col("carrier", 3))]))
        let relation = try resolve(s.pipeline(s.table("carriers"),
            .append(RexLanguage.Source(.parenthesized(right), span: s.span("(table flights")))))
        #expect(relation.schema.names == ["carrier", "name", "dep"])
        guard case .append(_, let projected) = relation.kind else { Issue.record("not an append"); return }
        #expect(projected.schema.names == ["carrier", "name", "dep"])
    }

    @Test func appendReportsMissingAndMismatchedColumns() throws {
        let s = SourceText("table carriers | append flights")
        let found = try #require(diagnostics(of: s.pipeline(s.table("carriers"), .append(s.table("flights")))))
        #expect(found.map(\.message) == ["column 'name' of the input is missing from the appended relation",
                                         "column 'delay' of the appended relation is not in the input"])
    }

    @Test func appendWidensIntToFloat() throws {
        let s = SourceText("sample airline | select x = ArrDelay | append (sample airline | select x = CRSDepTime)")
        let right = s.pipeline(s.sample("airline"), .select([assign(s.id("x", 2), s.col("CRSDepTime"))]))
        let left = s.pipeline(s.sample("airline"), .select([assign(s.id("x"), s.col("ArrDelay"))]),
                              .append(RexLanguage.Source(.parenthesized(right), span: s.span("(sample"))))
        let relation = try resolve(left)
        #expect(relation.schema == Schema([Field("x", .float)]))
    }
}
