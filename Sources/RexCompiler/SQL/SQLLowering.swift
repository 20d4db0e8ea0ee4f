import RexData
import RexLanguage

/// Turns relations into `SQLSelectBlock`s and prints them. One instance per statement
/// (it numbers the aliases t0, t1, … in order of creation).
final class SQLLowering {
    let dialect: SQLDialect
    let generator: SQLGenerator
    private var nextAlias = 0
    private var nextHoisted = 0
    /// Whether derived tables become common table expressions (`derivedTable`).
    private let usesCommonTables: Bool
    /// The common table expressions so far, each after those it reads.
    private var commonTables: [String] = []
    /// The start of the common tables' names (`__rex_`), longer when a table the statement
    /// reads has a name that starts so: a common table would hide it.
    private let commonTablePrefix: String

    /// - Parameters:
    ///   - commonTables: print derived tables as common table expressions (where the
    ///     dialect wants them and the statement has no parameter markers, whose order is their
    ///     order in the text).
    ///   - tableNames: the unqualified names of the tables the statement reads.
    init(dialect: SQLDialect, generator: SQLGenerator, commonTables: Bool = false, tableNames: [String] = []) {
        self.dialect = dialect
        self.generator = generator
        self.usesCommonTables = commonTables && dialect.derivedTablesAsCommonTables
        // SQLite compares names without regard to ASCII case.
        let names = tableNames.map { $0.lowercased() }
        var prefix = "__rex_"
        while names.contains(where: { $0.hasPrefix(prefix) }) { prefix += "_" }
        commonTablePrefix = prefix
    }

    /// A derived table for a FROM clause: `(body) AS alias`, or, where the dialect prints them
    /// so (`SQLDialect.derivedTablesAsCommonTables`), a common table expression `__rex_alias`
    /// (no table the statement reads has that name) read as `alias`.
    func derivedTable(_ body: String, alias: String) -> String {
        guard usesCommonTables else { return "(\n" + indent(body) + "\n) AS " + alias }
        let name = quote(commonTablePrefix + alias)
        commonTables.append(name + " AS (\n" + indent(body) + "\n)")
        return name + " AS " + alias
    }

    /// The statement `query` with the common table expressions it reads in front.
    func withCommonTables(_ query: String) -> String {
        commonTables.isEmpty ? query : "WITH " + commonTables.joined(separator: ",\n") + "\n" + query
    }

    func newAlias() -> String {
        defer { nextAlias += 1 }
        return "t\(nextAlias)"
    }

    func quote(_ name: String) -> String { dialect.quoteIdentifier(name) }

    /// A new name for a hoisted call's column (`hoistNestedCalls`).
    private func newHoistedName() -> String {
        defer { nextHoisted += 1 }
        return "__rex_h\(nextHoisted)"
    }

    /// A renderer whose column references are the FROM columns, unqualified.
    func renderer() -> SQLExpressionRenderer {
        SQLExpressionRenderer(dialect: dialect) { [dialect] name in dialect.quoteIdentifier(name) }
    }

    /// A renderer over `block`'s FROM columns that knows which of them are constant
    /// (a pulled-up derived table's constant column, `SQLSelectBlock.Item.constant`).
    func renderer(over block: SQLSelectBlock) -> SQLExpressionRenderer {
        var r = renderer()
        r.constantColumns = Set(block.items.filter { $0.constant && $0.passThrough == $0.name }.map(\.name))
        return r
    }

    /// A renderer whose column names stand for the expressions of `block`'s items.
    func substituting(_ block: SQLSelectBlock) -> SQLExpressionRenderer {
        let items = Array(block.visibleItems)
        var r = renderer()
        r.column = { name in
            guard let item = items.first(where: { $0.name == name }) else {
                throw SQLGenerationError.invalidIR("column \(name) is not in the input")
            }
            return item.atomic ? item.sql : "(" + item.sql + ")"
        }
        r.constantColumns = Set(items.filter(\.constant).map(\.name))
        return r
    }

    func passThroughItems(_ names: [String]) -> [SQLSelectBlock.Item] {
        names.map { SQLSelectBlock.Item(sql: quote($0), name: $0, passThrough: $0) }
    }

