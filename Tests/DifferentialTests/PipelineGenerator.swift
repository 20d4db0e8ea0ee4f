import Foundation
import RexData

/// Generates random pipelines that type-check, type-directed: every expression is built for
/// the type its position needs, from the columns the generator knows are there.
///
/// What it leaves out, each where SPEC §2 lets engines differ:
/// - `upper`, `lower` and `length` get only ASCII text (`asciiText`). SPEC §2: "`upper`/`lower`/
///   `length` beyond ASCII follow each engine and are documented, not hidden."
/// - Row order is compared only after a sort on every column followed by order-keeping steps
///   (`ordered`). SPEC §2 `sort`/`take`: rows have no order without a sort.
/// - `take` without such a sort compares only the row count, and nothing that depends on which
///   rows were kept follows it (`countOnly`). SPEC §2 `take`: "without one, any N rows (tests
///   check only the count)".
/// - Float `sum`, `mean`, `sd`, `var` get only moderate, few-digit values (`tame` columns), whose
///   sums are exact in any order: floating sums are not associative, so engines adding in a
///   different order may legitimately differ beyond the 1e-9 tolerance on wild values.
/// - Whether an overflow in a value a later step removes raises is decided by the runner, not
///   here (`DifferentialRunner.overflowIsRemoved`). SPEC §2: "Whether an overflow in a value that
///   a later step removes (a filtered-out row, a dropped column) raises is unspecified".
/// - No `log10`: SQLite's is ln(x) / ln(10), which can be a digit off (docs/LANGUAGE.md; SPEC §4
///   allows "float rounding in the last digits"), and `int`, `text`, `round` and comparisons of
///   it make that digit exact (`int(-1e19 / log10(x))` differed by 128). Its nulls and its exact
///   powers of ten are conformance cases.
/// - SQL Server collation: no SQL Server here (SPEC §2: its collation "rex does not override:
///   the one documented difference").
struct PipelineGenerator {
    var random: FuzzRandom
    /// The schema of each table.
    let tables: [String: [FuzzColumn]]
    private var counter = 0

    init(random: FuzzRandom, tables: [String: [FuzzColumn]]) {
        self.random = random
        self.tables = tables
    }

    typealias Schema = [FuzzColumn]
    /// A column reference usable in the current expression: how it is written, and the column.
    typealias Reference = (expression: FuzzExpr, column: FuzzColumn)

    // MARK: - Pipelines

