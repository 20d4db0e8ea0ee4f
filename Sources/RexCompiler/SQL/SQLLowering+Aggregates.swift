import RexData
import RexLanguage

// `summarize` (GROUP BY) and aggregates in `derive` (window functions). Aggregates that
// SQL lacks or cannot write portably (sd/var in two passes, medians by window ranks: SQLite
// has no median, T-SQL's PERCENTILE_CONT exists only as a window on SQL Server and not at all
// on Babelfish) get layers: arguments first, then window helpers, then the result.

extension SQLLowering {
    /// One aggregate call as written (function and argument).
    struct AggregateUse: Hashable {
        var function: AggregateFunction
        var argument: IRExpression?
    }

    func aggregate(_ input: SQLSelectBlock, keys: [NamedExpression], items: [NamedExpression]) throws -> SQLSelectBlock {
        let uses = aggregateUses(items.map(\.expression))
        let recipes = try uses.map { try recipe($0, window: false) }
        let layered = try recipes.contains { if case .template = $0 { return false } else { return true } }
            || argumentsHoldRefusedSubqueries(uses)
        if keys.isEmpty, uses.isEmpty { return try rowFromConstants(input, items: items) }

        guard layered else {
            var block = try mergeable(input)
            block.orderBy = nil
            let r = renderer()
            let keyTexts = try keys.map { try r.value($0.expression).text }
            var itemRenderer = renderer()
            itemRenderer.column = { name in
                guard let index = keys.firstIndex(where: { $0.name == name }) else {
                    throw SQLGenerationError.invalidIR("\(name) is neither a group key nor inside an aggregate")
                }
                return keyTexts[index]
            }
            itemRenderer.aggregate = { function, argument, _ in
                let use = AggregateUse(function: function, argument: argument)
                guard let index = uses.firstIndex(of: use) else { throw SQLGenerationError.invalidIR("unlisted aggregate") }
                return try self.templateCall(recipes[index], use, argument: argument, renderer: r, over: "")
            }
            block.items = zip(keys, keyTexts).map { key, text in
                var passThrough: String?
                if case .column(let c) = key.expression.kind { passThrough = c }
                return SQLSelectBlock.Item(sql: text, name: key.name, passThrough: passThrough)
            }
            block.items += try items.map { SQLSelectBlock.Item(sql: try itemRenderer.value($0.expression).text, name: $0.name, passThrough: nil) }
            block.hiddenCount = 0
            block.groupBy = keyTexts
            block.aggregated = true
            return block
        }

        // Layer 1: keys and (float) arguments as columns.
        var first = try mergeable(input)
        first.orderBy = nil
        let r = renderer()
        first.items = try keys.map { SQLSelectBlock.Item(sql: try r.value($0.expression).text, name: $0.name, passThrough: nil) }
        let arguments = try argumentItems(uses, recipes, renderer: r)
        first.items += arguments.items
        first.hiddenCount = 0
        // Layer 2: window helpers partitioned by the keys.
        var second = try wrap(first)
        let partition = keys.map { quote($0.name) }
        second.items += try helperItems(uses, recipes, arguments.columns, partition: partition)
        second.hasWindow = true
        second = try withDeviations(second, recipes, arguments.columns)
        // Layer 3: the grouped result.
        var result = try wrap(second)
        var itemRenderer = renderer()
        itemRenderer.column = { [unowned self] name in
            guard keys.contains(where: { $0.name == name }) else {
                throw SQLGenerationError.invalidIR("\(name) is neither a group key nor inside an aggregate")
            }
            return self.quote(name)
        }
        itemRenderer.aggregate = { function, argument, _ in
            try self.layeredCall(AggregateUse(function: function, argument: argument), uses, recipes, arguments.columns, over: nil)
        }
        result.items = passThroughItems(keys.map(\.name))
        result.items += try items.map { SQLSelectBlock.Item(sql: try itemRenderer.value($0.expression).text, name: $0.name, passThrough: nil) }
        result.hiddenCount = 0
        result.groupBy = partition
        result.aggregated = true
        return result
    }