    // MARK: - Relations

    func lower(_ relation: Relation) throws -> SQLSelectBlock {
        if let split = Self.aggregateAndWindowCallsApart(relation) { return try lower(split) }
        switch relation.kind {
        case .scan(let source):
            return try scan(source, schema: relation.schema)
        case .filter(let input, var condition):
            var block = try lower(input)
            var hoisted: Set<String> = []
            if !dialect.hoistedFunctions.isEmpty {
                var items = [NamedExpression("__rex_condition", condition)]
                (block, hoisted) = try hoistNestedCalls(block, items: &items)
                condition = items[0].expression
            }
            if block.acceptsRowOperations {
                block.wheres.append(try renderer(over: block).predicate(condition).text)
            } else if block.acceptsSubstitution, !readsColumnKeptWhole([condition], of: block) {
                // Push the filter below the projection: WHERE on the expressions the names stand for.
                block.wheres.append(try substituting(block).predicate(condition).text)
            } else {
                block = try wrap(block)
                block.wheres.append(try renderer(over: block).predicate(condition).text)
            }
            // The hoisted calls' columns served the condition only.
            block.items.removeAll { hoisted.contains($0.name) }
            return block
        case .project(let input, var items):
            var block = try lower(input)
            if !dialect.hoistedFunctions.isEmpty { block = try hoistNestedCalls(block, items: &items).block }
            if !block.acceptsSubstitution || readsColumnKeptWhole(items.map(\.expression), of: block) { block = try wrap(block) }
            let previous = Array(block.visibleItems)
            // Merge into the block: a column name stands for the expression it was given.
            let r = block.isPassThrough ? renderer(over: block) : substituting(block)
            block.items = try items.map { item in
                var passThrough: String?
                if case .column(let c) = item.expression.kind {
                    passThrough = block.isPassThrough ? c : previous.first { $0.name == c }?.passThrough
                }
                if !block.isPassThrough, case .column(let c) = item.expression.kind, let source = previous.first(where: { $0.name == c }) {
                    return SQLSelectBlock.Item(sql: source.sql, name: item.name, passThrough: passThrough, atomic: source.atomic,
                                               constant: source.constant)
                }
                let fragment = try r.value(item.expression)
                return SQLSelectBlock.Item(sql: fragment.text, name: item.name, passThrough: passThrough, atomic: fragment.atomic,
                                           constant: r.isConstant(item.expression))
            }
            block.hiddenCount = 0
            return block
        case .aggregate(let input, let keys, let items):
            return try aggregate(try lower(input), keys: keys, items: items)
        case .window(let input, let partition, let items):
            return try window(try lower(input), inputSchema: input.schema, partition: partition, items: items)
        case .sortedWindow(let input, let partition, let order, let items):
            return try window(try lower(input), inputSchema: input.schema, partition: partition, items: items, order: order)
        case .takePerGroup(let input, let count, let partition):
            return try takePerGroup(try lower(input), count: count, partition: partition)
        case .sort(let input, let keys):
            var block = try mergeable(try lower(input))
            block.orderBy = keys
            return block
        case .limit(let input, let count, let offset):
            var block = try lower(input)
            // OFFSET … FETCH needs an ORDER BY, and (SELECT NULL) cannot order a DISTINCT block.
            let needsSyntheticOrder = dialect.limitStyle == .topOrOffsetFetch && offset > 0 && block.orderBy == nil
            if block.limit != nil || (needsSyntheticOrder && block.distinct) { block = try wrap(block) }
            block.limit = (count, offset)
            return block
        case .distinct(let input):
            var block = try lower(input)
            if block.distinct || block.limit != nil { block = try wrap(block) }
            guard let keys = block.orderBy else {
                block.distinct = true
                block.hiddenCount = 0
                return block
            }
            // DISTINCT and ORDER BY cannot share a block (T-SQL: ORDER BY items must be selected):
            // distinct inside, the order re-expressed over its output outside.
            block.orderBy = nil
            block.items = Array(block.visibleItems)
            block.hiddenCount = 0
            let carried = keys.compactMap { key in reexpress(key.expression, over: block).map { IRSortKey($0, descending: key.descending) } }
            guard carried.count == keys.count else { return try distinctInFirstOrder(block, order: keys) }
            block.distinct = true
            var outer = try wrap(block)
            outer.orderBy = carried
            return outer
        case .join(let kind, let left, let right, let condition, let output):
            // A key joined as an int on one side and a float on the other is a float (SPEC §2
            // widening); SQLite would read the coalesced column with the int side's declared type.
            let floatKeys = Set(output.compactMap { column -> String? in
                guard case .coalesced(let a, let b) = column.source,
                      let lt = left.schema.fields.first(where: { $0.name == a })?.type,
                      let rt = right.schema.fields.first(where: { $0.name == b })?.type, lt != rt else { return nil }
                return column.name
            })
            return try join(kind, try lower(left), try lower(right), condition: condition, output: output, floatKeys: floatKeys)
        case .append(let left, let right):
            let alias = newAlias()
            let l = try unionMember(try lower(left)), r = try unionMember(try lower(right))
            let from = derivedTable(l + "\nUNION ALL\n" + r, alias: alias)
            return SQLSelectBlock(items: passThroughItems(relation.schema.names), from: from, alias: alias)
        case .collect(let input):
            return try lower(input)
        case .analytic(_, let step):
            throw SQLGenerationError.analyticStep(analyticName(step))
        }
    }