    /// A pipeline over `t`, with whether its order is defined and whether only counts compare.
    mutating func pipeline() -> (pipeline: FuzzPipeline, ordered: Bool, countOnly: Bool) {
        var schema = tables["t"]!
        var steps: [FuzzStep] = []
        var ordered = false, countOnly = false, joins = 0, appends = 0
        let length = random.int(1...6)
        while steps.count < length {
            let choice = random.int(0...109)
            var step: FuzzStep?
            var next: Schema?
            var keepsOrder = true, definesOrder = false, isTake = false
            switch choice {
            case 0..<16:
                guard !countOnly else { continue }
                step = .filter(expression(.bool, references(schema), depth: 2))
                next = schema
            case 16..<30:
                (step, next) = derive(schema, aggregates: false)
            case 30..<38:
                (step, next) = select(schema)
            case 38..<43:
                guard schema.count > 1 else { continue }
                let names = random.sample(schema.map(\.name), count: random.int(1...min(2, schema.count - 1)))
                step = .drop(names)
                next = schema.filter { !names.contains($0.name) }
            case 43..<47:
                var pairs: [(new: String, old: String)] = []
                var renamed = schema
                for index in random.sample(Array(schema.indices), count: random.int(1...min(2, schema.count))) {
                    let new = freshName("r")
                    pairs.append((new: new, old: schema[index].name))
                    renamed[index].name = new
                }
                step = .rename(pairs)
                next = renamed
            case 47..<56:
                guard !countOnly else { continue }
                (step, next) = summarize(schema)
                keepsOrder = false
            case 56..<63:
                guard !countOnly else { continue }
                (step, next) = derive(schema, aggregates: true)
                keepsOrder = false
            case 63..<73:
                if random.chance(0.6) {
                    step = .sort(random.sample(schema, count: schema.count).map { (name: $0.name, descending: random.chance(0.4)) })
                    definesOrder = true
                } else {
                    step = .sort(random.sample(schema, count: random.int(1...min(2, schema.count)))
                        .map { (name: $0.name, descending: random.chance(0.4)) })
                    keepsOrder = false
                }
                next = schema
            case 73..<81:
                guard !countOnly else { continue }
                step = .take(random.int(0...5), offset: random.chance(0.3) ? random.int(0...3) : nil)
                next = schema
                isTake = true
            case 81..<86:
                guard !countOnly else { continue }
                if random.chance(0.5) {
                    step = .distinct([])
                    next = schema
                } else {
                    let kept = random.sample(schema, count: random.int(1...min(3, schema.count)))
                    step = .distinct(kept.map(\.name))
                    next = kept
                }
                keepsOrder = false
            case 86..<95:
                guard !countOnly, joins < 2 else { continue }
                guard let (joinStep, joined) = join(schema) else { continue }
                step = joinStep
                next = joined
                joins += 1
                keepsOrder = false
            case 95..<101:
                guard !countOnly else { continue }
                (step, next) = windowDerive(schema)
                // Rows that tie on every key are identical but get different ranks (row_number),
                // in any order among them: the rows compare as a multiset from here on.
                keepsOrder = false
            case 101..<104:
                guard !countOnly else { continue }
                // `take N by G`: after a sort on every column the first N rows of each group in
                // that order (output in that order); otherwise any N rows of each group, so only
                // the count compares.
                let by = random.sample(schema, count: random.int(1...min(2, schema.count))).map(\.name)
                step = .takeBy(random.int(0...3), by: by)
                next = schema
                isTake = true
            default:
                guard !countOnly, appends < 1 else { continue }
                step = .append(appendPartner(schema))
                next = schema.map { column in
                    var column = column
                    column.tame = false
                    if column.type == .text { column.ascii = false }
                    return column
                }
                appends += 1
                keepsOrder = false
            }
            guard let step, let next, !next.isEmpty else { continue }
            if isTake && !ordered { countOnly = true }
            if definesOrder { ordered = true } else if !keepsOrder { ordered = false }
            steps.append(step)
            schema = next
        }
        return (FuzzPipeline(table: "t", steps: steps), ordered, countOnly)
    }

