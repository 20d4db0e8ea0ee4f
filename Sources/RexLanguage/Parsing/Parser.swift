import RexData

/// Thrown inside the parser after a diagnostic was recorded; caught where parsing can resume.
struct ParseFailure: Error {}

/// A hand-written recursive-descent parser over the tokens of one statement.
/// Errors are recorded as diagnostics; parsing resumes at the next `,` or `|` so that
/// several errors of one statement are all reported.
final class Parser {
    private(set) var tokens: [Token]
    private(set) var position = 0
    /// `(` consumed minus `)` consumed, so recovery can skip to the enclosing level.
    private(set) var openParens = 0
    /// Current depth of nested expressions and pipelines, limited so that deep input
    /// (`((((…`) is an error instead of a stack overflow.
    var nesting = 0
    static let maximumNesting = 500
    var diagnostics: [Diagnostic] = []

    /// `tokens` must end with `.end`.
    init(tokens: [Token]) {
        if tokens.last?.kind == .end {
            self.tokens = tokens
        } else {
            let location = tokens.last?.span.end ?? SourceLocation(line: 1, column: 1, offset: 0)
            self.tokens = tokens + [Token(.end, span: SourceSpan(start: location, end: location))]
        }
    }

    // MARK: - Cursor

    var current: Token { tokens[position] }

    func peek(_ ahead: Int = 1) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

    @discardableResult
    func advance() -> Token {
        let token = tokens[position]
        if token.isSymbol("(") { openParens += 1 }
        if token.isSymbol(")") { openParens -= 1 }
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    var atEnd: Bool { current.kind == .end }

    /// The end of the previous token (for spans of nodes just parsed).
    var previousEnd: SourceLocation {
        position > 0 ? tokens[position - 1].span.end : current.span.start
    }

    func span(from start: SourceLocation) -> SourceSpan {
        SourceSpan(start: start, end: previousEnd.offset >= start.offset ? previousEnd : start)
    }

    /// Records an error at `token` and returns the failure to throw.
    func fail(_ message: String, at token: Token? = nil, help: String? = nil) -> ParseFailure {
        diagnostics.append(Diagnostic(message, at: (token ?? current).span, help: help))
        return ParseFailure()
    }

    func expectSymbol(_ symbol: String, _ context: String, help: String? = nil) throws -> Token {
        guard current.isSymbol(symbol) else {
            throw fail("expected '\(symbol)' \(context), found \(current.display)", help: help)
        }
        return advance()
    }

    /// True when the current token ends a step: `|`, `->`, `)` or the end.
    var atStepBoundary: Bool {
        atEnd || current.isSymbol("|") || current.isSymbol("->") || current.isSymbol(")")
    }

    /// Skips tokens up to (not including) the next `|`, `->`, `)` or end at the parenthesis
    /// level `level` (closing any parentheses opened since), and also `,` when `stopAtComma`.
    func synchronize(stopAtComma: Bool, level: Int) {
        while !atEnd {
            if openParens <= level {
                if current.isSymbol("|") || current.isSymbol("->") || current.isSymbol(")") { return }
                if stopAtComma, current.isSymbol(",") { return }
            }
            advance()
        }
    }

    /// Counts one level of nesting; fails beyond `maximumNesting`.
    func enterNesting() throws {
        nesting += 1
        if nesting > Self.maximumNesting {
            nesting -= 1
            throw fail("the statement is nested too deeply (more than \(Self.maximumNesting) levels)",
                       help: "split it with let bindings or def functions")
        }
    }

    // MARK: - Names

    /// A bare or backtick-quoted name.
    func parseName(_ what: String) throws -> Identifier {
        switch current.kind {
        case .identifier(let name), .quotedIdentifier(let name):
            let token = advance()
            return Identifier(name, span: token.span)
        default:
            throw fail("expected \(what), found \(current.display)")
        }
    }

    var atName: Bool {
        switch current.kind {
        case .identifier, .quotedIdentifier: return true
        default: return false
        }
    }

    func isName(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier, .quotedIdentifier: return true
        default: return false
        }
    }

    /// Items separated by commas; a failing item is skipped up to the next `,` or step end.
    func parseList<T>(_ item: () throws -> T) -> [T] {
        var items: [T] = []
        while true {
            let level = openParens
            do {
                items.append(try item())
            } catch {
                synchronize(stopAtComma: true, level: level)
            }
            guard current.isSymbol(",") else { break }
            advance()
        }
        return items
    }

    /// `A, B, C` (names only), for `drop`, `by`, `distinct`, `summary`.
    func parseNames(_ what: String) -> [Identifier] {
        parseList { try parseName(what) }
    }

    // MARK: - Statements

    /// One statement from the tokens of one statement; nil after an error.
    func parseStatement() -> Statement? {
        let errorsBefore = diagnostics.count
        let start = current.span.start
        let statement: Statement?
        do {
            statement = try parseStatementKind(start)
        } catch {
            statement = nil
        }
        return diagnostics.count == errorsBefore ? statement : nil
    }

