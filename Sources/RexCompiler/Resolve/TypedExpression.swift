import RexData
import RexLanguage

/// A checked expression: its IR and what is known about its type.
struct TypedExpression {
    var ir: IRExpression
    /// False after an error inside it: the type is a placeholder and no further
    /// errors are reported about it (so one mistake gives one message).
    var isKnown = true
    /// A bare `null` literal, whose type the context decides.
    var isNullLiteral = false

    var type: DataType { ir.type }

    init(_ kind: IRExpression.Kind, type: DataType) {
        ir = IRExpression(kind, type: type)
    }

    /// The placeholder after an error.
    static var unknown: TypedExpression {
        var typed = TypedExpression(.literal(.null), type: .text)
        typed.isKnown = false
        return typed
    }

    /// A bare `null`; `text` until a context asks for another type.
    static var null: TypedExpression {
        var typed = TypedExpression(.literal(.null), type: .text)
        typed.isNullLiteral = true
        return typed
    }

    /// The type to check against: nil for an unknown type or a bare null (both fit anything).
    var checkedType: DataType? { isKnown && !isNullLiteral ? type : nil }

    /// The IR with a bare null given `type` (other expressions are unchanged).
    func ir(as type: DataType) -> IRExpression {
        isNullLiteral ? IRExpression(.literal(.null), type: type) : ir
    }
}

/// Where an expression is checked: its columns, its verb and what it may aggregate.
struct ExpressionScope {
    enum Columns {
        case single(WorkingRelation)
        /// A join condition: `this.X` is the input, `that.X` the other relation.
        case join(this: WorkingRelation, that: WorkingRelation)
    }

    enum Aggregates {
        /// Aggregates are an error (filter, select, sort, …).
        case forbidden
        /// `summarize`: outside aggregates, only group keys and earlier items.
        case summarize(keys: Set<String>)
        /// `derive`: aggregates become window values.
        case window
    }

    var columns: Columns
    /// The verb, for messages (`unknown column 'x' in filter`).
    var verb: String
    var aggregates: Aggregates = .forbidden
    /// Earlier items of the same derive/summarize by name; a reference inlines their IR.
    var earlierItems: [String: TypedExpression] = [:]
    /// The aggregate being checked inside, if any (aggregates do not nest).
    var insideAggregate: String?
    /// A `derive` with `sort`: window functions allowed, aggregates are running values.
    var sortedWindow = false
}

/// The common type of two types under `int`→`float` widening, if they are compatible.
func commonType(_ a: DataType, _ b: DataType) -> DataType? {
    if a == b { return a }
    if a.isNumeric && b.isNumeric { return .float }
    return nil
}
