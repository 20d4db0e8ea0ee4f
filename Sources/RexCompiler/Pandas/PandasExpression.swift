import RexData
import RexLanguage

/// A plan the pandas generator cannot translate (a resolver bug, not a user error).
public struct PandasGenerationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "cannot generate pandas code: " + message }
}

/// Translates one typed IR expression to a Python expression over a frame variable.
///
/// Series-valued code uses pandas operators where pandas already follows SQL
/// (comparisons of numbers/text/bools, `&`, `|`, `~` on `boolean`, float `+ - *`)
/// and `_rex` helpers everywhere else (SPEC §2 rules).
struct PandasExpressionEmitter {
    enum Mode {
        /// One value per row of `frame`.
        case rows
        /// `summarize` items: aggregates per group of `groups` (nil: one group, no `by`);
        /// a bare column is a group key, read from `keys[name]` of the groups.
        case aggregate(groups: String?, keys: [String: String])
        /// `derive` with aggregates: aggregates per group, spread back to rows.
        case window(groups: String)
        /// `derive … sort …`: `groups` is the runtime's `OrderedGroups`; aggregates are running
        /// values and window functions are its methods, each one value per row.
        case sortedWindow(groups: String)
        /// A join condition: `this[...]` and `that[...]`.
        case join
    }

    var frame: String
    var mode: Mode
    /// True while emitting the parts of a row-wise expression that reads columns: a part that
    /// reads none and computes something is then computed only when the frame has rows
    /// (`_rex.when_rows`), as SQL computes it per row: `k - int(-1e308)` over no rows raises nothing.
    private var insideSeries = false

    init(frame: String, mode: Mode) {
        self.frame = frame
        self.mode = mode
    }

    /// The values of `e` on each row of `frame`, as a Series. A constant is repeated; one that
    /// computes something (`int(-1e19)`) is computed only when the frame has rows, as a SQL
    /// engine computes it per row: over no rows it raises nothing anywhere.
    static func rowValues(_ e: IRExpression, over frame: String) throws -> String {
        let code = try PandasExpressionEmitter(frame: frame, mode: .rows).emit(e)
        guard !isSeries(e) else { return code }
        return "_rex.broadcast(" + constant(code, of: e) + ", " + frame + ".index)"
    }

    /// A constant's code as `_rex.const`, with its type, computed only when needed
    /// (`lambda: …`) unless it is a literal.
    static func constant(_ code: String, of e: IRExpression) -> String {
        let value: String
        if case .literal = e.kind { value = code } else { value = "lambda: " + code }
        return "_rex.const(\(value), \(PythonLiteral.string(e.type.rawValue)))"
    }

    /// True when the value of `e` is a Series (it reads a column or an aggregate), not a constant.
    static func isSeries(_ e: IRExpression) -> Bool {
        switch e.kind {
        case .column, .sideColumn, .aggregate, .windowFunction: return true
        case .literal: return false
        case .unary(_, let x), .isNull(let x, _): return isSeries(x)
        case .binary(_, let l, let r): return isSeries(l) || isSeries(r)
        case .inList(let x, let list, _): return isSeries(x) || list.contains(where: isSeries)
        case .function(_, let args): return args.contains(where: isSeries)
        }
    }

    /// Whether a constant part of a Series expression is computed only when `frame` has rows:
    /// on rows and in window derives (one value per row of `frame`), and in a `summarize` with
    /// `by` (a group per distinct key: none exactly when `frame` has no rows). Not in a
    /// `summarize` without `by` (one row, always) nor in a join condition.
    private var constantsNeedRows: Bool {
        switch mode {
        case .rows, .window, .sortedWindow: return true
        case .aggregate(let groups, _): return groups != nil
        case .join: return false
        }
    }

