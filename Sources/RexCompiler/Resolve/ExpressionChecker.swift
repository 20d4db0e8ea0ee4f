import RexData
import RexLanguage

/// Resolves and type-checks expressions (SPEC §2): column names against the input,
/// operators, functions, aggregates and `def` functions (inlined).
struct ExpressionChecker {
    let environment: CompilerEnvironment
    let diagnostics: DiagnosticCollector
    /// The `def` functions being inlined, outermost first (to report recursion).
    var expanding: [String] = []

    func check(_ expression: Expression, in scope: ExpressionScope) -> TypedExpression {
        switch expression.kind {
        case .literal(let value):
            guard let type = value.type else { return .null }
            return TypedExpression(.literal(value), type: type)
        case .column(let name):
            return column(name, in: scope)
        case .qualifiedColumn(let side, let name):
            return qualifiedColumn(side, name, span: expression.span, in: scope)
        case .unary(let op, let operand):
            return unary(op, operand, span: expression.span, in: scope)
        case .binary(let op, let left, let right):
            return binary(op, left, right, span: expression.span, in: scope)
        case .isNull(let operand, let negated):
            let typed = check(operand, in: scope)
            return TypedExpression(.isNull(typed.ir, negated: negated), type: .bool)
        case .inList(let operand, let list, let negated):
            return inList(operand, list, negated: negated, in: scope)
        case .between(let operand, let low, let high):
            // Lowered to `operand >= low and operand <= high`.
            let lower = Expression(.binary(.greaterOrEqual, operand, low), span: expression.span)
            let upper = Expression(.binary(.lessOrEqual, operand, high), span: expression.span)
            return check(Expression(.binary(.and, lower, upper), span: expression.span), in: scope)
        case .call(let name, let arguments):
            return call(name, arguments, span: expression.span, in: scope)
        }
    }

    /// Checks `expression` and requires a bool (for `filter` and join conditions).
    func checkCondition(_ expression: Expression, in scope: ExpressionScope) -> TypedExpression {
        let typed = check(expression, in: scope)
        if let type = typed.checkedType, type != .bool {
            diagnostics.error("\(scope.verb) needs a bool condition, but this is \(type)", at: expression.span,
                              help: "compare it, e.g. `x > 0` or `x is not null`")
            return .unknown
        }
        return typed.replacing(with: typed.ir(as: .bool), known: typed.isKnown)
    }

    // MARK: - Columns

    private func column(_ name: Identifier, in scope: ExpressionScope) -> TypedExpression {
        switch scope.columns {
        case .single(let input):
            if case .summarize(let keys) = scope.aggregates, scope.insideAggregate == nil {
                if let earlier = scope.earlierItems[name.name] { return earlier }
                if keys.contains(name.name) || input.field(named: name.name) == nil {
                    return inputColumn(name, of: input, verb: scope.verb)
                }
                diagnostics.error("column '\(name.name)' in summarize is neither a group key nor inside an aggregate",
                                  at: name.span,
                                  help: "aggregate it, e.g. max(\(name.name)), or add it after `by`")
                return .unknown
            }
            if let earlier = scope.earlierItems[name.name] {
                if scope.insideAggregate != nil, earlier.ir.containsAggregate {
                    diagnostics.error("'\(name.name)' is an aggregate and cannot be used inside another aggregate",
                                      at: name.span, help: "compute it in an earlier derive or summarize first")
                    return .unknown
                }
                return earlier
            }
            return inputColumn(name, of: input, verb: scope.verb)
        case .join(let this, let that):
            let inThis = this.field(named: name.name) != nil, inThat = that.field(named: name.name) != nil
            if inThis && inThat {
                diagnostics.error("column '\(name.name)' is ambiguous in join: both sides have it", at: name.span,
                                  help: "write this.\(name.name) (the input) or that.\(name.name) (the joined relation)")
                return .unknown
            }
            if inThat { return sideColumn(.that, name, of: that) }
            if inThis || this.isOpaque || that.isOpaque { return sideColumn(.this, name, of: this) }
            diagnostics.unknown("column", name, context: "join", candidates: this.schema.names + that.schema.names)
            return .unknown
        }
    }

