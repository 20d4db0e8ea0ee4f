import Foundation
import RexData
import RexPython
import Testing

@Suite("Running Python code")
struct RunTests {
    let python = PythonInterpreter.shared

    @Test("print output to stdout and stderr is captured in order")
    func outputOrder() throws {
        let run = try python.run(code: """
            import sys
            print("one")
            print("two", file=sys.stderr)
            sys.stdout.write("three\\n")
            print("four", file=sys.stderr)
            """)
        #expect(run.output == [
            PythonOutput(stream: .stdout, text: "one\n"), PythonOutput(stream: .stderr, text: "two\n"),
            PythonOutput(stream: .stdout, text: "three\n"), PythonOutput(stream: .stderr, text: "four\n"),
        ])
        #expect(run.printed == "one\ntwo\nthree\nfour\n")
        #expect(run.result == .none)
    }

    @Test("an exception carries its traceback with script line numbers and the output before it")
    func exceptionLines() throws {
        let error = try #require(throws: PythonError.self) {
            _ = try python.run(code: "print('before')\n\ndef f(x):\n    return x / 0\nresult = f(1)\n", firstLine: 20)
        }
        #expect(error.kind == .exception)
        #expect(error.typeName == "ZeroDivisionError")
        #expect(error.line == 23)  // the innermost line of the script
        #expect(error.traceback.contains("File \"<rex>\", line 24, in <module>"))
        #expect(error.traceback.contains("File \"<rex>\", line 23, in f"))
        #expect(error.traceback.contains("return x / 0"))
        #expect(!error.traceback.contains("rex bridge"))
        #expect(error.output == [PythonOutput(stream: .stdout, text: "before\n")])
    }

    @Test("a syntax error points at its script line")
    func syntaxError() throws {
        let error = try #require(throws: PythonError.self) {
            _ = try python.run(code: "x = 1\ny = (\n", firstLine: 7, fileName: "job.rex")
        }
        #expect(error.typeName == "SyntaxError")
        #expect(error.line == 8)
        #expect(error.traceback.contains("File \"job.rex\", line 8"))
    }

    @Test("SystemExit is an error, not the end of rex")
    func systemExit() throws {
        let error = try #require(throws: PythonError.self) { _ = try python.run(code: "import sys\nsys.exit(3)") }
        #expect(error.typeName == "SystemExit")
        #expect(try python.evaluate("1 + 1") == "2")
    }

    @Test("scalar results become values", arguments: [
        ("result = 42", Value.int(42)), ("result = 2.5", .float(2.5)), ("result = 'hé'", .text("hé")),
        ("result = True", .bool(true)), ("result = None", .null), ("result = float('nan')", .null),
        ("import numpy as np\nresult = np.int32(7)", .int(7)), ("import numpy as np\nresult = np.float64(0.25)", .float(0.25)),
        ("import pandas as pd\nresult = pd.NA", .null), ("import datetime\nresult = datetime.date(1, 1, 1)", .date(-719_162)),
        ("import pandas as pd\nresult = pd.Timestamp('2000-01-01 00:00:01')", .datetime(946_684_801_000_000)),
        ("result = b'ab'", .bytes([97, 98])),
    ])
    func scalar(code: String, expected: Value) throws {
        #expect(try python.run(code: code).result == .value(expected))
    }

    @Test("an int result beyond 64 bits and an unsupported object are conversion errors")
    func badScalar() throws {
        for code in ["result = 2 ** 70", "result = [1, 2]", "result = {'a': 1}"] {
            let error = try #require(throws: PythonError.self) { _ = try python.run(code: code) }
            #expect(error.kind == .conversion)
        }
    }

    @Test("a DataFrame or Series result becomes a table; a named index becomes a column")
    func tableResult() throws {
        let input = try #require(SampleData.table(named: "iris"))
        let run = try python.run(code: "result = df.groupby('Species')[['Petal_Length']].mean()", input: input)
        let table = try #require(run.result.table)
        #expect(table.schema == Schema([Field("Species", .text), Field("Petal_Length", .float)]))
        #expect(table.row(0)[0] == .text("setosa"))
        let mean = try #require(table.row(0)[1].floatValue)
        #expect(abs(mean - 1.462) < 1e-9)
        let series = try python.run(code: "result = df.Sepal_Length.head(2)", input: input)
        #expect(series.result == .table(Table(schema: Schema([Field("Sepal_Length", .float)]),
                                              columns: [Column(type: .float, values: [.float(5.1), .float(4.9)])])))
    }

    @Test("PNG bytes and a matplotlib Figure become images")
    func imageResults() throws {
        let png = try python.run(code: "result = b'\\x89PNG\\r\\n\\x1a\\n' + b'rest'")
        #expect(png.result == .image([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("rest".utf8)))
        let input = try #require(SampleData.table(named: "iris"))
        let figure = try python.run(code: """
            import matplotlib.pyplot as plt
            fig, ax = plt.subplots(figsize=(4, 3), dpi=50)
            ax.scatter(df.Sepal_Length, df.Petal_Length)
            result = fig
            """, input: input)
        guard case .image(let bytes) = figure.result else {
            Issue.record("expected an image, got \(figure.result)")
            return
        }
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 200 && height == 150)
        let axes = try python.run(code: "import pandas as pd\nresult = pd.Series([1, 3, 2]).plot()")
        guard case .image = axes.result else {
            Issue.record("an Axes result should become an image")
            return
        }
    }

    @Test("figures left open by one run are closed before the next")
    func figuresClosed() throws {
        _ = try python.run(code: "import matplotlib.pyplot as plt\nplt.figure()\nplt.figure()")
        #expect(try python.run(code: "import matplotlib.pyplot as plt\nresult = len(plt.get_fignums())").result == .value(.int(0)))
    }

    @Test("several named inputs are bound; each run has a fresh namespace")
    func inputsAndNamespace() throws {
        let iris = try #require(SampleData.table(named: "iris"))
        let run = try python.run(code: "leftover = 1\nresult = len(a) + len(b)", inputs: [("a", iris), ("b", iris)])
        #expect(run.result == .value(.int(300)))
        #expect(try python.run(code: "result = 'leftover' in globals()").result == .value(.bool(false)))
    }

    @Test("a registered module is importable and reports errors at load")
    func modules() throws {
        let name = "rex_test_module_\(UInt32.random(in: 0...UInt32.max))"
        try python.registerModule(name: name, source: "def twice(x):\n    return 2 * x\n")
        #expect(try python.run(code: "import \(name)\nresult = \(name).twice(21)").result == .value(.int(42)))
        let error = try #require(throws: PythonError.self) {
            try python.loadModule(name: name + "_bad", source: "x = 1\nraise ValueError('broken runtime')\n", fileName: "bad.py")
        }
        #expect(error.traceback.contains("File \"bad.py\", line 2"))
        #expect(error.message == "broken runtime")
    }

    @Test("the prelude's runtime is importable as _rex")
    func runtimeModule() throws {
        #expect(try python.run(code: "import _rex\nresult = _rex.__file__").result == .value(.text("rex_runtime.py")))
    }
}
