import Foundation
@testable import RexRepl
import RexData
import RexLanguage
import RexRuntime
import RexTestSupport
import Testing

@Suite("Floats for reading (FloatDisplay)")
struct FloatDisplayTests {
    @Test("at most 10 significant digits, one decimal kept, exponent form beyond 1e15 and below 1e-5", arguments: [
        (6.587999999999998, "6.588"), (3.0, "3.0"), (-3.0, "-3.0"), (0.1, "0.1"), (0.30000000000000004, "0.3"),
        (100.0, "100.0"), (1200.0, "1200.0"), (-1234.5, "-1234.5"), (2.0 / 3, "0.6666666667"),
        (123456789.123456, "123456789.1"), (1234567891234.0, "1234567891000.0"),
        (1e15, "1000000000000000.0"), (-1e15, "-1000000000000000.0"), (1.5e15, "1.5e+15"), (1e16, "1.0e+16"),
        (2.5e300, "2.5e+300"), (-7.25e22, "-7.25e+22"),
        (0.00001, "0.00001"), (0.000012345, "0.000012345"), (9.99999999999e-6, "0.00001"), (9.9e-6, "9.9e-06"),
        (1.5e-20, "1.5e-20"), (-1.5e-20, "-1.5e-20"), (5e-324, "4.940656458e-324"),
        (0.0, "0.0"), (-0.0, "-0.0"), (9.9999999999, "10.0"),
        (Double.nan, "NaN"), (Double.infinity, "Infinity"), (-Double.infinity, "-Infinity"),
    ])
    func rule(value: Double, expected: String) {
        #expect(FloatDisplay.text(value) == expected)
    }

    @Test(":set digits N: N significant digits, clamped to 1…17")
    func digits() {
        #expect(FloatDisplay.text(2.0 / 3, digits: 4) == "0.6667")
        #expect(FloatDisplay.text(6.587999999999998, digits: 2) == "6.6")
        #expect(FloatDisplay.text(123456.789, digits: 3) == "123000.0")
        #expect(FloatDisplay.text(0.1, digits: 17) == "0.10000000000000001")
        #expect(FloatDisplay.text(0.1, digits: 40) == "0.10000000000000001")
        #expect(FloatDisplay.text(2.5, digits: 0) == "2.0", "0 is taken as 1 digit (2.5 rounds to even)")
    }

    @Test("decimal points line up; a text without a point lines up after its end")
    func aligned() {
        #expect(FloatDisplay.aligned(["3.0", "6.588", "-12.25", "1.5e-20", "NaN"])
                == ["3.0    ", "6.588  ", "-12.25   ", "1.5e-20", "NaN      "])
        #expect(FloatDisplay.aligned([]) == [])
    }
}

@Suite("Terminal table polish")
struct BoxTablePolishTests {
    private func table() -> Table {
        Table(schema: Schema([Field("name", .text), Field("x", .float), Field("n", .int)]), columns: [
            Column(type: .text, values: [.text("東京"), .text("Zürich"), .text("ab"), .text("サンパウロ")]),
            Column(type: .float, values: [.float(6.587999999999998), .float(-1234.5), .null, .float(1.5e-20)]),
            Column(type: .int, values: [.int(1), .null, .int(-300), .int(42)]),
        ])
    }