    private func analyticName(_ step: AnalyticStep) -> String {
        switch step {
        case .summary: return "summary"
        case .linmod: return "linmod"
        case .plot: return "plot"
        case .python: return "python"
        }
    }

    private func scan(_ source: IRSource, schema: Schema) throws -> SQLSelectBlock {
        let alias = newAlias()
        switch source {
        case .table(let parts):
            let table = parts.map(quote).joined(separator: ".")
            var block = SQLSelectBlock(items: passThroughItems(schema.names), from: table + " AS " + alias, alias: alias)
            block.table = table
            return block
        case .sql(let template):
            let text = try generator.passthroughText(template)
            guard generator.canWrap(text) else { throw SQLGenerationError.unwrappableQuery(dialect: dialect.name) }
            let from = "(\n" + indent(generator.trimmedQuery(text)) + "\n) AS " + alias
            return SQLSelectBlock(items: passThroughItems(schema.names), from: from, alias: alias)
        case .csv(let path, _):
            throw SQLGenerationError.localSource("the CSV file \(path.debugDescription)")
        case .sample(let name):
            throw SQLGenerationError.localSource("the sample data set `\(name)`")
        case .localData(let name):
            throw SQLGenerationError.localSource("the collected binding `\(name)`")
        case .python:
            throw SQLGenerationError.localSource("a `python` block")
        }
    }

    /// `block` itself if a row operation can be added to it, else a new block over it.
    func mergeable(_ block: SQLSelectBlock) throws -> SQLSelectBlock {
        block.acceptsRowOperations ? block : try wrap(block)
    }

    /// True when one of `expressions` uses, inside a larger expression, a column of `block`
    /// that is read whole rather than substituted, so that the block is wrapped and the column
    /// read instead: one whose SQL holds a scalar subquery (a `dialect.hoistedFunctions`
    /// template; substituting it would nest the subqueries across steps, `derive b =
    /// add_months(…) | derive c = d - b`, each costing SQLite's parser stack), or one whose SQL
    /// nests deeper than `dialect.substitutedNestingLimit`.
    func readsColumnKeptWhole(_ expressions: [IRExpression], of block: SQLSelectBlock) -> Bool {
        guard !dialect.hoistedFunctions.isEmpty || dialect.substitutedNestingLimit != nil else { return false }
        let holding = Set(block.visibleItems.filter { item in
            item.holdsSubquery || dialect.substitutedNestingLimit.map { SQLFragment.nestingDepth(item.sql) > $0 } == true
        }.map(\.name))
        guard !holding.isEmpty else { return false }
        func reads(_ e: IRExpression) -> Bool {
            if case .column(let name) = e.kind { return holding.contains(name) }
            return e.children.contains(where: reads)
        }
        return expressions.contains { e in
            if case .column = e.kind { return false } // read whole: no nesting
            return reads(e)
        }
    }

