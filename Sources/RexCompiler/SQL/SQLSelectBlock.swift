import RexData

/// One `SELECT … FROM … WHERE … GROUP BY … ORDER BY … LIMIT` under construction.
///
/// The generator merges verbs into a block while SQL's clause order allows it and
/// otherwise wraps the block as a derived table of a new one.
struct SQLSelectBlock {
    struct Item {
        /// Rendered expression.
        var sql: String
        /// Output name (unquoted).
        var name: String
        /// The expression over the FROM columns when it is known to be a plain column.
        var passThrough: String?
        /// The SQL can be an operand without parentheses.
        var atomic = true
        /// The SQL reads no column (`SQLExpressionRenderer.isConstant`).
        var constant = false
        /// The SQL holds a scalar subquery (a dialect template that binds its operands in one).
        var holdsSubquery: Bool { sql.contains("(SELECT ") }
    }

    var items: [Item]
    /// Text after `FROM `.
    var from: String
    /// Alias of the FROM source (empty for a join, whose columns are qualified per side).
    var alias: String
    /// The FROM text when it is a plain table reference (for joins to use directly).
    var table: String?
    var wheres: [String] = []
    var groupBy: [String] = []
    var aggregated = false
    var hasWindow = false
    var isJoin = false
    var distinct = false
    /// Sort keys over the FROM columns; printed qualified by `alias`.
    var orderBy: [IRSortKey]?
    var limit: (count: Int64, offset: Int64)?
    /// How many trailing items only carry sort keys out of a derived table.
    var hiddenCount = 0

    var visibleItems: ArraySlice<Item> { items.dropLast(hiddenCount) }

    /// Every item passes a FROM column through under its own name.
    var isPassThrough: Bool { !isJoin && items.allSatisfy { $0.passThrough == $0.name } }

    /// A projection can replace the items, substituting their expressions for column names.
    var acceptsSubstitution: Bool {
        !distinct && groupBy.isEmpty && !aggregated && limit == nil && !hasWindow
    }

    /// A filter, projection, window, aggregate or sort can be added to this block.
    var acceptsRowOperations: Bool {
        isPassThrough && !distinct && groupBy.isEmpty && !aggregated && limit == nil && !hasWindow
    }
}
