/// Parsing of the verbs after `|` (SPEC §2).
extension Parser {
    /// One step; on an error, records it, skips to the next `|` and returns nil.
    func parseStepRecovering() -> Step? {
        let errorsBefore = diagnostics.count
        let level = openParens
        do {
            let step = try parseStep()
            if !atStepBoundary {
                throw fail("unexpected \(current.display) in '\(verbName(step))'", help: strayWordHelp())
            }
            return diagnostics.count == errorsBefore ? step : nil
        } catch {
            synchronize(stopAtComma: false, level: level)
            return nil
        }
    }

    /// Help for a word where a step should have ended: a missing `|`, or a misspelled `by`/`offset`/`on`.
    private func strayWordHelp() -> String? {
        guard let word = current.bareName else { return nil }
        if Grammar.verbs.contains(word) { return "add '|' before '\(word)'" }
        return suggest(word, from: ["by", "offset", "on"]).map { "did you mean '\($0)'?" }
    }

    private func verbName(_ step: Step) -> String {
        switch step.kind {
        case .filter: return "filter"
        case .select: return "select"
        case .drop: return "drop"
        case .derive: return "derive"
        case .rename: return "rename"
        case .summarize: return "summarize"
        case .sort: return "sort"
        case .take, .takeBy: return "take"
        case .sortedDerive: return "derive"
        case .distinct: return "distinct"
        case .join: return "join"
        case .append: return "append"
        case .collect: return "collect"
        case .summary: return "summary"
        case .linmod: return "linmod"
        case .plot: return "plot"
        case .python: return "python"
        case .call(let name, _): return name.name
        }
    }

    func parseStep() throws -> Step {
        let start = current.span.start
        let verbToken = current
        switch verbToken.kind {
        case .identifier(let name) where Grammar.verbs.contains(name):
            advance()
            let kind = try parseVerb(name, verbToken)
            return Step(kind, span: span(from: start))
        case .identifier(let name), .quotedIdentifier(let name):
            if peek().isSymbol("(") {
                advance()
                let arguments = try parseArguments()
                return Step(.call(name: Identifier(name, span: verbToken.span), arguments: arguments), span: span(from: start))
            }
            let help = suggest(name, from: Grammar.verbs).map { "did you mean '\($0)'?" }
                ?? "verbs: \(Grammar.verbs.joined(separator: ", ")); a def verb is called as \(name)(…)"
            throw fail("unknown verb '\(name)'", at: verbToken, help: help)
        case .end:
            throw fail("expected a verb after '|', found end of input")
        default:
            throw fail("expected a verb after '|', found \(verbToken.display)")
        }
    }

    private func parseVerb(_ verb: String, _ verbToken: Token) throws -> Step.Kind {
        switch verb {
        case "filter":
            return .filter(try parseExpression())
        case "select":
            try requireItems(verb, verbToken, example: "select A, B, C = EXPR")
            return .select(parseList { try parseAssignment(verb, nameRequired: false) })
        case "drop":
            try requireItems(verb, verbToken, example: "drop A, B")
            return .drop(parseNames("a column name in drop"))
        case "derive":
            try requireItems(verb, verbToken, example: "derive N = EXPR")
            let items = parseList { try parseAssignment(verb, nameRequired: true) }
            let by = try parseBy()
            if current.isWord("sort") {
                let sort = advance()
                if atStepBoundary {
                    throw fail("expected a sort key after 'sort' in derive, found \(current.display)", at: sort,
                               help: "write derive r = row_number() by g sort -x")
                }
                return .sortedDerive(items, by: by, sort: parseList { try parseSortKey() })
            }
            return .derive(items, by: by)
        case "rename":
            try requireItems(verb, verbToken, example: "rename NEW = OLD")
            return .rename(parseList { try parseRenamePair() })
        case "summarize":
            try requireItems(verb, verbToken, example: "summarize n = count() by G")
            let items = parseList { try parseAssignment(verb, nameRequired: true) }
            return .summarize(items, by: try parseBy())
        case "sort":
            try requireItems(verb, verbToken, example: "sort A, -B")
            return .sort(parseList { try parseSortKey() })
        case "take":
            try requireItems(verb, verbToken, example: "take 10")
            let count = try parseExpression()
            if current.isWord("by") {
                return .takeBy(count: count, by: try parseBy())
            }
            var offset: Expression?
            if current.isWord("offset") {
                advance()
                offset = try parseExpression()
            }
            return .take(count: count, offset: offset)
        case "distinct":
            return .distinct(atStepBoundary ? [] : parseNames("a column name in distinct"))
        case "join":
            return try parseJoin()
        case "append":
            return .append(try parseSource())
        case "collect":
            return .collect
        case "summary":
            return .summary(atStepBoundary ? [] : parseNames("a column name in summary"))
        case "linmod":
            let response = try parseName("the response column after 'linmod'")
            _ = try expectSymbol("~", "after the response of linmod", help: "write linmod Y ~ X1 + X2")
            var predictors = [try parseName("a predictor column after '~'")]
            var intercept = true
            while current.isSymbol("+") || current.isSymbol("-") {
                if current.isSymbol("-") {
                    // `- 1`: no intercept (R's formula), anywhere after the first predictor.
                    advance()
                    guard case .integer(1) = current.kind else {
                        throw fail("expected 1 after '-' in a linmod formula, found \(current.display)",
                                   help: "write linmod Y ~ X1 + X2 - 1 to fit no intercept")
                    }
                    advance()
                    intercept = false
                    continue
                }
                advance()
                predictors.append(try parseName("a predictor column after '+'"))
            }
            return .linmod(response: response, predictors: predictors, intercept: intercept)
        case "plot":
            return try parsePlot()
        default: // python
            guard case .python(let block) = current.kind else {
                throw fail("expected a \"\"\"…\"\"\" block after 'python', found \(current.display)",
                           help: "write python \"\"\"result = df\"\"\"")
            }
            advance()
            return .python(block)
        }
    }

