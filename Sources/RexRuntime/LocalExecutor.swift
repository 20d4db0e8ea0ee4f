import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexImage
import RexODBC
import RexPython
import Synchronization

/// Runs a resolved pipeline in the local context (SPEC §4): `table`/`sql` sources are
/// fetched over ODBC straight into columns — only the columns the pipeline uses, with
/// leading filters that compare no text pushed into the fetch query — and the rest
/// runs as generated pandas code in the embedded interpreter.
struct LocalExecutor {
    let session: Session

    /// The plan as it runs locally: table leaves replaced by their fetch queries.
    struct LocalPlan {
        var relation: Relation
        /// The result types each fetch query is read with (keyed by its SQL text).
        var fetchSchemas: [String: Schema]
    }

    func run(_ relation: Relation, pipelineText: String) throws -> StatementResult {
        // A source with no steps needs no Python (`sample airline -> table t` on a server).
        if case .scan(let source) = relation.kind, !isPython(source) {
            let plan = try localize(relation)
            guard case .scan(let local) = plan.relation.kind else { throw RuntimeError("a plain source did not stay plain") }
            return StatementResult(outcome: .table(ResultRows(try fetch(local, plan: plan)), kind: .plain))
        }
        // Python starts while the inputs are read, unless some are fetched over ODBC: Python's
        // start must not run beside a driver's calls (Session.warmUpPython says why).
        if !readsOverODBC(relation) { PythonInterpreter.shared.warmUp() }
        let plan = try localize(relation)
        let program = try PandasGenerator().program(plan.relation)
        var inputs: [(name: String, table: Table)] = []
        for (index, source) in program.inputs.enumerated() {
            inputs.append((PandasProgram.inputVariable(index), try fetch(source, plan: plan)))
        }
        // Script variables of python blocks travel as data (a one-row frame each), never as code.
        for (index, variables) in program.variables.enumerated() {
            inputs.append((PandasProgram.variablesInput(index), PandasProgram.scriptVariablesFrame(variables)))
        }
        try registerSamples(program.samples)
        try registerBindings(program.bindings)
        if session.settings.echo { session.echo(program.code) }
        var resultTypes: [String: DataType] = [:]
        for field in relation.schema.fields { resultTypes[field.name] = field.type }
        let interpreter = PythonInterpreter.shared
        // Ctrl-C stops this statement's run and never another job of the interpreter.
        let job = PythonJob()
        // A linmod's fit is kept under a key of this run, in the same run: another session's
        // linmod in between (the interpreter is shared by the process) cannot replace it.
        var code = program.code
        let fitKey = UUID().uuidString
        if case .analytic(_, .linmod) = relation.kind { code += "_rex.keep_fit(\(PythonLiteral.string(fitKey)))\n" }
        // The box is the tables' only owner: the run frees each column once pandas has it.
        let pending = PythonInputs(inputs)
        inputs.removeAll()
        let run = try InterruptController.shared.run(cancel: { interpreter.interrupt(job) }) {
            try interpreter.run(code: code, inputs: pending, resultTypes: resultTypes, job: job)
        }
        var result = try outcome(of: run.result, relation: relation, pipelineText: pipelineText)
        if case .analytic(_, .linmod(let response, let predictors, let intercept)) = relation.kind, case .table(let rows, _) = result {
            result = .table(rows, kind: .linmod(formula: response + " ~ " + predictors.joined(separator: " + ") + (intercept ? "" : " - 1"),
                                                fit: try fit(kept: fitKey), context: "local"))
        }
        return StatementResult(printed: run.printed, outcome: result)
    }

    /// The fit statistics of the linmod that ran with `_rex.keep_fit(key)`.
    private func fit(kept key: String) throws -> [String: Value] {
        let run = try PythonInterpreter.shared.run(
            code: "import _rex, pandas\nresult = pandas.DataFrame([_rex.take_fit(\(PythonLiteral.string(key))) or {}])\n")
        guard case .table(let table) = run.result, table.rowCount == 1 else { return [:] }
        var fit: [String: Value] = [:]
        for (field, column) in zip(table.schema.fields, table.columns) { fit[field.name] = column[0] }
        return fit
    }

    /// The pandas code `:python` shows (no data is fetched): every step of the pipeline in
    /// pandas, with `table`/`sql` sources as the frames the executor binds.
    func code(_ relation: Relation) throws -> String {
        try PandasGenerator().generate(relation)
    }

    // MARK: - Fetching