    /// A `summarize` without `by` whose items hold no aggregate (`summarize k = 1 + 2`). SPEC:
    /// a keyless summarize gives one row, but `SELECT 3 FROM t` has one row per row of t (none
    /// for an empty t), so the items are computed over `SELECT COUNT(*) FROM t`, which has
    /// exactly one row on every engine (and still reads the input).
    private func rowFromConstants(_ input: SQLSelectBlock, items: [NamedExpression]) throws -> SQLSelectBlock {
        var counted = try mergeable(input)
        counted.orderBy = nil
        let use = AggregateUse(function: .count, argument: nil)
        let count = try templateCall(try recipe(use, window: false), use, argument: nil, renderer: renderer(), over: "")
        counted.items = [SQLSelectBlock.Item(sql: count.text, name: "n", passThrough: nil)]
        counted.hiddenCount = 0
        counted.aggregated = true
        var result = try wrap(counted)
        var itemRenderer = renderer()
        itemRenderer.column = { name in throw SQLGenerationError.invalidIR("\(name) is neither a group key nor inside an aggregate") }
        // Constant items stay constant for later steps (PostgreSQL folds them where they are
        // substituted: `summarize k = 9223372036854775807 | derive j = k + 1`).
        result.items = try items.map {
            SQLSelectBlock.Item(sql: try itemRenderer.value($0.expression).text, name: $0.name, passThrough: nil,
                                constant: itemRenderer.isConstant($0.expression))
        }
        result.hiddenCount = 0
        return result
    }

