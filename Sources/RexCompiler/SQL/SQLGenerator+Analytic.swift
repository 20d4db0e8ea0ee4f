import RexData
import RexLanguage

// The SQL that computes the analytic verbs `summary` and `linmod` on a server (SPEC §2):
// aggregates only, so no rows leave the server. Each query is built as IR and compiled
// by the same generator, so every dialect rule (COUNT_BIG, sample sd, code-point order,
// nulls last) holds here too.

/// The queries of `summary` on a server.
public struct SummaryQueries: Sendable, Hashable {
    /// One row; for the i-th numeric column six values, in this order:
    /// `ValidObs` (int), `MissingObs` (int), `Mean`, `StdDev` (sample), `Min`, `Max`
    /// (as float); the columns are named `v<i>_valid`, `v<i>_missing`, `v<i>_mean`,
    /// `v<i>_sd`, `v<i>_min`, `v<i>_max`. Nil when there is no numeric column.
    public var numeric: String?
    public var numericColumns: [String]
    /// For each text or bool column: `SELECT <column>, Count` per level, levels in
    /// code-point order and the null level last (it counts as MissingObs).
    public var levels: [(column: String, sql: String)]

    public static func == (a: SummaryQueries, b: SummaryQueries) -> Bool {
        a.numeric == b.numeric && a.numericColumns == b.numericColumns
            && a.levels.map(\.column) == b.levels.map(\.column) && a.levels.map(\.sql) == b.levels.map(\.sql)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(numeric)
        hasher.combine(numericColumns)
        hasher.combine(levels.map(\.sql))
    }
}

extension SQLGenerator {
    /// The aggregate queries of `summary COLUMNS` over `input` (all columns when empty).
    /// - Throws: `SQLGenerationError` for an unknown column, or as `generate` does.
    public func summaryQueries(_ input: Relation, columns: [String]) throws -> SummaryQueries {
        let fields = try selectedFields(input.schema, columns.isEmpty ? input.schema.names : columns)
        var numericColumns: [String] = []
        var items: [NamedExpression] = []
        for field in fields where field.type.isNumeric {
            let i = numericColumns.count
            numericColumns.append(field.name)
            let x = IRExpression(.column(field.name), type: field.type)
            let valid = IRExpression(.aggregate(.count, x), type: .int)
            let rows = IRExpression(.aggregate(.count, nil), type: .int)
            let asFloat = field.type == .float ? x : IRExpression(.function(.toFloat, [x]), type: .float)
            items += [
                NamedExpression("v\(i)_valid", valid),
                NamedExpression("v\(i)_missing", IRExpression(.binary(.subtract, rows, valid), type: .int)),
                NamedExpression("v\(i)_mean", IRExpression(.aggregate(.mean, x), type: .float)),
                NamedExpression("v\(i)_sd", IRExpression(.aggregate(.sd, x), type: .float)),
                NamedExpression("v\(i)_min", IRExpression(.aggregate(.min, asFloat), type: .float)),
                NamedExpression("v\(i)_max", IRExpression(.aggregate(.max, asFloat), type: .float)),
            ]
        }
        var numeric: String?
        if !items.isEmpty {
            let schema = Schema(items.map { Field($0.name, $0.expression.type) })
            numeric = try generate(Relation(.aggregate(input, keys: [], items: items), schema: schema))
        }
        var levels: [(column: String, sql: String)] = []
        for field in fields where field.type == .text || field.type == .bool {
            let key = IRExpression(.column(field.name), type: field.type)
            let counted = Relation(.aggregate(input, keys: [NamedExpression(field.name, key)],
                                              items: [NamedExpression("Count", IRExpression(.aggregate(.count, nil), type: .int))]),
                                   schema: Schema([field, Field("Count", .int)]))
            let sorted = Relation(.sort(counted, [IRSortKey(key, descending: false)]), schema: counted.schema)
            levels.append((field.name, try generate(sorted)))
        }
        return SummaryQueries(numeric: numeric, numericColumns: numericColumns, levels: levels)
    }

