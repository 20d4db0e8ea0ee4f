import RexData
import RexLanguage
import RexPrelude

/// A `def NAME(P…) = VERB | VERB…` verb, kept as AST and inlined where it is used.
struct VerbDefinition {
    var name: String
    var parameters: [String]
    var steps: [Step]
}

/// A `def NAME(P…) = EXPR` function, kept as AST and inlined where it is used.
struct FunctionDefinition {
    var name: String
    var parameters: [String]
    var body: Expression
}

/// What a session has defined: `let` bindings, `def` verbs and functions, and the prelude's
/// defs. It turns pipelines into typed relational IR (`resolve`).
///
/// The runtime, for each statement of a parsed line: `let`/`def` → `define(_:provider:)`;
/// a pipeline (or the pipeline of a sink) → `resolve(_:provider:)`. When a `let`'s relation
/// ends in `.collect`, the runtime runs it and then calls `bindLocalData(_:schema:)`.
public final class CompilerEnvironment {
    enum Binding {
        case relation(Relation)
        case localData(Schema)
    }

    private var bindings: [String: Binding] = [:]
    private var verbs: [String: VerbDefinition] = [:]
    private var functions: [String: FunctionDefinition] = [:]

    /// The verbs of the language itself (a `def` may not take these names).
    public static let builtinVerbs = ["filter", "select", "drop", "derive", "rename", "summarize", "sort", "take",
                                      "distinct", "join", "append", "collect", "summary", "linmod", "plot", "python"]

    /// The client's clock for `today()` and `now()` (SPEC §2): local wall-clock time in whole
    /// seconds since 1970-01-01T00:00:00. Tests may replace it.
    public var clock: @Sendable () -> Int64 = localClockSeconds
    /// `clock()` when the statement being resolved started: every `today()`/`now()` of it agrees.
    private(set) var statementStart: Int64 = 0

    /// An empty environment (no prelude).
    public init() {}

    /// A new environment with the prelude's defs (`prelude/prelude.rex`, embedded at build
    /// time), as every session starts. Throws only if the embedded prelude is broken.
    public static func withPrelude() throws(DiagnosticList) -> CompilerEnvironment {
        let environment = CompilerEnvironment()
        try environment.loadPrelude(Prelude.text("prelude.rex") ?? "", fileName: "prelude.rex")
        return environment
    }

    /// Defines every `def` of a prelude text (parsed here). Anything but a `def` is an error.
    public func loadPrelude(_ text: String, fileName: String) throws(DiagnosticList) {
        let parsed = parse(text, fileName: fileName)
        var problems = parsed.diagnostics.diagnostics
        for statement in parsed.statements {
            do {
                switch statement.kind {
                case .defineVerb, .defineFunction: try defineDefinition(statement)
                default: problems.append(Diagnostic("a prelude may only contain def statements", at: statement.span))
                }
            } catch {
                problems += error.diagnostics
            }
        }
        if !problems.isEmpty { throw DiagnosticList(problems, fileName: fileName) }
    }

    // MARK: - Statements

    /// Records a `let` (resolving its pipeline now, so errors show at once) or a `def`.
    /// Errors in the statement throw a `DiagnosticList`; errors from `provider` propagate unchanged.
    public func define(_ statement: Statement, provider: any SchemaProvider) throws {
        if case .binding(let name, let pipeline) = statement.kind {
            bindings[name.name] = .relation(try resolve(pipeline, provider: provider))
        } else {
            try defineDefinition(statement)
        }
    }