    /// Moves calls of `dialect.hoistedFunctions` that sit inside an argument of another such call
    /// out of `items` into columns `__rex_hN` of derived tables below (innermost first, one
    /// table per nesting level), rewriting `items` to read those columns. Returns the block the
    /// items now read, and the names of the added columns (to drop after a filter).
    func hoistNestedCalls(_ input: SQLSelectBlock, items: inout [NamedExpression]) throws -> (block: SQLSelectBlock, hoisted: Set<String>) {
        var block = input
        var names: Set<String> = []
        while true {
            var found: [IRExpression] = []
            for item in items { collectNestedCalls(item.expression, insideHoisted: false, into: &found) }
            guard !found.isEmpty else { return (block, names) }
            var level: [NamedExpression] = []
            var columnOf: [IRExpression: String] = [:]
            for call in found where columnOf[call] == nil {
                let name = newHoistedName()
                columnOf[call] = name
                level.append(NamedExpression(name, call))
                names.insert(name)
            }
            // The level's columns beside every visible column, in a derived table of their own
            // (so later references read a column rather than repeat the call's SQL).
            var leveled = block.acceptsSubstitution && !readsColumnKeptWhole(level.map(\.expression), of: block) ? block : try wrap(block)
            let r = leveled.isPassThrough ? renderer() : substituting(leveled)
            leveled.items = try Array(leveled.visibleItems) + level.map { item in
                let fragment = try r.value(item.expression)
                return SQLSelectBlock.Item(sql: fragment.text, name: item.name, passThrough: nil, atomic: fragment.atomic)
            }
            leveled.hiddenCount = 0
            block = try wrap(leveled)
            items = items.map { item in
                NamedExpression(item.name, item.expression.replacing { e in columnOf[e].map { IRExpression(.column($0), type: e.type) } })
            }
        }
    }

    /// The innermost hoisted-function calls that lie inside an argument of another one.
    private func collectNestedCalls(_ e: IRExpression, insideHoisted: Bool, into found: inout [IRExpression]) {
        var isHoisted = false
        if case .function(let f, _) = e.kind, dialect.hoistedFunctions.contains(f) { isHoisted = true }
        let before = found.count
        // A hoisted call is computed for every row: one in a branch of if/case/coalesce, which
        // SPEC §2 computes only where it is taken, stays in place (its error, say a date out of
        // range, must not reach rows that do not take it). Their first argument always runs.
        var children = e.children
        if case .function(let f, let args) = e.kind, f == .if || f == .case || f == .coalesce { children = Array(args.prefix(1)) }
        for child in children { collectNestedCalls(child, insideHoisted: insideHoisted || isHoisted, into: &found) }
        // Innermost: nothing below it was taken.
        if isHoisted, insideHoisted, found.count == before, !e.containsAggregate { found.append(e) }
    }

    /// `distinct` after a `sort` on something the distinct rows do not keep (`sort j | drop j |
    /// distinct`): each distinct row stands where it first occurs in that order, as pandas'
    /// `drop_duplicates` keeps first occurrences. The rows are numbered in the order
    /// (`ROW_NUMBER() OVER (ORDER BY …)`), grouped by every column (GROUP BY groups nulls as
    /// DISTINCT does) and ordered by each group's smallest number.
    private func distinctInFirstOrder(_ block: SQLSelectBlock, order keys: [IRSortKey]) throws -> SQLSelectBlock {
        let number = "__rex_first"
        let names = block.items.map(\.name)
        var numbered = block
        let plain = renderer()
        let terms = try keys.map { try sortTerm($0, renderer: plain) }.joined(separator: ", ")
        numbered.items.append(SQLSelectBlock.Item(sql: "ROW_NUMBER() OVER (ORDER BY " + terms + ")", name: number, passThrough: nil))
        numbered.hiddenCount = 1
        numbered.hasWindow = true
        var grouped = try wrap(numbered)
        let qualified = { (name: String) in grouped.alias + "." + self.quote(name) }
        grouped.items = names.map { SQLSelectBlock.Item(sql: qualified($0), name: $0, passThrough: $0) }
            + [SQLSelectBlock.Item(sql: "MIN(" + qualified(number) + ")", name: number, passThrough: nil)]
        grouped.groupBy = names.map(qualified)
        grouped.aggregated = true
        var outer = try wrap(grouped)
        outer.orderBy = [IRSortKey(IRExpression(.column(number), type: .int), descending: false)]
        return outer
    }