    func emit(_ e: IRExpression) throws -> String {
        if constantsNeedRows {
            let series = Self.isSeries(e)
            if series && !insideSeries {
                var inside = self
                inside.insideSeries = true
                return try inside.emit(e)
            }
            if !series && insideSeries && !Self.isTrivial(e) {
                var outside = self
                outside.insideSeries = false
                return "_rex.when_rows(" + frame + ", lambda: " + (try outside.emit(e)) + ", \"" + e.type.rawValue + "\")"
            }
        }
        switch e.kind {
        case .column(let name):
            switch mode {
            case .rows, .window, .sortedWindow: return frame + "[" + PythonLiteral.string(name) + "]"
            case .aggregate(let groups, let keys):
                guard let groups, let key = keys[name] else {
                    throw PandasGenerationError("column '\(name)' is used outside an aggregate but is not a group key")
                }
                return groups + ".key(" + PythonLiteral.string(key) + ")"
            case .join:
                throw PandasGenerationError("column '\(name)' in a join condition has no side (this/that)")
            }
        case .sideColumn(let side, let name):
            guard case .join = mode else {
                throw PandasGenerationError("\(side.rawValue).\(name) outside a join condition")
            }
            return side.rawValue + "[" + PythonLiteral.string(name) + "]"
        case .literal(let value):
            return PythonLiteral.value(value)
        case .unary(let op, let x):
            let inner = try operand(x)
            switch op {
            case .not: return Self.isSeries(x) ? "~" + inner : "_rex.not_(" + (try emit(x)) + ")"
            case .negate: return x.type == .int ? "_rex.neg(" + (try emit(x)) + ")" : "-" + inner
            }
        case .binary(let op, let l, let r):
            return try binary(op, l, r)
        case .isNull(let x, let negated):
            return (negated ? "_rex.is_not_null(" : "_rex.is_null(") + (try emit(x)) + ")"
        case .inList(let x, let list, let negated):
            let items = try list.map { try emit($0) }.joined(separator: ", ")
            return (negated ? "_rex.not_in(" : "_rex.isin(") + (try emit(x)) + ", [" + items + "])"
        case .function(let function, let args):
            return try self.function(function, args, type: e.type)
        case .aggregate(let function, let arg):
            return try aggregate(function, arg)
        case .windowFunction(let function, let arg, let offset):
            guard case .sortedWindow(let g) = mode else {
                throw PandasGenerationError("window function \(function.rawValue)() outside a derive with sort")
            }
            guard let arg else { return g + "." + function.rawValue + "()" }
            let code = try Self.rowValues(arg, over: frame)
            return g + "." + function.rawValue + "(" + code + ", \(offset))"
        }
    }

    /// `e` as an operand of a Python operator: parenthesised unless atomic.
    private func operand(_ e: IRExpression) throws -> String {
        let code = try emit(e)
        switch e.kind {
        case .unary, .binary: return "(" + code + ")"
        case .literal(let v):
            if case .int(let i) = v, i < 0 { return "(" + code + ")" }
            if case .float(let d) = v, d < 0 || d.isInfinite { return "(" + code + ")" }
            return code
        default: return code
        }
    }

    /// Types whose pandas comparison follows SQL (dates and datetimes are day and
    /// microsecond numbers in the runtime, and the resolver compares them only with their own type).
    private static let plainComparable: Set<DataType> = [.int, .float, .text, .bool, .date, .datetime]

    private func binary(_ op: BinaryOperator, _ l: IRExpression, _ r: IRExpression) throws -> String {
        switch op {
        case .and: return try operand(l) + " & " + operand(r)
        case .or: return try operand(l) + " | " + operand(r)
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            if Self.plainComparable.contains(l.type) && Self.plainComparable.contains(r.type) {
                return try operand(l) + " " + op.rawValue + " " + operand(r)
            }
            return try "_rex.compare(" + emit(l) + ", " + PythonLiteral.string(op.rawValue) + ", " + emit(r) + ")"
        case .add, .subtract, .multiply:
            // Ints: overflow is an error; floats: an infinite result is null (SPEC §2).
            let name = op == .add ? "add" : op == .subtract ? "sub" : "mul"
            return try "_rex." + name + "(" + emit(l) + ", " + emit(r) + ")"
        case .divide:
            return try "_rex.div(" + emit(l) + ", " + emit(r) + ")"
        case .modulo:
            return try "_rex.mod(" + emit(l) + ", " + emit(r) + ")"
        }
    }