    /// `order` non-empty: a sorted derive. Aggregates are running values — the frame `ROWS
    /// BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW` (ROWS, not the default RANGE, so a row
    /// counts only the rows before it, on every engine); ranking and offset functions get no
    /// frame (T-SQL Msg 10752: a frame only on aggregate windows). The order keys are the
    /// `sort` verb's terms: nulls last by the dialect's rule (T-SQL's `CASE` key, `NULLS LAST`
    /// on PostgreSQL and SQLite).
    func window(_ input: SQLSelectBlock, inputSchema: Schema, partition names: [String],
                items: [NamedExpression], order: [IRSortKey] = []) throws -> SQLSelectBlock {
        let uses = aggregateUses(items.map(\.expression))
        let recipes = try uses.map { try recipe($0, window: order.isEmpty) }
        if !order.isEmpty {
            // The resolver allows only count/sum/mean/min/max/any/all here; each is a template
            // (the window table holds only the layered recipes of median and count_distinct).
            for (use, recipe) in zip(uses, recipes) {
                guard case .template(let t) = recipe, !t.contains("DISTINCT") else {
                    throw SQLGenerationError.unsupported(feature: "\(use.function.rawValue) as a running value", dialect: dialect.name)
                }
            }
            var block = try mergeable(input)
            let plain = renderer()
            // Arguments the dialect refuses inside an aggregate are columns of a layer below.
            var argumentColumns: [String?]?
            if try argumentsHoldRefusedSubqueries(uses) {
                let arguments = try argumentItems(uses, recipes, renderer: plain)
                block.items = passThroughItems(inputSchema.names) + arguments.items
                block.hiddenCount = 0
                block = try wrap(block)
                argumentColumns = arguments.columns
            }
            let partition = names.map(quote)
            let keys = try order.map { try sortTerm($0, renderer: plain) }.joined(separator: ", ")
            let ordered = (partition.isEmpty ? "" : "PARTITION BY " + partition.joined(separator: ", ") + " ") + "ORDER BY " + keys
            let running = " OVER (" + ordered + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
            var r = renderer()
            r.aggregate = { function, argument, _ in
                let use = AggregateUse(function: function, argument: argument)
                if let argumentColumns { return try self.layeredCall(use, uses, recipes, argumentColumns, over: running) }
                guard let index = uses.firstIndex(of: use) else { throw SQLGenerationError.invalidIR("unlisted aggregate") }
                return try self.templateCall(recipes[index], use, argument: argument, renderer: plain, over: running)
            }
            r.windowFunction = { function, argument, offset in
                let over = " OVER (" + ordered + ")"
                switch function {
                case .rowNumber: return SQLFragment("ROW_NUMBER()" + over, atomic: true)
                // RANK/DENSE_RANK are bigint on PostgreSQL, bigint on T-SQL, integer on SQLite.
                case .rank: return SQLFragment("RANK()" + over, atomic: true)
                case .denseRank: return SQLFragment("DENSE_RANK()" + over, atomic: true)
                case .lag, .lead:
                    guard let argument else { throw SQLGenerationError.invalidIR("\(function.rawValue) without an argument") }
                    // LAG(x, n) is null past the partition's edge on every engine (no default value).
                    let name = function == .lag ? "LAG" : "LEAD"
                    return SQLFragment(name + "(" + (try plain.value(argument).text) + ", \(offset))" + over, atomic: true)
                }
            }
            block.items = try windowOutput(inputSchema.names, items, renderer: r)
            block.hiddenCount = 0
            block.hasWindow = true
            return block
        }
        for (use, recipe) in zip(uses, recipes) {
            if case .template(let t) = recipe, t.contains("DISTINCT") {
                throw SQLGenerationError.unsupported(feature: "\(use.function.rawValue) in derive (a window aggregate)", dialect: dialect.name)
            }
        }
        let layered = try recipes.contains { if case .template = $0 { return false } else { return true } }
            || argumentsHoldRefusedSubqueries(uses)
        let partition = names.map(quote)
        let over = partition.isEmpty ? " OVER ()" : " OVER (PARTITION BY " + partition.joined(separator: ", ") + ")"

        guard layered else {
            var block = try mergeable(input)
            var r = renderer()
            let plain = renderer()
            r.aggregate = { function, argument, _ in
                let use = AggregateUse(function: function, argument: argument)
                guard let index = uses.firstIndex(of: use) else { throw SQLGenerationError.invalidIR("unlisted aggregate") }
                return try self.templateCall(recipes[index], use, argument: argument, renderer: plain, over: over)
            }
            block.items = try windowOutput(inputSchema.names, items, renderer: r)
            block.hiddenCount = 0
            block.hasWindow = true
            return block
        }

        var first = try mergeable(input)
        let plain = renderer()
        let arguments = try argumentItems(uses, recipes, renderer: plain)
        first.items = passThroughItems(inputSchema.names) + arguments.items
        first.hiddenCount = 0
        var second = try wrap(first)
        second.items += try helperItems(uses, recipes, arguments.columns, partition: partition)
        second.hasWindow = true
        second = try withDeviations(second, recipes, arguments.columns)
        var result = try wrap(second)
        var r = renderer()
        r.aggregate = { function, argument, _ in
            try self.layeredCall(AggregateUse(function: function, argument: argument), uses, recipes, arguments.columns, over: over)
        }
        let hidden = result.items.suffix(result.hiddenCount)
        result.items = try windowOutput(inputSchema.names, items, renderer: r) + hidden
        result.hasWindow = true
        return result
    }

