import Foundation
import RexCompiler
import RexData
import RexImage
import RexLanguage
import RexODBC
@testable import RexRuntime
import RexTestSupport
import Testing

/// Tables the server-Python goldens read: `iris_data` (the iris sample as written by
/// `-> table`) and `events` (a datetime column, which external scripts cannot read as is).
private struct ServerPythonTables: SchemaProvider {
    static let iris = Schema([Field("Sepal_Length", .float), Field("Sepal_Width", .float), Field("Petal_Length", .float),
                              Field("Petal_Width", .float), Field("Species", .text)])
    static let events = Schema([Field("id", .int), Field("at", .datetime), Field("flag", .bool), Field("note", .text)])

    func tableSchema(_ nameParts: [String]) throws -> Schema? {
        switch nameParts.last {
        case "iris_data": return Self.iris
        case "events": return Self.events
        default: return nil
        }
    }
    func tableNames() -> [String] { ["iris_data", "events"] }
    func sqlSchema(_ query: String) throws -> Schema { Self.iris }
    func csvSchema(path: String, separator: String) throws -> Schema { Self.iris }
}

/// The server-Python forms the goldens keep: `name` → pipeline (and its script variables).
private let serverPythonCases: [(name: String, rex: String, variables: [String: String])] = [
    ("plot_matrix", "table iris_data | plot matrix", [:]),
    ("plot_scatter_color", "table iris_data | filter Species != \"setosa\" | plot scatter Sepal_Length Petal_Length color=Species title=\"Iris: it's N'GO'\"", [:]),
    ("plot_hist", "table iris_data | plot hist Sepal_Width bins=20", [:]),
    ("plot_box_by", "table iris_data | plot box Petal_Length by=Species", [:]),
    ("python_table", "table iris_data | python \"\"\"\nresult = df.groupby(\"Species\").size().reset_index(name=\"n\")\n\"\"\"", [:]),
    ("python_value", "table iris_data | python \"\"\"\nresult = float(df[\"Sepal_Length\"].mean())\n\"\"\"", [:]),
    ("python_figure", """
     table iris_data | python \"\"\"
     import matplotlib
     matplotlib.use("Agg")
     import matplotlib.pyplot as plt
     fig = plt.figure(figsize=(4, 3))
     fig.add_subplot(1, 1, 1).plot(df["Sepal_Length"], df["Petal_Length"], "o")
     print("points:", len(df))
     result = fig
     \"\"\"
     """, [:]),
    ("python_variables", "table iris_data | python \"\"\"\nresult = df[df[\"Species\"] == $(species)].head($(n))\n\"\"\"",
     ["species": "it's \"virginica\"", "n": "3"]),
    ("python_datetime_sorted", "table events | sort at | python \"\"\"\nresult = df\n\"\"\"", [:]),
]

@Suite("Server Python on SQL Server (sp_execute_external_script)", .serialized)
struct SQLServerPythonTests {
    static var goldenDirectory: URL { TestEnvironment.packageRoot.appendingPathComponent("Tests/golden/server_python") }

    /// The input relation and step of `rex` (which ends in `plot` or `python`).
    static func step(_ rex: String, variables: [String: String] = [:]) throws -> (input: Relation, step: AnalyticStep) {
        let session = try Session()
        let parsed = parsePipeline(rex, variables: ScriptVariables(variables))
        let pipeline = try #require(parsed.pipeline, "\(parsed.diagnostics)")
        let relation = try session.compiler.resolve(pipeline, provider: ServerPythonTables())
        guard case .analytic(let input, let step) = ServerExecutor.route(relation) else {
            throw RuntimeError("\(rex) does not end in a server-Python step")
        }
        return (input, step)
    }

    /// What `:sql` shows for `rex` in `dialect`.
    static func statement(_ rex: String, variables: [String: String] = [:], dialect: SQLDialect) throws -> String {
        let (input, step) = try step(rex, variables: variables)
        return try ServerPython.statement(input, step: step, generator: SQLGenerator(dialect: dialect))
    }

