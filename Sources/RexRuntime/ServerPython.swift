import Foundation
import RexCompiler
import RexData
import RexImage
import RexLanguage
import RexODBC
import RexPrelude

/// One `plot` or `python` step run where the data lives (SPEC §3, server Python):
/// the input query's rows go into the server's Python, and only the result — a PNG,
/// a small table or a value — comes back. PostgreSQL runs it with plpython3u through
/// `rex.run(text)` when an administrator installed it (`:server install`), else a
/// function created in `pg_temp` (superuser only); `ServerPythonFunction` checks which.
/// SQL Server runs it with `sp_execute_external_script` (`SQLServerPython`).
struct ServerPython {
    let session: Session
    let connection: NamedConnection

    /// Whether `kind` runs server Python in this build; the error says what to do instead.
    static func checkAvailable(on kind: ServerKind) throws {
        switch kind {
        case .postgres, .sqlServer:
            return
        case .sqlite:
            throw RuntimeError("SQLite has no server Python to run this step",
                               help: "switch with :context local (the rows come to rex and the step runs here)")
        case .other(let name):
            throw RuntimeError("\(name) has no server Python rex knows", help: "switch with :context local")
        }
    }

    /// The Python the server runs for `step` (its frame is `df`), and the block's script variables.
    static func code(of step: AnalyticStep) throws -> (code: String, variables: [String: String]) {
        switch step {
        case .plot(let kind, let arguments, let options):
            let optionItems = options.keys.sorted().map { PythonLiteral.string($0) + ": " + PythonLiteral.value(options[$0] ?? .null) }
            return ("result = plot(df, \(PythonLiteral.string(kind)), \(PythonLiteral.stringList(arguments)), {\(optionItems.joined(separator: ", "))})\n", [:])
        case .python(let block):
            return (block.runnableCode, block.variables)
        case .summary, .linmod:
            throw RuntimeError("summary and linmod run as SQL on the server, not as server Python")
        }
    }

    /// The script line of the step's first code line (1 for a plot), for tracebacks.
    static func firstLine(of step: AnalyticStep) -> Int {
        if case .python(let block) = step { return block.firstLine }
        return 1
    }

    /// The block's script variables as data: an int or a text each.
    static func variableValues(_ variables: [String: String]) -> [String: Value] {
        variables.mapValues { ScriptVariables.literal($0) }
    }

    /// The input query as the server's Python runs it, as text.
    func inputQuery(_ input: Relation) throws -> String {
        try Self.inputQuery(input, generator: session.sqlGenerator(for: input, on: connection))
    }

    /// The input query compiled by `generator`, as text: script variables of its sql sources
    /// are written as literals of the dialect there (right under any
    /// standard_conforming_strings on PostgreSQL). On SQL Server it is the query external
    /// scripts can read (`SQLServerPythonBatch.readableInput`).
    static func inputQuery(_ input: Relation, generator: SQLGenerator) throws -> String {
        let dialect = generator.dialect
        let readable = dialect.name == SQLDialect.tsql.name ? SQLServerPythonBatch.readableInput(input) : input
        return SQLStatement.inlining(try generator.generate(readable)) { value in
            if case .int(let number) = value { return String(number) }
            if case .text(let text) = value { return dialect.quoteString(text) }
            return dialect.quoteString(value.description)
        }
    }

    /// What runs on the server for `step` over `input`, as `:sql` shows it: the T-SQL batch
    /// on SQL Server, the call of the PL/Python function (`rex.run`) on PostgreSQL.
    static func statement(_ input: Relation, step: AnalyticStep, generator: SQLGenerator) throws -> String {
        let query = try inputQuery(input, generator: generator)
        switch generator.dialect.name {
        case SQLDialect.tsql.name:
            return try SQLServerPython.batch(input, step: step, inputQuery: query)
        case SQLDialect.postgres.name:
            return try postgresCall(function: ServerPythonFunction.name, input: input, step: step, inputQuery: query)
        default:
            throw RuntimeError("\(generator.dialect.name) has no server Python: plot and python steps run locally there")
        }
    }