    /// Replaces each `table` leaf (with the pushable filters right above it) by a
    /// `sql` leaf reading only the needed columns.
    func localize(_ relation: Relation) throws -> LocalPlan {
        let required = ColumnPruning.requiredColumns(of: relation)
        var fetchSchemas: [String: Schema] = [:]
        let connection = session.connections.current
        func rewrite(_ node: Relation, path: [Int]) throws -> Relation {
            // Peel the filters directly above a table scan.
            var filters: [IRExpression] = []
            var base = node
            var basePath = path
            while case .filter(let input, let predicate) = base.kind {
                filters.append(predicate)
                base = input
                basePath += [0]
            }
            if case .scan(.table(let parts)) = base.kind, let connection {
                // Push the bottom-most filters that compare no text, in order, until one does.
                var pushed: [IRExpression] = []
                var kept: [IRExpression] = []
                for predicate in filters.reversed() {
                    if kept.isEmpty && !mentionsText(predicate) { pushed.append(predicate) } else { kept.append(predicate) }
                }
                let needed = required[basePath] ?? Set(base.schema.names)
                var fields = base.schema.fields.filter { needed.contains($0.name) }
                if fields.isEmpty, let first = base.schema.fields.first { fields = [first] }
                let schema = Schema(fields)
                var fetch = Relation(.scan(.table(parts)), schema: base.schema)
                for predicate in pushed { fetch = Relation(.filter(fetch, predicate), schema: base.schema) }
                fetch = Relation(.project(fetch, fields.map { NamedExpression($0.name, IRExpression(.column($0.name), type: $0.type)) }), schema: schema)
                let sql = exactQuery(try SQLGenerator(dialect: session.dialect(of: connection)).generate(fetch), schema: schema, on: connection)
                fetchSchemas[sql] = schema
                var result = Relation(.scan(.sql(TemplateText(sql))), schema: schema)
                // `kept` runs bottom-up, as written: the first stays innermost.
                for predicate in kept { result = Relation(.filter(result, predicate), schema: schema) }
                return result
            }
            return try rewriteChildren(node, path: path, rewrite)
        }
        return LocalPlan(relation: try rewrite(relation, path: []), fetchSchemas: fetchSchemas)
    }

    private func fetch(_ source: IRSource, plan: LocalPlan) throws -> Table {
        switch source {
        case .sql(let template):
            let connection = try session.requireConnection(for: "a sql source")
            let schema = plan.fetchSchemas[template.written]
            let rules = try connection.passthroughRules(needed: template.hasVariables)
            let sql = try SQLPassthrough.compiled(template, rules: rules)
            if session.settings.echo { session.echo(SQLStatement(compiled: sql).display) }
            let table = try connection.fetchAll(sql, options: FetchOptions(requestedTypes: schema.map { $0.fields.map(\.type) }))
            return try schema.map { try ColumnConversion.conform(table, to: $0) } ?? table
        case .table(let parts):
            let connection = try session.requireConnection(for: "a table source")
            let dialect = session.dialect(of: connection)
            return try connection.connection.fetchAll("SELECT * FROM " + parts.map(dialect.quoteIdentifier).joined(separator: "."))
        case .csv(let path, let separator):
            // The types inferred while the statement was resolved (the file unchanged since)
            // spare the read its first pass.
            return try CSVReader.read(path: path, separator: separator.first ?? ",",
                                      knownSchema: session.csvSchemas.cached(path: path, separator: separator),
                                      checkpoint: InterruptController.shared.checkpoint)
        case .sample(let name):
            guard let table = SampleData.table(named: name) else { throw RuntimeError("there is no sample '\(name)'", help: "samples: iris, airline") }
            return table
        case .localData(let name):
            return try session.collectedData(name)
        case .python:
            throw RuntimeError("a python source is not an input to fetch")
        }
    }

    /// Whether a source of `relation` is a table or `sql` query of a connection.
    func readsOverODBC(_ relation: Relation) -> Bool {
        relation.sources.contains { source in
            switch source {
            case .table, .sql: return true
            default: return false
            }
        }
    }

    func isPython(_ source: IRSource) -> Bool {
        if case .python = source { return true }
        return false
    }

    /// On SQLite, reads floats through `printf('%.17g')` so every bit survives the driver.
    func exactQuery(_ sql: String, schema: Schema, on connection: NamedConnection) -> String {
        guard connection.connection.serverKind == .sqlite, schema.fields.contains(where: { $0.type == .float }) else { return sql }
        let dialect = session.dialect(of: connection)
        let items = schema.fields.map { field -> String in
            let quoted = dialect.quoteIdentifier(field.name)
            return ExactRead.selectExpression("rex_exact." + quoted, type: field.type, on: .sqlite) + " AS " + quoted
        }
        return "SELECT " + items.joined(separator: ", ") + " FROM (" + sql + ") AS rex_exact"
    }