    /// A new pass-through block selecting from `block` as a derived table. A pending
    /// order moves outward: re-expressed over the output, or carried in hidden columns.
    func wrap(_ block: SQLSelectBlock) throws -> SQLSelectBlock {
        var inner = block
        var carried: [IRSortKey]?
        var hidden: [String] = []
        if let keys = inner.orderBy {
            carried = []
            for key in keys {
                if let e = reexpress(key.expression, over: inner) {
                    carried?.append(IRSortKey(e, descending: key.descending))
                } else {
                    // A name no column of the block has: the block may carry hidden sort
                    // columns of an earlier wrap already.
                    var number = hidden.count
                    while inner.items.contains(where: { $0.name == "__rex_sort_\(number)" }) { number += 1 }
                    let name = "__rex_sort_\(number)"
                    let sql = try renderer().value(key.expression).text
                    inner.items.append(SQLSelectBlock.Item(sql: sql, name: name, passThrough: nil))
                    inner.hiddenCount += 1
                    hidden.append(name)
                    carried?.append(IRSortKey(IRExpression(.column(name), type: key.expression.type), descending: key.descending))
                }
            }
        }
        let alias = newAlias()
        let from = derivedTable(try print(inner, derived: true), alias: alias)
        let visible = inner.visibleItems.map(\.name)
        // Hidden sort columns of the inner block pass through as hidden columns here.
        let innerHidden = inner.items.suffix(inner.hiddenCount).map(\.name)
        var outer = SQLSelectBlock(items: passThroughItems(visible + innerHidden), from: from, alias: alias)
        outer.hiddenCount = innerHidden.count
        outer.orderBy = carried
        // PostgreSQL pulls a plain derived table up into its parent and folds what is constant
        // there: a constant column stays constant through it.
        if inner.limit == nil, !inner.distinct, !inner.aggregated, inner.groupBy.isEmpty, !inner.hasWindow {
            for (index, item) in inner.visibleItems.enumerated() where item.constant { outer.items[index].constant = true }
        }
        return outer
    }

    /// `e` (over the block's FROM columns) over the block's output columns, if every
    /// column it uses is passed through.
    func reexpress(_ e: IRExpression, over block: SQLSelectBlock) -> IRExpression? {
        e.mappingColumns { name in block.items.first { $0.passThrough == name }?.name }
    }

    // MARK: - Joins and unions

    /// A FROM item for a join side: the table itself when nothing else happened to it.
    private func joinSource(_ block: SQLSelectBlock) throws -> (text: String, alias: String, columns: [String]) {
        if let table = block.table, block.acceptsRowOperations, block.wheres.isEmpty, block.hiddenCount == 0,
           block.items.allSatisfy({ $0.passThrough != nil }) {
            return (table + " AS " + block.alias, block.alias, block.items.map(\.name))
        }
        var inner = block
        inner.items = Array(inner.visibleItems)
        inner.hiddenCount = 0
        let alias = newAlias()
        return (derivedTable(try print(inner, derived: true), alias: alias), alias, inner.items.map(\.name))
    }

    /// The side of an outer join that may go unmatched, with a limit that keeps it from being
    /// flattened into the join where the dialect needs it
    /// (`SQLDialect.keepsOuterJoinSidesWithSubqueriesApart`).
    private func keptApart(_ side: SQLSelectBlock) -> SQLSelectBlock {
        // A side with a limit of its own is never flattened.
        guard dialect.keepsOuterJoinSidesWithSubqueriesApart, side.limit == nil, side.items.contains(where: \.holdsSubquery) else {
            return side
        }
        var block = side
        block.limit = (Int64.max, 0)
        return block
    }

