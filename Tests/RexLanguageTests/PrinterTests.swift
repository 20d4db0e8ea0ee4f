import RexData
import RexLanguage
import Testing

/// Trees built by hand (not by the parser), with names and shapes the printer must quote or
/// parenthesize to read back the same.
@Suite("Source printer")
struct PrinterTests {
    static let nowhere = SourceSpan(start: SourceLocation(line: 1, column: 1, offset: 0), end: SourceLocation(line: 1, column: 1, offset: 0))

    static func name(_ text: String) -> Identifier { Identifier(text, span: nowhere) }
    static func column(_ text: String) -> Expression { Expression(.column(name(text)), span: nowhere) }
    static func literal(_ value: Value) -> Expression { Expression(.literal(value), span: nowhere) }
    static func binary(_ op: BinaryOperator, _ l: Expression, _ r: Expression) -> Expression {
        Expression(.binary(op, l, r), span: nowhere)
    }
    static func pipeline(_ source: Source.Kind, _ steps: [Step.Kind]) -> Statement {
        let p = Pipeline(source: Source(source, span: nowhere), steps: steps.map { Step($0, span: nowhere) }, span: nowhere)
        return Statement(.pipeline(p), span: nowhere)
    }

    static let trees: [(String, Statement)] = [
        ("negated positive literal", pipeline(.table([name("t")]), [.filter(binary(.equal, column("a"),
            Expression(.unary(.negate, literal(.int(1))), span: nowhere)))])),
        ("keyword-like column names", pipeline(.table([name("t")]), [
            .summarize([Assignment(name: name("by"), value: column("offset"))], by: [name("by"), name("on")]),
        ])),
        ("binding named like a source keyword", pipeline(.binding(name("table")), [.collect])),
        ("verb call named like a verb", pipeline(.sample(name("iris")), [.call(name: name("filter"), arguments: [column("x")])])),
        ("right-nested subtraction", pipeline(.table([name("t")]), [.derive([Assignment(name: name("d"),
            value: binary(.subtract, column("a"), binary(.subtract, column("b"), column("c"))))], by: [])])),
        ("comparison of comparisons", pipeline(.table([name("t")]), [.filter(binary(.equal, column("a"),
            binary(.less, column("b"), column("c"))))])),
        ("is null of a sum", pipeline(.table([name("t")]), [.filter(Expression(.isNull(binary(.add, column("a"), column("b")),
            negated: true), span: nowhere))])),
        ("not of an and", pipeline(.table([name("t")]), [.filter(Expression(.unary(.not, binary(.and, column("a"), column("b"))),
            span: nowhere))])),
        ("ascending negative literal sort key", pipeline(.table([name("t")]), [.sort([SortKey(expression: literal(.int(-1)),
            descending: false, span: nowhere)])])),
        ("names needing backticks", pipeline(.table([name("my schema"), name("t`x")]), [.select([
            Assignment(name: name("1st"), value: column("in")), Assignment(name: nil, value: column("名前")),
        ])])),
        ("function body named like a verb", Statement(.defineFunction(name: name("f"), parameters: [name("filter")],
            body: binary(.add, column("filter"), literal(.int(1)))), span: nowhere)),
        ("text with quotes and newlines", pipeline(.sql(TemplateText("SELECT 'a\"b'\nFROM \\t")), [])),
        ("float literals", pipeline(.table([name("t")]), [.derive([
            Assignment(name: name("a"), value: literal(.float(1e-7))), Assignment(name: name("b"), value: literal(.float(-0.0))),
            Assignment(name: name("c"), value: literal(.float(1e22))), Assignment(name: name("d"), value: literal(.int(Int64.min))),
        ], by: [])])),
    ]

    @Test("hand-built trees print to source that parses back to them", arguments: trees.map(\.0))
    func roundTrip(name: String) throws {
        let tree = try #require(Self.trees.first { $0.0 == name }?.1)
        let printed = printSource(tree)
        let again = parse(printed)
        #expect(again.diagnostics.diagnostics.isEmpty, "\(printed): \(again.diagnostics.diagnostics.map(\.message))")
        #expect(again.statements.map(dumpAST) == [dumpAST(tree)], "printed: \(printed)")
    }

    @Test("printing normalizes spacing and drops redundant parentheses")
    func canonicalForm() throws {
        let statement = try #require(parse("sample iris|filter  ((x>1))and(y<2)|sort  -a,b|take 3  offset 1->csv 'o.csv'").statements.first)
        #expect(printSource(statement) == #"sample iris | filter x > 1 and y < 2 | sort -a, b | take 3 offset 1 -> csv "o.csv""#)
    }
}
