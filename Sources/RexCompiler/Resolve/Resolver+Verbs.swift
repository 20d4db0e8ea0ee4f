import RexData
import RexLanguage

// The relational verbs that work on one input: select, drop, derive, rename, summarize,
// sort, take, distinct.
extension Resolver {
    func select(_ items: [Assignment], on input: WorkingRelation) -> WorkingRelation {
        let scope = ExpressionScope(columns: .single(input), verb: verb("select"))
        var output: [NamedExpression] = [], unknown = Set<String>(), seen = Set<String>()
        for item in items {
            guard let name = outputName(of: item, verb: verb("select")) else { continue }
            let typed = checker.check(item.value, in: scope)
            if !seen.insert(name.name).inserted {
                diagnostics.error("column '\(name.name)' is selected twice", at: name.span,
                                  help: "give it another name: NEW = \(name.name)")
                continue
            }
            if !typed.isKnown { unknown.insert(name.name) }
            output.append(NamedExpression(name.name, typed.ir(as: .text)))
        }
        var working = input.with(project(input.relation, output), unknown: unknown)
        working.isOpaque = false
        return working
    }

    func drop(_ names: [Identifier], span: SourceSpan, on input: WorkingRelation) -> WorkingRelation {
        var dropped = Set<String>()
        for name in names {
            if input.field(named: name.name) == nil {
                if !input.isOpaque {
                    diagnostics.unknown("column", name, context: verb("drop"), candidates: input.schema.names)
                }
            } else {
                dropped.insert(name.name)
            }
        }
        let kept = input.schema.fields.filter { !dropped.contains($0.name) }
        if kept.isEmpty && !input.isOpaque && !input.schema.fields.isEmpty {
            diagnostics.error("drop would remove every column", at: span, help: "keep at least one column")
        }
        return input.with(project(input.relation, kept.map { NamedExpression($0.name, IRExpression(.column($0.name), type: $0.type)) }))
    }

    /// `sort` non-empty: `derive … [by …] sort …` (SPEC §2 window functions, running aggregates).
    func derive(_ items: [Assignment], by: [Identifier], sort: [SortKey] = [], on input: WorkingRelation) -> WorkingRelation {
        checkColumns(by, verb: verb("derive"), in: input)
        var scope = ExpressionScope(columns: .single(input), verb: verb("derive"), aggregates: .window)
        scope.sortedWindow = !sort.isEmpty
        var computed: [NamedExpression] = [], unknown = input.unknownColumns
        for item in items {
            guard let name = outputName(of: item, verb: verb("derive")) else { continue }
            let typed = checker.check(item.value, in: scope)
            let ir = typed.ir(as: .text)
            if let index = computed.firstIndex(where: { $0.name == name.name }) {
                computed[index].expression = ir
            } else {
                computed.append(NamedExpression(name.name, ir))
            }
            if typed.isKnown { unknown.remove(name.name) } else { unknown.insert(name.name) }
            var earlier = typed
            earlier.isNullLiteral = false
            earlier.ir = ir
            scope.earlierItems[name.name] = earlier
        }
        // Every input column (replaced in place), then the new ones.
        let inputNames = Set(input.schema.names)
        var fields = input.schema.fields.map { field in
            computed.first { $0.name == field.name }.map { Field($0.name, $0.expression.type) } ?? field
        }
        fields += computed.filter { !inputNames.contains($0.name) }.map { Field($0.name, $0.expression.type) }
        let schema = Schema(fields)
        if !sort.isEmpty {
            // The keys are over the input's columns, as in the sort verb.
            let keyScope = ExpressionScope(columns: .single(input), verb: verb("derive"))
            let order = sort.map { IRSortKey(checker.check($0.expression, in: keyScope).ir, descending: $0.descending) }
            return input.with(Relation(.sortedWindow(input.relation, partition: by.map(\.name), order: order, items: computed),
                                       schema: schema), unknown: unknown)
        }
        if computed.contains(where: { $0.expression.containsAggregate }) {
            return input.with(Relation(.window(input.relation, partition: by.map(\.name), items: computed), schema: schema),
                              unknown: unknown)
        }
        if let first = by.first, let last = by.last {
            diagnostics.error("'by' in derive groups aggregates, but no item here has one", at: first.span.union(last.span),
                              help: "leave out 'by', or use an aggregate such as sum(x) / count() in an item")
        }
        let items = fields.map { field in
            computed.first { $0.name == field.name } ?? NamedExpression(field.name, IRExpression(.column(field.name), type: field.type))
        }
        return input.with(Relation(.project(input.relation, items), schema: schema), unknown: unknown)
    }

    func rename(_ pairs: [RenamePair], on input: WorkingRelation) -> WorkingRelation {
        var newName: [String: String] = [:]
        var unknown = input.unknownColumns
        for pair in pairs {
            if input.field(named: pair.old.name) == nil {
                if !input.isOpaque {
                    diagnostics.unknown("column", pair.old, context: verb("rename"), candidates: input.schema.names)
                }
                continue
            }
            if newName[pair.old.name] != nil {
                diagnostics.error("column '\(pair.old.name)' is renamed twice", at: pair.old.span)
                continue
            }
            newName[pair.old.name] = pair.new.name
            if unknown.remove(pair.old.name) != nil { unknown.insert(pair.new.name) }
        }
        let items = input.schema.fields.map { field in
            NamedExpression(newName[field.name] ?? field.name, IRExpression(.column(field.name), type: field.type))
        }
        var seen = Set<String>()
        for item in items where !seen.insert(item.name).inserted {
            guard let span = (pairs.first { $0.new.name == item.name } ?? pairs.first)?.new.span else { continue }
            diagnostics.error("rename would make two columns called '\(item.name)'", at: span,
                              help: "choose a name that is not already a column, or drop '\(item.name)' first")
        }
        return input.with(project(input.relation, items), unknown: unknown)
    }

