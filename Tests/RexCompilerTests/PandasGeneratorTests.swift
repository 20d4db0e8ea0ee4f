import Testing
import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexTestSupport

// Small builders of typed IR and a runner that executes generated pandas code
// with the real runtime (prelude/rex_runtime.py) in Debian's /usr/bin/python3.

private func col(_ name: String, _ type: DataType) -> IRExpression { IRExpression(.column(name), type: type) }
private func lit(_ value: Value, _ type: DataType) -> IRExpression { IRExpression(.literal(value), type: type) }
private func int(_ v: Int64) -> IRExpression { lit(.int(v), .int) }
private func text(_ v: String) -> IRExpression { lit(.text(v), .text) }
private func bin(_ op: BinaryOperator, _ l: IRExpression, _ r: IRExpression, _ type: DataType) -> IRExpression {
    IRExpression(.binary(op, l, r), type: type)
}
private func cmp(_ op: BinaryOperator, _ l: IRExpression, _ r: IRExpression) -> IRExpression { bin(op, l, r, .bool) }
private func fn(_ f: ScalarFunction, _ args: [IRExpression], _ type: DataType) -> IRExpression {
    IRExpression(.function(f, args), type: type)
}
private func agg(_ f: AggregateFunction, _ arg: IRExpression?, _ type: DataType) -> IRExpression {
    IRExpression(.aggregate(f, arg), type: type)
}
private func side(_ s: JoinSide, _ name: String, _ type: DataType) -> IRExpression { IRExpression(.sideColumn(s, name), type: type) }

/// A named column of test data.
private struct TestColumn {
    var name: String
    var type: DataType
    var values: [Value]
    init(_ name: String, _ type: DataType, _ values: [Value]) {
        self.name = name
        self.type = type
        self.values = values
    }
}

/// A relation that scans source `source` with these columns.
private func scan(_ columns: [TestColumn], _ source: IRSource = .table(["t"])) -> Relation {
    Relation(.scan(source), schema: Schema(columns.map { Field($0.name, $0.type) }))
}

private extension Relation {
    func filter(_ e: IRExpression) -> Relation { Relation(.filter(self, e), schema: schema) }
    func project(_ items: [NamedExpression]) -> Relation {
        Relation(.project(self, items), schema: Schema(items.map { Field($0.name, $0.expression.type) }))
    }
    func sorted(_ keys: [IRSortKey]) -> Relation { Relation(.sort(self, keys), schema: schema) }
    func limit(_ n: Int64, offset: Int64 = 0) -> Relation { Relation(.limit(self, count: n, offset: offset), schema: schema) }
    func analytic(_ step: AnalyticStep) -> Relation { Relation(.analytic(self, step), schema: Schema([])) }
}

private enum PandasRunError: Error, CustomStringConvertible {
    case failed(status: Int32, stderr: String, code: String)
    var description: String {
        switch self {
        case .failed(let status, let stderr, let code): return "python exited \(status):\n\(stderr)\n--- code ---\n\(code)"
        }
    }
}

/// Python that builds a DataFrame with nullable dtypes from test columns.
private func pythonFrame(_ columns: [TestColumn]) -> String {
    let items = columns.map { column in
        let values = column.values.map(PythonLiteral.value).joined(separator: ", ")
        return PythonLiteral.string(column.name) + ": _rex._typed([" + values + "], "
            + PythonLiteral.string(column.type.rawValue) + ")"
    }
    return "pd.DataFrame({" + items.joined(separator: ", ") + "})"
}

