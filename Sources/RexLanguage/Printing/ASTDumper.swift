import RexData

/// A debug dump of a statement as an indented S-expression, without spans (for golden
/// tests and `:ast`). A pipeline prints one source or step per line:
///
///     (pipeline
///       (sample iris)
///       (filter (== (col Species) "setosa")))
public func dumpAST(_ statement: Statement) -> String {
    ASTDumper.statement(statement, indent: 0)
}

/// The S-expression dump of one expression (see `dumpAST(_:)`).
public func dumpAST(_ expression: Expression) -> String {
    ASTDumper.expression(expression)
}

enum ASTDumper {
    private static func pad(_ indent: Int) -> String { String(repeating: " ", count: indent) }

    static func statement(_ statement: Statement, indent: Int) -> String {
        let inner = pad(indent + 2)
        switch statement.kind {
        case .pipeline(let p):
            return pipeline(p, indent: indent)
        case .binding(let name, let p):
            return "(let \(self.name(name))\n\(inner)\(pipeline(p, indent: indent + 2)))"
        case .defineVerb(let name, let parameters, let steps):
            let lines = steps.map { inner + step($0, indent: indent + 2) }
            return "(def-verb \(self.name(name)) (params\(names(parameters)))\n" + lines.joined(separator: "\n") + ")"
        case .defineFunction(let name, let parameters, let body):
            return "(def-function \(self.name(name)) (params\(names(parameters)))\n\(inner)\(expression(body)))"
        case .sink(let p, let s):
            return "(write\n\(inner)\(pipeline(p, indent: indent + 2))\n\(inner)\(sink(s)))"
        case .command(let name, let argument):
            return "(command \(name.name) \(string(argument)))"
        }
    }

    static func pipeline(_ pipeline: Pipeline, indent: Int) -> String {
        let inner = pad(indent + 2)
        var lines = ["(pipeline", inner + source(pipeline.source, indent: indent + 2)]
        lines += pipeline.steps.map { inner + step($0, indent: indent + 2) }
        return lines.joined(separator: "\n") + ")"
    }

    static func source(_ source: Source, indent: Int) -> String {
        switch source.kind {
        case .table(let parts): return "(table\(names(parts)))"
        case .sql(let template): return "(sql \(SourcePrinter.string(template))\(variables(template.values)))"
        case .csv(let path, let opts): return "(csv \(string(path))\(options(opts)))"
        case .sample(let dataset): return "(sample \(name(dataset)))"
        case .binding(let binding): return "(binding \(name(binding)))"
        case .python(let block): return "(python \(string(block.code))\(variables(block.variables)))"
        case .parenthesized(let p):
            return "(subquery\n\(pad(indent + 2))\(pipeline(p, indent: indent + 2)))"
        }
    }

    static func sink(_ sink: Sink) -> String {
        switch sink.kind {
        case .table(let parts, let mode): return "(to-table\(names(parts)) \(mode.rawValue))"
        case .csv(let path): return "(to-csv \(string(path)))"
        case .png(let path): return "(to-png \(string(path)))"
        }
    }