    private func join(_ kind: JoinKind, _ left: SQLSelectBlock, _ right: SQLSelectBlock, condition: IRExpression,
                      output: [NamedJoinOutput], floatKeys: Set<String> = []) throws -> SQLSelectBlock {
        let l = try joinSource(kind == .full ? keptApart(left) : left), r = try joinSource(kind == .inner ? right : keptApart(right))
        let floatType = SQLExpressionRenderer(dialect: dialect) { $0 }.castType(.float)
        func key(_ sql: String, _ name: String) -> String {
            floatKeys.contains(name) ? "CAST(\(sql) AS \(floatType))" : sql
        }
        let quote = self.quote
        var conditionRenderer = SQLExpressionRenderer(dialect: dialect) { name in
            if l.columns.contains(name) { return l.alias + "." + quote(name) }
            if r.columns.contains(name) { return r.alias + "." + quote(name) }
            throw SQLGenerationError.invalidIR("join condition column \(name) is on neither side")
        }
        conditionRenderer.sideColumn = { side, name in (side == .this ? l.alias : r.alias) + "." + quote(name) }
        conditionRenderer.comparesBooleanValues = dialect.comparesBooleanJoinConditions
        let on = try conditionRenderer.predicate(condition).text
        // A side's constant column stays constant through the join (PostgreSQL pulls a plain
        // side up and folds it: `c + 1` of a side's `9223372036854775807 AS c` would raise while
        // planning, also when no row joins); where it is not pulled up, the volatile zero this
        // earns is merely one too many.
        let constantLeft = Set(left.visibleItems.filter(\.constant).map(\.name))
        let constantRight = Set(right.visibleItems.filter(\.constant).map(\.name))
        let items = output.map { column -> SQLSelectBlock.Item in
            let sql: String
            let constant: Bool
            switch column.source {
            case .left(let c):
                sql = l.alias + "." + quote(c)
                constant = constantLeft.contains(c)
            case .right(let c):
                sql = r.alias + "." + quote(c)
                constant = constantRight.contains(c)
            case .coalesced(let a, let b):
                sql = "COALESCE(" + key(l.alias + "." + quote(a), column.name) + ", " + key(r.alias + "." + quote(b), column.name) + ")"
                constant = constantLeft.contains(a) || constantRight.contains(b)
            }
            return SQLSelectBlock.Item(sql: sql, name: column.name, passThrough: nil, constant: constant)
        }
        if kind == .full, writesFullJoinAsUnion(condition) {
            // The left join (every left row, matched or not), then each right row that matches
            // no left row with the left columns null: SPEC §2's full join, with no FULL JOIN in
            // the SQL. A null condition is no match, in the join and in NOT EXISTS alike.
            let unmatched = output.map { column -> SQLSelectBlock.Item in
                switch column.source {
                case .left: return SQLSelectBlock.Item(sql: "NULL", name: column.name, passThrough: nil)
                case .right(let c):
                    return SQLSelectBlock.Item(sql: r.alias + "." + quote(c), name: column.name, passThrough: nil)
                case .coalesced(_, let c):
                    return SQLSelectBlock.Item(sql: key(r.alias + "." + quote(c), column.name), name: column.name, passThrough: nil)
                }
            }
            var leftJoin = SQLSelectBlock(items: items, from: l.text + "\nLEFT JOIN " + r.text + " ON " + on, alias: "")
            leftJoin.isJoin = true
            var rightOnly = SQLSelectBlock(items: unmatched, from: r.text, alias: "")
            rightOnly.isJoin = true
            switch dialect.antiJoin {
            case .notExists:
                rightOnly.wheres = ["NOT EXISTS (\n" + indent("SELECT 1\nFROM " + l.text + "\nWHERE " + on) + "\n)"]
            case .leftJoinIsNull:
                // Every left row carries a non-null marker; a right row whose marker stays null
                // after the left join matched no left row (once, however many left rows there are).
                let marker = quote("__rex_matched")
                let marked = "SELECT 1 AS " + marker + ", " + l.alias + ".*\nFROM " + l.text
                rightOnly.from += "\nLEFT JOIN (\n" + indent(marked) + "\n) AS " + l.alias + " ON " + on
                rightOnly.wheres = [l.alias + "." + marker + " IS NULL"]
            }
            let alias = newAlias()
            let from = derivedTable(try print(leftJoin, derived: true) + "\nUNION ALL\n" + (try print(rightOnly, derived: true)), alias: alias)
            return SQLSelectBlock(items: passThroughItems(output.map(\.name)), from: from, alias: alias)
        }
        let word: String
        switch kind {
        case .inner: word = "INNER JOIN"
        case .left: word = "LEFT JOIN"
        case .full: word = "FULL OUTER JOIN"
        }
        var block = SQLSelectBlock(items: items, from: l.text + "\n" + word + " " + r.text + " ON " + on, alias: "")
        block.isJoin = true
        return block
    }