/// Generates code for `relation`, runs it with `sources` as `_rex.source(i)` (and `samples`
/// registered by name), and returns the printed result: a header line of names, a line of
/// dtypes, then one line per row (`NULL` for null, floats by `repr`); `PNG n×m` for images.
private func runPandas(_ relation: Relation, sources: [[TestColumn]] = [], samples: [String: [TestColumn]] = [:],
               bindings: [String: [TestColumn]] = [:]) throws -> String {
    let program = try PandasGenerator().program(relation)
    let runtime = TestEnvironment.packageRoot.appendingPathComponent("prelude/rex_runtime.py").path
    let linearModel = TestEnvironment.packageRoot.appendingPathComponent("prelude/rex_linmod.py").path
    var script = """
    import importlib.util, sys
    import pandas as pd
    for _name, _path in (("_rex", \(PythonLiteral.string(runtime))), ("_rex_linmod", \(PythonLiteral.string(linearModel)))):
        _spec = importlib.util.spec_from_file_location(_name, _path)
        _module = importlib.util.module_from_spec(_spec)
        sys.modules[_name] = _module
        _spec.loader.exec_module(_module)
    _rex = sys.modules["_rex"]

    """
    for (i, columns) in sources.enumerated() {
        script += "\(PandasProgram.inputVariable(i)) = \(pythonFrame(columns))\n"
    }
    for (name, columns) in samples.sorted(by: { $0.key < $1.key }) {
        script += "_rex.register_sample(\(PythonLiteral.string(name)), \(pythonFrame(columns)))\n"
    }
    for (name, columns) in bindings.sorted(by: { $0.key < $1.key }) {
        script += "_rex.register_binding(\(PythonLiteral.string(name)), \(pythonFrame(columns)))\n"
    }
    script += program.code
    script += """
    if isinstance(result, bytes):
        w, h = int.from_bytes(result[16:20], "big"), int.from_bytes(result[20:24], "big")
        print("PNG %dx%d" % (w, h) if result.startswith(b"\\x89PNG\\r\\n\\x1a\\n") else "BYTES")
    elif isinstance(result, pd.DataFrame):
        print("|".join(result.columns))
        print("|".join(str(t) for t in result.dtypes))
        for row in result.astype(object).itertuples(index=False):
            print("|".join("NULL" if _rex.is_na(v) else repr(v) if isinstance(v, float) else str(v) for v in row))
    else:
        print(repr(result))

    """
    let directory = TestEnvironment.temporaryDirectory()
    let path = directory.appendingPathComponent("pipeline.py")
    try script.write(to: path, atomically: true, encoding: .utf8)
    let run = try runProcess(URL(fileURLWithPath: "/usr/bin/python3"), [path.path],
                             environment: ["MPLBACKEND": "Agg", "PYTHONIOENCODING": "utf-8"])
    guard run.status == 0 else { throw PandasRunError.failed(status: run.status, stderr: run.stderr, code: program.code) }
    return run.stdout
}

/// The lines of `runPandas` output after the header and dtype lines, sorted (for unordered results).
private func sortedRows(_ output: String) -> [String] {
    Array(output.split(separator: "\n").dropFirst(2).map(String.init)).sorted()
}

/// Output lines: [header, dtypes, rows…].
private func lines(_ output: String) -> [String] {
    output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter { !$0.isEmpty }
}

// MARK: - Tests

private let data: [TestColumn] = [
    TestColumn("x", .int, [.int(1), .int(-7), .null, .int(7), .int(2)]),
    TestColumn("y", .float, [.float(1.0), .null, .float(-2.5), .float(3.0), .float(0.5)]),
    TestColumn("g", .text, [.text("a"), .text("b"), .null, .text("a"), .text("b")]),
]
private let x = col("x", .int), y = col("y", .float), g = col("g", .text)

