import RexData
import RexLanguage

/// Renders typed IR expressions as SQL text for one dialect.
///
/// Column references, join sides and aggregates are resolved by the caller's
/// closures, so the same renderer serves WHERE clauses, select lists, GROUP BY
/// queries and window queries. Every name and literal goes through `SQLDialect`'s
/// quoting (`SQLQuoting`).
struct SQLExpressionRenderer {
    let dialect: SQLDialect
    /// SQL text of a column of the input, by name.
    var column: (String) throws -> String
    /// Columns that stand for constant SQL (a derive of a literal, inlined by substitution):
    /// PostgreSQL folds them while planning like any literal.
    var constantColumns: Set<String> = []
    /// SQL text of a column of one side of a join.
    var sideColumn: (JoinSide, String) throws -> String = { side, name in
        throw SQLGenerationError.invalidIR("join side column \(side.rawValue).\(name) outside a join condition")
    }
    /// Conditions that are boolean values are written `… = 1` even where booleans are values
    /// (a join's ON clause under `SQLDialect.comparesBooleanJoinConditions`).
    var comparesBooleanValues = false
    /// SQL of an aggregate call (function, argument, the whole expression).
    var aggregate: (AggregateFunction, IRExpression?, IRExpression) throws -> SQLFragment = { function, _, _ in
        throw SQLGenerationError.invalidIR("aggregate \(function.rawValue) outside summarize or derive")
    }
    /// SQL of a window function call (function, argument, lag/lead offset); set in a sorted derive.
    var windowFunction: (WindowFunction, IRExpression?, Int64) throws -> SQLFragment = { function, _, _ in
        throw SQLGenerationError.invalidIR("window function \(function.rawValue) outside a derive with sort")
    }

    init(dialect: SQLDialect, column: @escaping (String) throws -> String) {
        self.dialect = dialect
        self.column = column
    }

    // MARK: - Values and predicates

    /// The expression as a value (a select item, a function argument, an operand).
    func value(_ e: IRExpression) throws -> SQLFragment {
        if !dialect.booleansAreValues, isPredicateShaped(e) {
            let p = try predicate(e)
            return SQLFragment("CAST(CASE WHEN \(p.text) THEN 1 WHEN NOT \(p.operand) THEN 0 END AS \(castType(.bool)))", atomic: true)
        }
        return try render(e)
    }

    /// The expression as a condition (WHERE, CASE WHEN, AND/OR operands).
    func predicate(_ e: IRExpression) throws -> SQLFragment {
        if (dialect.booleansAreValues && !comparesBooleanValues) || isPredicateShaped(e) { return try render(e) }
        return SQLFragment(try render(e).operand + " = 1", atomic: false)
    }

    /// True for boolean expressions that are conditions rather than values in SQL.
    func isPredicateShaped(_ e: IRExpression) -> Bool {
        guard e.type == .bool else { return false }
        switch e.kind {
        case .binary, .isNull, .inList: return true
        case .unary(let op, _): return op == .not
        case .literal(let v): return !v.isNull
        case .function(let f, _): return f == .contains || f == .startsWith || f == .endsWith
        case .column, .sideColumn, .aggregate, .windowFunction: return false
        }
    }

    // MARK: - Rendering

    private func render(_ e: IRExpression) throws -> SQLFragment {
        switch e.kind {
        case .column(let name):
            return SQLFragment(try column(name), atomic: true)
        case .sideColumn(let side, let name):
            return SQLFragment(try sideColumn(side, name), atomic: true)
        case .literal(let v):
            return try literal(v, type: e.type)
        case .unary(.negate, let operand):
            if e.type == .int, let t = dialect.functions["negate(int)"] {
                return SQLFragment.fromTemplate(expandTemplate(t, [try value(operand).operand]))
            }
            if e.type == .float, let t = dialect.functions["negate(float)"] {
                return SQLFragment(expandTemplate(t, [try value(operand).operand]), atomic: false)
            }
            // -(-9223372036854775808) overflows where it is computed, not while PostgreSQL plans
            // (over no rows it is computed nowhere): a volatile zero keeps it unfolded.
            let smallest = operand.kind == .literal(.int(Int64.min))
            // Never `--`: two minus signs start a line comment in SQL.
            let text = try (smallest ? unfolded(operand) : nil) ?? value(operand).operand
            return SQLFragment("-" + (text.hasPrefix("-") ? "(" + text + ")" : text), atomic: false)
        case .unary(.not, let operand):
            return SQLFragment("NOT " + (try predicate(operand).operand), atomic: false)
        case .binary(let op, let l, let r):
            return try binary(op, l, r)
        case .isNull(let operand, let negated):
            return SQLFragment(try value(operand).operand + (negated ? " IS NOT NULL" : " IS NULL"), atomic: false)
        case .inList(let operand, let list, let negated):
            if list.isEmpty { return SQLFragment(negated ? "1 = 1" : "1 = 0", atomic: false) }
            let items = try list.map { try value($0).text }.joined(separator: ", ")
            return SQLFragment(try value(operand).operand + (negated ? " NOT IN (" : " IN (") + items + ")", atomic: false)
        case .function(let f, let args):
            return try function(f, args, type: e.type)
        case .aggregate(let f, let arg):
            return try aggregate(f, arg, e)
        case .windowFunction(let f, let arg, let offset):
            return try windowFunction(f, arg, offset)
        }
    }

