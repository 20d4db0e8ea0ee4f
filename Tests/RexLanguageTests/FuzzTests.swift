import RexData
import RexLanguage
import Testing

@Suite("Front end fuzzing")
struct FuzzTests {
    static let vocabulary: [String] = Grammar.verbs + Grammar.sourceKeywords + Grammar.plotKinds + [
        "let", "def", "and", "or", "not", "is", "null", "in", "between", "true", "false", "by", "offset",
        "on", "this", "that", "inner", "left", "full", "replace", "append", "png", "iris", "x", "Species",
        "count", "sum", "mean", "head", "名前", "`a b`", "`", "0", "42", "1.5", "1e-3", "99999999999999999999",
        "\"s\"", "'t'", "\"", "\"a\\q\"", "@2024-01-31", "@2023-02-30", "@2024-01-31T08:30:00", "@x",
        "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "|", "|", ",", "(", ")", "=", "->", "~",
        ".", ";", "\n", "\n", "\t", "#c\n", "\"\"\"\n  result = df\n\"\"\"", "\"\"\"", ":quit", ":exec SELECT 1",
        "!", "$", "{", "\r\n", "é",
    ]

    static func soup(_ rng: inout SplitMix64) -> String {
        let length = Int.random(in: 1...18, using: &rng)
        var parts: [String] = []
        for _ in 0..<length {
            parts.append(vocabulary.randomElement(using: &rng) ?? "x")
        }
        return parts.joined(separator: Bool.random(using: &rng) ? " " : "")
    }

    /// Pipelines that are usually valid, to exercise the printer on many shapes.
    static func validish(_ rng: inout SplitMix64) -> String {
        let expressions = ["a", "-b", "1 + 2 * c", "not d", "e is null", "f in (1, 2)", "g between 1 and -2",
                           "(h or i) and j", "-(k - 1)", "l / -m % 3", "upper(n)", "this.o == that.p", "-1.5", "'q'",
                           "@2024-01-01", "r not in ('a', null)", "not s is not null", "- -t", "u == v == w"]
        var text = ["table t", "sample iris", "(sample iris | take 1)", "csv \"a.csv\" sep=\";\""].randomElement(using: &rng) ?? "table t"
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            var e = expressions.randomElement(using: &rng) ?? "a"
            if Bool.random(using: &rng) {
                let op = ["and", "or", "+", "*", "==", "-"].randomElement(using: &rng) ?? "+"
                e += " \(op) \(expressions.randomElement(using: &rng) ?? "b")"
            }
            let steps = [
                "filter \(e)", "select a, z = \(e)", "derive z = \(e) by g", "summarize n = count(), m = \(e)",
                "sort -\(e), a", "take 3 offset 1", "join left (table x | filter \(e)) on this.a == that.b",
                "head(\(e))", "plot scatter a b color=c title=\"t\"", "distinct", "rename a = b",
            ]
            text += " | " + (steps.randomElement(using: &rng) ?? "collect")
        }
        return text
    }

    private func checkRoundTrip(_ result: ParseResult, _ source: String) {
        for statement in result.statements {
            let printed = printSource(statement)
            let again = parse(printed)
            #expect(again.statements.map(dumpAST) == [dumpAST(statement)], "source: \(source)\nprinted: \(printed)")
        }
    }

    @Test("10,000 random token soups never crash and always give statements or diagnostics")
    func soups() {
        var rng = SplitMix64(seed: 20_261_125)
        var failures = 0
        for _ in 0..<10_000 {
            let source = Self.soup(&rng)
            let result = parse(source, fileName: "fuzz.rex")
            _ = render(result.diagnostics, source: source)
            _ = isStatementComplete(source)
            if result.statements.isEmpty && result.diagnostics.diagnostics.isEmpty {
                let onlyTrivia = tokenize(source).tokens.allSatisfy { $0.kind == .newline || $0.kind == .symbol(";") || $0.kind == .end }
                if !onlyTrivia { failures += 1 }
                #expect(onlyTrivia, "no statement and no diagnostic for: \(source.debugDescription)")
            }
            checkRoundTrip(result, source)
            if failures > 5 { break }
        }
    }

    @Test("2,000 random valid pipelines parse and print back to the same tree")
    func validPipelines() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let source = Self.validish(&rng)
            let result = parse(source)
            #expect(result.diagnostics.diagnostics.isEmpty, "\(source): \(result.diagnostics.diagnostics.map(\.message))")
            checkRoundTrip(result, source)
        }
    }

    @Test("deeply nested input is an error, not a stack overflow", arguments: [
        "table t | filter " + String(repeating: "(", count: 5_000) + "x" + String(repeating: ")", count: 5_000),
        "table t | filter " + String(repeating: "not ", count: 5_000) + "x",
        "table t | derive y = " + String(repeating: "- ", count: 5_000) + "x",
        String(repeating: "(", count: 5_000) + "sample iris" + String(repeating: ")", count: 5_000),
        "table t | filter x in (" + String(repeating: "(", count: 5_000),
        "table t | derive y = x" + String(repeating: " + x", count: 5_000),
    ])
    func deepNesting(source: String) {
        let result = parse(source)
        #expect(result.statements.isEmpty)
        #expect(result.diagnostics.diagnostics.contains { $0.message.contains("nested too deeply") })
    }

    @Test("moderate nesting is fine")
    func moderateNesting() {
        let source = "table t | filter " + String(repeating: "(", count: 50) + "x" + String(repeating: ")", count: 50)
        #expect(parse(source).diagnostics.diagnostics.isEmpty)
        #expect(isStatementComplete(String(repeating: "(", count: 10_000)) == false)
        let chain = "table t | filter x == 0" + String(repeating: " or x == 1", count: 400)
        let result = parse(chain)
        #expect(result.diagnostics.diagnostics.isEmpty)
        let printed = result.statements.map(printSource)
        #expect(parse(printed.joined()).statements.map(dumpAST) == result.statements.map(dumpAST))
    }
}
