import RexData

/// A semantically neutral plan rewrite for the pandas generator: the parts (conjuncts) of a
/// `filter` that read only columns a `select`/`derive`/`rename` below it passes through
/// unchanged move below that step.
///
/// The same rows come out, but the computed columns are evaluated only on the rows the
/// filter keeps, as the SQL engines do: `derive x = -i | filter b` does not fail on an
/// overflow in a row that `b` removes (SPEC §2 leaves such errors unspecified; the
/// servers answer, so local answers too). Row-wise steps only: a `derive` with aggregates
/// (a window) is never crossed, since the filter would change what it aggregates.
enum FilterPushdown {
    static func rewrite(_ relation: Relation) -> Relation {
        let node = Relation(rewriteChildren(relation.kind), schema: relation.schema)
        guard case .filter(let input, let predicate) = node.kind,
              case .project(let below, let items) = input.kind else { return node }
        // Output name -> the input column it passes through unchanged.
        var passthrough: [String: String] = [:]
        for item in items {
            if case .column(let source) = item.expression.kind { passthrough[item.name] = source }
        }
        var movable: [IRExpression] = []
        var kept: [IRExpression] = []
        for part in conjuncts(predicate) {
            if let moved = substitute(part, passthrough) { movable.append(moved) } else { kept.append(part) }
        }
        guard !movable.isEmpty else { return node }
        let filtered = rewrite(Relation(.filter(below, conjunction(movable)), schema: below.schema))
        let project = Relation(.project(filtered, items), schema: input.schema)
        guard !kept.isEmpty else { return project }
        return Relation(.filter(project, conjunction(kept)), schema: node.schema)
    }

    private static func rewriteChildren(_ kind: Relation.Kind) -> Relation.Kind {
        switch kind {
        case .scan: return kind
        case .filter(let input, let p): return .filter(rewrite(input), p)
        case .project(let input, let items): return .project(rewrite(input), items)
        case .aggregate(let input, let keys, let items): return .aggregate(rewrite(input), keys: keys, items: items)
        case .window(let input, let partition, let items): return .window(rewrite(input), partition: partition, items: items)
        case .sortedWindow(let input, let partition, let order, let items):
            return .sortedWindow(rewrite(input), partition: partition, order: order, items: items)
        case .takePerGroup(let input, let count, let partition):
            return .takePerGroup(rewrite(input), count: count, partition: partition)
        case .sort(let input, let keys): return .sort(rewrite(input), keys)
        case .limit(let input, let count, let offset): return .limit(rewrite(input), count: count, offset: offset)
        case .distinct(let input): return .distinct(rewrite(input))
        case .collect(let input): return .collect(rewrite(input))
        case .analytic(let input, let step): return .analytic(rewrite(input), step)
        case .join(let joinKind, let left, let right, let condition, let output):
            return .join(joinKind, left: rewrite(left), right: rewrite(right), condition: condition, output: output)
        case .append(let top, let bottom): return .append(rewrite(top), rewrite(bottom))
        }
    }

    private static func conjuncts(_ e: IRExpression) -> [IRExpression] {
        if case .binary(.and, let l, let r) = e.kind { return conjuncts(l) + conjuncts(r) }
        return [e]
    }

    private static func conjunction(_ parts: [IRExpression]) -> IRExpression {
        parts.dropFirst().reduce(parts[0]) { IRExpression(.binary(.and, $0, $1), type: .bool) }
    }

    /// `e` over the step's input columns, or nil when it reads a computed column (or
    /// anything that is not a plain row value).
    private static func substitute(_ e: IRExpression, _ names: [String: String]) -> IRExpression? {
        let kind: IRExpression.Kind
        switch e.kind {
        case .column(let name):
            guard let source = names[name] else { return nil }
            kind = .column(source)
        case .literal: return e
        case .sideColumn, .aggregate, .windowFunction: return nil
        case .unary(let op, let x):
            guard let x = substitute(x, names) else { return nil }
            kind = .unary(op, x)
        case .binary(let op, let l, let r):
            guard let l = substitute(l, names), let r = substitute(r, names) else { return nil }
            kind = .binary(op, l, r)
        case .isNull(let x, let negated):
            guard let x = substitute(x, names) else { return nil }
            kind = .isNull(x, negated: negated)
        case .inList(let x, let list, let negated):
            guard let x = substitute(x, names) else { return nil }
            var items: [IRExpression] = []
            for item in list {
                guard let item = substitute(item, names) else { return nil }
                items.append(item)
            }
            kind = .inList(x, items, negated: negated)
        case .function(let f, let args):
            var items: [IRExpression] = []
            for arg in args {
                guard let arg = substitute(arg, names) else { return nil }
                items.append(arg)
            }
            kind = .function(f, items)
        }
        return IRExpression(kind, type: e.type)
    }
}