    func literal(_ v: Value, type: DataType) throws -> SQLFragment {
        switch v {
        case .null:
            return SQLFragment("CAST(NULL AS \(castType(type)))", atomic: true)
        case .int(let i):
            let text = String(i)
            // -9223372036854775808 reads as minus a number too large for bigint, a numeric in
            // PostgreSQL and T-SQL (whose negation then does not overflow): cast it back.
            if i == Int64.min, let t = dialect.functions["literal.int64"] {
                return SQLFragment.fromTemplate(expandTemplate(t, [text]))
            }
            if i > Int64(Int32.max) || i < Int64(Int32.min) {
                return SQLFragment.fromTemplate(expandTemplate(template("literal.bigint"), [text]))
            }
            return SQLFragment(text, atomic: i >= 0)
        case .float(let d):
            guard d.isFinite else {
                throw SQLGenerationError.unsupported(feature: "the non-finite float \(d)", dialect: dialect.name)
            }
            let text = "\(d)"
            // Floats are doubles (SPEC §2): where any number literal is a decimal (PostgreSQL)
            // the template casts it; where only `2.5` is (T-SQL), the positional form gets one (`2.5E0`).
            if let t = dialect.functions["literal.float"] {
                // A decimal has no negative zero (PostgreSQL's CAST(-0.0 AS double precision)
                // is 0): -0.0 is the double 0 negated.
                if d == 0, d.sign == .minus { return SQLFragment("(-" + expandTemplate(t, ["0.0"]) + ")", atomic: true) }
                return SQLFragment.fromTemplate(expandTemplate(t, [text]))
            }
            if !text.contains("e"), let t = dialect.functions["literal.float.positional"] {
                return SQLFragment(expandTemplate(t, [text]), atomic: d.sign == .plus)
            }
            // -0.0 is not atomic either: negated, `--0.0` would start a comment.
            return SQLFragment(text, atomic: d.sign == .plus)
        case .text(let s):
            if SQLQuoting.containsNul(s) { throw SQLGenerationError.nulCharacter(context: "a text literal") }
            return SQLFragment(dialect.quoteString(s), atomic: true)
        case .bool(let b):
            if dialect.booleansAreValues { return SQLFragment(b ? dialect.trueLiteral : dialect.falseLiteral, atomic: true) }
            return SQLFragment(b ? "1 = 1" : "1 = 0", atomic: false)
        case .date:
            return SQLFragment.fromTemplate(expandTemplate(template("literal.date"), [dialect.quoteString(v.description)]))
        case .datetime(let micros):
            return SQLFragment.fromTemplate(expandTemplate(template("literal.datetime"), [dialect.quoteString(datetimeText(micros))]))
        case .bytes(let bytes):
            return SQLFragment.fromTemplate(expandTemplate(template("literal.bytes"), [SQLQuoting.hex(bytes)]))
        }
    }

    /// ISO text of a datetime with the dialect's separator and fraction digits.
    private func datetimeText(_ micros: Int64) -> String {
        var text = CivilDate.isoDateTime(microsecondsSinceEpoch: micros)
        let separator = dialect.functions["datetime.separator"] ?? " "
        text = text.replacingOccurrencesOfT(with: separator)
        let digits = Int(dialect.functions["datetime.fractionDigits"] ?? "6") ?? 6
        if let dot = text.firstIndex(of: ".") {
            let fraction = text[text.index(after: dot)...]
            if fraction.count > digits { text = String(text[..<dot]) + (digits > 0 ? "." + fraction.prefix(digits) : "") }
        }
        return text
    }