    private func inputColumn(_ name: Identifier, of input: WorkingRelation, verb: String) -> TypedExpression {
        if let field = input.field(named: name.name) {
            if input.unknownColumns.contains(field.name) { return .unknown }
            return TypedExpression(.column(field.name), type: field.type)
        }
        if !input.isOpaque {
            diagnostics.unknown("column", name, context: verb, candidates: input.schema.names)
        }
        return .unknown
    }

    private func sideColumn(_ side: JoinSide, _ name: Identifier, of input: WorkingRelation) -> TypedExpression {
        guard let field = input.field(named: name.name) else {
            if !input.isOpaque {
                let which = side == .this ? "the input" : "the joined relation"
                diagnostics.error("unknown column '\(name.name)' in \(which) of join", at: name.span,
                                  help: NameSuggestion.help(for: name.name, kind: "column", candidates: input.schema.names))
            }
            return .unknown
        }
        if input.unknownColumns.contains(field.name) { return .unknown }
        return TypedExpression(.sideColumn(side, field.name), type: field.type)
    }

    private func qualifiedColumn(_ side: JoinSide, _ name: Identifier, span: SourceSpan,
                                 in scope: ExpressionScope) -> TypedExpression {
        guard case .join(let this, let that) = scope.columns else {
            diagnostics.error("'\(side.rawValue).\(name.name)' is only meaningful in a join condition", at: span,
                              help: "write just \(name.name)")
            return .unknown
        }
        return sideColumn(side, name, of: side == .this ? this : that)
    }

    // MARK: - Operators

    private func unary(_ op: UnaryOperator, _ operand: Expression, span: SourceSpan,
                       in scope: ExpressionScope) -> TypedExpression {
        let typed = check(operand, in: scope)
        guard typed.isKnown else { return .unknown }
        switch op {
        case .negate:
            if let type = typed.checkedType, !type.isNumeric {
                diagnostics.error("'-' needs a number, but this is \(type)", at: operand.span)
                return .unknown
            }
            let type = typed.checkedType ?? .int
            return TypedExpression(.unary(.negate, typed.ir(as: type)), type: type)
        case .not:
            if let type = typed.checkedType, type != .bool {
                diagnostics.error("'not' needs a bool, but this is \(type)", at: operand.span,
                                  help: "compare it first, e.g. `x == 0`")
                return .unknown
            }
            return TypedExpression(.unary(.not, typed.ir(as: .bool)), type: .bool)
        }
    }

