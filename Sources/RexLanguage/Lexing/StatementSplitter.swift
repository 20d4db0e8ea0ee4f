/// Splits a token stream into statements (SPEC §2): statements end at `;` or at a line
/// break, except that a line ending with `|`, `,`, `(` or `->`, a line inside open
/// parentheses, and a line followed by one starting with `|` continue the statement.
/// A `:command` token is a statement by itself.
enum StatementSplitter {
    /// Symbols that continue a statement onto the next line when they end a line.
    static let continuationSymbols: Set<String> = ["|", ",", "(", "->"]

    /// The tokens of each statement, without line breaks or `;`, each ending with `.end`.
    static func split(_ tokens: [Token]) -> [[Token]] {
        var statements: [[Token]] = []
        var current: [Token] = []
        var depth = 0

        func flush(at end: SourceLocation?) {
            guard let last = current.last else { return }
            let location = end ?? last.span.end
            current.append(Token(.end, span: SourceSpan(start: location, end: location)))
            statements.append(current)
            current = []
            depth = 0
        }

        for (i, token) in tokens.enumerated() {
            switch token.kind {
            case .end:
                flush(at: nil)
            case .newline:
                guard let last = current.last, depth == 0 else { continue }
                if case .symbol(let s) = last.kind, continuationSymbols.contains(s) { continue }
                if nextSignificant(tokens, after: i)?.isSymbol("|") == true { continue }
                flush(at: nil)
            case .symbol(";"):
                flush(at: nil)
            case .command:
                flush(at: nil)
                current.append(token)
                flush(at: nil)
            default:
                if token.isSymbol("(") { depth += 1 }
                if token.isSymbol(")") { depth = max(0, depth - 1) }
                current.append(token)
            }
        }
        return statements
    }

    private static func nextSignificant(_ tokens: [Token], after index: Int) -> Token? {
        var j = index + 1
        while j < tokens.count {
            if tokens[j].kind != .newline { return tokens[j] }
            j += 1
        }
        return nil
    }
}

/// True when `text` is one or more whole statements; false when it ends with `|`, `,`,
/// `(` or `->`, or inside open parentheses, a string, a backtick name or a `"""` block,
/// so that the REPL should read another line (with the continuation prompt).
public func isStatementComplete(_ text: String) -> Bool {
    let lexed = Lexer.lex(text)
    if lexed.endsInsideLiteral { return false }
    var depth = 0
    var last: Token?
    for token in lexed.tokens {
        switch token.kind {
        case .newline, .end:
            continue
        case .symbol(";"):
            depth = 0
        case .symbol("("):
            depth += 1
        case .symbol(")"):
            depth = max(0, depth - 1)
        case .command:
            depth = 0
        default:
            break
        }
        last = token
    }
    if depth > 0 { return false }
    if let last, case .symbol(let s) = last.kind, StatementSplitter.continuationSymbols.contains(s) { return false }
    return true
}