    /// `take N by G…`: `ROW_NUMBER()` per group in the pending order of `input` (the preceding
    /// `sort`), then the rows numbered up to N; the order moves outward with the rows. Without a
    /// pending order the window is ordered by `(SELECT NULL)` — T-SQL requires an ORDER BY in
    /// `ROW_NUMBER() OVER` (Msg 4112); PostgreSQL and SQLite accept the constant key.
    func takePerGroup(_ input: SQLSelectBlock, count: Int64, partition names: [String]) throws -> SQLSelectBlock {
        var block = try mergeable(input)
        let plain = renderer()
        let keys = try block.orderBy.map { keys in try keys.map { try sortTerm($0, renderer: plain) }.joined(separator: ", ") }
            ?? "(SELECT NULL)"
        let partition = names.map(quote)
        let over = "(" + (partition.isEmpty ? "" : "PARTITION BY " + partition.joined(separator: ", ") + " ") + "ORDER BY " + keys + ")"
        let number = "__rex_rn"
        let visible = block.visibleItems.count
        block.items.insert(SQLSelectBlock.Item(sql: "ROW_NUMBER() OVER " + over, name: number, passThrough: nil), at: visible)
        block.hasWindow = true
        var outer = try wrap(block)
        outer.wheres.append(quote(number) + " <= " + String(count))
        outer.items.removeAll { $0.name == number }
        return outer
    }

    /// Input columns (replaced in place by items of the same name), then the new items.
    private func windowOutput(_ inputNames: [String], _ items: [NamedExpression],
                              renderer r: SQLExpressionRenderer) throws -> [SQLSelectBlock.Item] {
        var output: [SQLSelectBlock.Item] = []
        for name in inputNames {
            if let item = items.first(where: { $0.name == name }) {
                output.append(SQLSelectBlock.Item(sql: try r.value(item.expression).text, name: name, passThrough: nil))
            } else {
                output.append(SQLSelectBlock.Item(sql: quote(name), name: name, passThrough: name))
            }
        }
        for item in items where !inputNames.contains(item.name) {
            output.append(SQLSelectBlock.Item(sql: try r.value(item.expression).text, name: item.name, passThrough: nil))
        }
        return output
    }

    // MARK: - Recipes

    /// Distinct aggregate calls in order of appearance.
    func aggregateUses(_ expressions: [IRExpression]) -> [AggregateUse] {
        var uses: [AggregateUse] = []
        func visit(_ e: IRExpression) {
            switch e.kind {
            case .aggregate(let f, let arg):
                let use = AggregateUse(function: f, argument: arg)
                if !uses.contains(use) { uses.append(use) }
            case .column, .sideColumn, .literal: break
            case .windowFunction(_, let x, _): x.map(visit)
            case .unary(_, let x), .isNull(let x, _): visit(x)
            case .binary(_, let a, let b): visit(a); visit(b)
            case .inList(let x, let list, _): visit(x); list.forEach(visit)
            case .function(_, let args): args.forEach(visit)
            }
        }
        expressions.forEach(visit)
        return uses
    }

    func recipe(_ use: AggregateUse, window: Bool) throws -> SQLDialect.AggregateRecipe {
        let name = use.function.rawValue
        var keys: [String] = []
        if let argument = use.argument {
            keys = ["\(name)(\(argument.type.rawValue))", name]
        } else {
            keys = ["\(name)()", name]
        }
        let tables = window ? [dialect.windowAggregates, dialect.aggregates] : [dialect.aggregates]
        for table in tables {
            for key in keys { if let recipe = table[key] { return recipe } }
        }
        throw SQLGenerationError.unsupported(feature: "the aggregate \(name)", dialect: dialect.name)
    }

    /// True when the dialect refuses a scalar subquery inside an aggregate's argument and the
    /// SQL of an argument of `uses` holds one (`SQLDialect.refusesSubqueriesInAggregates`).
    private func argumentsHoldRefusedSubqueries(_ uses: [AggregateUse]) throws -> Bool {
        guard dialect.refusesSubqueriesInAggregates else { return false }
        let r = renderer()
        return try uses.contains { use in try use.argument.map { try r.value($0).text.contains("(SELECT ") } ?? false }
    }