    private func parseStatementKind(_ start: SourceLocation) throws -> Statement {
        if case .command(let name, let argument) = current.kind {
            let token = advance()
            var nameSpan = token.span
            nameSpan.end = SourceLocation(line: nameSpan.start.line,
                                          column: nameSpan.start.column + 1 + name.unicodeScalars.count,
                                          offset: nameSpan.start.offset + 1 + name.utf8.count)
            return Statement(.command(name: Identifier(name, span: nameSpan), argument: argument), span: token.span)
        }
        if current.isWord("let"), isName(peek()), peek(2).isSymbol("=") {
            advance()
            let name = try parseName("a name after 'let'")
            advance()
            let pipeline = try parsePipeline()
            if current.isSymbol("->") {
                throw fail("a 'let' binding cannot write to a sink",
                           help: "bind first (let \(name.name) = …), then write with \(name.name) -> …")
            }
            try expectStatementEnd()
            return Statement(.binding(name: name, pipeline: pipeline), span: span(from: start))
        }
        if current.isWord("def"), isName(peek()), peek(2).isSymbol("(") {
            return try parseDefinition(start)
        }
        if isName(current), peek().isSymbol("="), !peek(2).isSymbol("=") {
            throw fail("expected a statement, found an assignment", at: peek(),
                       help: "bind a pipeline with let NAME = PIPELINE; compute a column with | derive NAME = EXPRESSION")
        }
        let pipeline = try parsePipeline()
        if current.isSymbol("->") {
            let sink = try parseSink()
            try expectStatementEnd()
            return Statement(.sink(pipeline: pipeline, sink: sink), span: span(from: start))
        }
        try expectStatementEnd()
        return Statement(.pipeline(pipeline), span: span(from: start))
    }

    private func expectStatementEnd() throws {
        guard !atEnd else { return }
        if let name = current.bareName, Grammar.verbs.contains(name) {
            throw fail("expected '|' before '\(name)'", help: "verbs are separated by '|': … | \(name) …")
        }
        if current.isSymbol(")") {
            throw fail("unmatched ')'")
        }
        throw fail("unexpected \(current.display) after the end of the statement",
                   help: "separate statements with a new line or ';'")
    }

    /// `def NAME(P…) = VERB | VERB…` or `def NAME(P…) = EXPR`.
    private func parseDefinition(_ start: SourceLocation) throws -> Statement {
        advance()
        let name = try parseName("a name after 'def'")
        _ = try expectSymbol("(", "after the name of the def")
        var parameters: [Identifier] = []
        if !current.isSymbol(")") {
            parameters = parseList { try parseName("a parameter name") }
        }
        _ = try expectSymbol(")", "after the parameters of '\(name.name)'")
        _ = try expectSymbol("=", "after def \(name.name)(…)",
                             help: "write def \(name.name)(…) = VERB | VERB or def \(name.name)(…) = EXPRESSION")
        let leadingPipe = current.isSymbol("|")
        if leadingPipe { advance() }
        if leadingPipe || bodyIsVerbs() {
            var steps: [Step] = []
            if let step = parseStepRecovering() { steps.append(step) }
            while current.isSymbol("|") {
                advance()
                if let step = parseStepRecovering() { steps.append(step) }
            }
            if current.isSymbol("->") {
                throw fail("a def cannot write to a sink")
            }
            try expectStatementEnd()
            return Statement(.defineVerb(name: name, parameters: parameters, steps: steps), span: span(from: start))
        }
        let body = try parseExpression()
        try expectStatementEnd()
        return Statement(.defineFunction(name: name, parameters: parameters, body: body), span: span(from: start))
    }

    /// A def body is a verb sequence when it starts with a verb name or holds a top-level `|`.
    private func bodyIsVerbs() -> Bool {
        if let name = current.bareName, Grammar.verbs.contains(name) { return true }
        var depth = 0
        for token in tokens[position...] {
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            if depth == 0, token.isSymbol("|") { return true }
        }
        return false
    }

    // MARK: - Pipelines and sources

    /// `SOURCE | VERB | VERB…`.
    func parsePipeline() throws -> Pipeline {
        try enterNesting()
        defer { nesting -= 1 }
        let start = current.span.start
        let source = try parseSource()
        var steps: [Step] = []
        while current.isSymbol("|") {
            advance()
            if let step = parseStepRecovering() { steps.append(step) }
        }
        return Pipeline(source: source, steps: steps, span: span(from: start))
    }

    /// True when `token` ends a source written as a bare word (so the word is a `let` name).
    private func endsSource(_ token: Token) -> Bool {
        token.kind == .end || token.isSymbol("|") || token.isSymbol("->") || token.isSymbol(")") || token.isWord("on")
    }

