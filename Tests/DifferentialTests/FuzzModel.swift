import Foundation
import RexData

/// A seeded random source (SplitMix64): the same seed gives the same cases on every machine.
struct FuzzRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator of case `index` of a run with `seed`, so one case can be replayed alone.
    init(seed: UInt64, case index: Int) {
        var mixer = FuzzRandom(seed: seed ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform int in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A random subset of `items` in random order, of `count` items (at most all of them).
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        var pool = items, result: [T] = []
        while result.count < count, !pool.isEmpty { result.append(pool.remove(at: int(0...(pool.count - 1)))) }
        return result
    }
}

/// A column of a relation as the generator sees it: its rex type and what the values may be.
struct FuzzColumn: Hashable {
    var name: String
    var type: DataType
    /// Numbers of moderate size with few binary digits, whose float sums are exact in any order
    /// (so engines may add them in any order: see `PipelineGenerator.sumArgument`).
    var tame: Bool
    /// Text known to be ASCII (see `PipelineGenerator.asciiText`).
    var ascii: Bool
}

/// An expression of the rex language, rendered fully parenthesised.
indirect enum FuzzExpr: Hashable {
    case literal(String)
    case column(String)
    case side(String, String)
    case unary(String, FuzzExpr)
    case binary(String, FuzzExpr, FuzzExpr)
    case call(String, [FuzzExpr])
    case isNull(FuzzExpr, negated: Bool)
    case inList(FuzzExpr, [FuzzExpr], negated: Bool)
    case between(FuzzExpr, FuzzExpr, FuzzExpr)

    var text: String {
        switch self {
        case .literal(let text): return text
        case .column(let name): return name
        case .side(let side, let name): return "\(side).\(name)"
        case .unary(let op, let operand): return op == "not" ? "(not \(operand.text))" : "(-\(operand.text))"
        case .binary(let op, let l, let r): return "(\(l.text) \(op) \(r.text))"
        case .call(let name, let arguments): return "\(name)(\(arguments.map(\.text).joined(separator: ", ")))"
        case .isNull(let e, let negated): return "(\(e.text) is \(negated ? "not " : "")null)"
        case .inList(let e, let items, let negated):
            return "(\(e.text) \(negated ? "not in" : "in") (\(items.map(\.text).joined(separator: ", "))))"
        case .between(let e, let low, let high): return "(\(e.text) between \(low.text) and \(high.text))"
        }
    }

    /// The direct subexpressions.
    var children: [FuzzExpr] {
        switch self {
        case .literal, .column, .side: return []
        case .unary(_, let e), .isNull(let e, _): return [e]
        case .binary(_, let l, let r): return [l, r]
        case .call(_, let arguments): return arguments
        case .inList(let e, let items, _): return [e] + items
        case .between(let e, let low, let high): return [e, low, high]
        }
    }

    /// The names of the columns this expression reads.
    var columnNames: [String] {
        if case .column(let name) = self { return [name] }
        return children.flatMap(\.columnNames)
    }

    /// This expression with child `index` replaced.
    func replacingChild(_ index: Int, with new: FuzzExpr) -> FuzzExpr {
        var items = children
        items[index] = new
        switch self {
        case .literal, .column, .side: return self
        case .unary(let op, _): return .unary(op, items[0])
        case .isNull(_, let negated): return .isNull(items[0], negated: negated)
        case .binary(let op, _, _): return .binary(op, items[0], items[1])
        case .call(let name, _): return .call(name, items)
        case .inList(_, _, let negated): return .inList(items[0], Array(items.dropFirst()), negated: negated)
        case .between: return .between(items[0], items[1], items[2])
        }
    }

    /// Simpler expressions to try in its place while minimising: each child, then each of
    /// this expression with one child simplified.
    var simplifications: [FuzzExpr] {
        var result = children
        if case .call(let name, let arguments) = self, arguments.count > 1, ["coalesce", "concat", "round", "substr"].contains(name) {
            result.append(.call(name, Array(arguments.dropLast())))
        }
        if case .inList(let e, let items, let negated) = self, items.count > 1 {
            for index in items.indices {
                var fewer = items
                fewer.remove(at: index)
                result.append(.inList(e, fewer, negated: negated))
            }
        }
        for (index, child) in children.enumerated() {
            for simpler in child.simplifications { result.append(replacingChild(index, with: simpler)) }
        }
        return result
    }
}

/// `name = expression` in select, derive and summarize.
struct FuzzItem: Hashable {
    var name: String
    var expression: FuzzExpr
    var text: String {
        if case .column(let column) = expression, column == name { return name }
        return "\(name) = \(expression.text)"
    }
}

