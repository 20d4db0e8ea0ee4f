import Foundation
import RexData
import RexLanguage
import Testing

@Suite("Lexer")
struct LexerTests {
    private func kinds(_ source: String) -> [Token.Kind] {
        tokenize(source).tokens.map(\.kind)
    }

    @Test("operators, names and literals")
    func basics() {
        #expect(kinds("a==1 != <= >= -> ~ . ; % `b c`") == [
            .identifier("a"), .symbol("=="), .integer(1), .symbol("!="), .symbol("<="), .symbol(">="),
            .symbol("->"), .symbol("~"), .symbol("."), .symbol(";"), .symbol("%"), .quotedIdentifier("b c"), .end,
        ])
    }

    @Test("numbers: integers, decimals, exponents", arguments: [
        ("42", Token.Kind.integer(42)), ("1.5", .decimal(1.5)), ("1e-3", .decimal(0.001)),
        ("2.5E+2", .decimal(250)), ("9223372036854775807", .integer(Int64.max)),
    ])
    func numbers(text: String, kind: Token.Kind) {
        #expect(kinds(text) == [kind, .end])
    }

    @Test("string escapes")
    func strings() {
        #expect(kinds(#""a\"b" 'it\'s' "\\ \n \t""#) == [.string("a\"b"), .string("it's"), .string("\\ \n \t"), .end])
    }

    @Test("dates are days and datetimes microseconds since the epoch")
    func temporals() {
        #expect(kinds("@1970-01-02 @2024-01-31 @2024-01-31T08:30:00 @1969-12-31T23:59:59.5") == [
            .temporal(.date(1)), .temporal(.date(19_753)), .temporal(.datetime(1_706_689_800_000_000)),
            .temporal(.datetime(-500_000)), .end,
        ])
        #expect(!tokenize("@2023-02-29").diagnostics.diagnostics.isEmpty)
        #expect(!tokenize("@2024-01-31T24:00:00").diagnostics.diagnostics.isEmpty)
    }

    @Test("spans: 1-based line and column, UTF-8 offset")
    func spans() throws {
        let tokens = tokenize("é = 1\n  名前").tokens
        let name = try #require(tokens.last { $0.kind == .identifier("名前") })
        #expect(tokens[0].span.end == SourceLocation(line: 1, column: 2, offset: 2))
        #expect(name.span.start == SourceLocation(line: 2, column: 3, offset: 9))
        #expect(name.span.end == SourceLocation(line: 2, column: 5, offset: 15))
    }

    @Test("comments are skipped; a comment line is not a statement")
    func comments() {
        #expect(kinds("a # b == c\nd") == [.identifier("a"), .newline, .identifier("d"), .end])
        #expect(parse("# only a comment\n\n").statements.isEmpty)
    }

    @Test("Python blocks keep their text, dedented like textwrap.dedent, with the line of the first code line")
    func pythonBlocks() throws {
        let source = "x\nsample iris | python \"\"\"\n    if True:\n        y = 'a # b'\n  \n    result = df\n    \"\"\""
        let block = try #require(tokenize(source).tokens.compactMap { token -> PythonBlock? in
            if case .python(let block) = token.kind { return block }
            return nil
        }.first)
        #expect(block.code == "if True:\n    y = 'a # b'\n\nresult = df\n")
        #expect(block.firstLine == 3)
        let inline = try #require(parse("python \"\"\"result = 1\"\"\"").statements.first)
        guard case .pipeline(let pipeline) = inline.kind, case .python(let one) = pipeline.source.kind else {
            Issue.record("not a python source")
            return
        }
        #expect(one == PythonBlock(code: "result = 1", firstLine: 1))
    }

    @Test(":commands take the rest of the line verbatim")
    func commands() {
        #expect(kinds(":connect Driver={x};Pwd='a#b' \"q\"\nsample iris") == [
            .command(name: "connect", argument: "Driver={x};Pwd='a#b' \"q\""), .newline, .identifier("sample"), .identifier("iris"), .end,
        ])
        let result = parse("sample iris; :tables\n:exec \"\"\"\n  SELECT 1;\n  SELECT 2\n\"\"\"\n:quit")
        #expect(result.diagnostics.diagnostics.isEmpty)
        let commands = result.statements.compactMap { statement -> String? in
            if case .command(let name, let argument) = statement.kind { return "\(name.name)|\(argument)" }
            return nil
        }
        #expect(commands == ["tables|", "exec|SELECT 1;\nSELECT 2\n", "quit|"])
    }

    @Test("text after the closing quotes of a command block is an error and the command does not run")
    func commandBlockTrailingText() {
        let result = parse(":exec \"\"\"SELECT 1\"\"\" more\nsample iris")
        #expect(result.diagnostics.diagnostics.map(\.message) == [#"unexpected text after the closing """ of :exec"#])
        #expect(result.statements.count == 1)
    }

    @Test("a statement's span gives back its text")
    func statementText() {
        let source = "let é = sample iris   # keep\nsample iris |\n  take 2; :quit"
        let texts = parse(source).statements.map { $0.span.text(in: source) }
        #expect(texts == ["let é = sample iris", "sample iris |\n  take 2", ":quit"])
    }

    @Test("a colon inside a statement is not a command")
    func colonInside() {
        #expect(!parse("table t | filter :x").diagnostics.diagnostics.isEmpty)
    }
}

