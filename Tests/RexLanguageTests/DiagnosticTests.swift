import RexLanguage
import Testing

@Suite("Syntax diagnostics")
struct DiagnosticTests {
    @Test("each kind of error renders with its span, caret and help", arguments: DiagnosticCases.cases.map(\.name))
    func rendered(name: String) throws {
        let entry = try #require(DiagnosticCases.cases.first { $0.name == name })
        let result = parse(entry.source, fileName: entry.file)
        #expect(result.diagnostics.hasErrors)
        #expect(result.diagnostics.fileName == entry.file)
        #expect(render(result.diagnostics, source: entry.source) == entry.rendered + "\n")
    }

    @Test("the example of EXAMPLES.md renders exactly")
    func examplesFormat() {
        let source = #"sample iris | filter Specis == "setosa""#
        let span = SourceSpan(start: SourceLocation(line: 1, column: 22, offset: 21),
                              end: SourceLocation(line: 1, column: 28, offset: 27))
        let list = DiagnosticList([Diagnostic("unknown column 'Specis' in filter", at: span, help: "did you mean 'Species'?")])
        #expect(render(list, source: source) == #"""
            error: unknown column 'Specis' in filter
             --> line 1, column 22
              |
            1 | sample iris | filter Specis == "setosa"
              |                      ^^^^^^
              = help: did you mean 'Species'?

            """#)
    }

    @Test("colour wraps the severity, gutter and caret in ANSI codes; plain text has none")
    func color() {
        let source = "table t | filtr x"
        let list = parse(source).diagnostics
        let colored = render(list, source: source, color: true)
        #expect(colored.contains("\u{1B}[1;31merror\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1;31m^^^^^\u{1B}[0m"))
        #expect(!render(list, source: source).contains("\u{1B}"))
    }

    @Test("a statement with errors is left out; the others are kept")
    func partialScript() {
        let result = parse("sample iris | take 1\nsample iris | filtr x\nsample iris | take 2")
        #expect(result.statements.count == 2)
        #expect(result.diagnostics.diagnostics.count == 1)
        #expect(result.diagnostics.diagnostics.first?.span.start.line == 2)
    }
}

@Suite("Name suggestions")
struct SuggestionTests {
    @Test("close names are suggested", arguments: [
        ("filtr", ["filter", "select", "sort"], "filter"),
        ("Specis", ["Sepal_Length", "Species"], "Species"),
        ("ArrDelayy", ["ArrDelay", "DepDelay"], "ArrDelay"),
        ("species", ["Species", "Specis"], "Species"),
        ("sleect", ["select", "filter"], "select"),
        ("tabel", ["table", "csv", "png"], "table"),
    ])
    func suggests(name: String, candidates: [String], expected: String) {
        #expect(suggest(name, from: candidates) == expected)
    }

    @Test("far names, the name itself and empty candidates give nothing", arguments: [
        ("frob", ["filter", "select"]),
        ("x", ["y", "z"]),
        ("Species", ["Species"]),
        ("abc", []),
        ("count", ["mean", "sum"]),
    ])
    func noSuggestion(name: String, candidates: [String]) {
        #expect(suggest(name, from: candidates) == nil)
    }

    @Test("edit distance counts a swap of neighbours as one edit")
    func distance() {
        #expect(editDistance("sleect", "select") == 1)
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("名前", "名前") == 0)
    }
}