    private func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression, span: SourceSpan,
                        in scope: ExpressionScope) -> TypedExpression {
        let l = check(left, in: scope), r = check(right, in: scope)
        guard l.isKnown && r.isKnown else { return .unknown }
        let lt = l.checkedType, rt = r.checkedType
        let symbol = op.rawValue
        func operandError(_ type: DataType, _ expression: Expression, needs: String, help: String? = nil) -> TypedExpression {
            diagnostics.error("'\(symbol)' needs \(needs), but this operand is \(type)", at: expression.span, help: help)
            return .unknown
        }
        func result(_ operandType: DataType, _ type: DataType) -> TypedExpression {
            TypedExpression(.binary(op, l.ir(as: operandType), r.ir(as: operandType)), type: type)
        }
        switch op {
        case .and, .or:
            if let lt, lt != .bool { return operandError(lt, left, needs: "bool operands") }
            if let rt, rt != .bool { return operandError(rt, right, needs: "bool operands") }
            return result(.bool, .bool)
        case .add, .subtract, .multiply, .divide, .modulo:
            if op == .add || op == .subtract, let dated = dateArithmetic(op, l, r, left, right, span: span) {
                return dated
            }
            if op == .add, lt == .text || rt == .text {
                diagnostics.error("'+' does not join text", at: span,
                                  help: "use concat(\(sourceHint(left)), \(sourceHint(right)))")
                return .unknown
            }
            let needs = op == .modulo ? "int operands" : "numbers"
            let modHelp = "'%' is for int only; convert with int(x), or use x - floor(x / y) * y"
            for (type, expression) in [(lt, left), (rt, right)] {
                guard let type else { continue }
                if op == .modulo ? type != .int : !type.isNumeric {
                    return operandError(type, expression, needs: needs, help: op == .modulo && type == .float ? modHelp : nil)
                }
            }
            let operandType = (lt == .float || rt == .float) ? DataType.float : .int
            if operandType == .int, let overflow = constantOverflow(op, l.ir, r.ir) {
                diagnostics.error("integer overflow: \(overflow) does not fit in 64 bits", at: span,
                                  help: "use a float literal (e.g. 1.0) for values this large")
                return .unknown
            }
            return result(operandType, op == .divide ? .float : operandType)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            if let lt, let rt, commonType(lt, rt) == nil {
                diagnostics.error("cannot compare \(lt) with \(rt)", at: span, help: comparisonHelp(lt, rt))
                return .unknown
            }
            let operandType = lt.flatMap { a in rt.flatMap { commonType(a, $0) } ?? a } ?? rt ?? .text
            return result(operandType, .bool)
        }
    }

    private func inList(_ operand: Expression, _ list: [Expression], negated: Bool,
                        in scope: ExpressionScope) -> TypedExpression {
        let typed = check(operand, in: scope)
        let items = list.map { check($0, in: scope) }
        guard typed.isKnown, items.allSatisfy(\.isKnown) else { return .unknown }
        var type = typed.checkedType
        for (item, expression) in zip(items, list) {
            guard let itemType = item.checkedType else { continue }
            guard let current = type else { type = itemType; continue }
            guard let common = commonType(current, itemType) else {
                diagnostics.error("'in' list item is \(itemType) but the value is \(current)", at: expression.span,
                                  help: "every item must have the value's type")
                return .unknown
            }
            type = common
        }
        let resolved = type ?? .text
        return TypedExpression(.inList(typed.ir(as: resolved), items.map { $0.ir(as: resolved) }, negated: negated),
                               type: .bool)
    }

    // MARK: - Calls

    private func call(_ name: Identifier, _ arguments: [Expression], span: SourceSpan,
                      in scope: ExpressionScope) -> TypedExpression {
        if Self.isWindowFunction(name.name) {
            return windowCall(name, arguments, span: span, in: scope)
        }
        if let aggregate = AggregateFunction(rawValue: name.name) {
            if runningAggregateError(aggregate, name, span: span, in: scope) { return .unknown }
            return self.aggregate(aggregate, name, arguments, span: span, in: scope)
        }
        if let function = ScalarFunction(rawValue: name.name), !function.isOperator {
            if function == .today || function == .now {
                return clockLiteral(function, name: name, arguments: arguments, span: span)
            }
            let typed = arguments.map { check($0, in: scope) }
            guard typed.allSatisfy(\.isKnown) else { return .unknown }
            return FunctionTyping(diagnostics: diagnostics)
                .scalar(function, name: name, arguments: Array(zip(typed, arguments)), span: span)
        }
        if let definition = environment.function(named: name.name) {
            return inline(definition, name: name, arguments: arguments, span: span, in: scope)
        }
        if environment.verb(named: name.name) != nil || CompilerEnvironment.builtinVerbs.contains(name.name) {
            diagnostics.error("'\(name.name)' is a verb, not a function", at: name.span,
                              help: "use it as a step of the pipeline: … | \(name.name)(…)")
            return .unknown
        }
        let candidates = ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue)
            + WindowFunction.allCases.map(\.rawValue) + Self.cumulativeAggregates.keys
            + environment.functionNames
        diagnostics.unknown("function", name, candidates: candidates.sorted())
        return .unknown
    }

    /// `today()` and `now()`: literals of the client's clock when the statement started (SPEC §2),
    /// so every engine sees the same value; `now()` in whole seconds.
    private func clockLiteral(_ function: ScalarFunction, name: Identifier, arguments: [Expression],
                              span: SourceSpan) -> TypedExpression {
        guard arguments.isEmpty else {
            diagnostics.error("'\(name.name)' takes no arguments but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                              at: span, help: "write \(name.name)()")
            return .unknown
        }
        let seconds = environment.statementStart
        if function == .now { return TypedExpression(.literal(.datetime(seconds * 1_000_000)), type: .datetime) }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return TypedExpression(.literal(.date(Int32(days))), type: .date)
    }

    /// `d + n`, `d - n` (days, dates only) and `d1 - d2` (int days), SPEC §2; nil when no
    /// operand is a date or datetime (ordinary arithmetic).
    private func dateArithmetic(_ op: BinaryOperator, _ l: TypedExpression, _ r: TypedExpression,
                                _ left: Expression, _ right: Expression, span: SourceSpan) -> TypedExpression? {
        let lt = l.checkedType, rt = r.checkedType
        guard lt == .date || rt == .date || lt == .datetime || rt == .datetime else { return nil }
        let symbol = op.rawValue
        for (type, expression) in [(lt, left), (rt, right)] where type == .datetime {
            diagnostics.error("'\(symbol)' adds or subtracts days on dates only, but this operand is datetime",
                              at: expression.span, help: "convert it with date(…) first")
            return .unknown
        }
        switch (op, lt, rt) {
        case (.add, .date, .int), (.add, .date, nil), (.subtract, .date, .int), (.subtract, .date, nil):
            var days = r.ir(as: .int)
            if op == .subtract {
                if case .literal(.int(let n)) = days.kind, n != .min {
                    days = IRExpression(.literal(.int(-n)), type: .int)
                } else {
                    days = IRExpression(.unary(.negate, days), type: .int)
                }
            }
            return TypedExpression(.function(.addDays, [l.ir(as: .date), days]), type: .date)
        case (.add, .int, .date), (.add, nil, .date):
            return TypedExpression(.function(.addDays, [r.ir(as: .date), l.ir(as: .int)]), type: .date)
        case (.subtract, .date, .date), (.subtract, nil, .date):
            return TypedExpression(.function(.diffDays, [l.ir(as: .date), r.ir(as: .date)]), type: .int)
        default:
            let types = [lt, rt].map { $0?.rawValue ?? "null" }.joined(separator: " \(symbol) ")
            diagnostics.error("'\(symbol)' cannot combine \(types)", at: span,
                              help: "d + n and d - n add days (an int) to a date; d1 - d2 is the days between two dates")
            return .unknown
        }
    }

    private func aggregate(_ function: AggregateFunction, _ name: Identifier, _ arguments: [Expression],
                           span: SourceSpan, in scope: ExpressionScope) -> TypedExpression {
        if let outer = scope.insideAggregate {
            diagnostics.error("aggregate '\(name.name)' inside another aggregate ('\(outer)')", at: span,
                              help: "aggregates do not nest; compute the inner one in an earlier summarize or derive")
            return .unknown
        }
        if case .forbidden = scope.aggregates {
            diagnostics.error("aggregate '\(name.name)' is not allowed in \(scope.verb)", at: span,
                              help: "aggregates belong in summarize (one row per group) or derive (repeated on every row)")
            return .unknown
        }
        var inner = scope
        inner.insideAggregate = name.name
        let typed = arguments.map { check($0, in: inner) }
        guard typed.allSatisfy(\.isKnown) else { return .unknown }
        return FunctionTyping(diagnostics: diagnostics)
            .aggregate(function, name: name, arguments: Array(zip(typed, arguments)), span: span)
    }

    /// Inlines a `def` function: arguments are substituted as expressions, then the body is
    /// checked where the call is.
    private func inline(_ definition: FunctionDefinition, name: Identifier, arguments: [Expression],
                        span: SourceSpan, in scope: ExpressionScope) -> TypedExpression {
        guard canInline(definition.name, parameters: definition.parameters, argumentCount: arguments.count,
                        expanding: expanding, at: span, diagnostics: diagnostics) else { return .unknown }
        let substitution = DefSubstitution(parameters: definition.parameters, arguments: arguments,
                                           callSpan: span, diagnostics: diagnostics)
        let body = substitution.expression(definition.body)
        var inner = self
        inner.expanding.append(definition.name)
        return inner.check(body, in: scope)
    }

    /// What to do when two types cannot be compared.
    private func comparisonHelp(_ left: DataType, _ right: DataType) -> String {
        let types = [left, right]
        if types.contains(.text), let other = types.first(where: { $0 == .date || $0 == .datetime }) {
            return "write a \(other) literal such as \(other == .date ? "@2024-01-31" : "@2024-01-31T08:30:00"), or convert with \(other == .date ? "date" : "text")(…)"
        }
        return "convert one side, e.g. with \(right.rawValue)(…) or \(left.rawValue)(…)"
    }

    /// `a op b` for two int literals whose result leaves the 64-bit range, written out.
    private func constantOverflow(_ op: BinaryOperator, _ left: IRExpression, _ right: IRExpression) -> String? {
        guard case .literal(.int(let a)) = left.kind, case .literal(.int(let b)) = right.kind else { return nil }
        let overflow: Bool
        switch op {
        case .add: overflow = a.addingReportingOverflow(b).overflow
        case .subtract: overflow = a.subtractingReportingOverflow(b).overflow
        case .multiply: overflow = a.multipliedReportingOverflow(by: b).overflow
        default: overflow = false
        }
        return overflow ? "\(a) \(op.rawValue) \(b)" : nil
    }

    /// A short rendering of an operand for help lines (a column name, else `…`).
    private func sourceHint(_ expression: Expression) -> String {
        switch expression.kind {
        case .column(let name): return name.name
        case .literal(.text(let text)): return "\"\(text)\""
        default: return "…"
        }
    }
}

