import Foundation
import RexCompiler
import RexData
import RexLanguage

/// `:explain PIPELINE` (SPEC §4): the plan of a pipeline in the current context, built by
/// the executors' own decisions (which fetches, which uploads, which SQL, which Python) —
/// without running anything on the data.
extension Session {
    /// The plan of `pipeline` in the current context, rendered as a tree.
    public func explain(_ pipeline: Pipeline) throws -> String {
        let relation = try compiler.resolve(pipeline, provider: schemaProvider)
        let plan: PlanStep
        switch context {
        case .local: plan = try LocalExecutor(session: self).plan(relation)
        case .server: plan = try ServerExecutor(session: self).plan(relation)
        }
        return plan.rendered()
    }
}

extension NamedConnection {
    /// `pg (PostgreSQL)`: how a plan names the server it runs on.
    var planName: String {
        switch connection.serverKind {
        case .sqlServer: return "\(name) (SQL Server)"
        case .postgres: return "\(name) (PostgreSQL)"
        case .sqlite: return "\(name) (SQLite)"
        case .other(let dbms): return "\(name) (\(dbms))"
        }
    }
}

/// SQL as a plan shows it: script variables of `sql` sources as `?`, their values after it.
private func shown(_ compiled: String) -> String {
    SQLStatement(compiled: compiled).display
}

extension LocalExecutor {
    /// The plan `run` follows in the local context: the fetch queries `localize` writes
    /// (only the needed columns, filters pushed), the pandas code of the steps, and the
    /// local sources it reads. `replacing` gives the step of a collected binding that
    /// stands for something else (the server part of a split server plan).
    func plan(_ relation: Relation, replacing: [String: PlanStep] = [:]) throws -> PlanStep {
        let plan = try localize(relation)
        if case .scan(let source) = plan.relation.kind, !isPython(source) {
            // A source with no steps is read directly; no Python runs.
            return try sourceStep(source, variable: nil, in: plan, replacing: replacing)
        }
        let program = try PandasGenerator().program(plan.relation)
        var inputs: [PlanStep] = []
        for (index, source) in program.inputs.enumerated() {
            inputs.append(try sourceStep(source, variable: PandasProgram.inputVariable(index), in: plan, replacing: replacing))
        }
        inputs += program.samples.map { PlanStep(.localData, "sample \($0) (built into rex)") }
        inputs += program.bindings.map { name in replacing[name] ?? PlanStep(.localData, "the collected binding '\(name)'") }
        let code = program.code.hasPrefix("import _rex\n") ? String(program.code.dropFirst("import _rex\n".count)) : program.code
        return PlanStep(.localPandas, "in rex's embedded Python", code: code, inputs: inputs)
    }

    /// The step that gives the program one of its inputs (or a plain source's rows).
    private func sourceStep(_ source: IRSource, variable: String?, in plan: LocalPlan,
                            replacing: [String: PlanStep]) throws -> PlanStep {
        let label = variable.map { $0 + " " } ?? ""
        switch source {
        case .sql(let template):
            let connection = try session.requireConnection(for: "a sql source")
            let rules = try connection.passthroughRules(needed: template.hasVariables)
            let sql = try SQLPassthrough.compiled(template, rules: rules)
            let schema = plan.fetchSchemas[template.written] ?? scanSchema(of: source, in: plan.relation)
            return PlanStep(.fetch, label + "from " + connection.planName, code: shown(sql),
                            crossing: schema.map { ($0, .toClient) })
        case .table(let parts):
            let connection = try session.requireConnection(for: "a table source")
            return PlanStep(.fetch, label + "table " + parts.joined(separator: ".") + " from " + connection.planName,
                            crossing: scanSchema(of: source, in: plan.relation).map { ($0, .toClient) })
        case .csv(let path, _):
            return PlanStep(.localData, label + "from csv \(path.debugDescription), read by rex")
        case .sample(let name):
            return PlanStep(.localData, label + "from sample \(name) (built into rex)")
        case .localData(let name):
            return replacing[name] ?? PlanStep(.localData, label + "from the collected binding '\(name)'")
        case .python:
            return PlanStep(.localPandas, label + "from a python block")
        }
    }

    /// The schema of the scan of `source` in `relation`.
    private func scanSchema(of source: IRSource, in relation: Relation) -> Schema? {
        if case .scan(let found) = relation.kind, found == source { return relation.schema }
        for child in relation.inputs {
            if let schema = scanSchema(of: source, in: child) { return schema }
        }
        return nil
    }
}