    private func binary(_ op: BinaryOperator, _ l: IRExpression, _ r: IRExpression) throws -> SQLFragment {
        switch op {
        case .and, .or:
            let word = op == .and ? " AND " : " OR "
            return SQLFragment(try predicate(l).operand + word + (try predicate(r).operand), atomic: false)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            var left = try comparisonOperand(l, other: r)
            let right = try comparisonOperand(r, other: l)
            let ordering = op != .equal && op != .notEqual
            if ordering, l.type == .text, let collation = dialect.codePointCollation {
                left += " COLLATE " + dialect.quoteIdentifier(collation)
            }
            let symbol: String
            switch op {
            case .equal: symbol = "="
            case .notEqual: symbol = "<>"
            default: symbol = op.rawValue
            }
            return SQLFragment(left + " " + symbol + " " + right, atomic: false)
        case .add, .subtract, .multiply:
            // A constant that PostgreSQL would compute while planning, overflow included, is
            // computed only where it is used (SPEC §2: a branch no row takes raises nothing):
            // a volatile zero added to the left operand keeps the planner from folding it (a
            // scalar subquery does not: its target list is folded when it is planned).
            if l.type == .int, r.type == .int, isConstant(l), isConstant(r), let left = try unfolded(l) {
                return SQLFragment(left + " " + op.rawValue + " " + (try value(r).operand), atomic: false)
            }
            return try arithmetic(op, l, r)
        default:
            return try arithmetic(op, l, r)
        }
    }

    /// A value of `if`/`case`/`coalesce` as the expression's type: an int where the result is a
    /// float is converted (SQLite would keep the integer, every bit of it, where the others
    /// widen it: `int(if(false, f, j))` must round j through a float everywhere).
    private func branch(_ e: IRExpression, as type: DataType) throws -> SQLFragment {
        if type == .float, e.type == .int { return try conversion(to: .float, e) }
        return try value(e)
    }

    /// True when `e` reads no column (or only `constantColumns`): a value the engine may
    /// compute once while planning.
    func isConstant(_ e: IRExpression) -> Bool {
        switch e.kind {
        case .literal: return true
        case .column(let name): return constantColumns.contains(name)
        case .sideColumn, .aggregate, .windowFunction: return false
        case .unary(_, let x), .isNull(let x, _): return isConstant(x)
        case .binary(_, let a, let b): return isConstant(a) && isConstant(b)
        case .inList(let x, let list, _): return isConstant(x) && list.allSatisfy(isConstant)
        case .function(let f, let args):
            // PostgreSQL's planner also folds a coalesce, if or case down to one constant
            // argument when it can pick it (coalesce(9.3e18, x) is 9.3e18): taken as constant
            // when any argument is (at worst a volatile zero too many).
            if f == .coalesce || f == .if || f == .case { return args.contains(where: isConstant) }
            return args.allSatisfy(isConstant)
        }
    }

    /// `+`, `-`, `*`, `/`, `%` by the dialect's rules.
    private func arithmetic(_ op: BinaryOperator, _ l: IRExpression, _ r: IRExpression) throws -> SQLFragment {
        switch op {
        case .add, .subtract, .multiply:
            if isIntLiteral(l), isIntLiteral(r), let t = dialect.functions["literal.int64"] {
                // Two small literals would be 32-bit arithmetic (2147483647 + 1 overflows): widen one.
                let left = SQLFragment.fromTemplate(expandTemplate(t, [try value(l).text]))
                return SQLFragment(left.operand + " " + op.rawValue + " " + (try value(r).operand), atomic: false)
            }
            let name = op == .add ? "add" : op == .subtract ? "subtract" : "multiply"
            if l.type == .int, r.type == .int, let t = dialect.functions["\(name)(int)"] {
                return SQLFragment.fromTemplate(expandTemplate(t, [try value(l).operand, try value(r).operand]))
            }
            // Overflow and underflow of doubles: null and 0 everywhere (SPEC §2), per the dialect.
            let (left, right) = (try value(l).operand, try value(r).operand)
            if l.type == .float || r.type == .float, let t = dialect.functions[name + "(float)"],
               isGuardable(t, [left, right]) {
                return SQLFragment.fromTemplate(expandTemplate(t, [left, right]))
            }
            return SQLFragment(try value(l).operand + " " + op.rawValue + " " + (try value(r).operand), atomic: false)
        case .divide:
            // int / int cannot overflow; a float operand can (1e300 / 1e-300).
            let (left, right) = (try value(l).operand, try value(r).operand)
            var key = "divide"
            if l.type == .float || r.type == .float, let t = dialect.functions["divide(float)"], isGuardable(t, [left, right]) {
                key = "divide(float)"
            }
            return SQLFragment.fromTemplate(expandTemplate(template(key), [left, right]))
        case .modulo:
            return SQLFragment.fromTemplate(expandTemplate(template("modulo"), [try value(l).operand, try value(r).operand]))
        default:
            throw SQLGenerationError.invalidIR("\(op.rawValue) is not arithmetic")
        }
    }