    /// Whether this dialect writes a full join on `condition` as a left join and the unmatched
    /// right rows (`SQLDialect.FullJoinStyle`).
    private func writesFullJoinAsUnion(_ condition: IRExpression) -> Bool {
        switch dialect.fullJoin {
        case .native: return false
        case .leftJoinUnionUnmatched: return true
        case .nativeWhenEquality: return !Self.isEqualityJoin(condition)
        }
    }

    /// True when every top-level AND term of `condition` is `a == b` with `a` over one side's
    /// columns only, `b` over the other side's only, both of one type: what PostgreSQL can
    /// hash or merge (bigint, float8, text, boolean, date, timestamp and bytea equality all
    /// can). A mixed int/float comparison, a term over one side or none (`this.x > 0`, `k == 1`),
    /// OR, and anything else are not, and when in doubt the answer is no.
    static func isEqualityJoin(_ condition: IRExpression) -> Bool {
        func terms(_ e: IRExpression) -> [IRExpression] {
            if case .binary(.and, let a, let b) = e.kind { return terms(a) + terms(b) }
            return [e]
        }
        /// The sides an expression reads; nil when it reads a column that is not side-qualified.
        func sides(_ e: IRExpression) -> Set<JoinSide>? {
            switch e.kind {
            case .sideColumn(let side, _): return [side]
            case .column, .aggregate, .windowFunction: return nil
            case .literal: return []
            case .unary(_, let x), .isNull(let x, _): return sides(x)
            case .binary(_, let a, let b):
                guard let x = sides(a), let y = sides(b) else { return nil }
                return x.union(y)
            case .inList(let x, let list, _):
                return ([x] + list).reduce(Set<JoinSide>?.some([])) { acc, item in
                    guard let acc, let s = sides(item) else { return nil }
                    return acc.union(s)
                }
            case .function(_, let args):
                return args.reduce(Set<JoinSide>?.some([])) { acc, item in
                    guard let acc, let s = sides(item) else { return nil }
                    return acc.union(s)
                }
            }
        }
        return terms(condition).allSatisfy { term in
            guard case .binary(.equal, let a, let b) = term.kind, a.type == b.type,
                  let x = sides(a), let y = sides(b), x.count == 1, y.count == 1 else { return false }
            return x != y
        }
    }

    /// A branch of UNION ALL: exactly the visible columns, no ORDER BY of its own.
    private func unionMember(_ block: SQLSelectBlock) throws -> String {
        var member = block
        if member.limit != nil || member.hiddenCount > 0 {
            member = try wrap(member)
        }
        member.orderBy = nil
        member.items = Array(member.visibleItems)
        member.hiddenCount = 0
        return try print(member, derived: true)
    }

    // MARK: - Printing

