import RexCompiler
import RexData
import RexFuzzSupport
import RexLanguage

/// The language front end under fuzzing: any bytes, as rex source, go through the lexer,
/// the statement splitter, the parser, the printer, the resolver and type checker, and
/// every code generator (SQL for each dialect, the server's analytic queries, pandas, and
/// SQL passthrough of `:exec` and `sql "…"` with script variables). Script variables come
/// from `#var NAME=VALUE` lines at the top (see `FuzzSchemaProvider` for `#table`/`#sql`).
///
/// Nothing may crash, and these properties hold:
/// - every token and diagnostic span lies inside the text;
/// - a statement parsed without errors prints to source that parses, without errors, to the
///   same tree, and printing that again gives the same text (print → parse → print is a
///   fixed point);
/// - a pipeline the resolver accepts compiles to pandas, and to SQL in every dialect
///   unless the generator says why it cannot (never an "invalid IR" error, a bug in rex);
/// - no variable's value changes the lexical structure of passthrough SQL, under any
///   dialect's rules: the statement reads as it does with harmless values, or is refused.
enum FrontEndFuzzTarget {
    /// One fuzz input: its bytes as UTF-8 (invalid sequences repaired, as rex reads files).
    static func run(_ bytes: UnsafeRawBufferPointer) {
        check(String(decoding: bytes, as: UTF8.self))
    }

    /// Runs every stage on `source` and checks the properties above.
    static func check(_ source: String) {
        let length = source.utf8.count
        func inside(_ span: SourceSpan) -> Bool {
            0 <= span.start.offset && span.start.offset <= span.end.offset && span.end.offset <= length
                && span.start.line >= 1 && span.start.column >= 1
        }

        let variables = fuzzVariables(header: source)

        // Lexer and statement splitter.
        let lexed = tokenize(source, variables: variables)
        for token in lexed.tokens {
            fuzzCheck(inside(token.span), "token \(token.kind) has span \(token.span) outside the text", input: source)
        }
        _ = isStatementComplete(source)

        // Parser and diagnostics.
        let parsed = parse(source, fileName: "fuzz.rex", variables: variables)
        for diagnostic in parsed.diagnostics.diagnostics {
            fuzzCheck(inside(diagnostic.span), "diagnostic '\(diagnostic.message)' has span \(diagnostic.span) outside the text", input: source)
            fuzzCheck(!diagnostic.message.isEmpty, "a diagnostic without a message", input: source)
        }
        _ = render(parsed.diagnostics, source: source)
        if parsed.statements.isEmpty && parsed.diagnostics.diagnostics.isEmpty {
            let onlyTrivia = lexed.tokens.allSatisfy { $0.kind == .newline || $0.kind == .symbol(";") || $0.kind == .end }
            fuzzCheck(onlyTrivia, "no statement and no diagnostic", input: source)
        }

        // Printer round trip, for each statement without an error in it: what the parser
        // recovers from a broken statement (an unterminated """ block) need not print back.
        // Each reads back with the variables set at that point (`:setvar` sets them in order).
        let errors = parsed.diagnostics.diagnostics.filter { $0.severity == .error }.map(\.span.start.offset)
        var current = variables
        for statement in parsed.statements {
            if !errors.contains(where: { statement.span.start.offset <= $0 && $0 <= statement.span.end.offset }) {
                checkRoundTrip(statement, variables: current, source: source)
            }
            applySetvar(statement, to: &current)
        }

        // Resolver, type checker and code generators, statement by statement as a session runs them.
        guard let environment = try? CompilerEnvironment.withPrelude() else {
            fuzzFailure("the embedded prelude does not load", input: source)
        }
        let provider = FuzzSchemaProvider(header: source)
        current = variables
        for statement in parsed.statements {
            compile(statement, in: environment, provider: provider, variables: current, source: source)
            applySetvar(statement, to: &current)
        }
    }

    /// `#var NAME=VALUE` lines at the top of `source`, as `-v NAME=VALUE` sets them; in
    /// VALUE, `\n`, `\r`, `\t`, `\0` and `\\` stand for a line break, CR, tab, NUL and backslash.
    static func fuzzVariables(header source: String) -> ScriptVariables {
        var variables = ScriptVariables()
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            guard line.hasPrefix("#var ") else { continue }
            var value = String.UnicodeScalarView()
            var escaped = false
            for scalar in line.dropFirst(5).unicodeScalars {
                if escaped {
                    let replacements: [Unicode.Scalar: Unicode.Scalar] = ["n": "\n", "r": "\r", "t": "\t", "0": "\0"]
                    value.append(replacements[scalar] ?? scalar)
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else {
                    value.append(scalar)
                }
            }
            _ = variables.set(assignment: String(value))
        }
        return variables
    }

    /// What running a `:setvar` statement does to the session's variables.
    static func applySetvar(_ statement: Statement, to variables: inout ScriptVariables) {
        if case .command(let name, let argument) = statement.kind, name.name == "setvar" {
            try? variables.apply(setvarArgument: argument)
        }
    }

