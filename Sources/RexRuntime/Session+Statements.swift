import Foundation
import RexCompiler
import RexData
import RexImage
import RexLanguage
import RexODBC
import RexPython

extension Session {
    /// Runs one parsed statement (not a `:command`; the REPL handles those).
    /// - Parameter source: the statement's text, kept with images and in errors.
    public func execute(_ statement: Statement, source: String) throws -> StatementResult {
        let provider = schemaProvider
        switch statement.kind {
        case .pipeline(let pipeline):
            warmUpPython(for: pipeline)
            let relation = try compiler.resolve(pipeline, provider: provider)
            return try run(relation, pipelineText: source)
        case .binding(let name, let pipeline):
            let relation = try compiler.resolve(pipeline, provider: provider)
            if case .collect = relation.kind {
                // `let x = … | collect` runs now and caches the data locally.
                let rows = try run(relation, pipelineText: source)
                guard case .table(let result, _) = rows.outcome else {
                    throw RuntimeError("'let \(name.name)' collected no table")
                }
                storeLocalData(try result.collect(), as: name.name)
                compiler.bindLocalData(name.name, schema: relation.schema)
                return StatementResult(printed: rows.printed, outcome: .none)
            }
            storeLocalData(nil, as: name.name)
            compiler.bind(name.name, to: relation)
            return StatementResult(outcome: .none)
        case .defineVerb, .defineFunction:
            try compiler.defineDefinition(statement)
            return StatementResult(outcome: .none)
        case .sink(let pipeline, let sink):
            warmUpPython(for: pipeline)
            let relation = try compiler.resolve(pipeline, provider: provider)
            try compiler.checkSink(sink, for: relation)
            return try SinkWriter(session: self).write(relation, to: sink, pipelineText: source)
        case .command(let name, _):
            throw RuntimeError("':\(name.name)' is a command and runs in the REPL")
        }
    }

    /// A local pipeline with steps runs in pandas: Python starts (and imports pandas) on its
    /// own thread while the statement resolves and reads its sources (a CSV file's two passes).
    /// Only with no connection open: resolving may then use none, and Python's start must not
    /// run beside an ODBC driver's calls — valgrind saw Py_InitializeFromConfig read
    /// uninitialised memory only when it ran beside a psqlODBC fetch (the cause is not pinned
    /// down; both set process-wide state such as the locale, which is not thread-safe).
    private func warmUpPython(for pipeline: Pipeline) {
        if context == .local && !pipeline.steps.isEmpty && connections.all.isEmpty { PythonInterpreter.shared.warmUp() }
    }

    /// The columns the pipeline `text` produces, found as a statement would find them (the
    /// compiler's schema lookup: sample data, a CSV's header and types, a `let`, a table on the
    /// current connection); nil when it does not parse or resolve. Runs nothing; for Tab completion.
    public func schema(ofPipeline text: String) -> Schema? {
        guard let pipeline = parsePipeline(text).pipeline else { return nil }
        return try? compiler.resolve(pipeline, provider: schemaProvider).schema
    }

    /// How statements find the schemas of their sources (CSV schemas kept in `csvSchemas`).
    var schemaProvider: CachingCSVSchemaProvider {
        CachingCSVSchemaProvider(base: SessionSchemaProvider(connection: connections.current), cache: csvSchemas)
    }

    /// Runs a resolved relation in the current context.
    func run(_ relation: Relation, pipelineText: String) throws -> StatementResult {
        switch context {
        case .local: return try LocalExecutor(session: self).run(relation, pipelineText: pipelineText)
        case .server: return try ServerExecutor(session: self).run(relation, pipelineText: pipelineText)
        }
    }

    /// Compiles a pipeline to SQL without running it (`:sql`). Uses `dialect` if given,
    /// else the current connection's. Script variables of `sql "…"` sources show as `?`,
    /// their values listed after the statement. A pipeline that ends in `plot` or `python`
    /// shows what the server runs: the sp_execute_external_script batch (T-SQL) or the
    /// call of rex.run (PostgreSQL).
    public func compileSQL(_ pipeline: Pipeline, dialect name: String?) throws -> String {
        let dialect: SQLDialect
        if let name {
            guard let named = SQLDialect.named(name) else {
                throw RuntimeError("unknown dialect '\(name)'", help: "dialects: tsql, postgres, sqlite")
            }
            dialect = named
        } else {
            guard let current = connections.current else {
                throw RuntimeError(":sql needs a dialect word when not connected", help: "e.g. :sql tsql sample iris | take 3")
            }
            dialect = self.dialect(of: current)
        }
        let relation = try compiler.resolve(pipeline, provider: schemaProvider)
        var generator = SQLGenerator(dialect: dialect)
        if let current = connections.current, current.dialect == dialect.name {
            generator.passthroughRules = try current.passthroughRules(needed: hasScriptVariables(relation))
        }
        if case .analytic(let input, let step) = ServerExecutor.route(relation), step.runsServerPython {
            // A plot or python step: what the server runs (the batch, or the PL/Python call).
            return try ServerPython.statement(input, step: step, generator: generator)
        }
        return SQLStatement(compiled: try generator.generate(relation)).display
    }

    /// Compiles a pipeline to pandas code without running it (`:python`).
    public func compilePython(_ pipeline: Pipeline) throws -> String {
        let relation = try compiler.resolve(pipeline, provider: schemaProvider)
        let code = try LocalExecutor(session: self).code(relation)
        // The runtime import is always there; the user reads the pipeline's own lines.
        return code.hasPrefix("import _rex\n") ? String(code.dropFirst("import _rex\n".count)) : code
    }
}

extension Session {
    /// `:server install` on `connection` (PostgreSQL): checks that the current user is a
    /// superuser and that schema `rex` is safe to use, gives `show` the DDL with what the
    /// grant means (members of `rex_python` run code as the server's OS user), then runs it
    /// in one transaction. Returns the installed runtime version.
    public func installServerPython(on connection: NamedConnection, show: (String) -> Void) throws -> String {
        let db = connection.connection
        try ServerPythonFunction.checkInstall(on: db)
        let statements = try ServerPythonFunction.installStatements
        show(try ServerPythonFunction.installScript)
        try db.transaction {
            for statement in statements { _ = try db.execute(statement) }
        }
        return try ServerPythonFunction.version
    }

    /// The role whose members may run server Python once `:server install` ran.
    public static var serverPythonRole: String { ServerPythonFunction.role }
}

extension AnalyticStep {
    /// True for the steps that run as server Python (`plot`, `python`).
    var runsServerPython: Bool {
        switch self {
        case .plot, .python: return true
        case .summary, .linmod: return false
        }
    }
}