    @Test("the T-SQL batch and the PL/Python call of every server-Python form match Tests/golden/server_python")
    func goldens() throws {
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
        for testCase in serverPythonCases {
            for dialect in [SQLDialect.tsql, .postgres] {
                let text = try Self.statement(testCase.rex, variables: testCase.variables, dialect: dialect) + "\n"
                let file = Self.goldenDirectory.appendingPathComponent("\(testCase.name).\(dialect.name).sql")
                let stored = try? String(contentsOf: file, encoding: .utf8)
                if record || stored == nil { try text.write(to: file, atomically: true, encoding: .utf8) }
                #expect(record || stored != nil, "golden file \(file.lastPathComponent) was missing; it has been written: review and commit it")
                if !record, let stored { #expect(stored == text, "\(testCase.name) in \(dialect.name) differs from \(file.lastPathComponent)") }
            }
        }
    }

    @Test("every batch parses with sqlglot, passes the T-SQL lint (its input query too) and has no WITH RESULT SETS")
    func batchesPassTheLint() throws {
        let directory = TestEnvironment.temporaryDirectory()
        var paths: [String] = []
        for testCase in serverPythonCases {
            let batch = try Self.statement(testCase.rex, variables: testCase.variables, dialect: .tsql)
            #expect(!batch.contains("RESULT SETS"))
            let path = directory.appendingPathComponent("\(testCase.name).tsql.sql").path
            try batch.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let lint = TestEnvironment.packageRoot.appendingPathComponent("Tests/tools/tsql_lint.py").path
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", lint] + paths)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("OK ") }.count == paths.count)
    }

    @Test(":sql tsql of a pipeline ending in plot prints the whole batch; sqlite has no server Python")
    func sqlCommand() throws {
        let session = try Session()
        try session.connections.connect(TestEnvironment.sqliteDatabase().connectionString)
        _ = try runStatements("sample iris -> table iris_data", in: session)
        let pipeline = try #require(parsePipeline("table iris_data | plot matrix").pipeline)
        let shown = try session.compileSQL(pipeline, dialect: "tsql")
        let golden = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("plot_matrix.tsql.sql"), encoding: .utf8)
        #expect(shown + "\n" == golden)
        #expect(throws: RuntimeError.self) { _ = try session.compileSQL(pipeline, dialect: nil) }
    }

    @Test("user code inside N'…' reads back exactly: quotes, N' sequences, non-BMP text, GO lines, ]], scripts over 4000 and 8000 characters")
    func escapingProperty() throws {
        let pieces = ["'", "''", "N'", "N''x'", "\n", "\r\n", "\nGO\n", "GO", "]]", "[", "\"", "\\", "\\'", "--", "/*", "*/", ";",
                      "😀", "𝄞", "é", "\u{301}", "\u{2028}", "\t", "x = 1", "print('a')", " ", "$", "@script = N'"]
        var generator = TestRandom(seed: 0x5eed)
        var codes: [String] = pieces
        for _ in 0..<120 {
            let count = Int(generator.next() % 40) + 1
            codes.append((0..<count).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined())
        }
        codes.append(String(repeating: "x = 'N''GO'\n", count: 400))        // > 4000 characters
        codes.append(String(repeating: "s = \"😀'\"\nGO\n", count: 800))    // > 8000 characters, non-BMP
        let (input, _) = try Self.step("table iris_data | plot matrix")
        var cases: [[String: Any]] = []
        for code in codes {
            let step = AnalyticStep.python(PythonBlock(code: code, firstLine: 1))
            let query = try ServerPython.inputQuery(input, generator: SQLGenerator(dialect: .tsql)) + " WHERE N'" + "x" + "' = " + SQLDialect.tsql.quoteString(code)
            let batch = try SQLServerPython.batch(input, step: step, inputQuery: query)
            let script = SQLServerPythonBatch.script(runtime: try ServerPythonFunction.runtime, code: code, firstLine: 1,
                                                     variables: [:], schema: input.schema)
            cases.append(["batch": batch, "expected": ["script": script, "input_data_1": query]])
        }
        #expect(codes.contains { $0.utf16.count > 8000 })
        let file = TestEnvironment.temporaryDirectory().appendingPathComponent("literals.json")
        try JSONSerialization.data(withJSONObject: cases).write(to: file)
        let checker = TestEnvironment.packageRoot.appendingPathComponent("Tests/tools/check_tsql_literals.py").path
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", checker, file.path])
        #expect(result.status == 0 && result.stdout.hasPrefix("OK \(cases.count)"), "\(result.stdout)\(result.stderr)")
        // Every user-code line is inside a Python string literal: no line of the script is a bare GO.
        for item in cases {
            let expected = try #require(item["expected"] as? [String: String])
            let script = try #require(expected["script"])
            #expect(!script.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).uppercased() == "GO" })
        }
    }

    // MARK: - The script in a local Python, fed like SQL Server's InputDataSet

    /// Runs `rex`'s @script in /usr/bin/python3 on `rows` typed like InputDataSet (`sqlTypes`)
    /// and decodes what it leaves in @meta, @png and OutputDataSet as rex does.
    private func runLocally(_ rex: String, variables: [String: String] = [:], sqlTypes: [String], rows: [[Any]],
                            file: String = #fileID) throws -> StatementResult {
        let (input, step) = try Self.step(rex, variables: variables)
        let (code, vars) = try ServerPython.code(of: step)
        let script = SQLServerPythonBatch.script(runtime: try ServerPythonFunction.runtime, code: code,
                                                 firstLine: ServerPython.firstLine(of: step),
                                                 variables: ServerPython.variableValues(vars), schema: input.schema)
        let directory = TestEnvironment.temporaryDirectory()
        let scriptFile = directory.appendingPathComponent("script.py"), inputFile = directory.appendingPathComponent("input.json")
        try script.write(to: scriptFile, atomically: true, encoding: .utf8)
        let columns = zip(input.schema.names, sqlTypes).map { [$0, $1] }
        try JSONSerialization.data(withJSONObject: ["columns": columns, "rows": rows]).write(to: inputFile)
        let harness = TestEnvironment.packageRoot.appendingPathComponent("Tests/tools/run_external_script.py").path
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/python3"), [harness, scriptFile.path, inputFile.path])
        guard result.status == 0, let out = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else {
            throw RuntimeError("the script failed locally: \(result.stderr)")
        }
        var outcomes: [StatementOutcome] = []
        if let output = out["output"] as? [String: Any], let names = output["columns"] as? [String], let cells = output["rows"] as? [[Any]] {
            let columns = names.indices.map { index in
                Column(type: .text, values: cells.map { ($0[index] as? String).map(Value.text) ?? .null })
            }
            outcomes.append(.rows(Table(schema: Schema(names.map { Field($0, .text) }), columns: columns)))
        }
        let png = (out["png"] as? String).flatMap { Data(base64Encoded: $0) }
        let metaTable = Table(schema: Schema([Field("meta", .text), Field("png", .bytes)]), columns: [
            Column(type: .text, values: [(out["meta"] as? String).map(Value.text) ?? .null]),
            Column(type: .bytes, values: [png.map { Value.bytes(Array($0)) } ?? .null]),
        ])
        outcomes.append(.rows(metaTable))
        return try SQLServerPython.decode(outcomes, printed: "", pipelineText: rex, server: "mssql")
    }

    private static var irisRows: [[Any]] {
        let iris = SampleData.table(named: "iris")!
        return (0..<iris.rowCount).map { index in
            iris.row(index).map { value -> Any in
                switch value {
                case .float(let number): return number
                case .text(let text): return text
                default: return NSNull()
                }
            }
        }
    }

    private static let irisTypes = ["float", "float", "float", "float", "nvarchar"]

    @Test("plot matrix and a python figure give a valid PNG from the script run locally")
    func localImages() throws {
        let matrix = try runLocally("table iris_data | plot matrix", sqlTypes: Self.irisTypes, rows: Self.irisRows)
        guard case .image(let image) = matrix.outcome else { Issue.record("expected an image, got \(matrix.outcome)"); return }
        #expect(image.width == 960 && image.height == 960)
        let figure = try runLocally(serverPythonCases[6].rex, sqlTypes: Self.irisTypes, rows: Self.irisRows)
        guard case .image(let small) = figure.outcome else { Issue.record("expected an image, got \(figure.outcome)"); return }
        #expect(small.width == 400 && small.height == 300)
        #expect(figure.printed == "points: 150\n")
    }

    @Test("a python table, value and script variables come back exact from the script run locally")
    func localTablesAndValues() throws {
        let counted = try runLocally(serverPythonCases[4].rex, sqlTypes: Self.irisTypes, rows: Self.irisRows)
        guard case .table(let rows, _) = counted.outcome else { Issue.record("expected a table"); return }
        let table = try rows.collect()
        #expect(table.schema.names == ["Species", "n"])
        #expect(table.schema.fields.map(\.type) == [.text, .int])
        #expect((0..<table.rowCount).map { table.row($0) } == [[.text("setosa"), .int(50)], [.text("versicolor"), .int(50)], [.text("virginica"), .int(50)]])

        let mean = try runLocally(serverPythonCases[5].rex, sqlTypes: Self.irisTypes, rows: Self.irisRows)
        guard case .value(let value) = mean.outcome else { Issue.record("expected a value"); return }
        let expected = Self.irisRows.map { $0[0] as? Double ?? 0 }.reduce(0, +) / 150
        if case .float(let got) = value { #expect(abs(got - expected) < 1e-12) } else { Issue.record("expected a float, got \(value)") }

        let rows3: [[Any]] = [[1.0, 2.0, 3.0, 4.0, "it's \"virginica\""], [1.5, 2.5, 3.5, 4.5, "it's \"virginica\""], [9.0, 9.0, 9.0, 9.0, "other"]]
        let filtered = try runLocally(serverPythonCases[7].rex, variables: serverPythonCases[7].variables, sqlTypes: Self.irisTypes, rows: rows3)
        guard case .table(let picked, _) = filtered.outcome else { Issue.record("expected a table"); return }
        #expect(try picked.collect().rowCount == 2)
    }

    @Test("bigint (float64, NULL as NaN), bit with NULLs, ISO datetimes with offsets: the frame is typed as on PostgreSQL; rows come back exact")
    func localTypes() throws {
        let rows: [[Any]] = [
            [9_007_199_254_740_992 as Int64, "2024-01-31T10:11:12.123+00:00", true, "a'b"],
            [NSNull(), NSNull(), NSNull(), NSNull()],
            [-3, "2024-02-29T23:00:00.000+02:00", false, "😀"],
        ]
        let result = try runLocally("table events | python \"\"\"\nprint(str(df.dtypes['id']), str(df.dtypes['at']))\nresult = df\n\"\"\"",
                                    sqlTypes: ["bigint", "nvarchar", "bit", "nvarchar"], rows: rows)
        guard case .table(let rowsOut, _) = result.outcome else { Issue.record("expected a table"); return }
        let table = try rowsOut.collect()
        #expect(result.printed == "float64 datetime64[ns]\n")   // a NULL id keeps the column float, as on PostgreSQL
        #expect(table.schema.fields.map(\.type) == [.float, .datetime, .bool, .text])
        #expect(table.row(0)[0] == .float(9_007_199_254_740_992))
        #expect(table.row(1) == [.null, .null, .null, .null])
        #expect(table.row(2)[3] == .text("😀"))
        #expect(table.row(2)[1] == (CSVReader.parseDateTime("2024-02-29T21:00:00").map(Value.datetime) ?? .null))
        let exact = try runLocally("table events | select id | python \"\"\"\nresult = df\n\"\"\"",
                                   sqlTypes: ["bigint"], rows: [[9_007_199_254_740_992 as Int64], [-3]])
        guard case .table(let ids, _) = exact.outcome else { Issue.record("expected a table"); return }
        let idTable = try ids.collect()
        #expect(idTable.schema.fields.map(\.type) == [.int])
        #expect(idTable.row(0) == [.int(9_007_199_254_740_992)] && idTable.row(1) == [.int(-3)])
    }

    @Test("an error in the block comes back as a traceback with the script's line numbers, not the wrapper's")
    func localError() throws {
        let rex = "table iris_data | python \"\"\"\nx = 1\ny = undefined_name + x\n\"\"\""
        let error = #expect(throws: RuntimeError.self) {
            _ = try runLocally(rex, sqlTypes: Self.irisTypes, rows: Self.irisRows)
        }
        let message = error?.message ?? ""
        #expect(message.contains("line 3"), "\(message)")
        #expect(message.contains("y = undefined_name + x"))
        #expect(message.contains("NameError"))
        #expect(!message.contains("rex_server") && !message.contains("sqlserver_main"))
        let syntax = #expect(throws: RuntimeError.self) {
            _ = try runLocally("table iris_data | python \"\"\"\nx = (\n\"\"\"", sqlTypes: Self.irisTypes, rows: Self.irisRows)
        }
        #expect(syntax?.message.contains("SyntaxError") == true)
    }