    /// Records a `def` (anything else is an error).
    public func defineDefinition(_ statement: Statement) throws(DiagnosticList) {
        let diagnostics = DiagnosticCollector()
        switch statement.kind {
        case .defineVerb(let name, let parameters, let steps):
            checkDefinitionName(name, builtins: Self.builtinVerbs, kind: "verb", diagnostics: diagnostics)
            checkParameters(parameters, diagnostics: diagnostics)
            let definition = VerbDefinition(name: name.name, parameters: parameters.map(\.name), steps: steps)
            if let cycle = RecursionCheck(environment: self, adding: name.name).cycle(inVerb: steps) {
                diagnostics.error("def '\(name.name)' is recursive (\(cycle.joined(separator: " → ")))", at: name.span,
                                  help: "a def cannot call itself, directly or through another def")
            }
            try diagnostics.throwIfErrors()
            // Defs share one namespace: a verb replaces a function of the same name.
            functions[name.name] = nil
            verbs[name.name] = definition
        case .defineFunction(let name, let parameters, let body):
            let builtins = ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue)
            checkDefinitionName(name, builtins: builtins, kind: "function", diagnostics: diagnostics)
            checkParameters(parameters, diagnostics: diagnostics)
            if let cycle = RecursionCheck(environment: self, adding: name.name).cycle(inExpression: body) {
                diagnostics.error("def '\(name.name)' is recursive (\(cycle.joined(separator: " → ")))", at: name.span,
                                  help: "a def cannot call itself, directly or through another def")
            }
            try diagnostics.throwIfErrors()
            verbs[name.name] = nil
            functions[name.name] = FunctionDefinition(name: name.name, parameters: parameters.map(\.name), body: body)
        case .pipeline, .sink, .command, .binding:
            diagnostics.error("this statement is not a def", at: statement.span)
            try diagnostics.throwIfErrors()
        }
    }

    /// Records every `let`/`def` of `statements` (the prelude, a start-up file).
    public func define(_ statements: [Statement], provider: any SchemaProvider) throws {
        for statement in statements { try define(statement, provider: provider) }
    }

    /// Resolves and type-checks a pipeline into typed relational IR. Every error of the
    /// pipeline is reported at once as a `DiagnosticList`; errors from `provider` propagate.
    public func resolve(_ pipeline: Pipeline, provider: any SchemaProvider) throws -> Relation {
        let diagnostics = DiagnosticCollector()
        statementStart = clock()
        let resolver = Resolver(environment: self, provider: provider, diagnostics: diagnostics)
        let result = try resolver.pipeline(pipeline)
        try diagnostics.throwIfErrors()
        return result.relation
    }

    // MARK: - Bindings

    /// Binds `name` to a lazy relation (as `let` does).
    public func bind(_ name: String, to relation: Relation) {
        bindings[name] = .relation(relation)
    }

    /// Binds `name` to data collected into the local context; pipelines that use it scan
    /// `IRSource.localData(name)`.
    public func bindLocalData(_ name: String, schema: Schema) {
        bindings[name] = .localData(schema)
    }

    /// Forgets a binding.
    public func removeBinding(_ name: String) {
        bindings[name] = nil
    }

    /// The relation a pipeline gets for `name`, if bound.
    public func binding(named name: String) -> Relation? {
        switch bindings[name] {
        case .relation(let relation): return relation
        case .localData(let schema): return Relation(.scan(.localData(name)), schema: schema)
        case nil: return nil
        }
    }

    /// `let` names, sorted (for completion).
    public var bindingNames: [String] { bindings.keys.sorted() }
    /// `def` verb names including the prelude's, sorted.
    public var verbNames: [String] { verbs.keys.sorted() }
    /// `def` function names including the prelude's, sorted.
    public var functionNames: [String] { functions.keys.sorted() }

    func verb(named name: String) -> VerbDefinition? { verbs[name] }
    func function(named name: String) -> FunctionDefinition? { functions[name] }

    // MARK: - Checks

    private func checkDefinitionName(_ name: Identifier, builtins: [String], kind: String,
                                     diagnostics: DiagnosticCollector) {
        if builtins.contains(name.name) {
            diagnostics.error("'\(name.name)' is a built-in \(kind) and cannot be redefined", at: name.span,
                              help: "choose another name, e.g. my_\(name.name)")
        }
    }

    private func checkParameters(_ parameters: [Identifier], diagnostics: DiagnosticCollector) {
        var seen = Set<String>()
        for parameter in parameters where !seen.insert(parameter.name).inserted {
            diagnostics.error("parameter '\(parameter.name)' appears twice", at: parameter.span,
                              help: "give each parameter its own name")
        }
    }
}