@Suite("Pandas generator")
struct PandasGeneratorTests {
    @Test func codeReadsLikeTheExample() throws {
        let iris = scan([TestColumn("Sepal_Length", .float, []), TestColumn("Species", .text, [])], .sample("iris"))
        let plan = Relation(.aggregate(iris.filter(cmp(.equal, col("Species", .text), text("setosa"))), keys: [],
                                       items: [NamedExpression("m", agg(.mean, col("Sepal_Length", .float), .float))]),
                            schema: Schema([Field("m", .float)]))
        let code = try PandasGenerator().generate(plan)
        #expect(code == """
        import _rex
        df = _rex.sample("iris")
        df = df[_rex.true(df["Species"] == "setosa")]
        df = _rex.frame(m=_rex.mean(df["Sepal_Length"]))
        result = df

        """)
    }

    @Test func arithmeticFollowsSQLRules() throws {
        let plan = scan(data).project([
            NamedExpression("x", x),
            NamedExpression("half", bin(.divide, x, int(2), .float)),
            NamedExpression("m", bin(.modulo, x, int(3), .int)),
            NamedExpression("z", bin(.modulo, x, int(0), .int)),
            NamedExpression("r", fn(.round, [bin(.divide, y, lit(.float(4), .float), .float), int(1)], .float)),
            NamedExpression("neg", IRExpression(.unary(.negate, x), type: .int)),
        ])
        let out = lines(try runPandas(plan, sources: [data]))
        #expect(out == [
            "x|half|m|z|r|neg", "Int64|Float64|Int64|Int64|Float64|Int64",
            "1|0.5|1|NULL|0.3|-1",          // 0.25 rounds half away from zero
            "-7|-3.5|-1|NULL|NULL|7",
            "NULL|NULL|NULL|NULL|-0.6|NULL", // -0.625 → -0.6
            "7|3.5|1|NULL|0.8|-7",          // 0.75 → 0.8
            "2|1.0|2|NULL|0.1|-2",          // 0.125 → 0.1
        ])
    }

    @Test func deriveShapedProjectionsUseDeriveAndLongCallsWrap() throws {
        let derived = scan(data).project([
            NamedExpression("x", bin(.add, x, int(1), .int)), NamedExpression("y", y), NamedExpression("g", g),
            NamedExpression("twice", bin(.multiply, y, lit(.float(2), .float), .float)),
        ])
        let code = try PandasGenerator().generate(derived)
        // x is replaced in place: its position is passed along (the executor may not have fetched it).
        #expect(code.contains("df = _rex.derive(\n    df,\n    _order=[\"x\", \"y\", \"g\", \"twice\"],\n    x=_rex.add(df[\"x\"], 1),\n    twice=_rex.mul(df[\"y\"], 2.0),\n)\n"))
        #expect(lines(try runPandas(derived, sources: [data])).prefix(3) == ["x|y|g|twice", "Int64|Float64|string|Float64", "2|1.0|a|2.0"])
        let wide = scan(data).project((1...8).map { NamedExpression("column_number_\($0)", bin(.add, x, int(Int64($0)), .int)) })
        let wrapped = try PandasGenerator().generate(wide)
        #expect(wrapped.contains("df = _rex.select(\n    df,\n    column_number_1=_rex.add(df[\"x\"], 1),\n"))
        #expect(lines(try runPandas(wide, sources: [data]))[2].hasPrefix("2|3|4|5|6|7|8|9"))
    }

    @Test func overflowIsAnError() throws {
        let plan = scan(data).project([NamedExpression("big", bin(.multiply, x, int(Int64.max), .int))])
        #expect(throws: PandasRunError.self) { try runPandas(plan, sources: [data]) }
    }

    @Test func nullLogicInFilters() throws {
        let notIn = scan(data).filter(IRExpression(.inList(x, [int(1), lit(.null, .int)], negated: true), type: .bool))
        #expect(sortedRows(try runPandas(notIn, sources: [data])).isEmpty)
        let isIn = scan(data).filter(IRExpression(.inList(x, [int(1), lit(.null, .int)], negated: false), type: .bool))
        #expect(sortedRows(try runPandas(isIn, sources: [data])) == ["1|1.0|a"])
        // not (x > 1): null x stays out; or with a null side.
        let not = scan(data).filter(IRExpression(.unary(.not, cmp(.greater, x, int(1))), type: .bool))
        #expect(sortedRows(try runPandas(not, sources: [data])) == ["-7|NULL|b", "1|1.0|a"])
        let or = scan(data).filter(bin(.or, cmp(.equal, g, text("a")), cmp(.greater, y, lit(.float(0), .float)), .bool))
        #expect(sortedRows(try runPandas(or, sources: [data])) == ["1|1.0|a", "2|0.5|b", "7|3.0|a"])
        let isNull = scan(data).filter(IRExpression(.isNull(g, negated: false), type: .bool))
        #expect(sortedRows(try runPandas(isNull, sources: [data])) == ["NULL|-2.5|NULL"])
        let constant = scan(data).filter(lit(.bool(false), .bool))
        #expect(sortedRows(try runPandas(constant, sources: [data])).isEmpty)
    }

    @Test func groupedAggregatesWithNullGroupThenSortNullsLast() throws {
        let summarized = Relation(.aggregate(scan(data), keys: [NamedExpression("g", g)], items: [
            NamedExpression("n", agg(.count, nil, .int)),
            NamedExpression("s", agg(.sum, x, .int)),
            NamedExpression("m", agg(.mean, x, .float)),
            NamedExpression("v", agg(.var, y, .float)),
            NamedExpression("rate", bin(.divide, agg(.sum, x, .int), agg(.count, nil, .int), .float)),
            NamedExpression("k", int(1)),
        ]), schema: Schema([]))
        let plan = summarized.sorted([IRSortKey(g, descending: false)])
        #expect(lines(try runPandas(plan, sources: [data])) == [
            "g|n|s|m|v|rate|k", "string|Int64|Int64|Float64|Float64|Float64|Int64",
            "a|2|8|4.0|2.0|4.0|1",
            "b|2|-5|-2.5|NULL|-2.5|1",
            "NULL|1|NULL|NULL|NULL|NULL|1",
        ])
    }

    @Test func aggregatesOverNoRows() throws {
        let plan = Relation(.aggregate(scan(data).filter(lit(.bool(false), .bool)), keys: [], items: [
            NamedExpression("n", agg(.count, nil, .int)),
            NamedExpression("s", agg(.sum, x, .int)),
            NamedExpression("any", agg(.any, cmp(.greater, x, int(0)), .bool)),
            NamedExpression("sd", agg(.sd, y, .float)),
        ]), schema: Schema([]))
        #expect(lines(try runPandas(plan, sources: [data])) == ["n|s|any|sd", "Int64|Int64|boolean|Float64", "0|NULL|NULL|NULL"])
    }

    @Test func computedGroupKey() throws {
        let key = NamedExpression("odd", bin(.modulo, x, int(2), .int))
        let plan = Relation(.aggregate(scan(data), keys: [key], items: [NamedExpression("n", agg(.count, x, .int))]),
                            schema: Schema([])).sorted([IRSortKey(col("odd", .int), descending: true)])
        #expect(lines(try runPandas(plan, sources: [data])).dropFirst(2) == ["1|2", "0|1", "-1|1", "NULL|0"])
    }

    @Test func windowAggregatesRepeatOnEveryRow() throws {
        let plan = Relation(.window(scan(data), partition: ["g"], items: [
            NamedExpression("share", bin(.divide, x, agg(.sum, x, .int), .float)),
            NamedExpression("x", agg(.max, x, .int)),
        ]), schema: Schema([]))
        #expect(lines(try runPandas(plan, sources: [data])) == [
            "x|y|g|share", "Int64|Float64|string|Float64",
            "7|1.0|a|0.125", "2|NULL|b|1.4", "NULL|-2.5|NULL|NULL", "7|3.0|a|0.875", "2|0.5|b|-0.4",
        ])
    }

    @Test func sortDescendingKeepsNullsLastThenTake() throws {
        let sorted = scan(data).sorted([IRSortKey(x, descending: true)])
        #expect(lines(try runPandas(sorted, sources: [data])).dropFirst(2).map { $0.split(separator: "|")[0] }
                == ["7", "2", "1", "-7", "NULL"])
        let page = sorted.limit(2, offset: 1).project([NamedExpression("x", x)])
        #expect(lines(try runPandas(page, sources: [data])) == ["x", "Int64", "2", "1"])
    }

    @Test func joinsNeverMatchNullKeys() throws {
        let left = [TestColumn("k", .int, [.int(1), .int(2), .null]), TestColumn("a", .text, [.text("x"), .text("y"), .text("z")])]
        let right = [TestColumn("k", .int, [.int(1), .null, .int(3)]), TestColumn("b", .text, [.text("p"), .text("q"), .text("r")])]
        let condition = cmp(.equal, side(.this, "k", .int), side(.that, "k", .int))
        let leftJoin = Relation(.join(.left, left: scan(left, .table(["l"])), right: scan(right, .table(["r"])),
                                      condition: condition,
                                      output: [NamedJoinOutput("k", .left("k")), NamedJoinOutput("a", .left("a")),
                                               NamedJoinOutput("b", .right("b"))]), schema: Schema([]))
        #expect(sortedRows(try runPandas(leftJoin, sources: [left, right])) == ["1|x|p", "2|y|NULL", "NULL|z|NULL"])
        let full = Relation(.join(.full, left: scan(left, .table(["l"])), right: scan(right, .table(["r"])),
                                  condition: condition,
                                  output: [NamedJoinOutput("k", .coalesced(left: "k", right: "k")),
                                           NamedJoinOutput("a", .left("a")), NamedJoinOutput("b", .right("b"))]),
                            schema: Schema([]))
        #expect(sortedRows(try runPandas(full, sources: [left, right]))
                == ["1|x|p", "2|y|NULL", "3|NULL|r", "NULL|NULL|q", "NULL|z|NULL"])
        let program = try PandasGenerator().program(full)
        #expect(program.inputs == [.table(["l"]), .table(["r"])])
        #expect(program.code.contains("df = _source0  # table \"l\"\n") && program.code.contains("df2 = _source1  # table \"r\"\n"))
    }

    @Test func joinWithNonEqualityCondition() throws {
        let left = [TestColumn("a", .int, [.int(1), .int(5)])]
        let right = [TestColumn("b", .int, [.int(2), .int(3), .null])]
        let condition = cmp(.less, side(.this, "a", .int), side(.that, "b", .int))
        let plan = Relation(.join(.inner, left: scan(left), right: scan(right, .sample("r")), condition: condition,
                                  output: [NamedJoinOutput("a", .left("a")), NamedJoinOutput("b", .right("b"))]),
                            schema: Schema([]))
        #expect(sortedRows(try runPandas(plan, sources: [left], samples: ["r": right])) == ["1|2", "1|3"])
        #expect(try PandasGenerator().program(plan).samples == ["r"])
    }

    @Test func appendAndDistinct() throws {
        let other = [TestColumn("g", .text, [.text("a"), .null])]
        let plan = Relation(.distinct(Relation(.append(scan(data).project([NamedExpression("g", g)]),
                                                       Relation(.scan(.localData("b")), schema: Schema([Field("g", .text)]))),
                                               schema: Schema([]))), schema: Schema([]))
        #expect(sortedRows(try runPandas(plan, sources: [data], bindings: ["b": other])) == ["NULL", "a", "b"])
    }

    @Test func awkwardNamesAndLiteralsAreExact() throws {
        let names = ["a]b", "x\"; DROP TABLE t; --", "Arr Delay", "_private", "class", "naïve", "back\\slash", "df"]
        let literal = "it's \"quoted\" \\ back\nline\ttab ünï 😀 \u{2028}"
        let columns = names.map { TestColumn($0, .text, [.text(literal), .text("other")]) }
        let source = scan(columns)
        let plan = source.filter(cmp(.equal, col(names[0], .text), text(literal)))
            .project(names.map { NamedExpression($0 + "!", col($0, .text)) } + [NamedExpression("lit", text(literal))])
        let out = try runPandas(plan, sources: [columns])
        #expect(out.hasPrefix(names.map { $0 + "!" }.joined(separator: "|") + "|lit\n"))
        #expect(out.contains(Array(repeating: literal, count: names.count + 1).joined(separator: "|")))
        #expect(!out.contains("other"))
    }

    @Test func functionsAndConversions() throws {
        let s = [TestColumn("s", .text, [.text("  Hello  "), .text("12"), .text("3.5"), .null])]
        let t = col("s", .text)
        let plan = scan(s).project([
            NamedExpression("len", fn(.length, [t], .int)),
            NamedExpression("trim", fn(.trim, [t], .text)),
            NamedExpression("sub", fn(.substr, [t, int(0), int(4)], .text)),
            NamedExpression("i", fn(.toInt, [t], .int)),
            NamedExpression("f", fn(.toFloat, [t], .float)),
            NamedExpression("has", fn(.contains, [t, text("l%")], .bool)),
            NamedExpression("c", fn(.concat, [t, text("!")], .text)),
            NamedExpression("if", fn(.if, [cmp(.equal, t, text("12")), int(1), int(0)], .int)),
            NamedExpression("co", fn(.coalesce, [t, text("none")], .text)),
        ])
        #expect(lines(try runPandas(plan, sources: [s])) == [
            "len|trim|sub|i|f|has|c|if|co", "Int64|string|string|Int64|Float64|boolean|string|Int64|string",
            "9|Hello|  He|NULL|NULL|False|  Hello  !|0|  Hello  ",
            "2|12|12|12|12.0|False|12!|1|12",
            "3|3.5|3.5|NULL|3.5|False|3.5!|0|3.5",
            "NULL|NULL|NULL|NULL|NULL|NULL|NULL|0|none",
        ])
    }

    @Test func datesCompareAndSplit() throws {
        let d = [TestColumn("d", .date, [.date(Int32(CivilDate(year: 2024, month: 1, day: 1).daysSinceEpoch)),
                                         .null, .date(Int32(CivilDate(year: 2024, month: 3, day: 3).daysSinceEpoch))])]
        let dc = col("d", .date)
        let day = lit(.date(Int32(CivilDate(year: 2024, month: 2, day: 1).daysSinceEpoch)), .date)
        let plan = scan(d).project([
            NamedExpression("before", cmp(.less, dc, day)),
            NamedExpression("not_before", IRExpression(.unary(.not, cmp(.less, dc, day)), type: .bool)),
            NamedExpression("wd", fn(.weekday, [dc], .int)),
            NamedExpression("y", fn(.year, [dc], .int)),
        ])
        #expect(lines(try runPandas(plan, sources: [d])).dropFirst(2) == ["True|False|1|2024", "NULL|NULL|NULL|NULL", "False|True|7|2024"])
    }

    @Test func analyticSteps() throws {
        let summary = try runPandas(scan(data).analytic(.summary(columns: ["x", "g"])), sources: [data])
        #expect(lines(summary) == [
            "Name|Level|Count|Mean|StdDev|Min|Max|ValidObs|MissingObs",
            "string|string|Int64|Float64|Float64|Float64|Float64|Int64|Int64",
            "x|NULL|NULL|0.75|\(summarySD)|-7.0|7.0|4|1",
            "g|a|2|NULL|NULL|NULL|NULL|2|1",
            "g|b|2|NULL|NULL|NULL|NULL|2|1",
        ])
        let line = [TestColumn("u", .float, [.float(1), .float(2), .float(3), .float(4)]),
                    TestColumn("v", .float, [.float(3), .float(5), .float(7), .float(9.5)])]
        let model = lines(try runPandas(scan(line).analytic(.linmod(response: "v", predictors: ["u"])), sources: [line]))
        #expect(model.first == "Term|Estimate|StdError|TValue|PValue")
        #expect(model.dropFirst(2).map { String($0.split(separator: "|")[0]) } == ["(Intercept)", "u"])
        let png = try runPandas(scan(data).analytic(.plot(kind: "scatter", arguments: ["x", "y"],
                                                          options: ["width": .int(4), "height": .int(3), "dpi": .int(50),
                                                                    "title": .text("x \"vs\" y")])), sources: [data])
        #expect(png == "PNG 200x150\n")
        let block = PythonBlock(code: "    result = df.assign(z=df[\"x\"] * 10)\n    print(list(df.index))", firstLine: 1)
        let python = scan(data).filter(cmp(.greater, x, int(0))).analytic(.python(block))
            .project([NamedExpression("z", col("z", .int))])
        #expect(lines(try runPandas(python, sources: [data])) == ["[0, 1, 2]", "z", "Int64", "10", "70", "20"])
    }

    @Test func pythonSourceBlock() throws {
        // A plain pandas frame (int64, float64 with NaN) continues with nullable dtypes.
        let block = PythonBlock(code: "import pandas as pd\nresult = pd.DataFrame({'n': [1, 2], 'f': [0.5, float('nan')]})", firstLine: 3)
        let plan = Relation(.scan(.python(block)), schema: Schema([Field("n", .int), Field("f", .float)]))
            .filter(IRExpression(.isNull(col("f", .float), negated: true), type: .bool))
        #expect(lines(try runPandas(plan)) == ["n|f", "Int64|Float64", "1|0.5"])
        let program = try PandasGenerator().program(plan)
        let placement = try #require(program.blocks.first)
        #expect(placement.scriptLine == 3)
        let programLines = program.code.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(programLines[placement.programLine - 1] == "import pandas as pd")
    }
}

/// Sample standard deviation of 1, -7, 7, 2 (mean 0.75), computed here, not by pandas.
private let summarySD: String = {
    let v: [Double] = [1, -7, 7, 2]
    let mean = v.reduce(0, +) / Double(v.count)
    let ss = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +)
    return "\((ss / Double(v.count - 1)).squareRoot())"
}()

@Suite("Python literals")
struct PythonLiteralTests {
    /// Random text with quotes, backslashes, control characters, line separators and
    /// non-ASCII (including astral) characters; deterministic seed.
    private func randomTexts(count: Int) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let pool: [Unicode.Scalar] = ["\"", "'", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{7F}", "\u{85}",
                                      "\u{2028}", "\u{2029}", "\u{FEFF}", "a", "Z", " ", "{", "}", "%", "é", "日", "😀", "\u{10FFFF}"]
        return (0..<count).map { _ in
            var text = String.UnicodeScalarView()
            for _ in 0..<Int(next() % 12) { text.append(pool[Int(next() % UInt64(pool.count))]) }
            return String(text)
        }
    }

    @Test func stringsReadBackExactlyInPython() throws {
        let texts = randomTexts(count: 300) + ["", "x\"; DROP TABLE t; --", "a]b", "\\\\\"", "'''", "\"\"\""]
        let script = "import json, sys\nsys.stdout.write(json.dumps([" + texts.map(PythonLiteral.string).joined(separator: ",\n")
            + "], ensure_ascii=True))\n"
        let directory = TestEnvironment.temporaryDirectory()
        let path = directory.appendingPathComponent("literals.py")
        try script.write(to: path, atomically: true, encoding: .utf8)
        let run = try runProcess(URL(fileURLWithPath: "/usr/bin/python3"), [path.path])
        try #require(run.status == 0, "\(run.stderr)")
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String])
        #expect(decoded == texts)
        #expect(texts.allSatisfy { !PythonLiteral.string($0).contains("\n") })
    }

    @Test func keywordArgumentsOnlyForPlainNames() {
        #expect(PythonLiteral.isPlainKeyword("Sepal_Length"))
        for name in ["class", "_x", "1a", "naïve", "a b", "", "None", "df x"] {
            #expect(!PythonLiteral.isPlainKeyword(name), "\(name)")
        }
        #expect(PythonLiteral.keywordArguments([("a", "1"), ("b c", "2"), ("d e", "3"), ("f", "4")])
                == "a=1, **{\"b c\": 2, \"d e\": 3}, f=4")
    }

    @Test func valuesAreExactPythonExpressions() {
        #expect(PythonLiteral.value(.float(2.675)) == "2.675")
        #expect(PythonLiteral.value(.float(1e-5)) == "1e-05")
        #expect(PythonLiteral.value(.float(.infinity)) == "float(\"inf\")")
        #expect(PythonLiteral.value(.int(Int64.min)) == "-9223372036854775808")
        #expect(PythonLiteral.value(.bool(false)) == "False")
        #expect(PythonLiteral.value(.null) == "_rex.NA")
        #expect(PythonLiteral.value(.bytes([0, 255])) == "b\"\\x00\\xff\"")
        #expect(PythonLiteral.value(.date(0)) == "_rex.date(\"1970-01-01\")")
    }
}
