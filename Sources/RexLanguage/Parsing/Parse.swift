/// The statements of a source text and every problem found in it.
public struct ParseResult: Sendable, Hashable {
    /// The statements that parsed without errors, in source order.
    public var statements: [Statement]
    /// Every lexical and syntax error, in source order, naming the file if one was given.
    public var diagnostics: DiagnosticList

    public init(statements: [Statement], diagnostics: DiagnosticList) {
        self.statements = statements
        self.diagnostics = diagnostics
    }
}

/// Parses a script, a REPL entry or an `-e` argument (SPEC §2). Never throws or traps:
/// a statement with an error is left out of `statements` and its errors (all of them,
/// not just the first) are in `diagnostics`.
///
/// `variables` are the script variables set before the text; each `$(NAME)` becomes a
/// value where it stands (see `ScriptVariables`), and a `:setvar` line in the text sets
/// its variable for the statements after it.
///
///     let result = parse("sample iris | filter Species == \"setosa\"")
///     // result.statements[0].kind == .pipeline(…)
public func parse(_ source: String, fileName: String? = nil, variables: ScriptVariables = ScriptVariables()) -> ParseResult {
    let lexed = Lexer.lex(source, variables: variables)
    var statements: [Statement] = []
    var diagnostics = lexed.diagnostics
    let unset = Set(lexed.unsetVariableSpans)
    for tokens in StatementSplitter.split(lexed.tokens) {
        if tokens.contains(where: { unset.contains($0.span) }) {
            // A script variable is not set (reported by the lexer): the statement must not run.
            continue
        }
        let firstInvalid = tokens.first { if case .invalid = $0.kind { return true }; return false }
        let parser = Parser(tokens: tokens.filter { if case .invalid = $0.kind { return false }; return true })
        if let firstInvalid {
            // The lexer already explained the bad text; later syntax errors would be noise.
            _ = parser.parseStatement()
            diagnostics += parser.diagnostics.filter { $0.span.start.offset < firstInvalid.span.start.offset }
            continue
        }
        // A lexical error inside the statement (a bad escape in a string): it must not run (SPEC §2).
        if let statement = parser.parseStatement(), !containsError(lexed.diagnostics, within: tokens) {
            statements.append(statement)
        }
        diagnostics += parser.diagnostics
    }
    diagnostics.sort { $0.span.start.offset < $1.span.start.offset }
    return ParseResult(statements: statements, diagnostics: DiagnosticList(diagnostics, fileName: fileName))
}

/// True when an error of `diagnostics` starts inside the span of `tokens`.
private func containsError(_ diagnostics: [Diagnostic], within tokens: [Token]) -> Bool {
    guard let first = tokens.first?.span.start.offset, let last = tokens.last?.span.end.offset else { return false }
    return diagnostics.contains { $0.severity == .error && $0.span.start.offset >= first && $0.span.start.offset < last }
}

/// Parses text that must be exactly one pipeline (no `let`, `def`, sink or command).
public func parsePipeline(_ source: String, fileName: String? = nil,
                          variables: ScriptVariables = ScriptVariables()) -> (pipeline: Pipeline?, diagnostics: DiagnosticList) {
    let result = parse(source, fileName: fileName, variables: variables)
    guard !result.diagnostics.hasErrors else { return (nil, result.diagnostics) }
    guard result.statements.count == 1, let statement = result.statements.first, case .pipeline(let pipeline) = statement.kind else {
        let span = result.statements.first?.span ?? SourceSpan(start: SourceLocation(line: 1, column: 1, offset: 0),
                                                                 end: SourceLocation(line: 1, column: 1, offset: 0))
        let diagnostic = Diagnostic("expected exactly one pipeline", at: span)
        return (nil, DiagnosticList([diagnostic], fileName: fileName))
    }
    return (pipeline, result.diagnostics)
}

/// Parses text that must be exactly one expression (for tests and tools).
public func parseExpression(_ source: String) -> (expression: Expression?, diagnostics: DiagnosticList) {
    let lexed = Lexer.lex(source)
    let parser = Parser(tokens: lexed.tokens.filter { $0.kind != .newline })
    var expression: Expression?
    do {
        expression = try parser.parseExpression()
        if !parser.atEnd {
            throw parser.fail("unexpected \(parser.current.display) after the expression")
        }
    } catch {
        expression = nil
    }
    var diagnostics = lexed.diagnostics + parser.diagnostics
    diagnostics.sort { $0.span.start.offset < $1.span.start.offset }
    return (diagnostics.isEmpty ? expression : nil, DiagnosticList(diagnostics))
}

/// The tokens of `source` (for `:tokens` and tests); line breaks included, `.end` last.
public func tokenize(_ source: String, variables: ScriptVariables = ScriptVariables()) -> (tokens: [Token], diagnostics: DiagnosticList) {
    let lexed = Lexer.lex(source, variables: variables)
    return (lexed.tokens, DiagnosticList(lexed.diagnostics))
}