    /// The block's SQL. A derived table omits ORDER BY unless it limits rows.
    func print(_ block: SQLSelectBlock, derived: Bool) throws -> String {
        let items = derived ? Array(block.items) : Array(block.visibleItems)
        let itemTexts = items.map { item -> String in
            let name = quote(item.name)
            if item.sql == name || item.sql.hasSuffix("." + name) && item.passThrough == item.name { return item.sql }
            return item.sql + " AS " + name
        }
        var head = "SELECT "
        if block.distinct { head += "DISTINCT " }
        var orderText: String?
        if let keys = block.orderBy, !derived || block.limit != nil {
            orderText = try orderBy(keys, alias: block.alias)
        }
        var tail: [String] = []
        if let limit = block.limit {
            switch dialect.limitStyle {
            case .topOrOffsetFetch:
                if limit.offset == 0 {
                    head += "TOP (\(limit.count)) "
                } else {
                    if orderText == nil { orderText = "(SELECT NULL)" }
                    tail.append("OFFSET \(limit.offset) ROWS FETCH NEXT \(limit.count) ROWS ONLY")
                }
            case .limitOffset:
                tail.append("LIMIT \(limit.count)" + (limit.offset > 0 ? " OFFSET \(limit.offset)" : ""))
            }
        }
        let oneLine = itemTexts.joined(separator: ", ")
        var lines = [oneLine.count + head.count <= 100
            ? head + oneLine
            : String(head.dropLast()) + "\n" + itemTexts.map { "  " + $0 }.joined(separator: ",\n")]
        lines.append("FROM " + block.from)
        if !block.wheres.isEmpty {
            lines.append("WHERE " + block.wheres.map { block.wheres.count > 1 ? "(" + $0 + ")" : $0 }.joined(separator: " AND "))
        }
        if !block.groupBy.isEmpty { lines.append("GROUP BY " + block.groupBy.joined(separator: ", ")) }
        if let orderText { lines.append("ORDER BY " + orderText) }
        lines.append(contentsOf: tail)
        return lines.joined(separator: "\n")
    }

    /// ORDER BY keys over the FROM columns (qualified, so output aliases never capture them), nulls last.
    func orderBy(_ keys: [IRSortKey], alias: String) throws -> String {
        var r = renderer()
        if !alias.isEmpty {
            let quote = self.quote
            r.column = { name in alias + "." + quote(name) }
        }
        return try keys.map { key in try sortTerm(key, renderer: r) }.joined(separator: ", ")
    }

    /// One key with nulls last in both directions and code-point order for text.
    func sortTerm(_ key: IRSortKey, renderer r: SQLExpressionRenderer) throws -> String {
        var value = try r.value(key.expression).operand
        if key.expression.type == .text, let collation = dialect.codePointCollation {
            value += " COLLATE " + quote(collation)
        }
        let direction = key.descending ? " DESC" : ""
        switch dialect.nullsLast {
        case .clause:
            return value + direction + " NULLS LAST"
        case .caseKey:
            return "CASE WHEN \(value) IS NULL THEN 1 ELSE 0 END, " + value + direction
        }
    }

    /// `text` with each line indented by two spaces, except lines that continue a string
    /// literal or quoted name (their line breaks are part of a value).
    func indent(_ text: String) -> String {
        SQLPassthrough.indented(text, by: "  ", rules: generator.passthroughRules)
    }
}

extension IRExpression {
    /// This expression with every `.column` renamed by `rename`; nil if any name has no mapping.
    func mappingColumns(_ rename: (String) -> String?) -> IRExpression? {
        func map(_ e: IRExpression) -> IRExpression? {
            var copy = e
            switch e.kind {
            case .column(let name):
                guard let new = rename(name) else { return nil }
                copy.kind = .column(new)
            case .sideColumn, .literal:
                break
            case .unary(let op, let x):
                guard let x = map(x) else { return nil }
                copy.kind = .unary(op, x)
            case .binary(let op, let a, let b):
                guard let a = map(a), let b = map(b) else { return nil }
                copy.kind = .binary(op, a, b)
            case .isNull(let x, let negated):
                guard let x = map(x) else { return nil }
                copy.kind = .isNull(x, negated: negated)
            case .inList(let x, let list, let negated):
                guard let x = map(x) else { return nil }
                var mapped: [IRExpression] = []
                for item in list { guard let m = map(item) else { return nil }; mapped.append(m) }
                copy.kind = .inList(x, mapped, negated: negated)
            case .function(let f, let args):
                var mapped: [IRExpression] = []
                for item in args { guard let m = map(item) else { return nil }; mapped.append(m) }
                copy.kind = .function(f, mapped)
            case .aggregate(let f, let arg):
                if let arg {
                    guard let m = map(arg) else { return nil }
                    copy.kind = .aggregate(f, m)
                }
            case .windowFunction(let f, let arg, let offset):
                if let arg {
                    guard let m = map(arg) else { return nil }
                    copy.kind = .windowFunction(f, m, offset: offset)
                }
            }
            return copy
        }
        return map(self)
    }
}