    /// print → parse gives the same tree, and print → parse → print the same text.
    static func checkRoundTrip(_ statement: Statement, variables: ScriptVariables, source: String) {
        let printed = printSource(statement)
        let again = parse(printed, variables: variables)
        fuzzCheck(!again.diagnostics.hasErrors,
                  "printed statement does not parse: \(printed.debugDescription): \(again.diagnostics.diagnostics.map(\.message))",
                  input: source)
        fuzzCheck(again.statements.map(dumpAST) == [dumpAST(statement)],
                  "printed statement parses to another tree: \(printed.debugDescription)", input: source)
        let reprinted = again.statements.map { printSource($0) }.joined(separator: "\n")
        fuzzCheck(reprinted == printed, "printing is not a fixed point: \(printed.debugDescription) → \(reprinted.debugDescription)",
                  input: source)
    }

    /// Runs one statement through the compiler as `Session.execute` and the REPL's `:sql`
    /// and `:python` do, then compiles every relation it resolves to.
    static func compile(_ statement: Statement, in environment: CompilerEnvironment, provider: FuzzSchemaProvider,
                        variables: ScriptVariables, source: String) {
        do {
            switch statement.kind {
            case .pipeline(let pipeline):
                generate(try environment.resolve(pipeline, provider: provider), source: source)
            case .binding(let name, let pipeline):
                let relation = try environment.resolve(pipeline, provider: provider)
                if case .collect = relation.kind {
                    environment.bindLocalData(name.name, schema: relation.schema)
                } else {
                    environment.bind(name.name, to: relation)
                }
                generate(relation, source: source)
            case .defineVerb, .defineFunction:
                try environment.defineDefinition(statement)
            case .sink(let pipeline, let sink):
                let relation = try environment.resolve(pipeline, provider: provider)
                try environment.checkSink(sink, for: relation)
                generate(relation, source: source)
            case .command(let name, let argument):
                compileCommand(name.name, argument, in: environment, provider: provider, variables: variables, source: source)
            }
        } catch let list as DiagnosticList {
            checkDiagnostics(list, text: source, input: source)
        } catch {
            fuzzFailure("the resolver threw \(error), not a diagnostic (the fuzz schema provider never throws)", input: source)
        }
    }

    /// `:exec SQL` (passthrough with variables), and `:sql [DIALECT] PIPELINE` and
    /// `:python PIPELINE`, whose argument is parsed on its own (its diagnostics point into it).
    static func compileCommand(_ name: String, _ argument: String, in environment: CompilerEnvironment,
                               provider: FuzzSchemaProvider, variables: ScriptVariables, source: String) {
        if name == "exec" {
            checkPassthrough(variables.template(argument), source: source)
            return
        }
        guard name == "sql" || name == "python" else { return }
        var text = argument
        if name == "sql", let first = argument.split(separator: " ").first,
           ["tsql", "postgres", "sqlite", "ansi"].contains(String(first)) {
            text = String(argument.dropFirst(first.count)).trimmingCharacters(in: .whitespaces)
        }
        let parsed = parsePipeline(text, variables: variables)
        checkDiagnostics(parsed.diagnostics, text: text, input: source)
        guard let pipeline = parsed.pipeline else { return }
        do {
            generate(try environment.resolve(pipeline, provider: provider), source: source)
        } catch let list as DiagnosticList {
            checkDiagnostics(list, text: text, input: source)
        } catch {
            fuzzFailure("the resolver threw \(error), not a diagnostic", input: source)
        }
    }

    /// Spans inside `text`, non-empty messages, and rendering works.
    static func checkDiagnostics(_ list: DiagnosticList, text: String, input: String) {
        let length = text.utf8.count
        for diagnostic in list.diagnostics {
            let span = diagnostic.span
            fuzzCheck(0 <= span.start.offset && span.start.offset <= span.end.offset && span.end.offset <= length,
                      "diagnostic '\(diagnostic.message)' has span \(span) outside the text", input: input)
            fuzzCheck(!diagnostic.message.isEmpty, "a diagnostic without a message", input: input)
        }
        _ = render(list, source: text)
    }