/// `'top' takes 2 arguments (n, col) but 1 was given`.
/// Whether a call of def `name` can be inlined where `expanding` are the defs being
/// expanded around it: not a recursive call, and the right number of arguments.
/// Reports the problem otherwise. Verb and function defs share this rule.
func canInline(_ name: String, parameters: [String], argumentCount: Int, expanding: [String],
               at span: SourceSpan, diagnostics: DiagnosticCollector) -> Bool {
    if expanding.contains(name) {
        let chain = (expanding.drop { $0 != name } + [name]).joined(separator: " → ")
        diagnostics.error("def '\(name)' is recursive (\(chain))", at: span,
                          help: "a def cannot call itself, directly or through another def")
        return false
    }
    guard argumentCount == parameters.count else {
        diagnostics.error(arityMessage(name, parameters, given: argumentCount), at: span)
        return false
    }
    return true
}

func arityMessage(_ name: String, _ parameters: [String], given: Int) -> String {
    let noun = parameters.count == 1 ? "argument" : "arguments"
    let list = parameters.isEmpty ? "" : " (\(parameters.joined(separator: ", ")))"
    return "'\(name)' takes \(parameters.count) \(noun)\(list) but \(given) \(given == 1 ? "was" : "were") given"
}

extension TypedExpression {
    /// This expression's flags with another IR.
    func replacing(with ir: IRExpression, known: Bool) -> TypedExpression {
        var copy = self
        copy.ir = ir
        copy.isKnown = known
        copy.isNullLiteral = false
        return copy
    }
}
