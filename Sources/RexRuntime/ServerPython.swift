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
struct ServerPython {
    let session: Session
    let connection: NamedConnection

    /// Whether `kind` runs server Python in this build; the error says what to do instead.
    static func checkAvailable(on kind: ServerKind) throws {
        switch kind {
        case .postgres:
            return
        case .sqlite:
            throw RuntimeError("SQLite has no server Python to run this step",
                               help: "switch with :context local (the rows come to rex and the step runs here)")
        case .sqlServer:
            throw RuntimeError("server Python on SQL Server (sp_execute_external_script) is not available in this build yet",
                               help: "switch with :context local to run the step here")
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

    /// The input query as the server's Python runs it, as text: script variables of its sql
    /// sources are written as literals there, right under any standard_conforming_strings.
    func inputQuery(_ input: Relation) throws -> String {
        let compiled = try session.sqlGenerator(for: input, on: connection).generate(input)
        return SQLStatement.inlining(compiled) { value in
            if case .int(let number) = value { return String(number) }
            if case .text(let text) = value { return SQLQuoting.postgresString(text) }
            return SQLQuoting.postgresString(value.description)
        }
    }

    func run(_ input: Relation, step: AnalyticStep, pipelineText: String) throws -> StatementResult {
        try Self.checkAvailable(on: connection.connection.serverKind)
        // Once per session and connection: a missing piece is named, with its fix, before any step runs.
        try session.ensureServerPython(on: connection)
        let (code, variables) = try Self.code(of: step)
        let query = try inputQuery(input)
        // The block's script variables are data: the dict `rexvars` (an int or a str each).
        let rexvars = variables.mapValues { value -> Any in
            if case .int(let number) = ScriptVariables.literal(value) { return NSNumber(value: number) }
            return value
        }
        // The step travels as data; the runtime that runs it is the one in the function.
        let spec: [String: Any] = ["version": try ServerPythonFunction.version, "code": code, "query": query, "variables": rexvars,
                                   "columns": input.schema.names, "types": input.schema.fields.map(\.type.rawValue)]
        let specText = String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)
        let function = try ServerPythonFunction.resolve(on: connection.connection)
        let sql = "SELECT \(function)(\(SQLDialect.postgres.quoteString(specText))::text) AS payload"
        if session.settings.echo { session.echo("-- server Python on \(connection.name)\n" + code + "-- input: " + query) }
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
                Column(type: type, values: rows.map { value($0.count > index ? $0[index] : NSNull(), as: type) })
            }
            let table = Table(schema: Schema(zip(names, types).map { Field($0, $1) }), columns: columns)
            return StatementResult(printed: printed, outcome: .table(ResultRows(table), kind: .plain))
        case "value":
            let type = DataType(rawValue: object["type"] as? String ?? "text") ?? .text
            return StatementResult(printed: printed, outcome: .value(value(object["value"] ?? NSNull(), as: type)))
        default:
            return StatementResult(printed: printed, outcome: .none)
        }
    }

    private func value(_ any: Any, as type: DataType) -> Value {
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