    private mutating func freshName(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    private func references(_ schema: Schema) -> [Reference] {
        schema.map { (FuzzExpr.column($0.name), $0) }
    }

    private mutating func derive(_ schema: Schema, aggregates: Bool) -> (FuzzStep?, Schema?) {
        var items: [FuzzItem] = []
        var next = schema
        var by: [String] = []
        if aggregates, random.chance(0.6) {
            by = random.sample(schema, count: random.int(1...min(2, schema.count))).map(\.name)
        }
        for _ in 0..<random.int(1...2) {
            let type = randomType()
            // Text is generated ASCII-only or not, decided up front (`upper`/`lower`/`length` need to know).
            let ascii = type == .text && random.chance(0.5)
            let (expr, column) = aggregates ? windowItem(schema) : (expression(type, references(schema), depth: 3, ascii: ascii), nil)
            var output = column ?? FuzzColumn(name: "", type: type, tame: isTameColumn(expr, schema), ascii: ascii)
            // Replace an existing column now and then (same position, possibly a new type). Later
            // items of the same derive would see the new column, so a replacement is the last item;
            // a `by` key is never replaced.
            let replaceable = schema.filter { !by.contains($0.name) }
            let replaced = !replaceable.isEmpty && random.chance(0.2) ? random.pick(replaceable).name : nil
            let name = replaced ?? freshName("c")
            if items.contains(where: { $0.name == name }) { continue }
            output.name = name
            items.append(FuzzItem(name: name, expression: expr))
            if let index = next.firstIndex(where: { $0.name == name }) { next[index] = output } else { next.append(output) }
            if replaced != nil { break }
        }
        return (.derive(items, by: by), next)
    }

    /// `derive w = … [by G] sort every column`: rows that tie on all sort keys are identical,
    /// so whatever order an engine gives them (SPEC §2: ties have no defined order), the rows
    /// of the result are the same. The output keeps the input's order (SPEC §2).
    private mutating func windowDerive(_ schema: Schema) -> (FuzzStep?, Schema?) {
        let by = random.chance(0.5) ? random.sample(schema, count: random.int(1...min(2, schema.count))).map(\.name) : []
        let keys = random.sample(schema, count: schema.count).map { (name: $0.name, descending: random.chance(0.4)) }
        var items: [FuzzItem] = []
        var next = schema
        for _ in 0..<random.int(1...2) {
            var (expr, column) = windowFunction(schema)
            if random.chance(0.3) { (expr, column) = wrapped(expr, column) }
            column.name = freshName("w")
            items.append(FuzzItem(name: column.name, expression: expr))
            next.append(column)
        }
        return (.windowDerive(items, by: by, sort: keys), next)
    }

    /// `e` (an aggregate or window function making `column`) inside a scalar function: SQL
    /// engines must compute the window value before the expression around it.
    private mutating func wrapped(_ e: FuzzExpr, _ column: FuzzColumn) -> (FuzzExpr, FuzzColumn) {
        var result = column
        result.tame = false
        switch column.type {
        case .int, .float:
            switch random.int(0...3) {
            case 0: return (.call("round", random.chance(0.5) ? [e] : [e, .literal(String(random.int(0...2)))]), result)
            case 1: return (.call("abs", [e]), result)
            case 2: return (.call("text", [e]), FuzzColumn(name: "", type: .text, tame: false, ascii: true))
            default: return (.call("coalesce", [e, literal(column.type)]), result)
            }
        case .text:
            return (.call("concat", [e, literal(.text, ascii: column.ascii)]), result)
        case .date:
            return random.chance(0.5)
                ? (.call("text", [e]), FuzzColumn(name: "", type: .text, tame: false, ascii: true))
                : (.binary("+", e, .literal(String(random.int(0...30)))), result)
        case .bool:
            return (.unary("not", e), result)
        case .datetime, .bytes:
            return (.call("text", [e]), FuzzColumn(name: "", type: .text, tame: false, ascii: true))
        }
    }

    /// A window function or running aggregate over `schema`, and the column it makes.
    private mutating func windowFunction(_ schema: Schema) -> (FuzzExpr, FuzzColumn) {
        func result(_ type: DataType, ascii: Bool = false) -> FuzzColumn { FuzzColumn(name: "", type: type, tame: false, ascii: ascii) }
        let ints = schema.filter { $0.type == .int }
        // Running float sums and means only of tame values, as for `sum` (the class comment).
        let tameNumbers = schema.filter { ($0.type == .int || $0.type == .float) && $0.tame }
        switch random.int(0...7) {
        case 0: return (.call(random.pick(["row_number", "rank", "dense_rank"]), []), result(.int))
        case 1, 2:
            let column = random.pick(schema)
            var arguments = [FuzzExpr.column(column.name)]
            if random.chance(0.4) { arguments.append(.literal(String(random.int(1...3)))) }
            return (.call(random.pick(["lag", "lead"]), arguments), FuzzColumn(name: "", type: column.type, tame: column.tame, ascii: column.ascii))
        case 3 where !ints.isEmpty:
            return (.call("cumsum", [.column(random.pick(ints).name)]), result(.int))
        case 4 where !tameNumbers.isEmpty:
            let column = random.pick(tameNumbers)
            return random.chance(0.5)
                ? (.call("cumsum", [.column(column.name)]), result(column.type))
                : (.call("cummean", [.column(column.name)]), result(.float))
        case 5:
            let column = random.pick(schema)
            return (.call(random.pick(["cummin", "cummax", "min", "max"]), [.column(column.name)]), result(column.type, ascii: column.ascii))
        case 6:
            if random.chance(0.5) { return (.call("count", random.chance(0.5) ? [] : [.column(random.pick(schema).name)]), result(.int)) }
            return (.call(random.pick(["any", "all"]), [expression(.bool, references(schema), depth: 1)]), result(.bool))
        default:
            guard !tameNumbers.isEmpty else { return (.call("row_number", []), result(.int)) }
            let column = random.pick(tameNumbers)
            return random.chance(0.5)
                ? (.call("sum", [.column(column.name)]), result(column.type))
                : (.call("mean", [.column(column.name)]), result(.float))
        }
    }

    private mutating func select(_ schema: Schema) -> (FuzzStep?, Schema?) {
        var items: [FuzzItem] = [], next: Schema = []
        for column in random.sample(schema, count: random.int(1...schema.count)) {
            items.append(FuzzItem(name: column.name, expression: .column(column.name)))
            next.append(column)
        }
        if random.chance(0.5) {
            let type = randomType()
            let ascii = type == .text && random.chance(0.5)
            let expr = expression(type, references(schema), depth: 3, ascii: ascii)
            let name = freshName("c")
            items.insert(FuzzItem(name: name, expression: expr), at: random.int(0...items.count))
            let column = FuzzColumn(name: name, type: type, tame: isTameColumn(expr, schema), ascii: ascii)
            next.insert(column, at: items.firstIndex { $0.name == name }!)
        }
        return (.select(items), next)
    }

    private mutating func summarize(_ schema: Schema) -> (FuzzStep?, Schema?) {
        let keyPreference = schema.filter { ["k", "g", "b", "d"].contains($0.name) }
        var keys: Schema = []
        if random.chance(0.7) {
            keys = random.sample(keyPreference.isEmpty || random.chance(0.3) ? schema : keyPreference,
                                 count: random.int(1...min(2, schema.count)))
        }
        var items: [FuzzItem] = [], next = keys
        for _ in 0..<random.int(1...3) {
            let (expr, column) = aggregateItem(schema)
            let name = freshName("m")
            var output = column
            output.name = name
            items.append(FuzzItem(name: name, expression: expr))
            next.append(output)
        }
        return (.summarize(items, by: keys.map(\.name)), next)
    }

    // MARK: - Joins and appends

    /// A partner pipeline over `u` (or `t`): a source, maybe filtered, derived or selected.
    private mutating func partner() -> (FuzzPipeline, Schema) {
        let table = random.chance(0.8) ? "u" : "t"
        var schema = tables[table]!
        var steps: [FuzzStep] = []
        for _ in 0..<random.int(0...2) {
            switch random.int(0...2) {
            case 0:
                steps.append(.filter(expression(.bool, references(schema), depth: 2)))
            case 1:
                let (step, next) = derive(schema, aggregates: false)
                if let step, let next { steps.append(step); schema = next }
            default:
                let (step, next) = select(schema)
                if let step, let next { steps.append(step); schema = next }
            }
        }
        return (FuzzPipeline(table: table, steps: steps), schema)
    }

    private mutating func join(_ schema: Schema) -> (FuzzStep, Schema)? {
        let (other, otherSchema) = partner()
        let kind = random.pick(["inner", "left", "full"])
        let common = schema.filter { column in
            otherSchema.contains { $0.name == column.name && commonType($0.type, column.type) != nil }
        }
        var keys: [String] = []
        let condition: FuzzJoinCondition
        if !common.isEmpty, random.chance(0.6) {
            keys = random.sample(common, count: random.int(1...min(2, common.count))).map(\.name)
            condition = .columns(keys)
        } else {
            let this = schema.map { (FuzzExpr.side("this", $0.name), $0) }
            let that = otherSchema.map { (FuzzExpr.side("that", $0.name), $0) }
            let pairs = this.flatMap { l in that.compactMap { r in commonType(l.1.type, r.1.type) != nil ? (l, r) : nil } }
            var predicate: FuzzExpr
            if let (l, r) = pairs.isEmpty ? nil : random.pick(pairs) {
                let op = random.chance(0.75) ? "==" : random.pick(["<", "<=", "!="])
                predicate = .binary(op, l.0, r.0)
            } else {
                predicate = expression(.bool, this + that, depth: 1)
            }
            if random.chance(0.35) {
                predicate = .binary(random.chance(0.7) ? "and" : "or", predicate, expression(.bool, this + that, depth: 1))
            }
            condition = .expression(predicate)
        }
        // The input's columns, then the partner's; `on` keys once (coalesced in a full join); other
        // clashing names get `_left` / `_right` (SPEC §2 join).
        let otherNames = Set(otherSchema.map(\.name)), inputNames = Set(schema.map(\.name))
        var output: Schema = []
        for column in schema {
            if keys.contains(column.name) {
                var key = column
                let partnerColumn = otherSchema.first { $0.name == column.name }!
                if kind == "full" {
                    key.type = commonType(column.type, partnerColumn.type)!
                    key.tame = key.tame && partnerColumn.tame && key.type == partnerColumn.type && key.type == column.type
                    key.ascii = key.ascii && partnerColumn.ascii
                }
                output.append(key)
            } else {
                var renamed = column
                if otherNames.contains(column.name) { renamed.name += "_left" }
                output.append(renamed)
            }
        }
        for column in otherSchema where !keys.contains(column.name) {
            var renamed = column
            if inputNames.contains(column.name) { renamed.name += "_right" }
            output.append(renamed)
        }
        guard Set(output.map(\.name)).count == output.count else { return nil }
        return (.join(kind: kind, partner: other, on: condition), output)
    }

    /// `(table u | select …)` with exactly the input's column names and types.
    private mutating func appendPartner(_ schema: Schema) -> FuzzPipeline {
        if tables["t"]!.count == schema.count, schema.allSatisfy({ c in tables["t"]!.contains { $0.name == c.name && $0.type == c.type } }),
           random.chance(0.5) {
            return FuzzPipeline(table: "t", steps: random.chance(0.5) ? [] : [.filter(expression(.bool, references(tables["t"]!), depth: 1))])
        }
        let u = tables["u"]!
        var items: [FuzzItem] = []
        for column in schema {
            let same = u.first { $0.name == column.name && $0.type == column.type }
            let expr: FuzzExpr
            if let same, random.chance(0.6) {
                expr = .column(same.name)
            } else {
                expr = expression(column.type, references(u), depth: 1, ascii: column.ascii)
            }
            items.append(FuzzItem(name: column.name, expression: expr))
        }
        var steps: [FuzzStep] = []
        if random.chance(0.3) { steps.append(.filter(expression(.bool, references(u), depth: 1))) }
        steps.append(.select(items))
        return FuzzPipeline(table: "u", steps: steps)
    }

    // MARK: - Aggregates

    /// An item of a summarize: an aggregate, or a simple expression over aggregates.
    private mutating func aggregateItem(_ schema: Schema) -> (FuzzExpr, FuzzColumn) {
        let (first, column) = aggregate(schema)
        if random.chance(0.25) { return wrapped(first, column) }
        guard column.type == .int || column.type == .float, random.chance(0.3) else { return (first, column) }
        let (second, other) = aggregate(schema)
        guard other.type == .int || other.type == .float else { return (first, column) }
        let op = random.pick(["+", "-", "*", "/"])
        let type: DataType = op == "/" || column.type == .float || other.type == .float ? .float : .int
        return (.binary(op, first, second), FuzzColumn(name: "", type: type, tame: false, ascii: false))
    }

    /// An item of a derive with aggregates: an aggregate, or a row value combined with one.
    private mutating func windowItem(_ schema: Schema) -> (FuzzExpr, FuzzColumn) {
        let (agg, column) = aggregate(schema)
        if random.chance(0.25) { return wrapped(agg, column) }
        guard column.type == .int || column.type == .float, random.chance(0.5) else { return (agg, column) }
        let numeric = schema.filter { $0.type == .int || $0.type == .float }
        guard let row = numeric.isEmpty ? nil : random.pick(numeric) else { return (agg, column) }
        let op = random.pick(["+", "-", "*", "/"])
        let type: DataType = op == "/" || column.type == .float || row.type == .float ? .float : .int
        return (.binary(op, .column(row.name), agg), FuzzColumn(name: "", type: type, tame: false, ascii: false))
    }

    /// One aggregate call and the column it makes.
    private mutating func aggregate(_ schema: Schema) -> (FuzzExpr, FuzzColumn) {
        func result(_ type: DataType, ascii: Bool = false) -> FuzzColumn { FuzzColumn(name: "", type: type, tame: false, ascii: ascii) }
        let refs = references(schema)
        let ints = schema.filter { $0.type == .int }
        // Float sums only of tame values (the class comment says why).
        let tameNumbers = schema.filter { ($0.type == .int || $0.type == .float) && $0.tame }
        let numbers = schema.filter { $0.type == .int || $0.type == .float }
        switch random.int(0...9) {
        case 0: return (.call("count", []), result(.int))
        case 1: return (.call("count", [.column(random.pick(schema).name)]), result(.int))
        case 2: return (.call("count_distinct", [.column(random.pick(schema).name)]), result(.int))
        case 3 where !ints.isEmpty || !tameNumbers.isEmpty:
            if !ints.isEmpty, random.chance(0.6) {
                let argument = random.chance(0.7) ? FuzzExpr.column(random.pick(ints).name) : expression(.int, refs, depth: 1)
                return (.call("sum", [argument]), result(.int))
            }
            guard !tameNumbers.isEmpty else { return (.call("count", []), result(.int)) }
            let column = random.pick(tameNumbers)
            return (.call("sum", [.column(column.name)]), result(column.type))
        case 4 where !tameNumbers.isEmpty:
            return (.call(random.pick(["mean", "sd", "var"]), [.column(random.pick(tameNumbers).name)]), result(.float))
        case 5 where !numbers.isEmpty:
            return (.call("median", [.column(random.pick(numbers).name)]), result(.float))
        case 6, 7:
            let column = random.pick(schema)
            return (.call(random.pick(["min", "max"]), [.column(column.name)]), result(column.type, ascii: column.ascii))
        case 8:
            return (.call(random.pick(["any", "all"]), [expression(.bool, refs, depth: 1)]), result(.bool))
        default:
            return (.call("count", []), result(.int))
        }
    }

    // MARK: - Expressions

    private mutating func randomType() -> DataType {
        random.pick([.int, .int, .float, .float, .text, .text, .bool, .date, .datetime])
    }

    /// Whether `expr` is a bare tame column (tame values stay tame only when copied).
    private func isTameColumn(_ expr: FuzzExpr, _ schema: Schema) -> Bool {
        if case .column(let name) = expr { return schema.first { $0.name == name }?.tame ?? false }
        return false
    }

    private mutating func literal(_ type: DataType, ascii: Bool = false) -> FuzzExpr {
        if random.chance(0.06) { return .literal(FuzzLiteral.text(.null, type)) }
        let value: Value
        switch type {
        case .int: value = .int(random.chance(0.6) ? Int64(random.int(-3...10)) : TableGenerator.wildInt(&random))
        case .float: value = .float(TableGenerator.wildFloat(&random))
        case .text: value = .text(random.chance(0.1) ? "a\nb" : TableGenerator.wildText(&random, ascii: ascii))
        case .bool: value = .bool(random.chance(0.5))
        case .date: value = .date(TableGenerator.wildDate(&random))
        case .datetime: value = .datetime(TableGenerator.wildDatetime(&random) / 1_000_000 * 1_000_000)
        case .bytes: value = .null
        }
        return .literal(FuzzLiteral.text(value, type))
    }

    /// The units of `date_trunc` (SPEC §2).
    static let truncUnits = ["year", "quarter", "month", "week", "day"]

    /// A count of days or months to add to a date: mostly small, sometimes any int (past the
    /// date range, which is an error on every engine).
    private mutating func dayCount(_ refs: [Reference], depth: Int) -> FuzzExpr {
        if random.chance(0.6) {
            let n = random.int(-400...400)
            return .literal(n < 0 ? "(\(n))" : String(n))
        }
        return expression(.int, refs, depth: depth)
    }

    /// An expression of `type` over `refs`; `ascii` asks for text that is ASCII on every row.
    mutating func expression(_ type: DataType, _ refs: [Reference], depth: Int, ascii: Bool = false) -> FuzzExpr {
        let columns = refs.filter { $0.column.type == type && (!ascii || $0.column.ascii) }
        if depth <= 0 || random.chance(0.3) {
            if !columns.isEmpty, random.chance(0.75) { return random.pick(columns).expression }
            return literal(type, ascii: ascii)
        }
        let d = depth - 1
        func sub(_ t: DataType, ascii: Bool = false) -> FuzzExpr { expression(t, refs, depth: d, ascii: ascii) }
        switch type {
        case .int:
            switch random.int(0...11) {
            case 0, 1:
                let op = random.pick(["+", "-", "*"])
                let (l, r) = (sub(.int), sub(.int))
                // The resolver rejects an int literal expression that overflows (a compile error).
                if let a = intLiteral(l), let b = intLiteral(r), Self.overflows(op, a, b) { return .binary(op, l, .literal(op == "*" ? "1" : "0")) }
                return .binary(op, l, r)
            case 2: return .binary("%", sub(.int), sub(.int))
            case 3: return .unary("-", sub(.int))
            case 4: return .call(random.pick(["abs", "floor", "ceil"]), [sub(.int)])
            case 5: return .call("round", random.chance(0.5) ? [sub(.int)] : [sub(.int), .literal(String(random.int(-2...2)))].map { $0 })
            case 6: return .call("length", [sub(.text, ascii: true)])
            case 7:
                // Days between two dates (SPEC §2 date arithmetic).
                if random.chance(0.25) { return .binary("-", sub(.date), sub(.date)) }
                return .call(random.pick(["year", "month", "day", "weekday"]), [sub(random.chance(0.7) ? .date : .datetime)])
            case 8: return random.chance(0.5) ? .call("hour", [sub(.datetime)]) : .call("int", [sub(random.pick([.float, .text, .bool, .int]))])
            case 9: return .call("if", [sub(.bool), sub(.int), sub(.int)])
            case 10: return .call("coalesce", [sub(.int), sub(.int)])
            default: return .call("int", [sub(.float)])
            }
        case .float:
            switch random.int(0...10) {
            case 0, 1:
                let (l, r) = random.chance(0.5) ? (sub(.float), sub(random.pick([.int, .float]))) : (sub(.int), sub(.float))
                return .binary(random.pick(["+", "-", "*"]), l, r)
            case 2: return .binary("/", sub(random.pick([.int, .float])), sub(random.pick([.int, .float])))
            case 3: return .unary("-", sub(.float))
            case 4: return .call(random.pick(["abs", "floor", "ceil"]), [sub(.float)])
            case 5: return .call("round", random.chance(0.4) ? [sub(.float)] : [sub(.float), .literal(FuzzLiteral.text(.int(Int64(random.int(-2...4))), .int))])
            case 6: return .call(random.pick(["sqrt", "exp", "ln"]), [sub(random.pick([.float, .int]))])
            case 7: return .call("power", [sub(random.pick([.float, .int])), sub(random.pick([.float, .int]))])
            case 8: return .call("float", [sub(random.pick([.int, .text, .bool, .float]))])
            case 9: return .call("if", [sub(.bool), sub(.float), sub(random.pick([.int, .float]))])
            default: return .call("coalesce", [sub(.float), sub(random.pick([.int, .float]))])
            }
        case .text:
            switch random.int(0...9) {
            case 0, 1: return .call("concat", (0..<random.int(2...3)).map { _ in sub(.text, ascii: ascii) })
            case 2:
                var arguments = [sub(.text, ascii: ascii), random.chance(0.7) ? literal(.int) : sub(.int)]
                if random.chance(0.6) { arguments.append(random.chance(0.1) ? .literal("3000000000") : random.chance(0.7) ? literal(.int) : sub(.int)) }
                return .call("substr", arguments)
            case 3: return .call("trim", [sub(.text, ascii: ascii)])
            case 4: return .call("replace", [sub(.text, ascii: ascii), sub(.text, ascii: ascii), sub(.text, ascii: ascii)])
            case 5: return .call(random.pick(["upper", "lower"]), [sub(.text, ascii: true)])
            case 6, 7: return .call("text", [sub(random.pick([.int, .float, .bool, .date, .datetime]))])
            case 8: return .call("if", [sub(.bool), sub(.text, ascii: ascii), sub(.text, ascii: ascii)])
            default: return .call("coalesce", [sub(.text, ascii: ascii), sub(.text, ascii: ascii)])
            }
        case .bool:
            switch random.int(0...10) {
            case 0, 1, 2:
                let t = random.pick([DataType.int, .float, .text, .date, .datetime, .bool])
                let other: DataType = t == .int && random.chance(0.3) ? .float : t
                return .binary(random.pick(["==", "!=", "<", "<=", ">", ">="]), sub(t), sub(other))
            case 3: return .binary(random.pick(["and", "or"]), sub(.bool), sub(.bool))
            case 4: return .unary("not", sub(.bool))
            case 5: return .isNull(sub(random.pick([.int, .float, .text, .date, .bool])), negated: random.chance(0.5))
            case 6:
                let t = random.pick([DataType.int, .float, .text, .date])
                return .inList(sub(t), (0..<random.int(1...3)).map { _ in literal(t) }, negated: random.chance(0.4))
            case 7:
                let t = random.pick([DataType.int, .float, .text, .date])
                return .between(sub(t), sub(t), sub(t))
            case 8: return .call(random.pick(["contains", "starts_with", "ends_with"]), [sub(.text), sub(.text)])
            case 9: return .call("if", [sub(.bool), sub(.bool), sub(.bool)])
            default: return .call("coalesce", [sub(.bool), sub(.bool)])
            }
        case .date:
            switch random.int(0...6) {
            case 4: return .binary(random.pick(["+", "-"]), sub(.date), dayCount(refs, depth: d))
            case 5: return .call("add_months", [sub(.date), dayCount(refs, depth: d)])
            case 6: return .call("date_trunc", [.literal(FuzzLiteral.quoted(random.pick(Self.truncUnits))), sub(.date)])
            case 0: return .call("date", [random.chance(0.5) ? sub(.text) : .literal(FuzzLiteral.quoted(random.pick(["2024-02-29", "2023-02-29", "zz", "0001-01-01", "9999-12-31", "0000-01-01", "2024-1-5", " 2024-01-05"])))])
            case 1: return .call("date", [sub(random.pick([.date, .datetime]))])
            case 2: return .call("if", [sub(.bool), sub(.date), sub(.date)])
            default: return .call("coalesce", [sub(.date), sub(.date)])
            }
        case .datetime:
            switch random.int(0...2) {
            case 0: return .call("if", [sub(.bool), sub(.datetime), sub(.datetime)])
            case 1: return .call("coalesce", [sub(.datetime), sub(.datetime)])
            default: return .call("date_trunc", [.literal(FuzzLiteral.quoted(random.pick(Self.truncUnits))), sub(.datetime)])
            }
        case .bytes:
            return literal(.text)
        }
    }
}

extension PipelineGenerator {
    /// The value of an int literal as the generator writes it (`5`, `(-5)`).
    func intLiteral(_ e: FuzzExpr) -> Int64? {
        guard case .literal(let text) = e else { return nil }
        return Int64(text.trimmingCharacters(in: CharacterSet(charactersIn: "()")))
    }

    static func overflows(_ op: String, _ a: Int64, _ b: Int64) -> Bool {
        switch op {
        case "+": return a.addingReportingOverflow(b).overflow
        case "-": return a.subtractingReportingOverflow(b).overflow
        default: return a.multipliedReportingOverflow(by: b).overflow
        }
    }
}

/// The common type of two column types (int and float widen to float), as the resolver has it.
func commonType(_ a: DataType, _ b: DataType) -> DataType? {
    if a == b { return a }
    if (a == .int || a == .float) && (b == .int || b == .float) { return .float }
    return nil
}