    // MARK: - Live (REX_TEST_MSSQL)

    @Test("on a live SQL Server with Machine Learning Services: plot matrix and a python block over iris_data")
    func live() throws {
        guard let connectionString = ProcessInfo.processInfo.environment["REX_TEST_MSSQL"], !connectionString.isEmpty else {
            print("skipped: REX_TEST_MSSQL is not set (server Python on SQL Server)")
            return
        }
        let session = try Session()
        try session.connections.connect(connectionString)
        _ = try runStatements("sample iris -> table iris_data replace", in: session)
        session.context = .server
        let source = "table iris_data | plot matrix"
        let parsed = parse(source)
        let outcome = try session.execute(try #require(parsed.statements.first), source: source).outcome
        guard case .image(let image) = outcome else { Issue.record("expected an image, got \(outcome)"); return }
        #expect(image.width == 960 && image.height == 960)
        let python = serverPythonCases[4].rex
        let counted = try #require(try runStatements(python, in: session))
        #expect(counted.schema.names == ["Species", "n"])
        #expect((0..<counted.rowCount).map { counted.row($0) } == [[.text("setosa"), .int(50)], [.text("versicolor"), .int(50)], [.text("virginica"), .int(50)]])
        // The batch that ran is the one :sql shows (and the golden holds).
        let pipeline = try #require(parsePipeline(source).pipeline)
        let golden = try String(contentsOf: Self.goldenDirectory.appendingPathComponent("plot_matrix.tsql.sql"), encoding: .utf8)
        #expect(try session.compileSQL(pipeline, dialect: nil) + "\n" == golden)
        let failing = #expect(throws: RuntimeError.self) {
            _ = try runStatements("table iris_data | python \"\"\"\nx = 1\ny = undefined_name + x\n\"\"\"", in: session)
        }
        #expect(failing?.message.contains("line 3") == true)
    }
}