    /// The levels of a text predictor of `linmod`, in code-point order, over the rows the fit uses.
    public func linmodLevelQuery(_ input: Relation, response: String, predictors: [String], column: String) throws -> String {
        let complete = try completeRows(input, [response] + predictors)
        guard let field = input.schema.field(named: column) else { throw unknownColumn(column) }
        let x = IRExpression(.column(column), type: field.type)
        let projected = Relation(.project(complete, [NamedExpression(column, x)]), schema: Schema([field]))
        let distinct = Relation(.distinct(projected), schema: projected.schema)
        return try generate(Relation(.sort(distinct, [IRSortKey(x, descending: false)]), schema: projected.schema))
    }

    /// The design of `linmod response ~ predictors [- 1]` row by row over the rows the fit
    /// uses: `rex_y` (the response as float), then `rex_d0`, `rex_d1`, … (floats), one per
    /// term (the intercept is not a column): each numeric predictor (bool as 0/1), and an
    /// indicator per non-baseline level of a text predictor (`<column><level>`; without an
    /// intercept the first text predictor gets every level, as R codes it). The server's
    /// linmod passes (means, sums of centred products, residuals) aggregate over it.
    /// - Parameter levels: the levels of each text predictor in code-point order (from
    ///   `linmodLevelQuery`).
    public func linmodDesignQuery(_ input: Relation, response: String, predictors: [String],
                                  levels: [String: [String]], intercept: Bool) throws -> (sql: String, terms: [String]) {
        let complete = try completeRows(input, [response] + predictors)
        guard let responseField = input.schema.field(named: response) else { throw unknownColumn(response) }
        func float(_ x: IRExpression) -> IRExpression {
            x.type == .float ? x : IRExpression(.function(.toFloat, [x]), type: .float)
        }
        var items = [NamedExpression("rex_y", float(IRExpression(.column(response), type: responseField.type)))]
        var terms: [String] = []
        var everyLevel = !intercept
        for name in predictors {
            guard let field = input.schema.field(named: name) else { throw unknownColumn(name) }
            let x = IRExpression(.column(name), type: field.type)
            if field.type == .text {
                for level in (levels[name] ?? []).dropFirst(everyLevel ? 0 : 1) {
                    let test = IRExpression(.binary(.equal, x, IRExpression(.literal(.text(level)), type: .text)), type: .bool)
                    items.append(NamedExpression("rex_d\(terms.count)", IRExpression(.function(.if, [
                        test, IRExpression(.literal(.float(1)), type: .float), IRExpression(.literal(.float(0)), type: .float),
                    ]), type: .float)))
                    terms.append(name + level)
                }
                everyLevel = false
            } else {
                items.append(NamedExpression("rex_d\(terms.count)", float(x)))
                terms.append(name)
            }
        }
        let schema = Schema(items.map { Field($0.name, .float) })
        return (try generate(Relation(.project(complete, items), schema: schema)), terms)
    }

    // MARK: - Helpers

    private func selectedFields(_ schema: Schema, _ names: [String]) throws -> [Field] {
        try names.map { name in
            guard let field = schema.field(named: name) else { throw unknownColumn(name) }
            return field
        }
    }

    /// `input` filtered to rows where every named column is non-null.
    private func completeRows(_ input: Relation, _ names: [String]) throws -> Relation {
        var condition: IRExpression?
        for name in names {
            guard let field = input.schema.field(named: name) else { throw unknownColumn(name) }
            let test = IRExpression(.isNull(IRExpression(.column(name), type: field.type), negated: true), type: .bool)
            condition = condition.map { IRExpression(.binary(.and, $0, test), type: .bool) } ?? test
        }
        guard let condition else { return input }
        return Relation(.filter(input, condition), schema: input.schema)
    }

    private func unknownColumn(_ name: String) -> SQLGenerationError {
        .invalidIR("the column \(name.debugDescription) is not in the input")
    }
}
