import RexData

/// Binding powers of the expression grammar, low to high (SPEC §2).
enum Precedence {
    static let lowest = 0
    static let or = 1
    static let and = 2
    static let not = 3
    static let comparison = 4
    static let additive = 5
    static let multiplicative = 6
    static let unary = 7
}

/// Pratt parsing of expressions.
extension Parser {
    /// An expression whose operators all bind tighter than `minimum`.
    func parseExpression(_ minimum: Int = Precedence.lowest) throws -> Expression {
        var left = try parsePrefix()
        // Each operator deepens the (left-leaning) tree: count it, so that printing and
        // comparing the tree never recurse too deep either.
        let nestingBefore = nesting
        defer { nesting = nestingBefore }
        while true {
            let precedence = infixPrecedence()
            guard precedence > minimum else { return left }
            try enterNesting()
            left = try parseInfix(left, precedence)
        }
    }

    /// The precedence of the operator at the cursor, or `lowest` if none.
    private func infixPrecedence() -> Int {
        switch current.kind {
        case .identifier("or"): return Precedence.or
        case .identifier("and"): return Precedence.and
        case .identifier("is"), .identifier("in"), .identifier("between"): return Precedence.comparison
        case .identifier("not") where peek().isWord("in"): return Precedence.comparison
        case .symbol(let s):
            guard let op = BinaryOperator(rawValue: s) else { return Precedence.lowest }
            return op.precedence
        default:
            return Precedence.lowest
        }
    }

    private func parseInfix(_ left: Expression, _ precedence: Int) throws -> Expression {
        let start = left.span.start
        let opToken = advance()
        switch opToken.kind {
        case .identifier("is"):
            var negated = false
            if current.isWord("not") { advance(); negated = true }
            guard current.isWord("null") else {
                throw fail("expected 'null' after '\(negated ? "is not" : "is")', found \(current.display)",
                           help: "write x is null or x is not null; compare values with ==")
            }
            advance()
            return Expression(.isNull(left, negated: negated), span: span(from: start))
        case .identifier("in"), .identifier("not"):
            let negated = opToken.isWord("not")
            if negated { advance() }
            let list = try parseParenthesizedList(negated ? "not in" : "in")
            return Expression(.inList(left, list, negated: negated), span: span(from: start))
        case .identifier("between"):
            let low = try parseExpression(Precedence.comparison)
            guard current.isWord("and") else {
                throw fail("expected 'and' in between, found \(current.display)", help: "write x between LOW and HIGH")
            }
            advance()
            let high = try parseExpression(Precedence.comparison)
            return Expression(.between(left, low: low, high: high), span: span(from: start))
        default:
            let op: BinaryOperator
            switch opToken.kind {
            case .identifier("or"): op = .or
            case .identifier("and"): op = .and
            case .symbol(let s):
                guard let o = BinaryOperator(rawValue: s) else { throw fail("unexpected \(opToken.display)", at: opToken) }
                op = o
            default:
                throw fail("unexpected \(opToken.display)", at: opToken)
            }
            let right = try parseOperand(after: opToken, precedence)
            return Expression(.binary(op, left, right), span: span(from: start))
        }
    }

    /// The right operand of a binary operator, with a message that names the operator when missing.
    private func parseOperand(after opToken: Token, _ precedence: Int) throws -> Expression {
        if startsExpression(current) { return try parseExpression(precedence) }
        throw fail("expected an expression after \(opToken.display), found \(current.display)")
    }

    private func startsExpression(_ token: Token) -> Bool {
        switch token.kind {
        case .integer, .decimal, .string, .temporal, .quotedIdentifier: return true
        case .identifier(let name):
            return !["and", "or", "is", "in", "between"].contains(name)
        case .symbol(let s): return s == "(" || s == "-"
        default: return false
        }
    }

    /// `( a, b, … )` of `in`.
    private func parseParenthesizedList(_ what: String) throws -> [Expression] {
        _ = try expectSymbol("(", "after '\(what)'", help: "write x \(what) (1, 2, 3)")
        if current.isSymbol(")") {
            throw fail("the list of '\(what)' is empty", help: "write x \(what) (1, 2, 3)")
        }
        var items = [try parseExpression()]
        while current.isSymbol(",") {
            advance()
            items.append(try parseExpression())
        }
        _ = try expectSymbol(")", "to close the list of '\(what)'")
        return items
    }