    // MARK: - Functions

    private func function(_ f: ScalarFunction, _ args: [IRExpression], type: DataType) throws -> SQLFragment {
        func arg(_ i: Int) throws -> IRExpression {
            guard i < args.count else { throw SQLGenerationError.invalidIR("\(f.rawValue) needs argument \(i + 1)") }
            return args[i]
        }
        func call(_ key: String, _ values: [IRExpression]) throws -> SQLFragment {
            SQLFragment.fromTemplate(expandTemplate(try templateChecked(key), try values.map { try value($0).operand }))
        }
        // An int function that can overflow (`abs` and `round` of the smallest int) over constants
        // would raise while PostgreSQL plans the statement, also for no rows: a volatile zero added
        // to the first value keeps the planner from computing it (as for int arithmetic).
        func callAtRunTime(_ key: String, _ values: [IRExpression]) throws -> SQLFragment {
            guard values.allSatisfy(isConstant), let first = values.first, let unfoldedFirst = try unfolded(first) else {
                return try call(key, values)
            }
            let rest = try values.dropFirst().map { try value($0).operand }
            return SQLFragment.fromTemplate(expandTemplate(try templateChecked(key), [unfoldedFirst] + rest))
        }
        switch f {
        case .if:
            let c = try predicate(arg(0)).text, a = try branch(arg(1), as: type).text, b = try branch(arg(2), as: type).text
            return SQLFragment("CASE WHEN \(c) THEN \(a) ELSE \(b) END", atomic: true)
        case .case:
            // CASE WHEN C1 THEN V1 … ELSE V END (every engine; the else is a typed null when absent).
            guard args.count % 2 == 1 else { throw SQLGenerationError.invalidIR("case needs an else value") }
            var text = "CASE"
            for index in stride(from: 0, to: args.count - 1, by: 2) {
                text += " WHEN " + (try predicate(args[index]).text) + " THEN " + (try branch(args[index + 1], as: type).text)
            }
            return SQLFragment(text + " ELSE " + (try branch(args[args.count - 1], as: type).text) + " END", atomic: true)
        case .addDays, .addMonths:
            let key = f == .addDays ? "add_days" : "add_months"
            // A date out of range raises (the dialect's template); a constant one would raise
            // while PostgreSQL plans the statement, also for no rows: a volatile zero days
            // added to the date keeps the planner from computing it (as for int arithmetic).
            if args.allSatisfy(isConstant), let date = try unfolded(arg(0)) {
                let count = try value(arg(1)).operand
                // The in-place form writes its operands a dozen times: only for short ones (a
                // constant derived from constants through several steps would grow 12× a step).
                let inPlace = dialect.functions[key + "(constant)"].flatMap { date.utf8.count + count.utf8.count <= 2_000 ? $0 : nil }
                let template = try inPlace ?? templateChecked(key)
                return SQLFragment.fromTemplate(expandTemplate(template, [date, count]))
            }
            return try call(key, args)
        case .diffDays: return try call("diff_days", args)
        case .dateTrunc:
            // One template per unit and type: `date_trunc.week(date)`, `date_trunc.year(datetime)`.
            guard case .literal(.text(let unit)) = try arg(0).kind else {
                throw SQLGenerationError.invalidIR("date_trunc needs a literal unit")
            }
            return try call("date_trunc.\(unit)(\(try arg(1).type.rawValue))", [try arg(1)])
        case .today, .now:
            throw SQLGenerationError.invalidIR("\(f.rawValue)() is resolved to a literal")
        case .coalesce:
            // One argument is its own value: SQLite's and SQL Server's COALESCE need two or more
            // ("wrong number of arguments to function COALESCE()"; T-SQL Msg 189).
            if args.count == 1 { return try branch(args[0], as: type) }
            return SQLFragment("COALESCE(" + (try args.map { try branch($0, as: type).text }.joined(separator: ", ")) + ")", atomic: true)
        case .round:
            let x = try arg(0)
            if x.type == .int, type == .int {
                if args.count == 1 { return try value(x) }
                if case .literal(.int(let n)) = try arg(1).kind, n >= 0 { return try value(x) }
                if dialect.functions["round2(int)"] != nil { return try callAtRunTime("round2(int)", args) }
            }
            return try call(args.count == 1 ? "round1" : "round2", args)
        case .floor, .ceil:
            let x = try arg(0)
            if x.type == .int { return try value(x) }
            let result = try call(f.rawValue, [x])
            return type == .int ? SQLFragment("CAST(\(result.text) AS \(castType(.int)))", atomic: true) : result
        case .abs, .sqrt, .exp, .ln, .log10, .power, .lower, .upper, .length, .trim, .replace,
             .year, .month, .day, .hour, .weekday:
            if f == .abs, args.first?.type == .int { return try callAtRunTime("abs", args) }
            return try call(f.rawValue, args)
        case .substr:
            let s = try value(arg(0)).operand
            let start = try clamped(arg(1), below: 1)
            if args.count < 3 {
                return SQLFragment.fromTemplate(expandTemplate(try templateChecked("substr2"), [s, start]))
            }
            let length = try clamped(arg(2), below: 0)
            return SQLFragment.fromTemplate(expandTemplate(try templateChecked("substr3"), [s, start, length]))
        case .contains, .startsWith, .endsWith:
            if dialect.functions[f.rawValue] != nil { return try call(f.rawValue, args) }
            return try like(f, try arg(0), try arg(1))
        case .concat:
            let parts = try args.map { a -> String in
                a.type == .text ? try value(a).operand : try conversion(to: .text, a).operand
            }
            guard var text = parts.first else { throw SQLGenerationError.invalidIR("concat() needs arguments") }
            let joiner = try templateChecked("concat")
            for part in parts.dropFirst() { text = expandTemplate(joiner, [text, part]) }
            return SQLFragment(text, atomic: parts.count == 1)
        case .toInt: return try conversion(to: .int, arg(0))
        case .toFloat: return try conversion(to: .float, arg(0))
        case .toText: return try conversion(to: .text, arg(0))
        case .toDate: return try conversion(to: .date, arg(0))
        }
    }