    private func call(_ name: String, _ args: [IRExpression], extra: [String] = []) throws -> String {
        try call(name, try args.map { try emit($0) }, extra: extra)
    }

    private func call(_ name: String, _ parts: [String], extra: [String] = []) throws -> String {
        "_rex." + name + "(" + (parts + extra).joined(separator: ", ") + ")"
    }

    /// An argument of `if`/`coalesce`/`case` after the first, in a Series expression: one that
    /// reads no column and computes something as `lambda: …`, which the runtime runs only when
    /// some row (or group) takes it (SPEC §2: an overflow in a branch not taken is no error).
    private func constantThunk(_ e: IRExpression) throws -> String {
        guard !Self.isSeries(e), !Self.isTrivial(e) else { return try emit(e) }
        var outside = self
        outside.insideSeries = false
        return "lambda: " + (try outside.emit(e))
    }

    private func function(_ f: ScalarFunction, _ args: [IRExpression], type: DataType) throws -> String {
        let typeName = PythonLiteral.string(type.rawValue)
        let code: String
        switch f {
        case .if:
            guard args.count == 3 else { throw PandasGenerationError("if() needs 3 arguments, got \(args.count)") }
            if let thunks = try constantThunks(args, from: 1) {
                return "_rex.if_(" + (thunks + [typeName]).joined(separator: ", ") + ")"
            }
            if lazy(args[1...]) {
                let parts = [try emit(args[0]), try branch(args[1]), try branch(args[2]), typeName, "frame=" + frame]
                return "_rex.if_(" + parts.joined(separator: ", ") + ")"
            }
            return try call("if_", try [emit(args[0])] + args.dropFirst().map(constantThunk), extra: [typeName])
        case .coalesce:
            if let thunks = try constantThunks(args, from: 1) {
                return "_rex.coalesce(" + (thunks + ["type_name=" + typeName]).joined(separator: ", ") + ")"
            }
            if lazy(args.dropFirst()) {
                let parts = try [emit(args[0])] + args.dropFirst().map(branch) + ["type_name=" + typeName, "frame=" + frame]
                return "_rex.coalesce(" + parts.joined(separator: ", ") + ")"
            }
            return try call("coalesce", try [emit(args[0])] + args.dropFirst().map(constantThunk), extra: ["type_name=" + typeName])
        case .case:
            // Each condition and value only on the rows still undecided / that select it, as `if`.
            if let thunks = try constantThunks(args, from: 1) {
                return "_rex.case_(" + (thunks + ["type_name=" + typeName]).joined(separator: ", ") + ")"
            }
            if case .rows = mode, args.contains(where: Self.isSeries), !args.contains(where: \.containsAggregate) {
                let parts = try args.map(branch) + ["type_name=" + typeName, "frame=" + frame]
                return "_rex.case_(" + parts.joined(separator: ", ") + ")"
            }
            return try call("case_", try [emit(args[0])] + args.dropFirst().map(constantThunk), extra: ["type_name=" + typeName])
        // Dates are day numbers in the runtime: exact integer arithmetic, no DateOffset.
        case .addDays: return try call("add_days", args)
        case .diffDays: return try call("diff_days", args)
        case .addMonths: return try call("add_months", args)
        case .dateTrunc:
            guard args.count == 2 else { throw PandasGenerationError("date_trunc() needs 2 arguments") }
            return try call("date_trunc", args, extra: [PythonLiteral.string(args[1].type.rawValue)])
        case .today, .now:
            throw PandasGenerationError("\(f.rawValue)() is resolved to a literal")
        case .toInt: return try call("to_int", args)
        case .toFloat: return try call("to_float", args)
        // Dates and datetimes are plain numbers in the runtime: these functions get the argument's type.
        case .toText, .toDate, .year, .month, .day, .hour, .weekday:
            let name = f == .toText ? "to_text" : f == .toDate ? "to_date" : f.rawValue
            code = try call(name, args, extra: args.first.map { [PythonLiteral.string($0.type.rawValue)] } ?? [])
        case .startsWith: code = try call("starts_with", args)
        case .endsWith: code = try call("ends_with", args)
        default: code = try call(f.rawValue, args)
        }
        // Keep the IR's type where the runtime's natural result type differs
        // (e.g. a resolver that types floor(float) as int).
        if let natural = naturalType(f, args), natural != type, type == .int || type == .float {
            return "_rex.cast(" + code + ", " + typeName + ")"
        }
        return code
    }