    /// Layer 1 columns: each aggregate's argument (as float where the recipe needs arithmetic),
    /// one column per distinct argument; `columns[i]` names the column of use `i`.
    private func argumentItems(_ uses: [AggregateUse], _ recipes: [SQLDialect.AggregateRecipe],
                               renderer r: SQLExpressionRenderer) throws -> (items: [SQLSelectBlock.Item], columns: [String?]) {
        var items: [SQLSelectBlock.Item] = []
        var columns: [String?] = []
        var bySQL: [String: String] = [:]
        for (use, recipe) in zip(uses, recipes) {
            guard let argument = use.argument else { columns.append(nil); continue }
            var sql = try r.value(argument).text
            if recipe.needsFloatArgument, argument.type != .float {
                sql = "CAST(\(sql) AS \(r.castType(.float)))"
            }
            if let existing = bySQL[sql] { columns.append(existing); continue }
            let name = "__rex_a\(items.count)"
            bySQL[sql] = name
            columns.append(name)
            items.append(SQLSelectBlock.Item(sql: sql, name: name, passThrough: nil))
        }
        return (items, columns)
    }

    /// Layer 2 columns: window means, counts and ranks.
    private func helperItems(_ uses: [AggregateUse], _ recipes: [SQLDialect.AggregateRecipe], _ columns: [String?],
                             partition: [String]) throws -> [SQLSelectBlock.Item] {
        let over = partition.isEmpty ? " OVER ()" : " OVER (PARTITION BY " + partition.joined(separator: ", ") + ")"
        var items: [SQLSelectBlock.Item] = []
        for (index, recipe) in recipes.enumerated() {
            guard let column = columns[index] else { continue }
            let a = quote(column)
            switch recipe {
            case .template:
                continue
            case .twoPassVariance:
                // One window mean per argument, shared by `sd` and `var` of the same column: the
                // dialect's `mean` of a float, which is null where the sum is beyond the range
                // (PostgreSQL's AVG raises there).
                let name = Self.meanColumn(column)
                if !items.contains(where: { $0.name == name }) {
                    let mean = try floatTemplate(.mean, window: true)
                    items.append(.init(sql: expandTemplate(mean, [a], over: over), name: name, passThrough: nil))
                }
            case .rankMedian:
                let key = IRSortKey(IRExpression(.column(column), type: .float), descending: false)
                let order = try sortTerm(key, renderer: renderer())
                let window = partition.isEmpty ? "(ORDER BY \(order))" : "(PARTITION BY " + partition.joined(separator: ", ") + " ORDER BY \(order))"
                // The middle one or two values (ranks ⌊(n+1)/2⌋ and ⌊(n+2)/2⌋ of the n non-null
                // ones, nulls ranked last), null on every other row.
                let count = "COUNT(\(a))" + over
                let middle = "CASE WHEN ROW_NUMBER() OVER \(window) IN ((\(count) + 1) / 2, (\(count) + 2) / 2) THEN \(a) END"
                items.append(.init(sql: middle, name: Self.medianMiddleColumn(index), passThrough: nil))
            case .rankCountDistinct:
                let nulls = "CASE WHEN \(a) IS NULL THEN 1 ELSE 0 END"
                let window = "(PARTITION BY " + (partition + [nulls]).joined(separator: ", ") + " ORDER BY \(a))"
                items.append(.init(sql: "CASE WHEN \(a) IS NOT NULL THEN DENSE_RANK() OVER \(window) END", name: "__rex_d\(index)", passThrough: nil))
            }
        }
        return items
    }

    /// A template aggregate over its argument rendered by `r`.
    private func templateCall(_ recipe: SQLDialect.AggregateRecipe, _ use: AggregateUse, argument: IRExpression?,
                              renderer r: SQLExpressionRenderer, over: String) throws -> SQLFragment {
        guard case .template(let template) = recipe else { throw SQLGenerationError.invalidIR("not a template aggregate") }
        var arguments: [String] = []
        if let argument {
            let wantsCondition = use.function == .any || use.function == .all
            arguments.append(wantsCondition ? try r.predicate(argument).operand : try r.value(argument).operand)
        }
        return SQLFragment.fromTemplate(expandTemplate(template, arguments, over: over))
    }