    func parseSource() throws -> Source {
        let start = current.span.start
        if let word = current.bareName, Grammar.sourceKeywords.contains(word), !endsSource(peek()) {
            let keyword = advance()
            switch word {
            case "table":
                var parts = [try parseName("a table name after 'table'")]
                while current.isSymbol(".") {
                    advance()
                    parts.append(try parseName("a name after '.' in the table name"))
                }
                return Source(.table(parts), span: span(from: start))
            case "sql":
                guard case .string(let text) = current.kind else {
                    throw fail("expected a string after 'sql', found \(current.display)", help: "write sql \"SELECT …\"")
                }
                let template = current.template ?? TemplateText(text)
                advance()
                return Source(.sql(template), span: span(from: start))
            case "csv":
                guard case .string(let path) = current.kind else {
                    throw fail("expected a file path string after 'csv', found \(current.display)", help: "write csv \"data.csv\"")
                }
                advance()
                var options: [Option] = []
                while atName, peek().isSymbol("=") {
                    options.append(try parseOption())
                    if current.isSymbol(","), isName(peek()), peek(2).isSymbol("=") { advance() }
                }
                return Source(.csv(path: path, options: options), span: span(from: start))
            case "sample":
                let name = try parseName("a data set name after 'sample' (iris or airline)")
                return Source(.sample(name), span: span(from: start))
            default:
                guard case .python(let block) = current.kind else {
                    throw fail("expected a \"\"\"…\"\"\" block after 'python', found \(current.display)", at: keyword)
                }
                advance()
                return Source(.python(block), span: span(from: start))
            }
        }
        switch current.kind {
        case .identifier(let name) where Grammar.verbs.contains(name) && !endsSource(peek()):
            throw fail("a pipeline starts with a source, not the verb '\(name)'", help: Self.sourceHelp + ", then | \(name) …")
        case .identifier(let name) where Grammar.expressionKeywords.contains(name) && name != "true" && name != "false":
            throw fail("expected a source, found \(current.display)", help: Self.sourceHelp)
        case .identifier(let name), .quotedIdentifier(let name):
            let token = advance()
            if case .identifier = token.kind, startsArgument(current),
               let match = suggest(name, from: Grammar.sourceKeywords + ["inner", "left", "full"]) {
                // `smaple iris`: a word close to a source keyword, followed by an argument.
                throw fail("unknown source '\(name)'", at: token, help: "did you mean '\(match)'?")
            }
            return Source(.binding(Identifier(name, span: token.span)), span: token.span)
        case .symbol("("):
            advance()
            let pipeline = try parsePipeline()
            guard current.isSymbol(")") else {
                throw fail("expected ')' to close the parenthesized pipeline, found \(current.display)")
            }
            advance()
            return Source(.parenthesized(pipeline), span: span(from: start))
        case .python:
            throw fail("a Python block as a source needs the word 'python' before it", help: "write python \"\"\"…\"\"\"")
        default:
            throw fail("expected a source, found \(current.display)", help: Self.sourceHelp)
        }
    }

    /// True for a token that can only be the argument of a source keyword.
    private func startsArgument(_ token: Token) -> Bool {
        switch token.kind {
        case .identifier(let word): return !["on", "by", "offset"].contains(word) && !Grammar.verbs.contains(word)
        case .quotedIdentifier, .string, .python: return true
        default: return false
        }
    }

    static let sourceHelp = "a pipeline starts with table NAME, sql \"…\", csv \"…\", sample iris, python \"\"\"…\"\"\", a let name or ( pipeline )"

    /// `name=value`.
    func parseOption() throws -> Option {
        let name = try parseName("an option name")
        _ = try expectSymbol("=", "after the option name '\(name.name)'")
        let value = try parseExpression()
        return Option(name: name, value: value)
    }

    // MARK: - Sinks

    /// `-> table NAME [replace|append]`, `-> csv "p"`, `-> png "p"`.
    func parseSink() throws -> Sink {
        let arrow = advance()
        let start = arrow.span.start
        guard let word = current.bareName, ["table", "csv", "png"].contains(word) else {
            var help = "write -> table NAME, -> csv \"file.csv\" or -> png \"file.png\""
            if let word = current.bareName, let match = suggest(word, from: ["table", "csv", "png"]) {
                help = "did you mean '\(match)'?"
            }
            throw fail("expected a sink after '->', found \(current.display)", help: help)
        }
        advance()
        switch word {
        case "table":
            var parts = [try parseName("a table name after '-> table'")]
            while current.isSymbol(".") {
                advance()
                parts.append(try parseName("a name after '.' in the table name"))
            }
            var mode = Sink.Mode.create
            if current.isWord("replace") { advance(); mode = .replace } else if current.isWord("append") { advance(); mode = .append }
            return Sink(.table(name: parts, mode: mode), span: span(from: start))
        default:
            guard case .string(let path) = current.kind else {
                throw fail("expected a file path string after '-> \(word)', found \(current.display)",
                           help: "write -> \(word) \"file.\(word)\"")
            }
            advance()
            return Sink(word == "csv" ? .csv(path: path) : .png(path: path), span: span(from: start))
        }
    }
}
