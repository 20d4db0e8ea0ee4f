import RexData
import RexLanguage

// The typed relational IR (SPEC §3): what the resolver produces from the AST
// and what every back end (SQL dialects, pandas generator, executor) consumes.
// Every relation knows its output schema; every expression knows its type.
// Names in the IR are final output names: lets, defs and the prelude are
// already expanded, and join clashes already suffixed.

/// A typed scalar expression over the columns of one input relation.
public struct IRExpression: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// A column of the input relation, by its (exact) name.
        case column(String)
        /// A column of one side of a join, inside a join condition.
        case sideColumn(JoinSide, String)
        /// A literal; `.null` carries its type in `IRExpression.type`.
        case literal(Value)
        case unary(UnaryOperator, IRExpression)
        case binary(BinaryOperator, IRExpression, IRExpression)
        case isNull(IRExpression, negated: Bool)
        case inList(IRExpression, [IRExpression], negated: Bool)
        /// A scalar function (SPEC §2 list).
        case function(ScalarFunction, [IRExpression])
        /// An aggregate; only inside `aggregate` items and `window` items. `count()` has no argument.
        /// In a `sortedWindow` item it is a running value over the rows so far.
        case aggregate(AggregateFunction, IRExpression?)
        /// A ranking or offset window function; only inside `sortedWindow` items.
        /// `offset` is lag/lead's row count (1 for the others).
        case windowFunction(WindowFunction, IRExpression?, offset: Int64)
    }

    public var kind: Kind
    /// The result type (after `int`→`float` widening where the rules ask for it).
    public var type: DataType

    public init(_ kind: Kind, type: DataType) {
        self.kind = kind
        self.type = type
    }

    /// True when an aggregate occurs anywhere inside.
    public var containsAggregate: Bool {
        switch kind {
        case .aggregate, .windowFunction: return true
        default: return children.contains { $0.containsAggregate }
        }
    }

    /// The direct subexpressions.
    public var children: [IRExpression] {
        switch kind {
        case .column, .sideColumn, .literal: return []
        case .unary(_, let x), .isNull(let x, _): return [x]
        case .binary(_, let a, let b): return [a, b]
        case .inList(let x, let list, _): return [x] + list
        case .function(_, let args): return args
        case .aggregate(_, let x), .windowFunction(_, let x, _): return x.map { [$0] } ?? []
        }
    }

    /// This expression with every subexpression for which `replacement` gives a value replaced
    /// by it (outermost first; a replaced subexpression is not searched further).
    public func replacing(_ replacement: (IRExpression) -> IRExpression?) -> IRExpression {
        if let new = replacement(self) { return new }
        var copy = self
        switch kind {
        case .column, .sideColumn, .literal: break
        case .unary(let op, let x): copy.kind = .unary(op, x.replacing(replacement))
        case .binary(let op, let a, let b): copy.kind = .binary(op, a.replacing(replacement), b.replacing(replacement))
        case .isNull(let x, let negated): copy.kind = .isNull(x.replacing(replacement), negated: negated)
        case .inList(let x, let list, let negated):
            copy.kind = .inList(x.replacing(replacement), list.map { $0.replacing(replacement) }, negated: negated)
        case .function(let f, let args): copy.kind = .function(f, args.map { $0.replacing(replacement) })
        case .aggregate(let f, let x): copy.kind = .aggregate(f, x.map { $0.replacing(replacement) })
        case .windowFunction(let f, let x, let offset): copy.kind = .windowFunction(f, x.map { $0.replacing(replacement) }, offset: offset)
        }
        return copy
    }
}

/// Scalar functions of SPEC §2. Raw values are the rex spellings.
public enum ScalarFunction: String, Sendable, Hashable, CaseIterable {
    case `if`, coalesce, abs, round, floor, ceil, sqrt, exp, ln, log10, power
    case lower, upper, length, trim, substr, contains, startsWith = "starts_with", endsWith = "ends_with"
    case replace, concat, year, month, day, hour, weekday
    case toInt = "int", toFloat = "float", toText = "text", toDate = "date"
    /// `case(C1 => V1, …, else => V)` as `[C1, V1, C2, V2, …, V]` (always an else value;
    /// the resolver makes a missing one a typed null).
    case `case`
    /// `add_months(d, n)`, `date_trunc(unit, d)` (the unit is a text literal first).
    case addMonths = "add_months", dateTrunc = "date_trunc"
    /// `today()`, `now()`: the resolver turns them into literals of the client's clock.
    case today, now
    /// `d + n` (and `d - n` as `d + -n`): a date plus whole days. `d1 - d2`: days between
    /// two dates. Operators, not callable by name (their spellings are not identifiers).
    case addDays = "date + days", diffDays = "date - date"

    /// Functions that are written as operators, not called by name.
    public var isOperator: Bool { self == .addDays || self == .diffDays }
}

/// Aggregates of SPEC §2. Raw values are the rex spellings.
public enum AggregateFunction: String, Sendable, Hashable, CaseIterable {
    case count, countDistinct = "count_distinct", sum, mean, min, max, sd, `var`, median, any, all
}

