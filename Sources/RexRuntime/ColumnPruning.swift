import RexCompiler
import RexData
import RexLanguage

/// Which columns of each source a plan really uses, so the local context fetches
/// only those (SPEC §4). Walks the plan top-down: a node, told which of its
/// output columns are needed, works out which input columns it needs.
enum ColumnPruning {
    /// The columns of `relation`'s scans that the plan needs, keyed by the scan's
    /// path (child indexes from the root) — see `scans(in:)`.
    static func requiredColumns(of relation: Relation) -> [[Int]: Set<String>] {
        var result: [[Int]: Set<String>] = [:]
        visit(relation, required: Set(relation.schema.names), path: [], into: &result)
        return result
    }

    private static func visit(_ relation: Relation, required: Set<String>, path: [Int], into result: inout [[Int]: Set<String>]) {
        switch relation.kind {
        case .scan:
            result[path, default: []].formUnion(required)
        case .filter(let input, let predicate):
            visit(input, required: required.union(columns(predicate)), path: path + [0], into: &result)
        case .project(let input, let items):
            // Every item is computed (the generated code names each), so each item's inputs are needed.
            _ = required
            let needed = items.reduce(into: Set<String>()) { $0.formUnion(columns($1.expression)) }
            visit(input, required: needed, path: path + [0], into: &result)
        case .aggregate(let input, let keys, let items):
            var needed = Set<String>()
            for item in keys + items { needed.formUnion(columns(item.expression)) }
            needed.subtract(keys.map(\.name).filter { name in !input.schema.names.contains(name) })
            visit(input, required: needed, path: path + [0], into: &result)
        case .window(let input, let partition, let items):
            let needed = windowInputs(input, partition, items, order: [], required: required)
            visit(input, required: needed, path: path + [0], into: &result)
        case .sortedWindow(let input, let partition, let order, let items):
            let needed = windowInputs(input, partition, items, order: order.map(\.expression), required: required)
            visit(input, required: needed, path: path + [0], into: &result)
        case .takePerGroup(let input, _, let partition):
            visit(input, required: required.union(partition), path: path + [0], into: &result)
        case .sort(let input, let keys):
            let needed = keys.reduce(into: required) { $0.formUnion(columns($1.expression)) }
            visit(input, required: needed, path: path + [0], into: &result)
        case .limit(let input, _, _):
            visit(input, required: required, path: path + [0], into: &result)
        case .distinct(let input), .collect(let input):
            // distinct compares whole rows; a collected binding keeps every column.
            visit(input, required: Set(input.schema.names), path: path + [0], into: &result)
        case .analytic(let input, _):
            visit(input, required: Set(input.schema.names), path: path + [0], into: &result)
        case .join(_, let left, let right, let condition, let output):
            var leftNeeded = Set<String>(), rightNeeded = Set<String>()
            for column in output where required.contains(column.name) {
                switch column.source {
                case .left(let name): leftNeeded.insert(name)
                case .right(let name): rightNeeded.insert(name)
                case .coalesced(let l, let r): leftNeeded.insert(l); rightNeeded.insert(r)
                }
            }
            for (side, name) in sideColumns(condition) {
                if side == .this { leftNeeded.insert(name) } else { rightNeeded.insert(name) }
            }
            visit(left, required: leftNeeded, path: path + [0], into: &result)
            visit(right, required: rightNeeded, path: path + [1], into: &result)
        case .append(let left, let right):
            visit(left, required: required, path: path + [0], into: &result)
            visit(right, required: required, path: path + [1], into: &result)
        }
    }

    /// Names of input columns an expression reads.
    static func columns(_ expression: IRExpression) -> Set<String> {
        if case .column(let name) = expression.kind { return [name] }
        return expression.children.reduce(into: Set<String>()) { $0.formUnion(columns($1)) }
    }

    /// The input columns a window derive needs: the required ones it does not add, its
    /// partition, and every column its items and sort keys read. A column it replaces is still
    /// fetched: the derive names only the new columns, so the input's order gives its place.
    private static func windowInputs(_ input: Relation, _ partition: [String], _ items: [NamedExpression],
                                     order: [IRExpression], required: Set<String>) -> Set<String> {
        let added = Set(items.map(\.name)).subtracting(input.schema.names)
        var needed = required.subtracting(added).union(partition)
        for expression in items.map(\.expression) + order { needed.formUnion(columns(expression)) }
        return needed.intersection(Set(input.schema.names))
    }

    private static func sideColumns(_ expression: IRExpression) -> [(JoinSide, String)] {
        switch expression.kind {
        case .sideColumn(let side, let name): return [(side, name)]
        case .column, .literal: return []
        case .unary(_, let e), .isNull(let e, _): return sideColumns(e)
        case .binary(_, let l, let r): return sideColumns(l) + sideColumns(r)
        case .inList(let e, let list, _): return list.reduce(sideColumns(e)) { $0 + sideColumns($1) }
        case .function(_, let args): return args.flatMap(sideColumns)
        case .aggregate(_, let arg), .windowFunction(_, let arg, _): return arg.map(sideColumns) ?? []
        }
    }
}