    /// True when some of `branches` (of `if`/`coalesce`) compute from columns, row by row:
    /// they are evaluated only on the rows that need them (SPEC §2: an overflow in a branch
    /// not taken is no error). Row mode only: an aggregate over a subset would change its value.
    /// Branches are passed as functions when one of them computes something (it may fail, as
    /// an overflow does): on rows, also a computation of constants, which must not run when
    /// no row selects it (an empty input included).
    private func lazy(_ branches: ArraySlice<IRExpression>) -> Bool {
        guard case .rows = mode else { return false }
        return branches.contains { !Self.isTrivial($0) } && !branches.contains(where: \.containsAggregate)
    }

    /// The arguments of an `if`/`coalesce`/`case` that reads no column (a constant), from
    /// `first` on as `lambda: …` where they compute something, so the runtime computes only
    /// the one chosen; nil when some argument reads a column.
    private func constantThunks(_ args: [IRExpression], from first: Int) throws -> [String]? {
        guard !args.contains(where: Self.isSeries), args.dropFirst(first).contains(where: { !Self.isTrivial($0) }) else {
            return nil
        }
        return try args.enumerated().map { index, e in
            let code = try emit(e)
            return index < first || Self.isTrivial(e) ? code : "lambda: " + code
        }
    }

    /// A literal or a plain column: nothing to compute, nothing that can fail.
    private static func isTrivial(_ e: IRExpression) -> Bool {
        switch e.kind {
        case .column, .literal: return true
        default: return false
        }
    }


    /// A branch as a function of the frame (its rows), or as a value when it reads no column.
    private func branch(_ e: IRExpression) throws -> String {
        let code = try emit(e)
        return Self.isTrivial(e) ? code : "lambda " + frame + ": " + code
    }

    /// The type the runtime function returns for these arguments, when it is fixed.
    private func naturalType(_ f: ScalarFunction, _ args: [IRExpression]) -> DataType? {
        switch f {
        case .abs, .round, .floor, .ceil: return args.first?.type
        case .sqrt, .exp, .ln, .log10, .power: return .float
        case .length, .year, .month, .day, .hour, .weekday: return .int
        default: return nil
        }
    }

    private func aggregate(_ f: AggregateFunction, _ arg: IRExpression?) throws -> String {
        let groups: String?
        if case .sortedWindow(let g) = mode {
            // A running value over the rows so far (OrderedGroups.running, nulls skipped).
            guard let arg else { return g + ".running(\"count\")" }
            let code = try Self.rowValues(arg, over: frame)
            return g + ".running(" + PythonLiteral.string(f.rawValue) + ", " + code + ")"
        }
        switch mode {
        case .aggregate(let g, _): groups = g
        case .window(let g): groups = g
        case .rows, .join, .sortedWindow: throw PandasGenerationError("aggregate \(f.rawValue)() outside summarize/derive")
        }
        // Arguments of aggregates are row values of the input frame.
        var parts: [String] = []
        if let arg {
            parts.append(try Self.rowValues(arg, over: frame))
            if let groups { parts.append(groups) }
        } else {
            guard f == .count else { throw PandasGenerationError("\(f.rawValue)() needs an argument") }
            parts.append(groups.map { "g=" + $0 } ?? "df=" + frame)
        }
        let call = "_rex." + f.rawValue + "(" + parts.joined(separator: ", ") + ")"
        if case .window(let g) = mode { return g + ".rows(" + call + ")" }
        return call
    }
}