/// Window functions of SPEC §2 that are not aggregates (`cumsum` … are running aggregates).
public enum WindowFunction: String, Sendable, Hashable, CaseIterable {
    case rowNumber = "row_number", rank, denseRank = "dense_rank", lag, lead
}

/// A computed output column: `name = expression`.
public struct NamedExpression: Sendable, Hashable {
    public var name: String
    public var expression: IRExpression

    public init(_ name: String, _ expression: IRExpression) {
        self.name = name
        self.expression = expression
    }
}

/// One key of a sort; nulls always sort last (SPEC §2).
public struct IRSortKey: Sendable, Hashable {
    public var expression: IRExpression
    public var descending: Bool

    public init(_ expression: IRExpression, descending: Bool) {
        self.expression = expression
        self.descending = descending
    }
}

/// Where a join's output column comes from.
public enum JoinOutputSource: Sendable, Hashable {
    case left(String)
    case right(String)
    /// `on A, B` key of a full join: `coalesce(left.A, right.A)`.
    case coalesced(left: String, right: String)
}

/// A data source at the leaves of a plan.
public enum IRSource: Sendable, Hashable {
    /// A table or view on the current connection; name parts as written (schema, name).
    case table([String])
    /// A query in the server's own SQL, wrapped as a derived table; its `$(NAME)` slots
    /// become bound parameters or escaped text (`SQLPassthrough`).
    case sql(TemplateText)
    /// A local CSV file (SPEC §2 inference rules).
    case csv(path: String, separator: String)
    /// Bundled data: `iris` or `airline`.
    case sample(String)
    /// A collected `let` binding's cached local data, by binding name.
    case localData(String)
    /// A Python block with no input that sets `result`.
    case python(PythonBlock)
}

/// The analytic verbs (SPEC §2): they end the relational part of a pipeline.
public enum AnalyticStep: Sendable, Hashable {
    case summary(columns: [String])
    /// `intercept` false: `- 1`, no intercept.
    case linmod(response: String, predictors: [String], intercept: Bool = true)
    case plot(kind: String, arguments: [String], options: [String: Value])
    case python(PythonBlock)
}

/// A node of a plan with its output schema.
public struct Relation: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case scan(IRSource)
        /// Keep rows where the predicate is true (null counts as false).
        case filter(Relation, IRExpression)
        /// Output exactly these columns, in order (select, drop, rename and plain derive).
        case project(Relation, [NamedExpression])
        /// Group by `keys` (empty: one row); `items` are expressions over aggregates and keys
        /// (a key is referenced as `.column(key.name)`). Output: keys then items.
        case aggregate(Relation, keys: [NamedExpression], items: [NamedExpression])
        /// `derive` with aggregates: every input column, then `items` (which may replace
        /// input columns of the same name, in place), aggregates computed per `partition`.
        case window(Relation, partition: [String], items: [NamedExpression])
        /// `derive … [by …] sort K…`: like `window`, but each partition is ordered by `order`
        /// (nulls last); aggregates are running values (rows so far), window functions rank and
        /// offset in that order. Output rows keep the input's order.
        case sortedWindow(Relation, partition: [String], order: [IRSortKey], items: [NamedExpression])
        /// `take N by G…`: the first `count` rows of each group in the input's order (after a
        /// `sort`), output in that order; null keys form one group.
        case takePerGroup(Relation, count: Int64, partition: [String])
        case sort(Relation, [IRSortKey])
        /// `take N offset M`; meaningful order only after `sort`.
        case limit(Relation, count: Int64, offset: Int64)
        /// Unique rows of the input (distinct on columns is a project first).
        case distinct(Relation)
        /// Join; `condition` uses `.sideColumn`; `output` lists every output column in order.
        case join(JoinKind, left: Relation, right: Relation, condition: IRExpression,
                  output: [NamedJoinOutput])
        /// Rows of both; `right` is already projected to `left`'s column order.
        case append(Relation, Relation)
        /// Materialise in the local context at this point.
        case collect(Relation)
        /// An analytic verb on its input.
        case analytic(Relation, AnalyticStep)
    }

    public var kind: Kind
    public var schema: Schema

    public init(_ kind: Kind, schema: Schema) {
        self.kind = kind
        self.schema = schema
    }

    /// The relations this one reads directly (a join's or append's two sides, left first).
    public var inputs: [Relation] {
        switch kind {
        case .scan: return []
        case .filter(let r, _), .project(let r, _), .aggregate(let r, _, _), .window(let r, _, _),
             .sortedWindow(let r, _, _, _), .takePerGroup(let r, _, _), .sort(let r, _), .limit(let r, _, _),
             .distinct(let r), .collect(let r), .analytic(let r, _):
            return [r]
        case .join(_, let l, let r, _, _), .append(let l, let r):
            return [l, r]
        }
    }

    /// The sources of every scan below this relation, left to right.
    public var sources: [IRSource] {
        if case .scan(let source) = kind { return [source] }
        return inputs.flatMap(\.sources)
    }
}

/// One output column of a join.
public struct NamedJoinOutput: Sendable, Hashable {
    public var name: String
    public var source: JoinOutputSource

    public init(_ name: String, _ source: JoinOutputSource) {
        self.name = name
        self.source = source
    }
}
