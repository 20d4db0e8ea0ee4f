import Foundation
import RexCompiler
import RexData
import RexImage
import RexODBC

/// Runs one `plot` or `python` step on SQL Server with `sp_execute_external_script`
/// (SPEC §3) and reads back what it made: the batch is `SQLServerPythonBatch`'s; the table
/// rows arrive as the script's result set (every cell as text), their column names and rex
/// types, a value, or the step's error in `@meta` (JSON), a PNG in `@png`.
///
/// SQL Server rules met here: what the script prints to stdout is captured by the runtime
/// (it is in `@meta`); anything else the external runtime writes arrives as informational
/// messages headed "STDOUT message(s) from external script:" (or STDERR), shown as printed
/// output. A failure outside the step's code is "An external script error occurred" (Msg
/// 39004) with the Python traceback in the messages; an error in the step's code is caught
/// by the runtime and comes back in `@meta` with script line numbers.
struct SQLServerPython {
    let session: Session
    let connection: NamedConnection

    /// The batch that runs `step` over `input`, whose compiled (readable, inlined) T-SQL is `inputQuery`.
    static func batch(_ input: Relation, step: AnalyticStep, inputQuery: String) throws -> String {
        let (code, variables) = try ServerPython.code(of: step)
        let script = SQLServerPythonBatch.script(runtime: try ServerPythonFunction.runtime, code: code,
                                                 firstLine: ServerPython.firstLine(of: step),
                                                 variables: ServerPython.variableValues(variables), schema: input.schema)
        return SQLServerPythonBatch.batch(script: script, inputQuery: inputQuery)
    }

    func run(_ input: Relation, step: AnalyticStep, pipelineText: String) throws -> StatementResult {
        let query = try ServerPython(session: session, connection: connection).inputQuery(input)
        let sql = try Self.batch(input, step: step, inputQuery: query)
        if session.settings.echo { session.echo("-- server Python on \(connection.name)\n" + (try ServerPython.code(of: step).code) + "-- input: " + query) }
        let db = connection.connection
        let cancel: @Sendable () -> Void = { db.cancel() }
        let outcomes: [StatementOutcome]
        do {
            outcomes = try InterruptController.shared.run(cancel: cancel) { try db.executeBatch(sql) }
        } catch let error as ODBCError {
            let messages = db.takeMessages().map(\.message)
            throw Self.runError(error, messages: messages)
        }
        let printed = Self.printed(db.takeMessages().map(\.message))
        return try Self.decode(outcomes, printed: printed, pipelineText: pipelineText, server: connection.name)
    }

    /// The result of the batch's outcomes: the last result set is `@meta`, `@png`; a table's
    /// rows are the result set before it. `messages` is the runtime's own output; `server`
    /// names the connection in images and errors.
    static func decode(_ outcomes: [StatementOutcome], printed messages: String, pipelineText: String,
                       server: String) throws -> StatementResult {
        let tables = outcomes.compactMap { outcome -> Table? in
            if case .rows(let table) = outcome { return table }
            return nil
        }
        guard let last = tables.last, last.schema.names == ["meta", "png"], last.rowCount == 1,
              case .text(let metaText) = last.columns[0][0],
              let meta = try? JSONSerialization.jsonObject(with: Data(metaText.utf8)) as? [String: Any],
              let kind = meta["kind"] as? String else {
            throw RuntimeError("SQL Server's external script returned no result rex can read")
        }
        let printed = (meta["printed"] as? String ?? "") + messages
        switch kind {
        case "error":
            throw RuntimeError("the python step failed on \(server):\n" + (meta["error"] as? String ?? "an unknown error"))
        case "image":
            guard case .bytes(let bytes) = last.columns[1][0] else { throw RuntimeError("the server sent no image") }
            let image = try ImageResult(png: Data(bytes), pipeline: pipelineText, context: "server (\(server))")
            return StatementResult(printed: printed, outcome: .image(image))
        case "table":
            let names = meta["columns"] as? [String] ?? []
            let types = (meta["types"] as? [String] ?? []).map { DataType(rawValue: $0) ?? .text }
            let rows = tables.count >= 2 ? tables[tables.count - 2] : Table(emptyWith: Schema([]))
            let columns = types.indices.map { index in
                Column(type: types[index], values: (0..<rows.rowCount).map { row -> Value in
                    guard index < rows.columns.count, case .text(let text) = rows.columns[index][row] else { return .null }
                    return value(text, as: types[index])
                })
            }
            let table = Table(schema: Schema(zip(names, types).map { Field($0, $1) }), columns: columns)
            return StatementResult(printed: printed, outcome: .table(ResultRows(table), kind: .plain))
        case "value":
            let type = DataType(rawValue: meta["type"] as? String ?? "text") ?? .text
            return StatementResult(printed: printed, outcome: .value(ServerPython.value(meta["value"] ?? NSNull(), as: type)))
        default:
            return StatementResult(printed: printed, outcome: .none)
        }
    }

    /// A result cell (text, as the runtime's `output_cell` writes it) as a value of `type`.
    static func value(_ text: String, as type: DataType) -> Value {
        switch type {
        case .int: return Int64(text).map(Value.int) ?? .null
        case .float: return Double(text).map(Value.float) ?? .null
        case .bool: return .bool(text == "true")
        case .datetime: return CSVReader.parseDateTime(text).map(Value.datetime) ?? .null
        default: return .text(text)
        }
    }

    /// The external runtime's own output: the text of its "STDOUT/STDERR message(s) from
    /// external script" messages, without those headings.
    static func printed(_ messages: [String]) -> String {
        var text = ""
        for message in messages {
            let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let first = lines.first, first.contains("message(s) from external script") else { continue }
            let body = lines.dropFirst().joined(separator: "\n")
            if body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { continue }
            text += body.hasSuffix("\n") ? body : body + "\n"
        }
        return text
    }

    /// What a failed batch means, with what to do: external scripts off, no Machine
    /// Learning Services, or a failure of the script (its traceback from the messages).
    static func runError(_ error: ODBCError, messages: [String]) -> Error {
        if error.isCancelled { return error }
        let all = error.diagnostics.map(\.message) + messages
        let text = all.joined(separator: "\n")
        if text.contains("external scripts enabled") || error.diagnostics.contains(where: { $0.nativeError == 39023 }) {
            return RuntimeError("SQL Server's 'external scripts enabled' option is off, which server Python needs",
                                help: "an administrator runs EXEC sp_configure 'external scripts enabled', 1; RECONFIGURE WITH OVERRIDE; or use :context local")
        }
        if error.diagnostics.contains(where: { $0.nativeError == 2812 }) {
            return RuntimeError("this server has no sp_execute_external_script (SQL Server Machine Learning Services)",
                                help: "server Python needs SQL Server 2017+ with Machine Learning Services (Python); use :context local")
        }
        if text.contains("external script") {
            let detail = all.filter { !$0.contains("message(s) from external script") || $0.contains("Traceback") || $0.contains("Error") }
            return RuntimeError("SQL Server's external script failed:\n" + detail.joined(separator: "\n"),
                                help: "the server's Python needs pandas and matplotlib; or use :context local")
        }
        return error
    }
}
