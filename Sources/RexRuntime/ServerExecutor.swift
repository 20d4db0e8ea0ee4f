import Foundation
import RexCompiler
import RexData
import RexODBC

/// Runs a resolved pipeline in the server context (SPEC §4): relational steps become
/// one SQL statement on the current connection and the result streams back.
struct ServerExecutor {
    let session: Session

    func run(_ relation: Relation, pipelineText: String) throws -> StatementResult {
        let connection = try session.requireConnection(for: "the server context")
        // Local data joined or appended to server data goes to temporary tables first (SPEC §4);
        // they are dropped when the statement ends, however it ends, so its rows are read first.
        let upload = TemporaryUpload(session: session, connection: connection)
        let uploaded = try upload.upload(relation, pipelineText: pipelineText)
        defer { upload.drop(uploaded) }
        let result = try runPlan(uploaded.relation, connection: connection, pipelineText: pipelineText)
        return uploaded.tables.isEmpty ? result : try result.materialized()
    }

    /// How the server context runs a plan whose sources are all on the server; `run` and
    /// `plan` (`:explain`) both follow it.
    enum Route {
        /// `summary`/`linmod` (SQL aggregates) or `plot`/`python` (server Python) at the end
        /// of a plan over server data.
        case analytic(input: Relation, step: AnalyticStep)
        /// Steps after `collect` or an analytic verb run locally on the (small) result of
        /// `serverPart`, which comes back first (SPEC §2).
        case localTail(serverPart: Relation)
        /// One SQL statement; its rows stream back.
        case sql
    }

    static func route(_ relation: Relation) -> Route {
        if case .analytic(let input, let step) = relation.kind, !containsBoundary(input) {
            return .analytic(input: input, step: step)
        }
        if let input = boundaryInput(of: relation) { return .localTail(serverPart: input) }
        return .sql
    }

    /// Runs a plan whose sources are all on `connection` (after `TemporaryUpload`).
    private func runPlan(_ relation: Relation, connection: NamedConnection, pipelineText: String) throws -> StatementResult {
        try checkNoLocalSources(relation)
        switch Self.route(relation) {
        case .analytic(let input, let step):
            let analytics = ServerAnalytics(session: session, connection: connection)
            switch step {
            case .summary(let columns):
                let table = try analytics.summary(input, columns: columns, schema: relation.schema)
                return StatementResult(outcome: .table(ResultRows(table), kind: .summary(columns: columns)))
            case .linmod(let response, let predictors, let intercept):
                let (table, fit) = try analytics.linmod(input, response: response, predictors: predictors, intercept: intercept,
                                                        schema: relation.schema)
                return StatementResult(outcome: .table(ResultRows(table), kind: .linmod(
                    formula: response + " ~ " + predictors.joined(separator: " + ") + (intercept ? "" : " - 1"), fit: fit,
                    context: "server \(connection.name)")))
            case .plot, .python:
                return try ServerPython(session: session, connection: connection).run(input, step: step, pipelineText: pipelineText)
            }
        case .localTail(let serverPart):
            return try runLocalTail(relation, serverPart: serverPart, connection: connection, pipelineText: pipelineText)
        case .sql:
            let sql = try session.sqlGenerator(for: relation, on: connection).generate(relation)
            return StatementResult(outcome: .table(try stream(sql, schema: relation.schema, on: connection), kind: .plain))
        }
    }

    /// Runs compiled `sql` and streams its rows with the rex types of `schema`.
    func stream(_ sql: String, schema: Schema, on connection: NamedConnection) throws -> ResultRows {
        let exact = LocalExecutor(session: session).exactQuery(sql, schema: schema, on: connection)
        if session.settings.echo { session.echo(SQLStatement(compiled: exact).display) }
        let options = FetchOptions(requestedTypes: schema.fields.map(\.type))
        let cancel: @Sendable () -> Void = { connection.connection.cancel() }
        let result = try connection.query(compiled: exact, options: options)
        // The next blocks are fetched (and conformed) while the caller handles this one.
        let prefetch = BlockPrefetch(cancel: cancel) {
            guard let block = try result.nextBlock() else { return nil }
            return try ColumnConversion.conform(block, to: schema)
        }
        return ResultRows(schema: schema) {
            try InterruptController.shared.run(cancel: cancel) { try prefetch.next() }
        }
    }

    /// The SQL `:sql` shows.
    func sql(_ relation: Relation, dialect: SQLDialect) throws -> String {
        try SQLGenerator(dialect: dialect).generate(relation)
    }

    /// A local-only source in the server context is an error that says how to upload it.
    func checkNoLocalSources(_ relation: Relation) throws {
        var problem: String?
        func visit(_ node: Relation) {
            if problem != nil { return }
            switch node.kind {
            case .scan(.csv(let path, _)): problem = "'csv \"\(path)\"'"
            case .scan(.sample(let name)): problem = "'sample \(name)'"
            case .scan(.localData(let name)): problem = "the collected binding '\(name)'"
            case .scan(.python): problem = "a python source"
            case .collect, .analytic: return // what follows runs locally; what precedes is checked there
            default: node.inputs.forEach(visit)
            }
        }
        visit(relation)
        if let problem {
            throw RuntimeError("\(problem) is local data and the context is server",
                               help: "upload it first (… -> table NAME) or switch with :context local")
        }
    }

    /// The name the server part's rows have in the local part of a split plan.
    static let serverResultName = "_rex_server_result"

    /// Runs `serverPart` (the input of the lowest `collect`/analytic step) on the server and
    /// the rest of `relation` locally on the fetched rows.
    private func runLocalTail(_ relation: Relation, serverPart input: Relation, connection: NamedConnection,
                              pipelineText: String) throws -> StatementResult {
        let name = Self.serverResultName
        try checkNoLocalSources(input)
        let sql = try session.sqlGenerator(for: input, on: connection).generate(input)
        let rows = try stream(sql, schema: input.schema, on: connection).collect()
        session.storeLocalData(rows, as: name)
        defer { session.storeLocalData(nil, as: name) }
        let local = try replace(input, in: relation, with: Relation(.scan(.localData(name)), schema: input.schema))
        return try LocalExecutor(session: session).run(local, pipelineText: pipelineText)
    }

    /// The input of the lowest `collect`/analytic step — the part of a plan with such a step
    /// that runs on the server — or nil when the plan has none (all of it runs there).
    static func boundaryInput(of relation: Relation) -> Relation? {
        var boundary: Relation?
        func find(_ node: Relation) {
            switch node.kind {
            case .collect(let input), .analytic(let input, _):
                if boundary == nil && !containsBoundary(input) { boundary = input }
                find(input)
            default:
                node.inputs.forEach(find)
            }
        }
        find(relation)
        return boundary
    }

    private func containsBoundary(_ node: Relation) -> Bool { Self.containsBoundary(node) }

    private static func containsBoundary(_ node: Relation) -> Bool {
        var found = false
        func visit(_ n: Relation) {
            switch n.kind {
            case .collect, .analytic: found = true
            default: n.inputs.forEach(visit)
            }
        }
        visit(node)
        return found
    }

    func replace(_ target: Relation, in node: Relation, with replacement: Relation) throws -> Relation {
        if node == target { return replacement }
        return try rewriteChildren(node, path: []) { child, _ in try replace(target, in: child, with: replacement) }
    }
}