/// One verb of a pipeline.
enum FuzzStep: Hashable {
    case filter(FuzzExpr)
    case select([FuzzItem])
    case derive([FuzzItem], by: [String])
    /// `derive … [by …] sort …`: window functions and running aggregates.
    case windowDerive([FuzzItem], by: [String], sort: [(name: String, descending: Bool)])
    case takeBy(Int, by: [String])
    case drop([String])
    case rename([(new: String, old: String)])
    case summarize([FuzzItem], by: [String])
    case sort([(name: String, descending: Bool)])
    case take(Int, offset: Int?)
    case distinct([String])
    case join(kind: String, partner: FuzzPipeline, on: FuzzJoinCondition)
    case append(FuzzPipeline)

    var text: String {
        switch self {
        case .filter(let e): return "filter \(e.text)"
        case .select(let items): return "select " + items.map(\.text).joined(separator: ", ")
        case .derive(let items, let by):
            // A derive item always has a name (`f = f`, never a bare `f`).
            return "derive " + items.map { "\($0.name) = \($0.expression.text)" }.joined(separator: ", ") + (by.isEmpty ? "" : " by " + by.joined(separator: ", "))
        case .windowDerive(let items, let by, let keys):
            return "derive " + items.map { "\($0.name) = \($0.expression.text)" }.joined(separator: ", ")
                + (by.isEmpty ? "" : " by " + by.joined(separator: ", "))
                + " sort " + keys.map { ($0.descending ? "-" : "") + $0.name }.joined(separator: ", ")
        case .takeBy(let n, let by): return "take \(n) by " + by.joined(separator: ", ")
        case .drop(let names): return "drop " + names.joined(separator: ", ")
        case .rename(let pairs): return "rename " + pairs.map { "\($0.new) = \($0.old)" }.joined(separator: ", ")
        case .summarize(let items, let by):
            return "summarize " + items.map(\.text).joined(separator: ", ") + (by.isEmpty ? "" : " by " + by.joined(separator: ", "))
        case .sort(let keys): return "sort " + keys.map { ($0.descending ? "-" : "") + $0.name }.joined(separator: ", ")
        case .take(let n, let offset): return "take \(n)" + (offset.map { " offset \($0)" } ?? "")
        case .distinct(let names): return names.isEmpty ? "distinct" : "distinct " + names.joined(separator: ", ")
        case .join(let kind, let partner, let on): return "join \(kind) \(partner.partnerText) on \(on.text)"
        case .append(let partner): return "append \(partner.partnerText)"
        }
    }

    static func == (a: FuzzStep, b: FuzzStep) -> Bool { a.text == b.text }
    func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

enum FuzzJoinCondition: Hashable {
    case columns([String])
    case expression(FuzzExpr)
    var text: String {
        switch self {
        case .columns(let names): return names.joined(separator: ", ")
        case .expression(let e): return e.text
        }
    }
}

/// `table NAME | step | …`.
struct FuzzPipeline: Hashable {
    var table: String
    var steps: [FuzzStep]

    var text: String { (["table \(table)"] + steps.map(\.text)).joined(separator: " | ") }
    /// As the partner of a join or append: a bare source, or a parenthesised pipeline.
    var partnerText: String { steps.isEmpty ? "table \(table)" : "(\(text))" }
    /// The table names it reads.
    var tables: Set<String> {
        var names: Set<String> = [table]
        for step in steps {
            switch step {
            case .join(_, let partner, _), .append(let partner): names.formUnion(partner.tables)
            default: break
            }
        }
        return names
    }
}

/// One generated case: the tables, the pipeline and how its results may be compared.
struct FuzzCase {
    var tables: [String: Table]
    var pipeline: FuzzPipeline
    /// The pipeline ends in a sort on every column followed only by order-keeping steps:
    /// rows compare in order.
    var ordered: Bool
    /// A `take` without a total order decided which rows are kept: only the row count and the
    /// columns are compared (SPEC §2 `take`: "without one, any N rows (tests check only the count)").
    var countOnly: Bool
    /// Run `seed`, case `index` (to replay it).
    var seed: UInt64
    var index: Int
}

// MARK: - Literals

enum FuzzLiteral {
    /// A rex literal for `value` of `type`.
    static func text(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null:
            // A typed null where a conversion gives one (a bare `null` takes its type from the context).
            switch type {
            case .int, .float, .text, .date: return "\(type.rawValue)(null)"
            case .bool: return "(1 == null)"
            case .datetime: return "if(false, @2000-01-01T00:00:00, null)"
            case .bytes: return "null"
            }
        case .int(let v): return v < 0 ? "(\(v))" : String(v)
        case .float(let v):
            var text = "\(v)"
            if text.hasPrefix("-") { text = "(\(text))" }
            return text
        case .text(let v): return quoted(v)
        case .bool(let v): return v ? "true" : "false"
        case .date: return "@" + value.description
        case .datetime: return "@" + value.description
        case .bytes: return "null"
        }
    }

    /// A rex string literal: `\`, `"`, newline, tab and `$` escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "$": result += "\\$"
            default: result.unicodeScalars.append(c)
            }
        }
        return result + "\""
    }
}