    /// An aggregate in the last layer, over the precomputed argument and helper columns.
    /// `over` is nil in a GROUP BY query and the window clause in `derive`.
    private func layeredCall(_ use: AggregateUse, _ uses: [AggregateUse], _ recipes: [SQLDialect.AggregateRecipe],
                             _ columns: [String?], over: String?) throws -> SQLFragment {
        guard let index = uses.firstIndex(of: use) else { throw SQLGenerationError.invalidIR("unlisted aggregate") }
        let column = columns[index] ?? ""
        let w = over ?? ""
        switch recipes[index] {
        case .template:
            var argumentColumn: IRExpression?
            if let argument = use.argument { argumentColumn = IRExpression(.column(column), type: argument.type) }
            return try templateCall(recipes[index], use, argument: argumentColumn, renderer: renderer(), over: w)
        case .twoPassVariance(let squareRoot):
            let variance = try twoPassVariance(argument: column, over: w)
            guard squareRoot else { return SQLFragment(variance, atomic: false) }
            // A variance is never negative: the root needs no guard.
            let root = dialect.functions["sqrt(nonnegative)"] ?? dialect.functions["sqrt"] ?? "SQRT({0})"
            return SQLFragment.fromTemplate(expandTemplate(root, ["(" + variance + ")"]))
        case .rankMedian:
            let middle = quote(Self.medianMiddleColumn(index))
            let low = "MIN(\(middle))\(w)", high = "MAX(\(middle))\(w)"
            // The midpoint of the middle one or two values as PostgreSQL's percentile_cont
            // interpolates it, low + (high − low) / 2, when both have one sign; (low + high) / 2
            // when they straddle 0. Neither can overflow (an AVG of 1e308 and 1e308 is infinite;
            // T-SQL and PostgreSQL raise on a float overflow), and one middle value is itself.
            let midpoint = "CASE WHEN \(low) < 0 AND \(high) > 0 THEN (\(low) + \(high)) / 2 ELSE \(low) + (\(high) - \(low)) / 2 END"
            return SQLFragment(midpoint, atomic: true)
        case .rankCountDistinct:
            return SQLFragment("COALESCE(MAX(\(quote("__rex_d\(index)")))\(w), 0)", atomic: true)
        }
    }
}

extension SQLLowering {
    /// `block` wrapped twice (layers 2b and 2c) for each argument `a` of a two-pass variance:
    /// first the distance d = |a − m| from its window mean `m`, computed where it cannot
    /// overflow (PostgreSQL and T-SQL raise on a float overflow): |a − m| when both have one
    /// sign; for opposite signs |a| + |m|, the same rounded value, or |a| or |m| alone when that
    /// is beyond the largest squarable double. Then its square, where it is finite: 0 below the
    /// smallest squarable double (PostgreSQL raises on an underflow to 0), null beyond the
    /// largest (the variance is then null: `twoPassVariance`). The local runtime's `var` squares
    /// the same distances. `block` itself when there is no variance.
    func withDeviations(_ block: SQLSelectBlock, _ recipes: [SQLDialect.AggregateRecipe], _ columns: [String?]) throws -> SQLSelectBlock {
        var variance: [String] = []
        for (recipe, column) in zip(recipes, columns) {
            guard case .twoPassVariance = recipe, let column, !variance.contains(column) else { continue }
            variance.append(column)
        }
        guard !variance.isEmpty else { return block }
        let r = renderer()
        let zero = try r.literal(.float(0), type: .float).operand
        let limit = try r.literal(.float(Self.largestSquarable), type: .float).operand
        let tiny = try r.literal(.float(Self.smallestSquarable), type: .float).operand
        func appending(_ items: [SQLSelectBlock.Item], to inner: SQLSelectBlock) throws -> SQLSelectBlock {
            var wrapped = try wrap(inner)
            wrapped.items.insert(contentsOf: items, at: wrapped.items.count - wrapped.hiddenCount)
            return wrapped
        }
        let distances = try appending(variance.map { column in
            let a = quote(column), m = quote(Self.meanColumn(column))
            let distance = "CASE WHEN (\(a) < 0 AND \(m) < 0) OR (\(a) >= 0 AND \(m) >= 0) THEN abs(\(a) - \(m))"
                + " WHEN abs(\(a)) > \(limit) THEN abs(\(a)) WHEN abs(\(m)) > \(limit) THEN abs(\(m)) ELSE abs(\(a)) + abs(\(m)) END"
            return SQLSelectBlock.Item(sql: distance, name: Self.distanceColumn(column), passThrough: nil)
        }, to: block)
        return try appending(variance.map { column in
            let d = quote(Self.distanceColumn(column))
            let square = "CASE WHEN \(d) < \(tiny) THEN \(zero) WHEN \(d) <= \(limit) THEN \(d) * \(d) END"
            return SQLSelectBlock.Item(sql: square, name: Self.squareColumn(column), passThrough: nil)
        }, to: distances)
    }