    private func registerSamples(_ names: [String]) throws {
        for name in names where !session.registeredSamples.contains(name) {
            guard let table = SampleData.table(named: name) else { throw RuntimeError("there is no sample '\(name)'", help: "samples: iris, airline") }
            _ = try PythonInterpreter.shared.run(code: "import _rex\n_rex.register_sample(\(PythonLiteral.string(name)), df)\n", input: table)
            session.registeredSamples.insert(name)
        }
    }

    /// Gives the (one, process-wide) interpreter each collected binding's data, once per
    /// change of that data.
    private func registerBindings(_ names: [String]) throws {
        for name in names {
            let version = session.localDataVersions[name]
            if version != nil && registeredBindingVersions.withLock({ $0[name] }) == version { continue }
            _ = try PythonInterpreter.shared.run(code: "import _rex\n_rex.register_binding(\(PythonLiteral.string(name)), df)\n",
                                                 input: try session.collectedData(name))
            registeredBindingVersions.withLock { $0[name] = version }
        }
    }

    private func outcome(of result: PythonResult, relation: Relation, pipelineText: String) throws -> Outcome {
        switch result {
        case .none: return .none
        case .table(let table): return .table(ResultRows(table), kind: tableKind(of: relation))
        case .value(let value): return .value(value)
        case .image(let bytes):
            return .image(try ImageResult(png: Data(bytes), pipeline: pipelineText, context: "local"))
        }
    }
}

/// The version of each binding's data the interpreter holds (`_rex.register_binding`).
private let registeredBindingVersions = Mutex<[String: Int]>([:])

/// How a terminal should show the result of `relation`.
func tableKind(of relation: Relation) -> TableKind {
    if case .analytic(_, .summary(let columns)) = relation.kind { return .summary(columns: columns) }
    return .plain
}

/// True when any part of the expression is text (its comparisons would follow the
/// server's collation, so it stays local).
func mentionsText(_ expression: IRExpression) -> Bool {
    if expression.type == .text { return true }
    switch expression.kind {
    case .column, .sideColumn, .literal: return false
    case .unary(_, let e), .isNull(let e, _): return mentionsText(e)
    case .binary(_, let l, let r): return mentionsText(l) || mentionsText(r)
    case .inList(let e, let list, _): return mentionsText(e) || list.contains(where: mentionsText)
    case .function(_, let args): return args.contains(where: mentionsText)
    case .aggregate(_, let arg), .windowFunction(_, let arg, _): return arg.map(mentionsText) ?? false
    }
}

/// Rebuilds `node` with each child passed through `transform` (children numbered as in `ColumnPruning`).
func rewriteChildren(_ node: Relation, path: [Int], _ transform: (Relation, [Int]) throws -> Relation) throws -> Relation {
    let kind: Relation.Kind
    switch node.kind {
    case .scan: return node
    case .filter(let input, let p): kind = .filter(try transform(input, path + [0]), p)
    case .project(let input, let items): kind = .project(try transform(input, path + [0]), items)
    case .aggregate(let input, let keys, let items): kind = .aggregate(try transform(input, path + [0]), keys: keys, items: items)
    case .window(let input, let partition, let items): kind = .window(try transform(input, path + [0]), partition: partition, items: items)
    case .sortedWindow(let input, let partition, let order, let items):
        kind = .sortedWindow(try transform(input, path + [0]), partition: partition, order: order, items: items)
    case .takePerGroup(let input, let count, let partition):
        kind = .takePerGroup(try transform(input, path + [0]), count: count, partition: partition)
    case .sort(let input, let keys): kind = .sort(try transform(input, path + [0]), keys)
    case .limit(let input, let count, let offset): kind = .limit(try transform(input, path + [0]), count: count, offset: offset)
    case .distinct(let input): kind = .distinct(try transform(input, path + [0]))
    case .collect(let input): kind = .collect(try transform(input, path + [0]))
    case .analytic(let input, let step): kind = .analytic(try transform(input, path + [0]), step)
    case .join(let joinKind, let left, let right, let condition, let output):
        kind = .join(joinKind, left: try transform(left, path + [0]), right: try transform(right, path + [1]), condition: condition, output: output)
    case .append(let left, let right): kind = .append(try transform(left, path + [0]), try transform(right, path + [1]))
    }
    return Relation(kind, schema: node.schema)
}
