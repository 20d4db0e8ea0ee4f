import RexData
import RexLanguage

/// The argument counts, argument types and result types of the scalar functions and
/// aggregates of SPEC §2.
struct FunctionTyping {
    let diagnostics: DiagnosticCollector

    typealias Argument = (typed: TypedExpression, expression: Expression)

    /// What an argument position accepts.
    enum Accepts {
        case number, int, text, bool, dateOrDatetime, datetime, any
        case oneOf([DataType])

        func allows(_ type: DataType) -> Bool {
            switch self {
            case .number: return type.isNumeric
            case .int: return type == .int
            case .text: return type == .text
            case .bool: return type == .bool
            case .dateOrDatetime: return type == .date || type == .datetime
            case .datetime: return type == .datetime
            case .any: return true
            case .oneOf(let types): return types.contains(type)
            }
        }

        /// What to call it in a message: `must be a number`.
        var phrase: String {
            switch self {
            case .number: return "a number"
            case .int: return "an int"
            case .text: return "text"
            case .bool: return "a bool"
            case .dateOrDatetime: return "a date or datetime"
            case .datetime: return "a datetime"
            case .any: return "a value"
            case .oneOf(let types):
                let names = types.map(\.rawValue)
                guard names.count > 1, let last = names.last else { return names.first ?? "a value" }
                return names.dropLast().joined(separator: ", ") + " or " + last
            }
        }

        /// The type a bare `null` takes in this position.
        var nullType: DataType {
            switch self {
            case .number: return .float
            case .int: return .int
            case .text, .any: return .text
            case .bool: return .bool
            case .dateOrDatetime: return .date
            case .datetime: return .datetime
            case .oneOf(let types): return types.first ?? .text
            }
        }
    }

    // MARK: - Scalar functions

    /// How a function is written, for help lines.
    static func usage(_ function: ScalarFunction) -> String {
        switch function {
        case .if: return "if(condition, then, else)"
        case .coalesce: return "coalesce(a, b, …)"
        case .round: return "round(x[, digits])"
        case .power: return "power(base, exponent)"
        case .substr: return "substr(s, start[, length])"
        case .contains, .startsWith, .endsWith: return "\(function.rawValue)(s, t)"
        case .replace: return "replace(s, from, to)"
        case .concat: return "concat(a, b, …)"
        case .case: return "case(C1 => V1, …, else => V)"
        case .addMonths: return "add_months(d, n)"
        case .dateTrunc: return "date_trunc(\"month\", d)"
        case .today, .now: return "\(function.rawValue)()"
        default: return "\(function.rawValue)(x)"
        }
    }

    /// Parameters of a function; the last one repeats for `coalesce` and `concat`.
    private static func parameters(_ function: ScalarFunction) -> (accepts: [Accepts], required: Int, variadic: Bool) {
        switch function {
        case .if: return ([.bool, .any, .any], 3, false)
        case .coalesce: return ([.any], 1, true)
        case .abs, .floor, .ceil, .sqrt, .exp, .ln, .log10: return ([.number], 1, false)
        case .round: return ([.number, .int], 1, false)
        case .power: return ([.number, .number], 2, false)
        case .lower, .upper, .length, .trim: return ([.text], 1, false)
        case .substr: return ([.text, .int, .int], 2, false)
        case .contains, .startsWith, .endsWith: return ([.text, .text], 2, false)
        case .replace: return ([.text, .text, .text], 3, false)
        case .concat: return ([.text], 1, true)
        case .year, .month, .day, .weekday: return ([.dateOrDatetime], 1, false)
        case .hour: return ([.datetime], 1, false)
        case .toInt, .toFloat: return ([.oneOf([.int, .float, .text, .bool])], 1, false)
        case .toText: return ([.oneOf([.int, .float, .text, .bool, .date, .datetime])], 1, false)
        case .toDate: return ([.oneOf([.text, .date, .datetime])], 1, false)
        case .case: return ([.any], 2, true)
        case .addMonths: return ([.oneOf([.date]), .int], 2, false)
        case .dateTrunc: return ([.text, .dateOrDatetime], 2, false)
        case .today, .now: return ([], 0, false)
        case .addDays: return ([.oneOf([.date]), .int], 2, false)
        case .diffDays: return ([.oneOf([.date]), .oneOf([.date])], 2, false)
        }
    }