    /// `int(x)`, `float(x)`, `text(x)`, `date(x)` from the argument's type.
    private func conversion(to target: DataType, _ x: IRExpression) throws -> SQLFragment {
        if x.type == target { return try value(x) }
        if case .literal(.text(let text)) = x.kind, let folded = LiteralConversion.fold(text, to: target) {
            return try literal(folded, type: target)
        }
        // text of a float literal is rex's own spelling (SQLite's printf is off in the last digit
        // beyond about 1e±150, so the engine's text of the constant would differ).
        if target == .text, case .literal(.float(let d)) = x.kind, d.isFinite {
            return try literal(.text(LiteralConversion.text(of: d)), type: .text)
        }
        let key = "\(target.rawValue)(\(x.type.rawValue))"
        guard let t = dialect.functions[key] else {
            throw SQLGenerationError.unsupported(feature: "\(target.rawValue)() of a \(x.type.rawValue) value", dialect: dialect.name)
        }
        // int() of a constant beyond the range must fail only where it is computed (a coalesce
        // or branch that needs it), not while PostgreSQL plans: a volatile zero keeps it unfolded.
        let unfoldedArgument = target == .int && x.type == .float && isConstant(x) ? try unfolded(x) : nil
        return SQLFragment.fromTemplate(expandTemplate(t, [try unfoldedArgument ?? value(x).operand]))
    }

    /// The constant `e` plus the dialect's volatile zero of its type (`dialect.volatileZero`),
    /// so a planner that folds constants leaves it to run time; nil where none is needed.
    private func unfolded(_ e: IRExpression) throws -> String? {
        guard let zero = dialect.volatileZero[e.type] else { return nil }
        return "(" + (try value(e).operand) + " + " + zero + ")"
    }