    func summarize(_ items: [Assignment], by: [Identifier], on input: WorkingRelation) -> WorkingRelation {
        checkColumns(by, verb: verb("summarize"), in: input)
        var keys: [NamedExpression] = [], unknown = Set<String>(), seen = Set<String>()
        for key in by where seen.insert(key.name).inserted {
            let type = input.field(named: key.name)?.type ?? .text
            if input.field(named: key.name) == nil || input.unknownColumns.contains(key.name) { unknown.insert(key.name) }
            keys.append(NamedExpression(key.name, IRExpression(.column(key.name), type: type)))
        }
        var scope = ExpressionScope(columns: .single(input), verb: verb("summarize"), aggregates: .summarize(keys: seen))
        var computed: [NamedExpression] = []
        for item in items {
            guard let name = outputName(of: item, verb: verb("summarize")) else { continue }
            let typed = checker.check(item.value, in: scope)
            if !seen.insert(name.name).inserted {
                diagnostics.error("summarize makes two columns called '\(name.name)'", at: name.span,
                                  help: "give each item its own name (a group key is already a column)")
                continue
            }
            let ir = typed.ir(as: .text)
            if !typed.isKnown { unknown.insert(name.name) }
            computed.append(NamedExpression(name.name, ir))
            var earlier = typed
            earlier.isNullLiteral = false
            earlier.ir = ir
            scope.earlierItems[name.name] = earlier
        }
        let schema = Schema((keys + computed).map { Field($0.name, $0.expression.type) })
        var working = input.with(Relation(.aggregate(input.relation, keys: keys, items: computed), schema: schema),
                                 unknown: unknown)
        working.isOpaque = false
        return working
    }

    func sort(_ keys: [SortKey], on input: WorkingRelation) -> WorkingRelation {
        let scope = ExpressionScope(columns: .single(input), verb: verb("sort"))
        let irKeys = keys.map { key in
            IRSortKey(checker.check(key.expression, in: scope).ir, descending: key.descending)
        }
        return input.with(Relation(.sort(input.relation, irKeys), schema: input.schema))
    }

    func take(_ count: Expression, offset: Expression?, on input: WorkingRelation) -> WorkingRelation {
        let rows = rowCount(count, what: "take") ?? 0
        let skip = offset.flatMap { rowCount($0, what: "offset") } ?? 0
        return input.with(Relation(.limit(input.relation, count: rows, offset: skip), schema: input.schema))
    }

    /// `take N by G…`: the first N rows of each group in the current order.
    func take(_ count: Expression, by: [Identifier], on input: WorkingRelation) -> WorkingRelation {
        checkColumns(by, verb: verb("take"), in: input)
        let rows = rowCount(count, what: "take") ?? 0
        return input.with(Relation(.takePerGroup(input.relation, count: rows, partition: by.map(\.name)), schema: input.schema))
    }

    func distinct(_ names: [Identifier], on input: WorkingRelation) -> WorkingRelation {
        guard !names.isEmpty else {
            return input.with(Relation(.distinct(input.relation), schema: input.schema))
        }
        checkColumns(names, verb: verb("distinct"), in: input)
        var seen = Set<String>(), items: [NamedExpression] = []
        for name in names where seen.insert(name.name).inserted {
            let type = input.field(named: name.name)?.type ?? .text
            items.append(NamedExpression(name.name, IRExpression(.column(name.name), type: type)))
        }
        let unknown = Set(names.map(\.name).filter { input.field(named: $0) == nil || input.unknownColumns.contains($0) })
        let projected = project(input.relation, items)
        var working = input.with(Relation(.distinct(projected), schema: projected.schema), unknown: unknown)
        working.isOpaque = false
        return working
    }

    // MARK: - Helpers

    /// A project node whose schema follows from its items.
    func project(_ input: Relation, _ items: [NamedExpression]) -> Relation {
        Relation(.project(input, items), schema: Schema(items.map { Field($0.name, $0.expression.type) }))
    }

    /// Reports each name that is not a column of `input`.
    func checkColumns(_ names: [Identifier], verb: String, in input: WorkingRelation) {
        guard !input.isOpaque else { return }
        for name in names where input.field(named: name.name) == nil {
            diagnostics.unknown("column", name, context: verb, candidates: input.schema.names)
        }
    }

    /// The output name of `NAME = EXPR`, or of a bare column; an unnamed expression is an error.
    private func outputName(of item: Assignment, verb: String) -> Identifier? {
        if let name = item.name { return name }
        if case .column(let column) = item.value.kind { return column }
        diagnostics.error("\(verb) needs a name for this expression", at: item.value.span,
                          help: "write NAME = expression")
        return nil
    }

    /// The value of a `take` count or offset: a whole number ≥ 0 written as a literal.
    private func rowCount(_ expression: Expression, what: String) -> Int64? {
        if case .literal(.int(let value)) = expression.kind, value >= 0 { return value }
        diagnostics.error("\(what) needs a whole number of rows (0 or more)", at: expression.span,
                          help: "write a number such as \(what) 10")
        return nil
    }
}