    func scalar(_ function: ScalarFunction, name: Identifier, arguments: [Argument], span: SourceSpan) -> TypedExpression {
        if function == .case { return caseWhen(arguments) }
        let (accepts, required, variadic) = Self.parameters(function)
        let usage = Self.usage(function)
        guard checkCount(name.name, given: arguments.count, required: required,
                         maximum: variadic ? nil : accepts.count, usage: usage, span: span) else { return .unknown }
        let positions = arguments.indices.map { accepts[min($0, accepts.count - 1)] }
        guard checkTypes(name.name, arguments, positions, usage: usage) else { return .unknown }

        switch function {
        case .if, .coalesce:
            let values = function == .if ? Array(arguments.dropFirst()) : arguments
            guard let type = common(name.name, values) else { return .unknown }
            var irs = values.map { $0.typed.ir(as: type) }
            if function == .if { irs.insert(arguments[0].typed.ir(as: .bool), at: 0) }
            return TypedExpression(.function(function, irs), type: type)
        case .dateTrunc:
            guard case .literal(.text(let unit)) = arguments[0].typed.ir.kind, Self.truncUnits.contains(unit) else {
                diagnostics.error("the unit of date_trunc must be one of \(Self.truncUnits.map { "\"\($0)\"" }.joined(separator: ", "))",
                                  at: arguments[0].expression.span, help: "write \(usage)")
                return .unknown
            }
            let value = arguments[1].typed.ir(as: .date)
            return TypedExpression(.function(.dateTrunc, [arguments[0].typed.ir, value]), type: value.type)
        default:
            let irs = zip(arguments, positions).map { argument, accepts in
                argument.typed.ir(as: accepts.nullType)
            }
            return TypedExpression(.function(function, irs), type: resultType(function, irs))
        }
    }

    private func resultType(_ function: ScalarFunction, _ arguments: [IRExpression]) -> DataType {
        switch function {
        case .abs, .round, .floor, .ceil: return arguments[0].type
        case .sqrt, .exp, .ln, .log10, .power, .toFloat: return .float
        case .lower, .upper, .trim, .substr, .replace, .concat, .toText: return .text
        case .length, .year, .month, .day, .hour, .weekday, .toInt: return .int
        case .contains, .startsWith, .endsWith: return .bool
        case .toDate, .addMonths, .addDays, .today: return .date
        case .diffDays: return .int
        case .now: return .datetime
        case .if, .coalesce, .case, .dateTrunc: return arguments.last?.type ?? .text
        }
    }

    /// The units of `date_trunc` (SPEC §2; weeks start on Monday).
    static let truncUnits = ["year", "quarter", "month", "week", "day"]

    /// `case(C1 => V1, …[, else => V])` from `[C1, V1, …[, V]]`: bool conditions, one value type;
    /// without an else, a null of that type.
    private func caseWhen(_ arguments: [Argument]) -> TypedExpression {
        let pairs = arguments.count / 2
        var ok = true
        for index in stride(from: 0, to: pairs * 2, by: 2) {
            let condition = arguments[index]
            if let type = condition.typed.checkedType, type != .bool {
                diagnostics.error("a condition of 'case' must be a bool, but this is \(type)",
                                  at: condition.expression.span, help: "compare it first, e.g. `x == 0 => …`")
                ok = false
            }
        }
        guard ok else { return .unknown }
        let values = stride(from: 1, to: arguments.count, by: 2).map { arguments[$0] }
            + (arguments.count % 2 == 1 ? [arguments[arguments.count - 1]] : [])
        guard let type = common("case", values) else { return .unknown }
        var irs: [IRExpression] = []
        for index in stride(from: 0, to: pairs * 2, by: 2) {
            irs.append(arguments[index].typed.ir(as: .bool))
            irs.append(arguments[index + 1].typed.ir(as: type))
        }
        irs.append(arguments.count % 2 == 1 ? arguments[arguments.count - 1].typed.ir(as: type)
                                            : IRExpression(.literal(.null), type: type))
        return TypedExpression(.function(.case, irs), type: type)
    }

    // MARK: - Aggregates

    func aggregate(_ function: AggregateFunction, name: Identifier, arguments: [Argument], span: SourceSpan) -> TypedExpression {
        let usage = function == .count ? "count() or count(x)" : "\(function.rawValue)(x)"
        let required = function == .count ? 0 : 1
        guard checkCount(name.name, given: arguments.count, required: required, maximum: 1,
                         usage: usage, span: span) else { return .unknown }
        guard let argument = arguments.first else {
            return TypedExpression(.aggregate(.count, nil), type: .int)
        }
        let accepts: Accepts
        switch function {
        case .count, .countDistinct: accepts = .any
        case .sum, .mean, .sd, .var, .median: accepts = .number
        case .min, .max: accepts = .oneOf([.int, .float, .text, .bool, .date, .datetime])
        case .any, .all: accepts = .bool
        }
        guard checkTypes(name.name, arguments, [accepts], usage: usage) else { return .unknown }
        let ir = argument.typed.ir(as: accepts.nullType)
        let type: DataType
        switch function {
        case .count, .countDistinct: type = .int
        case .sum, .min, .max: type = ir.type
        case .mean, .sd, .var, .median: type = .float
        case .any, .all: type = .bool
        }
        return TypedExpression(.aggregate(function, ir), type: type)
    }

    // MARK: - Checks

    private func checkCount(_ name: String, given: Int, required: Int, maximum: Int?, usage: String,
                            span: SourceSpan) -> Bool {
        if given >= required, maximum.map({ given <= $0 }) ?? true { return true }
        let expected: String
        switch maximum {
        case nil: expected = "at least \(required)"
        case .some(let maximum) where maximum == required: expected = "\(required)"
        case .some(let maximum) where maximum == required + 1: expected = "\(required) or \(maximum)"
        case .some(let maximum): expected = "\(required) to \(maximum)"
        }
        let noun = expected == "1" ? "argument" : "arguments"
        diagnostics.error("'\(name)' takes \(expected) \(noun) but \(given) \(given == 1 ? "was" : "were") given",
                          at: span, help: "write \(usage)")
        return false
    }

    private func checkTypes(_ name: String, _ arguments: [Argument], _ positions: [Accepts], usage: String) -> Bool {
        var ok = true
        for (index, (argument, accepts)) in zip(arguments, positions).enumerated() {
            guard let type = argument.typed.checkedType, !accepts.allows(type) else { continue }
            let help: String
            switch (accepts, type) {
            case (.number, .text): help = "convert it with float(…) or int(…)"
            case (.text, _): help = "convert it with text(…)"
            case (.int, .float): help = "convert it with int(…)"
            default: help = "write \(usage)"
            }
            diagnostics.error("argument \(index + 1) of '\(name)' must be \(accepts.phrase), but it is \(type)",
                              at: argument.expression.span, help: help)
            ok = false
        }
        return ok
    }

    /// The common type of `if`/`coalesce` values (int→float widening; nulls fit anything).
    private func common(_ name: String, _ values: [Argument]) -> DataType? {
        var type: DataType?
        for value in values {
            guard let valueType = value.typed.checkedType else { continue }
            guard let current = type else { type = valueType; continue }
            guard let widened = commonType(current, valueType) else {
                diagnostics.error("'\(name)' mixes \(current) and \(valueType)", at: value.expression.span,
                                  help: "every value of \(name) must have one type; convert with \(current.rawValue)(…)")
                return nil
            }
            type = widened
        }
        return type ?? .text
    }
}