    /// Reports a verb that needs items but has none (`| select` at the end).
    private func requireItems(_ verb: String, _ verbToken: Token, example: String) throws {
        if atStepBoundary {
            throw fail("'\(verb)' needs at least one item", at: verbToken, help: "for example: \(example)")
        }
    }

    /// `NAME = EXPR`, or (when allowed) a bare expression.
    private func parseAssignment(_ verb: String, nameRequired: Bool) throws -> Assignment {
        if atName, peek().isSymbol("=") {
            let name = try parseName("a column name")
            advance()
            return Assignment(name: name, value: try parseExpression())
        }
        let value = try parseExpression()
        if nameRequired {
            diagnostics.append(Diagnostic("'\(verb)' needs a name for each item", at: value.span,
                                          help: "name it: \(suggestedName(for: value)) = \(printSource(value))"))
            throw ParseFailure()
        }
        return Assignment(name: nil, value: value)
    }

    /// A name for an unnamed item: `mean_x` for `mean(x)`, the column for a column, else `value`.
    private func suggestedName(for value: Expression) -> String {
        switch value.kind {
        case .column(let column): return SourcePrinter.name(column.name)
        case .call(let function, let arguments):
            if case .column(let column)? = arguments.first?.kind, arguments.count == 1,
               Grammar.isPlainIdentifier(function.name + "_" + column.name) {
                return function.name + "_" + column.name
            }
            return Grammar.isPlainIdentifier(function.name) ? function.name : "value"
        default: return "value"
        }
    }

    private func parseRenamePair() throws -> RenamePair {
        let new = try parseName("the new name in rename")
        _ = try expectSymbol("=", "after the new name in rename", help: "write rename NEW = OLD")
        let old = try parseName("the old name in rename")
        return RenamePair(new: new, old: old)
    }

    /// An optional `by G1, G2`.
    private func parseBy() throws -> [Identifier] {
        guard current.isWord("by") else { return [] }
        let by = advance()
        if atStepBoundary {
            throw fail("expected a column name after 'by', found \(current.display)", at: by)
        }
        return parseNames("a column name after 'by'")
    }

    /// `A` or `-A` (descending).
    private func parseSortKey() throws -> SortKey {
        let start = current.span.start
        var descending = false
        if current.isSymbol("-") {
            advance()
            descending = true
        }
        let expression = try parseExpression()
        return SortKey(expression: expression, descending: descending, span: span(from: start))
    }

    /// `join [inner|left|full] REL on EXPR` or `on A, B`.
    private func parseJoin() throws -> Step.Kind {
        var kind = JoinKind.inner
        if let word = current.bareName, let k = JoinKind(rawValue: word), !peek().isWord("on"), !endsStep(peek()) {
            advance()
            kind = k
        }
        let relation = try parseSource()
        guard current.isWord("on") else {
            throw fail("expected 'on' after the relation in join, found \(current.display)",
                       help: "write join REL on A, B or join REL on this.X == that.Y")
        }
        let on = advance()
        if atStepBoundary {
            throw fail("expected a join condition after 'on', found \(current.display)", at: on)
        }
        let first = try parseExpression()
        if case .column(let name) = first.kind, current.isSymbol(",") || atStepBoundary {
            var names = [name]
            if current.isSymbol(",") {
                advance()
                names += parseNames("a column name in the join's 'on' list")
            }
            return .join(kind: kind, with: relation, on: .columns(names))
        }
        return .join(kind: kind, with: relation, on: .expression(first))
    }

    private func endsStep(_ token: Token) -> Bool {
        token.kind == .end || token.isSymbol("|") || token.isSymbol("->") || token.isSymbol(")")
    }

    /// `plot KIND [ARGS] [name=value…]`.
    private func parsePlot() throws -> Step.Kind {
        let kindToken = current
        let kind = try parseName("a plot kind (\(Grammar.plotKinds.joined(separator: ", ")))")
        if case .identifier = kindToken.kind, !Grammar.plotKinds.contains(kind.name) {
            let help = suggest(kind.name, from: Grammar.plotKinds).map { "did you mean '\($0)'?" }
                ?? "plot kinds: \(Grammar.plotKinds.joined(separator: ", "))"
            throw fail("unknown plot kind '\(kind.name)'", at: kindToken, help: help)
        }
        var arguments: [Identifier] = []
        var options: [Option] = []
        while !atStepBoundary {
            if current.isSymbol(",") {
                advance()
                continue
            }
            if atName, peek().isSymbol("=") {
                options.append(try parseOption())
            } else if atName {
                guard options.isEmpty else {
                    throw fail("column names of plot come before its options, found \(current.display)")
                }
                arguments.append(try parseName("a column name"))
            } else {
                throw fail("expected a column name or an option (name=value) in plot, found \(current.display)")
            }
        }
        return .plot(kind: kind, arguments: arguments, options: options)
    }
}