    /// `SELECT function('<spec JSON>'::text) AS payload`: the step travels as data; the
    /// runtime that runs it is the one in the function.
    static func postgresCall(function: String, input: Relation, step: AnalyticStep, inputQuery: String) throws -> String {
        let (code, variables) = try code(of: step)
        // The block's script variables are data: the dict `rexvars` (an int or a str each).
        let rexvars = variableValues(variables).mapValues { value -> Any in
            if case .int(let number) = value { return NSNumber(value: number) }
            if case .text(let text) = value { return text }
            return value.description
        }
        return try postgresCall(function: function, code: code, variables: rexvars, inputQuery: inputQuery, schema: input.schema)
    }

    /// The call of `function` running `code` on the rows of `inputQuery` (columns `schema`),
    /// with `variables` as the dict `rexvars`: the spec the runtime reads, as one JSON text.
    static func postgresCall(function: String, code: String, variables: [String: Any], inputQuery: String,
                             schema: Schema) throws -> String {
        let spec: [String: Any] = ["version": try ServerPythonFunction.version, "code": code, "query": inputQuery, "variables": variables,
                                   "columns": schema.names, "types": schema.fields.map(\.type.rawValue)]
        let specText = String(decoding: try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys]), as: UTF8.self)
        return "SELECT \(function)(\(SQLDialect.postgres.quoteString(specText))::text) AS payload"
    }

    func run(_ input: Relation, step: AnalyticStep, pipelineText: String) throws -> StatementResult {
        try Self.checkAvailable(on: connection.connection.serverKind)
        // Once per session and connection: a missing piece is named, with its fix, before any step runs.
        try session.ensureServerPython(on: connection)
        if connection.connection.serverKind == .sqlServer {
            return try SQLServerPython(session: session, connection: connection).run(input, step: step, pipelineText: pipelineText)
        }
        let query = try inputQuery(input)
        let function = try ServerPythonFunction.resolve(on: connection.connection)
        let sql = try Self.postgresCall(function: function, input: input, step: step, inputQuery: query)
        if session.settings.echo { session.echo("-- server Python on \(connection.name)\n" + (try Self.code(of: step).code) + "-- input: " + query) }
        let table = try connection.fetchAll(sql)
        guard table.rowCount == 1, case .bytes(let bytes) = table.columns[0][0] else {
            throw RuntimeError("the server's Python returned no result")
        }
        return try decode(Data(bytes), pipelineText: pipelineText)
    }

    private func decode(_ payload: Data, pipelineText: String) throws -> StatementResult {
        guard let object = try JSONSerialization.jsonObject(with: payload) as? [String: Any], let kind = object["kind"] as? String else {
            throw RuntimeError("the server's Python returned an unreadable payload")
        }
        let printed = object["printed"] as? String ?? ""
        switch kind {
        case "image":
            guard let text = object["png"] as? String, let png = Data(base64Encoded: text) else { throw RuntimeError("the server sent a broken image") }
            let image = try ImageResult(png: png, pipeline: pipelineText, context: "server (\(connection.name))")
            return StatementResult(printed: printed, outcome: .image(image))
        case "table":
            let names = object["columns"] as? [String] ?? []
            let types = (object["types"] as? [String] ?? []).map { DataType(rawValue: $0) ?? .text }
            let rows = object["rows"] as? [[Any]] ?? []
            let columns = types.enumerated().map { index, type in
                Column(type: type, values: rows.map { Self.value($0.count > index ? $0[index] : NSNull(), as: type) })
            }
            let table = Table(schema: Schema(zip(names, types).map { Field($0, $1) }), columns: columns)
            return StatementResult(printed: printed, outcome: .table(ResultRows(table), kind: .plain))
        case "value":
            let type = DataType(rawValue: object["type"] as? String ?? "text") ?? .text
            return StatementResult(printed: printed, outcome: .value(Self.value(object["value"] ?? NSNull(), as: type)))
        default:
            return StatementResult(printed: printed, outcome: .none)
        }
    }

    /// A JSON value of the payload as a rex value of `type`.
    static func value(_ any: Any, as type: DataType) -> Value {
        if any is NSNull { return .null }
        switch type {
        case .int: return (any as? NSNumber).map { .int($0.int64Value) } ?? .null
        case .float: return (any as? NSNumber).map { .float($0.doubleValue) } ?? .null
        case .bool: return (any as? NSNumber).map { .bool($0.boolValue) } ?? .null
        case .datetime: return (any as? String).flatMap(CSVReader.parseDateTime).map(Value.datetime) ?? .null
        default: return (any as? String).map(Value.text) ?? .text("\(any)")
        }
    }
}
