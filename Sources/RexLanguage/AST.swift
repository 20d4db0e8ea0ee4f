import RexData

// The abstract syntax of rex (SPEC §2). Every node keeps its source span.
// The parser builds it; the printer turns it back into rex source; the
// resolver (RexCompiler) turns it into the typed relational IR.

/// One statement of a script or REPL line.
public struct Statement: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// `PIPELINE`: run and print.
        case pipeline(Pipeline)
        /// `let NAME = PIPELINE`.
        case binding(name: Identifier, pipeline: Pipeline)
        /// `def NAME(P1, P2) = VERB | VERB…`: a verb made of steps.
        case defineVerb(name: Identifier, parameters: [Identifier], steps: [Step])
        /// `def NAME(P1) = EXPR`: an expression function.
        case defineFunction(name: Identifier, parameters: [Identifier], body: Expression)
        /// `PIPELINE -> SINK`.
        case sink(pipeline: Pipeline, sink: Sink)
        /// `:COMMAND rest-of-line` (or with a following `"""…"""` block as `argument`).
        case command(name: Identifier, argument: String)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A source followed by verbs: `source | verb | verb`.
public struct Pipeline: Sendable, Hashable {
    public var source: Source
    public var steps: [Step]
    public var span: SourceSpan

    public init(source: Source, steps: [Step], span: SourceSpan) {
        self.source = source
        self.steps = steps
        self.span = span
    }
}

/// Where a pipeline's rows come from.
public struct Source: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// `table NAME` or `table schema.NAME`: parts in order.
        case table([Identifier])
        /// `sql "SELECT …"`: the text with its `$(NAME)` slots and their values; SQL
        /// passthrough decides, with the dialect's lexer, what each slot becomes.
        case sql(TemplateText)
        /// `csv "path" [sep=";"]`.
        case csv(path: String, options: [Option])
        /// `sample iris`.
        case sample(Identifier)
        /// A `let` binding's name.
        case binding(Identifier)
        /// `python """…"""` with no input.
        case python(PythonBlock)
        /// `( PIPELINE )`.
        case parenthesized(Pipeline)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// A `"""…"""` block of Python: its dedented text and the source line of its first text line
/// (so tracebacks can point at script lines).
public struct PythonBlock: Sendable, Hashable {
    /// The code as written (`$(NAME)` references included; `runnableCode` is what runs).
    public var code: String
    public var firstLine: Int
    /// The value of each script variable the code references; the block receives them as
    /// the mapping `rexvars` (an int for an integer literal, else a str).
    public var variables: [String: String]

    public init(code: String, firstLine: Int, variables: [String: String] = [:]) {
        self.code = code
        self.firstLine = firstLine
        self.variables = variables
    }
}

/// `name=value` options of `csv`, `plot` and similar (`sep=";"`, `bins=20`, `title="…"`).
public struct Option: Sendable, Hashable {
    public var name: Identifier
    public var value: Expression

    public init(name: Identifier, value: Expression) {
        self.name = name
        self.value = value
    }
}

/// One `| verb …` of a pipeline.
public struct Step: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case filter(Expression)
        /// `select A, B, C = EXPR`: a bare name keeps a column (name nil = expression is a column).
        case select([Assignment])
        case drop([Identifier])
        /// `derive N = EXPR, … [by G1, G2]`.
        case derive([Assignment], by: [Identifier])
        /// `rename NEW = OLD, …`.
        case rename([RenamePair])
        /// `summarize N = AGG, … [by G1, G2]`.
        case summarize([Assignment], by: [Identifier])
        case sort([SortKey])
        /// `take N [offset M]`.
        case take(count: Expression, offset: Expression?)
        /// `derive N = EXPR, … [by G1, G2] sort K1, -K2`: window functions and running aggregates.
        case sortedDerive([Assignment], by: [Identifier], sort: [SortKey])
        /// `take N by G1, G2`: the first N rows of each group.
        case takeBy(count: Expression, by: [Identifier])
        /// `distinct [A, B]`.
        case distinct([Identifier])
        /// `join [inner|left|full] REL on EXPR` / `on A, B`.
        case join(kind: JoinKind, with: Source, on: JoinCondition)
        /// `append REL`.
        case append(Source)
        case collect
        /// `summary [COLS]`.
        case summary([Identifier])
        /// `linmod Y ~ X1 + X2 [- 1]` (`- 1`: no intercept).
        case linmod(response: Identifier, predictors: [Identifier], intercept: Bool = true)
        /// `plot KIND ARGS [options]`: positional column names, then `name=value` options.
        case plot(kind: Identifier, arguments: [Identifier], options: [Option])
        /// `python """…"""` with the input as `df`.
        case python(PythonBlock)
        /// `NAME(args)`: a `def` verb (or prelude verb) call.
        case call(name: Identifier, arguments: [Expression])
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// `NEW = OLD` in `rename`.
public struct RenamePair: Sendable, Hashable {
    public var new: Identifier
    public var old: Identifier

    public init(new: Identifier, old: Identifier) {
        self.new = new
        self.old = old
    }
}

/// `NAME = EXPR`, or a bare expression (a column reference) in `select`.
public struct Assignment: Sendable, Hashable {
    /// The output name; nil when the item is a bare column reference (its name is kept).
    public var name: Identifier?
    public var value: Expression

    public init(name: Identifier?, value: Expression) {
        self.name = name
        self.value = value
    }
}

/// `A` or `-A` in `sort`.
public struct SortKey: Sendable, Hashable {
    public var expression: Expression
    public var descending: Bool
    public var span: SourceSpan

    public init(expression: Expression, descending: Bool, span: SourceSpan) {
        self.expression = expression
        self.descending = descending
        self.span = span
    }
}

public enum JoinKind: String, Sendable, Hashable {
    case inner, left, full
}

/// The condition of a join.
public enum JoinCondition: Sendable, Hashable {
    /// `on A, B`: equal names on both sides, one output column each.
    case columns([Identifier])
    /// `on EXPR` with `this.X` / `that.X`.
    case expression(Expression)
}

/// Where a step writes: `-> table NAME [replace|append]`, `-> csv "p"`, `-> png "p"`.
public struct Sink: Sendable, Hashable {
    public enum Mode: String, Sendable, Hashable {
        case create, replace, append
    }

    public enum Kind: Sendable, Hashable {
        case table(name: [Identifier], mode: Mode)
        case csv(path: String)
        case png(path: String)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// An expression with its span.
public struct Expression: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        /// A literal; dates and datetimes as `Value.date` / `Value.datetime`.
        case literal(Value)
        /// A column name (or a `def` parameter).
        case column(Identifier)
        /// `this.X` (side: .this) or `that.X` (side: .that) inside a join condition.
        case qualifiedColumn(side: JoinSide, name: Identifier)
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `x is null` / `x is not null`.
        case isNull(Expression, negated: Bool)
        /// `x in (…)` / `x not in (…)`.
        case inList(Expression, [Expression], negated: Bool)
        /// `x between a and b`.
        case between(Expression, low: Expression, high: Expression)
        /// `name(args)`: a function, an aggregate or a `def` function.
        case call(name: Identifier, arguments: [Expression])
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

public enum JoinSide: String, Sendable, Hashable {
    case this, that
}

public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"

    /// Binding power, low to high (SPEC §2): or; and; comparison; + -; * / %.
    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .modulo: return 6
        }
    }
}