extension ServerExecutor {
    /// The plan `run` follows in the server context: the uploads of local data
    /// (`TemporaryUpload.uploads`), then the `Route` of what runs on the server.
    func plan(_ relation: Relation) throws -> PlanStep {
        let connection = try session.requireConnection(for: "the server context")
        let dialect = session.dialect(of: connection)
        var serverRelation = relation
        var uploads: [PlanStep] = []
        for (index, part) in TemporaryUpload.uploads(in: relation).enumerated() {
            // The real name is random when it runs (`rex_` and 12 hex digits).
            let name = dialect.temporaryTableName("rex_upload\(index + 1)")
            let detail = "\(TemporaryUpload.displayName(of: part)) to the temporary table \(name) on \(connection.name)"
                + " (at most \(TemporaryUpload.rows(session.settings.uploadLimit)); dropped after the statement)"
            uploads.append(PlanStep(.upload, detail, crossing: (part.schema, .toServer),
                                    inputs: [try LocalExecutor(session: session).plan(part)]))
            serverRelation = try replace(part, in: serverRelation, with: Relation(.scan(.table([name])), schema: part.schema))
        }
        try checkNoLocalSources(serverRelation)
        switch Self.route(serverRelation) {
        case .analytic(let input, let step):
            return try analyticPlan(input, step: step, schema: relation.schema, on: connection, uploads: uploads)
        case .localTail(let serverPart):
            let sql = try session.sqlGenerator(for: serverPart, on: connection).generate(serverPart)
            let exact = LocalExecutor(session: session).exactQuery(sql, schema: serverPart.schema, on: connection)
            let fetch = PlanStep(.fetch, "from " + connection.planName, code: shown(exact),
                                 crossing: (serverPart.schema, .toClient), inputs: uploads)
            let local = try replace(serverPart, in: serverRelation,
                                    with: Relation(.scan(.localData(Self.serverResultName)), schema: serverPart.schema))
            return try LocalExecutor(session: session).plan(local, replacing: [Self.serverResultName: fetch])
        case .sql:
            let sql = try session.sqlGenerator(for: serverRelation, on: connection).generate(serverRelation)
            let exact = LocalExecutor(session: session).exactQuery(sql, schema: serverRelation.schema, on: connection)
            return PlanStep(.serverSQL, "on " + connection.planName, code: shown(exact),
                            crossing: (relation.schema, .toClient), inputs: uploads)
        }
    }

    private func analyticPlan(_ input: Relation, step: AnalyticStep, schema: Schema, on connection: NamedConnection,
                              uploads: [PlanStep]) throws -> PlanStep {
        let generator = try session.sqlGenerator(for: input, on: connection)
        switch step {
        case .summary(let columns):
            let queries = try generator.summaryQueries(input, columns: columns)
            let code = ([queries.numeric].compactMap { $0 } + queries.levels.map(\.sql)).map(shown).joined(separator: "\n\n")
            return PlanStep(.serverAggregates, "summary on \(connection.planName); only the summary rows come back",
                            code: code, crossing: (schema, .toClient), inputs: uploads)
        case .linmod:
            // The passes (text levels, n and means, sums of products, residual checks) are
            // aggregates over this input; their exact SQL depends on the levels found.
            return PlanStep(.serverAggregates,
                            "linmod on \(connection.planName), sums of products over this input; only the sums come back",
                            code: shown(try generator.generate(input)), crossing: (schema, .toClient), inputs: uploads)
        case .plot, .python:
            try ServerPython.checkAvailable(on: connection.connection.serverKind)
            let python = ServerPython(session: session, connection: connection)
            let what = step.isPlot ? "plot" : "python block"
            let query = try python.inputQuery(input)
            let inputStep = PlanStep(.serverSQL, "its input df, run inside the server", code: query, inputs: uploads)
            let back = step.isPlot ? "only the PNG comes back" : "only its result comes back"
            if connection.connection.serverKind == .sqlServer {
                // The whole batch: the runtime, the step as literals and the input query inside it.
                return PlanStep(.serverPython, "\(what) on \(connection.planName) with sp_execute_external_script; \(back)",
                                code: try SQLServerPython.batch(input, step: step, inputQuery: query), inputs: [inputStep])
            }
            return PlanStep(.serverPython, "\(what) on \(connection.planName) with PL/Python; \(back)",
                            code: try ServerPython.code(of: step).code, inputs: [inputStep])
        }
    }
}

private extension AnalyticStep {
    var isPlot: Bool {
        if case .plot = self { return true }
        return false
    }
}