    static func step(_ step: Step, indent: Int) -> String {
        switch step.kind {
        case .filter(let e): return "(filter \(expression(e)))"
        case .select(let items): return "(select\(assignments(items)))"
        case .drop(let columns): return "(drop\(names(columns)))"
        case .derive(let items, let by): return "(derive\(assignments(items))\(byClause(by)))"
        case .rename(let pairs):
            return "(rename" + pairs.map { " (= \(name($0.new)) \(name($0.old)))" }.joined() + ")"
        case .summarize(let items, let by): return "(summarize\(assignments(items))\(byClause(by)))"
        case .sort(let keys):
            return "(sort" + keys.map { " (\($0.descending ? "desc" : "asc") \(expression($0.expression)))" }.joined() + ")"
        case .take(let count, let offset):
            return "(take \(expression(count))" + (offset.map { " (offset \(expression($0)))" } ?? "") + ")"
        case .sortedDerive(let items, let by, let keys):
            return "(derive\(assignments(items))\(byClause(by)) (sort"
                + keys.map { " (\($0.descending ? "desc" : "asc") \(expression($0.expression)))" }.joined() + "))"
        case .takeBy(let count, let by): return "(take \(expression(count))\(byClause(by)))"
        case .distinct(let columns): return "(distinct\(names(columns)))"
        case .join(let kind, let relation, let condition):
            let on: String
            switch condition {
            case .columns(let columns): on = "(on-columns\(names(columns)))"
            case .expression(let e): on = "(on \(expression(e)))"
            }
            return "(join \(kind.rawValue) \(source(relation, indent: indent)) \(on))"
        case .append(let relation): return "(append \(source(relation, indent: indent)))"
        case .collect: return "(collect)"
        case .summary(let columns): return "(summary\(names(columns)))"
        case .linmod(let response, let predictors, let intercept):
            return "(linmod \(name(response)) (predictors\(names(predictors)))\(intercept ? "" : " (no-intercept)"))"
        case .plot(let kind, let arguments, let opts):
            return "(plot \(name(kind)) (args\(names(arguments)))\(options(opts)))"
        case .python(let block): return "(python \(string(block.code))\(variables(block.variables)))"
        case .call(let callee, let arguments):
            return "(call-verb \(name(callee))" + arguments.map { " " + expression($0) }.joined() + ")"
        }
    }

    static func expression(_ e: Expression) -> String {
        switch e.kind {
        case .literal(let value): return literal(value)
        case .column(let column): return "(col \(name(column)))"
        case .qualifiedColumn(let side, let column): return "(\(side.rawValue) \(name(column)))"
        case .unary(let op, let operand): return "(\(op == .not ? "not" : "neg") \(expression(operand)))"
        case .binary(let op, let left, let right): return "(\(op.rawValue) \(expression(left)) \(expression(right)))"
        case .isNull(let operand, let negated): return "(\(negated ? "is-not-null" : "is-null") \(expression(operand)))"
        case .inList(let operand, let items, let negated):
            return "(\(negated ? "not-in" : "in") \(expression(operand))" + items.map { " " + expression($0) }.joined() + ")"
        case .between(let operand, let low, let high):
            return "(between \(expression(operand)) \(expression(low)) \(expression(high)))"
        case .call(let function, let arguments):
            return "(call \(name(function))" + arguments.map { " " + expression($0) }.joined() + ")"
        }
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .int(let v): return String(v)
        case .float(let v): return "\(v)"
        case .text(let s): return string(s)
        case .bool(let b): return b ? "true" : "false"
        case .date: return "(date \(value.description))"
        case .datetime: return "(datetime \(value.description))"
        case .bytes: return "(bytes \(value.description))"
        }
    }

    private static func assignments(_ items: [Assignment]) -> String {
        items.map { item in
            guard let target = item.name else { return " " + expression(item.value) }
            return " (= \(name(target)) \(expression(item.value)))"
        }.joined()
    }

    private static func byClause(_ by: [Identifier]) -> String {
        by.isEmpty ? "" : " (by\(names(by)))"
    }

    private static func options(_ options: [Option]) -> String {
        options.map { " (\(name($0.name)) \(expression($0.value)))" }.joined()
    }

    private static func names(_ identifiers: [Identifier]) -> String {
        identifiers.map { " " + name($0) }.joined()
    }

    private static func name(_ identifier: Identifier) -> String {
        SourcePrinter.name(identifier.name)
    }

    private static func string(_ text: String) -> String {
        SourcePrinter.string(text)
    }

    /// ` (vars NAME="value" …)` for captured script variables; nothing when there are none.
    private static func variables(_ values: [String: String]) -> String {
        guard !values.isEmpty else { return "" }
        return " (vars" + values.keys.sorted().map { " \($0)=" + string(values[$0] ?? "") }.joined() + ")"
    }
}
