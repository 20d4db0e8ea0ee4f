import RexData
import RexLanguage

/// Turns one pipeline's AST into typed relational IR: sources looked up, verbs checked
/// step by step against the schema they receive, lets and defs expanded. Errors go to
/// `diagnostics` and resolution goes on, so one statement reports all its problems.
struct Resolver {
    let environment: CompilerEnvironment
    let provider: any SchemaProvider
    let diagnostics: DiagnosticCollector
    /// The `def` verbs being expanded, outermost first (to report recursion).
    var expanding: [String] = []

    /// How messages name the verb: inside a `def`, the def the user wrote (`top`), else `name`.
    func verb(_ name: String) -> String { expanding.first ?? name }

    var checker: ExpressionChecker {
        ExpressionChecker(environment: environment, diagnostics: diagnostics, expanding: expanding)
    }

    func pipeline(_ pipeline: Pipeline) throws -> WorkingRelation {
        try steps(pipeline.steps, on: try source(pipeline.source))
    }

    func steps(_ steps: [Step], on input: WorkingRelation) throws -> WorkingRelation {
        var current = input
        for step in steps {
            if let end = current.endsPipeline {
                diagnostics.error("no verb can follow \(end.reason)", at: step.span, help: end.help)
                return current
            }
            current = try self.step(step, on: current)
        }
        return current
    }

    // MARK: - Sources

    func source(_ source: Source) throws -> WorkingRelation {
        switch source.kind {
        case .table(let parts):
            let names = parts.map(\.name)
            guard let schema = try provider.tableSchema(names) else {
                let written = names.joined(separator: ".")
                let span = parts.first.map { $0.span.union(parts.last?.span ?? $0.span) } ?? source.span
                diagnostics.error("unknown table '\(written)'", at: span,
                                  help: suggest(written, from: provider.tableNames())
                                      .map { "did you mean '\($0)'?" } ?? "list the tables with :tables")
                return .opaque
            }
            return WorkingRelation(Relation(.scan(.table(names)), schema: schema))
        case .sql(let query):
            return WorkingRelation(Relation(.scan(.sql(query)), schema: try provider.sqlSchema(query)))
        case .csv(let path, let options):
            var separator = ","
            for option in options {
                guard option.name.name == "sep" else {
                    diagnostics.error("unknown csv option '\(option.name.name)'", at: option.name.span,
                                      help: "csv takes sep=\";\" (the field separator)")
                    continue
                }
                guard case .literal(.text(let text)) = option.value.kind, text.unicodeScalars.count == 1 else {
                    diagnostics.error("sep must be one character in quotes", at: option.value.span,
                                      help: "write sep=\";\" or sep=\"\\t\"")
                    continue
                }
                separator = text
            }
            return WorkingRelation(Relation(.scan(.csv(path: path, separator: separator)),
                                            schema: try provider.csvSchema(path: path, separator: separator)))
        case .sample(let name):
            guard let schema = SampleSchemas.schema(named: name.name) else {
                diagnostics.unknown("sample", name, candidates: SampleSchemas.names)
                return .opaque
            }
            return WorkingRelation(Relation(.scan(.sample(name.name)), schema: schema))
        case .binding(let name):
            if let relation = environment.binding(named: name.name) { return WorkingRelation(relation) }
            let help: String?
            if SampleSchemas.schema(named: name.name) != nil {
                help = "did you mean 'sample \(name.name)'?"
            } else if provider.tableNames().contains(name.name) {
                help = "did you mean 'table \(name.name)'?"
            } else {
                help = NameSuggestion.help(for: name.name, kind: "name", candidates: environment.bindingNames)
                    ?? "a pipeline starts with a source: table, sql, csv, sample, python or a let name"
            }
            diagnostics.error("unknown name '\(name.name)'", at: name.span, help: help)
            return .opaque
        case .python(let block):
            var working = WorkingRelation(Relation(.scan(.python(block)), schema: Schema([])))
            working.endsPipeline = ("a python source: its columns are known only when it runs",
                                    "do that work inside the python block")
            return working
        case .parenthesized(let inner):
            return try pipeline(inner)
        }
    }

    // MARK: - Steps

    func step(_ step: Step, on input: WorkingRelation) throws -> WorkingRelation {
        switch step.kind {
        case .filter(let condition):
            let scope = ExpressionScope(columns: .single(input), verb: verb("filter"))
            let typed = checker.checkCondition(condition, in: scope)
            return input.with(Relation(.filter(input.relation, typed.ir), schema: input.schema))
        case .select(let items): return select(items, on: input)
        case .drop(let names): return drop(names, span: step.span, on: input)
        case .derive(let items, let by): return derive(items, by: by, on: input)
        case .rename(let pairs): return rename(pairs, on: input)
        case .summarize(let items, let by): return summarize(items, by: by, on: input)
        case .sort(let keys): return sort(keys, on: input)
        case .take(let count, let offset): return take(count, offset: offset, on: input)
        case .sortedDerive(let items, let by, let keys): return derive(items, by: by, sort: keys, on: input)
        case .takeBy(let count, let by): return take(count, by: by, on: input)
        case .distinct(let names): return distinct(names, on: input)
        case .join(let kind, let source, let condition):
            return try join(kind, with: source, on: condition, on: input)
        case .append(let source): return try append(source, on: input)
        case .collect: return input.with(Relation(.collect(input.relation), schema: input.schema))
        case .summary(let names): return summary(names, on: input)
        case .linmod(let response, let predictors, let intercept): return linmod(response, predictors, intercept: intercept, on: input)
        case .plot(let kind, let arguments, let options): return plot(kind, arguments, options, on: input)
        case .python(let block):
            var working = input.with(Relation(.analytic(input.relation, .python(block)), schema: Schema([])))
            working.isOpaque = false
            working.endsPipeline = ("a python step: its result is known only when it runs",
                                    "do that work inside the python block")
            return working
        case .call(let name, let arguments): return try call(name, arguments, span: step.span, on: input)
        }
    }

    /// Expands a `def` verb: arguments substituted as expressions, then its steps resolved here.
    private func call(_ name: Identifier, _ arguments: [Expression], span: SourceSpan,
                      on input: WorkingRelation) throws -> WorkingRelation {
        guard let definition = environment.verb(named: name.name) else {
            if environment.function(named: name.name) != nil || ScalarFunction(rawValue: name.name) != nil
                || AggregateFunction(rawValue: name.name) != nil {
                diagnostics.error("'\(name.name)' is a function, not a verb", at: name.span,
                                  help: "use it inside an expression, e.g. derive v = \(name.name)(…)")
                return .opaque
            }
            diagnostics.unknown("verb", name, candidates: (CompilerEnvironment.builtinVerbs + environment.verbNames).sorted())
            return .opaque
        }
        guard canInline(definition.name, parameters: definition.parameters, argumentCount: arguments.count,
                        expanding: expanding, at: span, diagnostics: diagnostics) else { return .opaque }
        let substitution = DefSubstitution(parameters: definition.parameters, arguments: arguments,
                                           callSpan: span, diagnostics: diagnostics)
        var inner = self
        inner.expanding.append(definition.name)
        return try inner.steps(substitution.steps(definition.steps), on: input)
    }
}