    private func parsePrefix() throws -> Expression {
        try enterNesting()
        defer { nesting -= 1 }
        let token = current
        let start = token.span.start
        switch token.kind {
        case .symbol("-"):
            advance()
            // A minus right before a number is part of the literal.
            switch current.kind {
            case .integer(let value):
                advance()
                return Expression(.literal(.int(value == Int64.min ? value : -value)), span: span(from: start))
            case .decimal(let value):
                advance()
                return Expression(.literal(.float(-value)), span: span(from: start))
            default:
                guard startsExpression(current) else {
                    throw fail("expected an expression after '-', found \(current.display)")
                }
                let operand = try parseExpression(Precedence.unary)
                return Expression(.unary(.negate, operand), span: span(from: start))
            }
        case .identifier("not"):
            advance()
            guard startsExpression(current) else {
                throw fail("expected an expression after 'not', found \(current.display)")
            }
            let operand = try parseExpression(Precedence.not)
            return Expression(.unary(.not, operand), span: span(from: start))
        case .symbol("("):
            advance()
            let inner = try parseExpression()
            guard current.isSymbol(")") else {
                throw fail("expected ')' to close '(', found \(current.display)")
            }
            advance()
            // Parentheses are not part of the tree, but the span covers them.
            return Expression(inner.kind, span: span(from: start))
        case .integer(let value):
            advance()
            if value == Int64.min {
                throw fail("integer '9223372036854775808' is too large for a 64-bit int", at: token)
            }
            return Expression(.literal(.int(value)), span: token.span)
        case .decimal(let value):
            advance()
            return Expression(.literal(.float(value)), span: token.span)
        case .string(let text):
            advance()
            return Expression(.literal(.text(text)), span: token.span)
        case .temporal(let value):
            advance()
            return Expression(.literal(value), span: token.span)
        case .identifier("true"), .identifier("false"):
            advance()
            return Expression(.literal(.bool(token.isWord("true"))), span: token.span)
        case .identifier("null"):
            advance()
            return Expression(.literal(.null), span: token.span)
        case .identifier(let name) where ["and", "or", "is", "in", "between"].contains(name):
            throw fail("expected an expression, found \(token.display)",
                       help: "'\(name)' is a keyword; quote a column of that name with backticks: `\(name)`")
        case .identifier(let name) where (name == "this" || name == "that") && peek().isSymbol("."):
            advance()
            advance()
            let column = try parseName("a column name after '\(name).'")
            let side: JoinSide = name == "this" ? .this : .that
            return Expression(.qualifiedColumn(side: side, name: column), span: span(from: start))
        case .identifier("case") where peek().isSymbol("("):
            return try parseCase()
        case .identifier(let name), .quotedIdentifier(let name):
            advance()
            let identifier = Identifier(name, span: token.span)
            if current.isSymbol("(") {
                let arguments = try parseArguments()
                return Expression(.call(name: identifier, arguments: arguments), span: span(from: start))
            }
            return Expression(.column(identifier), span: token.span)
        case .end:
            throw fail("expected an expression, found end of input")
        default:
            throw fail("expected an expression, found \(token.display)")
        }
    }

    /// `case(C1 => V1, C2 => V2, …[, else => V])` (SPEC §2), kept as the call `case` with the
    /// arguments `C1, V1, C2, V2, …[, V]`: an odd count means the last one is the `else` value.
    private func parseCase() throws -> Expression {
        let start = current.span.start
        let identifier = Identifier("case", span: advance().span)
        _ = try expectSymbol("(", "after 'case'")
        var arguments: [Expression] = []
        var sawElse = false
        repeat {
            if !arguments.isEmpty { advance() }
            if sawElse {
                throw fail("'else =>' must be the last branch of case", help: "write case(C1 => V1, …, else => V)")
            }
            if current.isWord("else") && peek().isSymbol("=>") {
                advance(); advance()
                arguments.append(try parseExpression())
                sawElse = true
                continue
            }
            arguments.append(try parseExpression())
            _ = try expectSymbol("=>", "after a condition of case", help: "write case(C1 => V1, …, else => V)")
            arguments.append(try parseExpression())
        } while current.isSymbol(",")
        _ = try expectSymbol(")", "to close case")
        if arguments.count < 2 {
            throw fail("case needs at least one 'condition => value' branch", help: "write case(C1 => V1, …, else => V)")
        }
        return Expression(.call(name: identifier, arguments: arguments), span: span(from: start))
    }

    /// `( [EXPR, …] )` after a function or verb name.
    func parseArguments() throws -> [Expression] {
        _ = try expectSymbol("(", "before the arguments")
        var arguments: [Expression] = []
        if current.isSymbol(")") {
            advance()
            return arguments
        }
        arguments.append(try parseExpression())
        while current.isSymbol(",") {
            advance()
            arguments.append(try parseExpression())
        }
        _ = try expectSymbol(")", "to close the argument list")
        return arguments
    }
}