    /// Compiles `relation` to pandas and to SQL in every dialect, as the local and server
    /// contexts do (including the SQL before a `collect` or an analytic step, and the
    /// queries of server-side `summary` and `linmod`).
    static func generate(_ relation: Relation, source: String) {
        do {
            let program = try PandasGenerator().program(relation)
            fuzzCheck(program.code.hasPrefix("import _rex\n") && program.code.hasSuffix("result = df\n"),
                      "pandas code without its frame: \(program.code)", input: source)
        } catch {
            fuzzFailure("a resolved pipeline does not compile to pandas: \(error)", input: source)
        }
        forEachPassthroughQuery(in: relation) { checkPassthrough($0, source: source) }
        for dialect in SQLDialect.all {
            let generator = SQLGenerator(dialect: dialect)
            sql(dialect, source: source) {
                let compiled = try generator.generate(relation)
                // Every parameter marker becomes a `?`: no NUL is left to reach a driver.
                let statement = SQLStatement(compiled: compiled)
                fuzzCheck(!statement.text.unicodeScalars.contains("\0"), "a parameter marker left in \(statement.text.debugDescription)",
                          input: source)
                return compiled
            }
            forEachServerPart(of: relation) { part in
                switch part.kind {
                case .analytic(let input, .summary(let columns)):
                    sql(dialect, source: source) { try generator.summaryQueries(input, columns: columns).numeric ?? "" }
                case .analytic(let input, .linmod(let response, let predictors, let intercept)):
                    var levels: [String: [String]] = [:]
                    for name in predictors where input.schema.field(named: name)?.type == .text {
                        sql(dialect, source: source) {
                            try generator.linmodLevelQuery(input, response: response, predictors: predictors, column: name)
                        }
                        levels[name] = ["a", "b", ""]
                    }
                    sql(dialect, source: source) {
                        return try generator.linmodDesignQuery(input, response: response, predictors: predictors, levels: levels,
                                                               intercept: intercept).sql
                    }
                case .analytic(let input, _), .collect(let input):
                    sql(dialect, source: source) { try generator.generate(input) }
                default:
                    break
                }
            }
        }
    }

    /// The rule sets passthrough SQL is read with: every dialect's, PostgreSQL's under both
    /// settings of standard_conforming_strings, and with the rewrite psqlODBC needs.
    static let passthroughRules: [SQLPassthroughRules] = {
        var rules: [SQLPassthroughRules] = [.tsql, .postgres(standardConformingStrings: true),
                                            .postgres(standardConformingStrings: false), .sqlite, .ansi]
        for standard in [true, false] {
            var rewriting = SQLPassthroughRules.postgres(standardConformingStrings: standard)
            rewriting.rewritesForDriver = true
            rules.append(rewriting)
        }
        return rules
    }()

    /// SQL passthrough of `template` under every rule set: the values of its variables never
    /// change the statement's lexical structure (it reads as with the value `v` for each) or
    /// its number of parameters; a value that cannot stand where it is written is refused.
    static func checkPassthrough(_ template: TemplateText, source: String) {
        var benign = template
        benign.values = Dictionary(template.names.map { ($0, "v") }, uniquingKeysWith: { first, _ in first })
        for rules in passthroughRules {
            let actual: SQLStatement
            do {
                actual = try SQLPassthrough.statement(template, rules: rules)
            } catch is SQLPassthroughError {
                continue
            } catch is UnsetVariable {
                continue
            } catch {
                fuzzFailure("\(rules.dialect): passthrough threw \(error)", input: source)
            }
            guard let expected = try? SQLPassthrough.statement(benign, rules: rules) else {
                fuzzFailure("\(rules.dialect): passthrough refuses the value v but not the real values", input: source)
            }
            let structure = SQLPassthrough.segmentKinds(actual.text, rules: rules)
            fuzzCheck(structure == SQLPassthrough.segmentKinds(expected.text, rules: rules),
                      "\(rules.dialect): values change the structure of \(template.written.debugDescription): \(actual.text.debugDescription)",
                      input: source)
            fuzzCheck(actual.parameters.count == expected.parameters.count,
                      "\(rules.dialect): values change the number of parameters of \(template.written.debugDescription)", input: source)
        }
    }

    /// Calls `visit` with the query of every `sql "…"` source of `relation`.
    static func forEachPassthroughQuery(in relation: Relation, _ visit: (TemplateText) -> Void) {
        if case .scan(.sql(let template)) = relation.kind { visit(template) }
        for input in relation.inputs { forEachPassthroughQuery(in: input, visit) }
    }

    /// Visits every node where the server hands over to local work (`collect`, analytic steps).
    static func forEachServerPart(of relation: Relation, _ visit: (Relation) -> Void) {
        switch relation.kind {
        case .collect, .analytic: visit(relation)
        default: break
        }
        for input in relation.inputs { forEachServerPart(of: input, visit) }
    }

    /// Runs one SQL generation: it gives text or says why not (a `SQLGenerationError`, or a
    /// `SQLPassthroughError` for the query of a `sql "…"` source); "invalid IR" is a bug.
    static func sql(_ dialect: SQLDialect, source: String, _ body: () throws -> String) {
        do {
            _ = try body()
        } catch let error as SQLGenerationError {
            if case .invalidIR(let why) = error {
                fuzzFailure("\(dialect.name): the SQL generator found invalid IR: \(why)", input: source)
            }
        } catch is SQLPassthroughError {
            return
        } catch {
            fuzzFailure("\(dialect.name): SQL generation threw \(error)", input: source)
        }
    }
}