    @Test("floats rounded and aligned on the point, NULL at the right edge, CJK text two columns a character")
    func golden() {
        let text = render({ BoxTableWriter(maxRows: 40, terminalWidth: 120, color: false, output: $0) }, table())
        #expect(text == """
        ┌────────────┬─────────────┬──────┐
        │    name    │      x      │  n   │
        │    text    │    float    │ int  │
        ├────────────┼─────────────┼──────┤
        │ 東京       │     6.588   │    1 │
        │ Zürich     │ -1234.5     │ NULL │
        │ ab         │        NULL │ -300 │
        │ サンパウロ │     1.5e-20 │   42 │
        └────────────┴─────────────┴──────┘
        4 rows × 3 columns

        """)
    }

    @Test(":set digits 4 reaches the table")
    func digits() {
        let text = render({ BoxTableWriter(maxRows: 40, terminalWidth: 120, color: false, floatDigits: 4, output: $0) }, table())
        #expect(text.contains("│ 東京       │     6.588   │    1 │"), "\(text)")
        #expect(text.contains("│ Zürich     │ -1234.0     │ NULL │"), "\(text)")
    }

    @Test("only the rows shown decide the alignment (the cut rows do not widen the column)")
    func alignmentOverShownRows() {
        let values: [Value] = [.float(1.5)] + Array(repeating: .float(2.25), count: 4) + [.float(1e-30)]
            + Array(repeating: .float(2.25), count: 4) + [.float(3.0)]
        let table = Table(schema: Schema([Field("x", .float)]), columns: [Column(type: .float, values: values)])
        let text = render({ BoxTableWriter(maxRows: 4, terminalWidth: 80, color: false, output: $0) }, table)
        #expect(!text.contains("e-30"))
        #expect(text.contains("│  1.5  │\n│  2.25 │\n… 7 more rows …\n│  2.25 │\n│  3.0  │"), "\(text)")
    }
}

@Suite("Pager")
struct PagerTests {
    @Test("$PAGER wins; unset or empty means less -SRXF when less is on PATH")
    func command() {
        #expect(Pager.command(environment: ["PAGER": "more", "PATH": "/nowhere"]) == "more")
        let lessDirectory = TestEnvironment.temporaryDirectory()
        let less = lessDirectory.appendingPathComponent("less")
        FileManager.default.createFile(atPath: less.path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o755])
        #expect(Pager.command(environment: ["PAGER": " ", "PATH": lessDirectory.path]) == "less -SRXF")
        #expect(Pager.command(environment: ["PATH": lessDirectory.path]) == "less -SRXF")
        #expect(Pager.command(environment: ["PATH": "/nowhere"]) == nil)
    }

    @Test("taller than the screen: as many lines as the screen has (one is the prompt's)")
    func taller() {
        #expect(!Pager.isTaller("a\nb\n", than: 3))
        #expect(Pager.isTaller("a\nb\nc\n", than: 3))
    }

    @Test("the text reaches the pager whole; a pager that is not found or quits early is no failure")
    func show() throws {
        let file = TestEnvironment.temporaryDirectory().appendingPathComponent("paged.txt")
        let text = String(repeating: "row of a tall table\n", count: 20_000)
        #expect(Pager.show(text, command: "cat > '\(file.path)'"))
        #expect(try String(contentsOf: file, encoding: .utf8) == text)
        #expect(!Pager.show(text, command: "no-such-pager-\(UUID().uuidString)"))
        #expect(Pager.show(text, command: "head -c 1 >/dev/null"), "EPIPE after the pager quit does not end rex")
    }
}

@Suite("Tab completion")
struct CompletionTests {
    @Test("the pipeline before the step being typed", arguments: [
        ("sample iris | filter Sepal_W", "sample iris"),
        ("sample iris | filter x > 1 | sort Sep", "sample iris | filter x > 1"),
        ("let t = csv \"a|b.csv\" | derive y = 1 | select ", "csv \"a|b.csv\" | derive y = 1"),
        ("sample iris | join (csv \"r.csv\" | filter reg", "csv \"r.csv\""),
        ("sample iris | join (csv \"r.csv\" | filter x) on Spe", "sample iris"),
        (":sql postgres table t | filter a", "table t"),
        (":explain sample iris | select Spe", "sample iris"),
        ("let a = 1; sample airline | filter Arr", "sample airline"),
    ])
    func pipelinePrefix(line: String, prefix: String) {
        #expect(Completion.pipelinePrefix(of: line) == prefix)
    }

    @Test("no pipeline before the cursor: no prefix")
    func noPrefix() {
        #expect(Completion.pipelinePrefix(of: "sample ir") == nil)
        #expect(Completion.pipelinePrefix(of: "sample iris | join (csv \"x\"") == nil)
        #expect(Completion.pipelinePrefix(of: ":run a|b") == nil)
    }

    @Test("columns of local sources: sample, csv, let, and the steps before")
    func localColumns() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let csv = directory.appendingPathComponent("cities.csv").path
        try "city_name,city_pop\nOslo,1\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let repl = Repl(session: try Session())
        let completion = Completion(repl: repl)
        #expect(completion.candidates(for: "sample iris | filter Sepal_W") == Completions(word: "Sepal_W", matches: ["Sepal_Width"]))
        #expect(completion.candidates(for: "csv \"\(csv)\" | select city_").matches == ["city_name", "city_pop"])
        // The CSV's schema is kept for the next Tab while the file stays the same, and read again when it changes.
        try "city_name,city_area,city_founded\nOslo,454,1040\n".write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(completion.candidates(for: "csv \"\(csv)\" | select city_").matches == ["city_area", "city_founded", "city_name"])
        #expect(repl.runText("let flowers = sample iris | derive petal_ratio = Petal_Length / Petal_Width") == .success)
        #expect(completion.candidates(for: "flowers | filter petal_").matches == ["petal_ratio"])
        #expect(completion.candidates(for: "flo").matches.contains("flowers"), "let names complete too")
        #expect(completion.candidates(for: "sample iris | select Species | filter Sepal").matches.isEmpty,
                "only the columns that reach the step")
    }

    @Test("file paths inside csv \"…\", after :run and after :save [N]")
    func paths() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let root = directory.path
        try FileManager.default.createDirectory(atPath: root + "/data dir", withIntermediateDirectories: true)
        for file in ["iris.csv", "irises.csv", "data dir/inner.csv", ".hidden.csv", "script.rex"] {
            FileManager.default.createFile(atPath: root + "/" + file, contents: Data())
        }
        let repl = Repl(session: try Session())
        let completion = Completion(repl: repl)
        #expect(completion.candidates(for: "csv \"\(root)/ir") == Completions(word: root + "/ir",
                matches: [root + "/iris.csv", root + "/irises.csv"], suffix: "\""))
        #expect(completion.candidates(for: "sample iris | join (csv \"\(root)/da").matches == [root + "/data dir/"])
        #expect(completion.candidates(for: "csv \"\(root)/data dir/").matches == [root + "/data dir/inner.csv"])
        #expect(completion.candidates(for: "sample iris -> csv \"\(root)/s").matches == [root + "/script.rex"])
        #expect(completion.candidates(for: "csv \"\(root)/.h").matches == [root + "/.hidden.csv"])
        #expect(completion.candidates(for: ":explain csv \"\(root)/iris.").matches == [root + "/iris.csv"])
        #expect(completion.candidates(for: ":exec SELECT \"\(root)/iris.").matches.isEmpty)
        #expect(!completion.candidates(for: "csv \"\(root)/").matches.contains(root + "/.hidden.csv"))
        #expect(completion.candidates(for: ":run \(root)/scr") == Completions(word: root + "/scr", matches: [root + "/script.rex"], suffix: ""))
        #expect(completion.candidates(for: ":save \(root)/scr").matches == [root + "/script.rex"])
        #expect(completion.candidates(for: ":save 2 \(root)/scr").matches == [root + "/script.rex"])
        // Not a path: a closed string, a text literal in a filter, the image number of :save.
        #expect(completion.candidates(for: "csv \"\(root)/iris.csv\" | filter Sp").word == "Sp")
        #expect(completion.candidates(for: "sample iris | filter Species == \"\(root)/ir").matches.isEmpty, "nothing inside other text")
        #expect(completion.candidates(for: ":save 2").matches.isEmpty)
    }
}