@Suite("Statement splitting")
struct StatementSplittingTests {
    private func count(_ source: String) -> Int {
        let result = parse(source)
        #expect(result.diagnostics.diagnostics.isEmpty, "\(result.diagnostics.diagnostics)")
        return result.statements.count
    }

    @Test("newlines and ; separate statements; continuation rules join lines", arguments: [
        ("sample iris\nsample iris", 2),
        ("sample iris; sample iris;", 2),
        ("sample iris |\n take 1", 1),
        ("sample iris\n| take 1\n\n  | take 2", 1),
        ("sample iris | select a,\n b", 1),
        ("sample iris | filter x in (\n1, 2)", 1),
        ("sample iris ->\n csv \"a\"", 1),
        ("sample iris | filter s == \"a\nb\"", 1),
        ("let a = sample iris\na | take 1", 2),
        ("sample iris # comment ; not a split\n", 1),
        ("", 0),
    ])
    func statements(source: String, expected: Int) {
        #expect(count(source) == expected)
    }

    @Test("the REPL continues after |, comma, (, -> and inside open literals", arguments: [
        ("sample iris |", false), ("sample iris | select a,", false), ("sample iris | filter x in (", false),
        ("sample iris ->", false), ("sample iris | filter s == \"abc", false), ("sample iris | python \"\"\"", false),
        ("sample iris | python \"\"\"\nresult = df", false), ("table t | filter `a b", false),
        ("sample iris | filter (a > 1", false), ("sample iris | take 1 # done |", true),
        ("sample iris", true), ("sample iris | take 3", true), ("", true), (":connect DSN=x |", true),
        ("sample iris | python \"\"\"\nresult = df\n\"\"\"", true), ("sample iris |\n take 1", true),
        ("sample iris | take 1;", true), (":exec \"\"\"\nSELECT 1", false),
    ])
    func completeness(text: String, complete: Bool) {
        #expect(isStatementComplete(text) == complete)
    }
}

@Suite("Shipped rex text parses")
struct ShippedTextTests {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the prelude parses without diagnostics")
    func prelude() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("prelude/prelude.rex"), encoding: .utf8)
        let result = parse(text, fileName: "prelude.rex")
        #expect(result.diagnostics.diagnostics.isEmpty, "\(render(result.diagnostics, source: text))")
        #expect(result.statements.count >= 4)
    }

    @Test("every rex example block of docs/LANGUAGE.md parses")
    func languageReference() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("docs/LANGUAGE.md"), encoding: .utf8)
        let blocks = text.components(separatedBy: "```").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        var checked = 0
        // A ```text block is a session transcript with output (`:explain`), not rex source.
        for block in blocks where !block.contains("error:") && !block.contains("script      =") && !block.hasPrefix("text\n") {
            let source = block.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("rex> ") ? String($0.dropFirst(5)) : String($0) }.joined(separator: "\n")
            let result = parse(source)
            #expect(result.diagnostics.diagnostics.isEmpty, "\(render(result.diagnostics, source: source))")
            checked += 1
        }
        #expect(checked > 15)
    }
}