    /// The sample variance of argument column `a` from the distances of its values to their
    /// mean and their squares (`withDeviations`): the sum of the squares over n − 1, summed by
    /// the dialect's `sum` of floats (null beyond the range); null when a distance has no finite
    /// square (SPEC §2: infinite is null).
    func twoPassVariance(argument column: String, over w: String) throws -> String {
        let sum = try floatTemplate(.sum, window: !w.isEmpty), count = try floatTemplate(.count, window: !w.isEmpty)
        let limit = try renderer().literal(.float(Self.largestSquarable), type: .float).operand
        let d = quote(Self.distanceColumn(column))
        let tooFar = expandTemplate(count, ["CASE WHEN \(d) > \(limit) THEN 1 END"], over: w)
        let squares = expandTemplate(sum, [quote(Self.squareColumn(column))], over: w)
        return "CASE WHEN \(tooFar) > 0 THEN NULL ELSE \(squares) END / NULLIF(\(expandTemplate(count, [quote(column)], over: w)) - 1, 0)"
    }

    /// The dialect's template of `function` over a float argument, as `recipe` finds it.
    private func floatTemplate(_ function: AggregateFunction, window: Bool) throws -> String {
        let use = AggregateUse(function: function, argument: IRExpression(.column(""), type: .float))
        guard case .template(let template) = try recipe(use, window: window) else {
            throw SQLGenerationError.unsupported(feature: "the aggregate \(function.rawValue) as a template", dialect: dialect.name)
        }
        return template
    }

    /// The largest double whose square is finite (2^512 − 2^459).
    static let largestSquarable = 1.3407807929942596e154
    /// The smallest double whose square is not 0 (the square rounds to 5e-324).
    static let smallestSquarable = 1.5717277847026288e-162

    /// The distance of a two-pass variance's argument column from its mean (`__rex_a0` → `__rex_dev0`).
    static func distanceColumn(_ column: String) -> String {
        "__rex_dev" + column.dropFirst("__rex_a".count)
    }

    /// The square of `distanceColumn` (`__rex_a0` → `__rex_sq0`).
    static func squareColumn(_ column: String) -> String {
        "__rex_sq" + column.dropFirst("__rex_a".count)
    }

    /// The window mean of the two-pass variance over argument column `column` (`__rex_a0` → `__rex_m0`).
    static func meanColumn(_ column: String) -> String {
        "__rex_m" + column.dropFirst("__rex_a".count)
    }

    /// The middle values of the median of aggregate use `index` (layer 2).
    static func medianMiddleColumn(_ index: Int) -> String { "__rex_mid\(index)" }
}

extension SQLDialect.AggregateRecipe {
    /// The recipe does arithmetic on its argument, which is computed as a float first.
    var needsFloatArgument: Bool {
        switch self {
        case .twoPassVariance, .rankMedian: return true
        case .template, .rankCountDistinct: return false
        }
    }
}