    /// An integer argument within `minimum`…2147483647 (a literal is clamped here): engines take
    /// `substr` positions as 32-bit integers (PostgreSQL raises beyond, SQLite wraps).
    private func clamped(_ e: IRExpression, below minimum: Int64) throws -> String {
        let maximum = Int64(Int32.max)
        if case .literal(.int(let v)) = e.kind { return String(min(max(v, minimum), maximum)) }
        let v = try value(e).operand
        return "CASE WHEN \(v) < \(minimum) THEN \(minimum) WHEN \(v) > \(maximum) THEN \(maximum) ELSE \(v) END"
    }

    /// One side of a comparison: an int compared with a float is widened to a float
    /// (SPEC §2) where the engine would compare them exactly (SQLite: `widen(int)`).
    private func comparisonOperand(_ e: IRExpression, other: IRExpression) throws -> String {
        if e.type == .int, other.type == .float, let t = dialect.functions["widen(int)"] {
            // A literal is widened here: `x > 6.0`, which keeps the comparison indexable.
            if case .literal(.int(let v)) = e.kind { return try literal(.float(Double(v)), type: .float).operand }
            return SQLFragment.fromTemplate(expandTemplate(t, [try value(e).operand])).operand
        }
        return try value(e).operand
    }

    /// `contains`/`starts_with`/`ends_with` as LIKE with every metacharacter escaped in the
    /// dialect's style (an `ESCAPE` character, or T-SQL's brackets).
    private func like(_ f: ScalarFunction, _ s: IRExpression, _ t: IRExpression) throws -> SQLFragment {
        let before = f == .contains || f == .endsWith ? "%" : ""
        let after = f == .contains || f == .startsWith ? "%" : ""
        let pattern: String
        if case .literal(.text(let text)) = t.kind {
            if SQLQuoting.containsNul(text) { throw SQLGenerationError.nulCharacter(context: "a text literal") }
            pattern = dialect.quoteString(before + SQLQuoting.likeEscaped(text, metacharacters: dialect.likeMetacharacters, style: dialect.likeEscape) + after)
        } else {
            var escaped = try value(t).text
            for replacement in SQLQuoting.likeReplacements(metacharacters: dialect.likeMetacharacters, style: dialect.likeEscape) {
                escaped = "REPLACE(\(escaped), \(dialect.quoteString(String(replacement.character))), \(dialect.quoteString(replacement.escaped)))"
            }
            let concat = try templateChecked("concat")
            var parts = escaped
            if !before.isEmpty { parts = expandTemplate(concat, [dialect.quoteString(before), parts]) }
            if !after.isEmpty { parts = expandTemplate(concat, [parts, dialect.quoteString(after)]) }
            pattern = "(" + parts + ")"
        }
        var clause = try value(s).operand + " LIKE " + pattern
        if case .character(let escape) = dialect.likeEscape { clause += " ESCAPE " + dialect.quoteString(String(escape)) }
        return SQLFragment(clause, atomic: false)
    }

    // MARK: - Helpers

    /// True when a guard template may be used with these operands: one that writes an operand
    /// several times (PostgreSQL's overflow guards) would grow nested SQL exponentially
    /// (`x*x*x*…` through derives), and PostgreSQL's planner with it, so a long operand gets
    /// the plain operator, which raises on overflow there (a documented limit). PostgreSQL's
    /// product and quotient guards write an operand three times, so `f * a * b * c` is guarded
    /// at every step (its third operand is about 6,000 bytes).
    private func isGuardable(_ template: String, _ operands: [String]) -> Bool {
        operands.enumerated().allSatisfy { index, operand in
            operand.utf8.count <= 20_000 || template.components(separatedBy: "{\(index)}").count <= 2
        }
    }

    private func isIntLiteral(_ e: IRExpression) -> Bool {
        if case .literal(.int) = e.kind { return true }
        if case .unary(.negate, let x) = e.kind, case .literal(.int) = x.kind { return true }
        return false
    }

    func castType(_ type: DataType) -> String { dialect.castTypes[type] ?? type.rawValue }

    private func template(_ key: String) -> String { dialect.functions[key] ?? "{0}" }

    private func templateChecked(_ key: String) throws -> String {
        guard let t = dialect.functions[key] else {
            throw SQLGenerationError.unsupported(feature: "the function \(key)", dialect: dialect.name)
        }
        return t
    }
}

extension String {
    /// The first `T` (date/time separator of ISO text) replaced by `separator`.
    func replacingOccurrencesOfT(with separator: String) -> String {
        guard let t = firstIndex(of: "T") else { return self }
        return String(self[..<t]) + separator + String(self[index(after: t)...])
    }
}
