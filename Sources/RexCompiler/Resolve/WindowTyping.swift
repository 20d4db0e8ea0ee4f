import RexData
import RexLanguage

// Window functions of SPEC §2 (only in `derive … [by …] sort …`): `row_number()`, `rank()`,
// `dense_rank()`, `lag(x[, n])`, `lead(x[, n])`, and `cumsum`/`cummin`/`cummax`/`cummean`,
// which are the running aggregates `sum`/`min`/`max`/`mean` of such a derive.

extension ExpressionChecker {
    /// The running aggregate a `cum…` name stands for.
    static let cumulativeAggregates: [String: AggregateFunction] = [
        "cumsum": .sum, "cummin": .min, "cummax": .max, "cummean": .mean,
    ]

    /// Aggregates that no engine computes correctly as a running window (SPEC §2, issue 16):
    /// PostgreSQL and SQLite refuse DISTINCT windows, a running variance by sums cancels, and a
    /// running median has no window form.
    static let notRunning: Set<AggregateFunction> = [.countDistinct, .median, .sd, .var]

    /// True when `name` is a window function (or a `cum…` running aggregate).
    static func isWindowFunction(_ name: String) -> Bool {
        WindowFunction(rawValue: name) != nil || cumulativeAggregates[name] != nil
    }

    /// The error for an aggregate that has no running form, or nil.
    func runningAggregateError(_ function: AggregateFunction, _ name: Identifier, span: SourceSpan,
                               in scope: ExpressionScope) -> Bool {
        guard scope.sortedWindow, Self.notRunning.contains(function) else { return false }
        diagnostics.error("\(name.name) is not available as a running value (in a derive with sort)", at: span,
                          help: "compute it in a derive without sort (whole input or by group), or in summarize")
        return true
    }

    func windowCall(_ name: Identifier, _ arguments: [Expression], span: SourceSpan,
                    in scope: ExpressionScope) -> TypedExpression {
        guard scope.sortedWindow else {
            diagnostics.error("'\(name.name)' is a window function: only in a derive with sort", at: span,
                              help: "write derive r = \(name.name)(…) by G sort K (the order of the window)")
            return .unknown
        }
        if let outer = scope.insideAggregate {
            diagnostics.error("window function '\(name.name)' inside '\(outer)'", at: span,
                              help: "window functions do not nest; compute the inner one in an earlier derive")
            return .unknown
        }
        var inner = scope
        inner.insideAggregate = name.name
        if let aggregate = Self.cumulativeAggregates[name.name] {
            guard arguments.count == 1 else {
                diagnostics.error("'\(name.name)' takes 1 argument but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                                  at: span, help: "write \(name.name)(x)")
                return .unknown
            }
            let typed = check(arguments[0], in: inner)
            guard typed.isKnown else { return .unknown }
            return FunctionTyping(diagnostics: diagnostics)
                .aggregate(aggregate, name: name, arguments: [(typed, arguments[0])], span: span)
        }
        guard let function = WindowFunction(rawValue: name.name) else { return .unknown }
        switch function {
        case .rowNumber, .rank, .denseRank:
            guard arguments.isEmpty else {
                diagnostics.error("'\(name.name)' takes no arguments", at: span,
                                  help: "write \(name.name)(); the order comes from the derive's sort keys")
                return .unknown
            }
            return TypedExpression(.windowFunction(function, nil, offset: 1), type: .int)
        case .lag, .lead:
            guard arguments.count == 1 || arguments.count == 2 else {
                diagnostics.error("'\(name.name)' takes 1 or 2 arguments but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                                  at: span, help: "write \(name.name)(x) or \(name.name)(x, 2)")
                return .unknown
            }
            var offset: Int64 = 1
            if arguments.count == 2 {
                guard case .literal(.int(let n)) = arguments[1].kind, n > 0 else {
                    diagnostics.error("the row count of '\(name.name)' must be a positive int literal", at: arguments[1].span,
                                      help: "write \(name.name)(x, 2)")
                    return .unknown
                }
                offset = n
            }
            let typed = check(arguments[0], in: inner)
            guard typed.isKnown else { return .unknown }
            let type = typed.checkedType ?? .text
            return TypedExpression(.windowFunction(function, typed.ir(as: type), offset: offset), type: type)
        }
    }
}
