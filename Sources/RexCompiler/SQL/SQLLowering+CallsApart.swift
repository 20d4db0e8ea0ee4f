import RexData

extension SQLLowering {
    /// A `summarize` or window derive (`.aggregate`, `.window`, `.sortedWindow`) in which an
    /// aggregate or window function is an operand of a larger expression (`round(mean(x), 1)`,
    /// `text(lag(x))`, `x - mean(x) by g`), rewritten as two steps: the aggregate or window
    /// step with each such call alone as a column, then a projection that computes the items
    /// from those columns. Dialect templates may bind their operands in a scalar subquery
    /// (SQLite's exact `round` and `text` and its date arithmetic, PostgreSQL's float guards)
    /// or repeat them: a window function there would be computed over the subquery's single
    /// row, SQLite refuses an aggregate there ("misuse of aggregate"), and a repeated call is
    /// computed again. nil when every item is such a call itself or holds none.
    static func aggregateAndWindowCallsApart(_ relation: Relation) -> Relation? {
        let items: [NamedExpression], inputNames: [String], passedThrough: [Field]
        let rebuild: ([NamedExpression], Schema) -> Relation
        switch relation.kind {
        case .aggregate(let r, let keys, let list):
            // Output: the keys, then the items (which may read the keys by name).
            items = list
            inputNames = keys.map(\.name)
            passedThrough = Array(relation.schema.fields.prefix(keys.count))
            rebuild = { Relation(.aggregate(r, keys: keys, items: $0), schema: $1) }
        case .window(let r, let partition, let list):
            (items, inputNames, passedThrough) = (list, r.schema.names, r.schema.fields)
            rebuild = { Relation(.window(r, partition: partition, items: $0), schema: $1) }
        case .sortedWindow(let r, let partition, let order, let list):
            (items, inputNames, passedThrough) = (list, r.schema.names, r.schema.fields)
            rebuild = { Relation(.sortedWindow(r, partition: partition, order: order, items: $0), schema: $1) }
        default:
            return nil
        }
        guard items.contains(where: { !isAggregateOrWindowCall($0.expression) && containsAggregateOrWindowCall($0.expression) }) else { return nil }

        // One column per distinct call: an item that is a call alone keeps its name (unless it
        // replaces an input column, which other items may still read); the others are hidden
        // columns named apart from every column.
        var taken = Set(inputNames + items.map(\.name))
        var helpers: [NamedExpression] = []
        var columnOf: [IRExpression: String] = [:]
        for item in items where isAggregateOrWindowCall(item.expression) && !inputNames.contains(item.name)
            && columnOf[item.expression] == nil {
            columnOf[item.expression] = item.name
            helpers.append(item)
        }
        func helperColumn(_ call: IRExpression) -> IRExpression {
            if let name = columnOf[call] { return IRExpression(.column(name), type: call.type) }
            var number = helpers.count
            while taken.contains("__rex_w\(number)") { number += 1 }
            let name = "__rex_w\(number)"
            taken.insert(name)
            columnOf[call] = name
            helpers.append(NamedExpression(name, call))
            return IRExpression(.column(name), type: call.type)
        }
        let rewritten = items.map { item in
            NamedExpression(item.name, item.expression.replacing { e in isAggregateOrWindowCall(e) ? helperColumn(e) : nil })
        }
        let windowSchema = Schema(passedThrough + helpers.map { Field($0.name, $0.expression.type) })
        let window = rebuild(helpers, windowSchema)
        // Every column of the output, in its order: an item, or a column passed through.
        let projected = relation.schema.fields.map { field in
            rewritten.first { $0.name == field.name } ?? NamedExpression(field.name, IRExpression(.column(field.name), type: field.type))
        }
        return Relation(.project(window, projected), schema: relation.schema)
    }

    private static func isAggregateOrWindowCall(_ e: IRExpression) -> Bool {
        switch e.kind {
        case .aggregate, .windowFunction: return true
        default: return false
        }
    }

    private static func containsAggregateOrWindowCall(_ e: IRExpression) -> Bool {
        isAggregateOrWindowCall(e) || e.children.contains(where: containsAggregateOrWindowCall)
    }
}
