import RexData

/// rex source for a statement, which parses back to the same tree (spans aside).
/// Parentheses are added only where precedence needs them; names are backtick-quoted
/// when they are not plain identifiers or would read as keywords.
///
///     printSource(parse("sample iris|filter  x>1").statements[0])  // "sample iris | filter x > 1"
public func printSource(_ statement: Statement) -> String {
    SourcePrinter.statement(statement)
}

/// rex source for one expression (see `printSource(_:)`).
public func printSource(_ expression: Expression) -> String {
    SourcePrinter.expression(expression)
}

/// rex source for one pipeline (see `printSource(_:)`).
public func printSource(_ pipeline: Pipeline) -> String {
    SourcePrinter.pipeline(pipeline)
}

enum SourcePrinter {
    // MARK: - Statements

    static func statement(_ statement: Statement) -> String {
        switch statement.kind {
        case .pipeline(let pipeline):
            return self.pipeline(pipeline)
        case .binding(let name, let pipeline):
            return "let \(self.name(name.name)) = \(self.pipeline(pipeline))"
        case .defineVerb(let name, let parameters, let steps):
            var body = steps.map(step).joined(separator: " | ")
            if steps.count == 1, case .call = steps[0].kind { body = "| " + body }
            return "def \(self.name(name.name))(\(parameters.map { self.name($0.name) }.joined(separator: ", "))) = \(body)"
        case .defineFunction(let name, let parameters, let body):
            var text = expression(body)
            // A body that starts with a verb name would read as a verb definition.
            if startsWithVerb(text) { text = "(\(text))" }
            return "def \(self.name(name.name))(\(parameters.map { self.name($0.name) }.joined(separator: ", "))) = \(text)"
        case .sink(let pipeline, let sink):
            return "\(self.pipeline(pipeline)) -> \(self.sink(sink))"
        case .command(let name, let argument):
            if needsBlock(argument) {
                return ":\(name.name) \"\"\"\n\(argument)\"\"\""
            }
            return argument.isEmpty ? ":\(name.name)" : ":\(name.name) \(argument)"
        }
    }

    /// True when a command's argument cannot be written on the command's line, because the
    /// lexer would read it otherwise: it has a line break, starts with a space or tab (skipped
    /// after the name), or ends with a space, tab or CR (trimmed). Scalars, not Characters:
    /// `"\r\n"` is one Character that is not `"\n"`.
    private static func needsBlock(_ argument: String) -> Bool {
        let scalars = argument.unicodeScalars
        let leading = scalars.first.map { $0 == " " || $0 == "\t" } ?? false
        let trailing = scalars.last.map { $0 == " " || $0 == "\t" || $0 == "\r" } ?? false
        return scalars.contains("\n") || leading || trailing
    }

    /// True when the text begins with a verb name followed by a non-name character.
    private static func startsWithVerb(_ text: String) -> Bool {
        let word = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return Grammar.verbs.contains(String(word))
    }

    static func pipeline(_ pipeline: Pipeline) -> String {
        ([source(pipeline.source)] + pipeline.steps.map(step)).joined(separator: " | ")
    }

    // MARK: - Sources and sinks

    static func source(_ source: Source) -> String {
        switch source.kind {
        case .table(let parts):
            return "table " + parts.map { name($0.name) }.joined(separator: ".")
        case .sql(let template):
            return "sql " + string(template)
        case .csv(let path, let options):
            return (["csv " + string(path)] + options.map(option)).joined(separator: " ")
        case .sample(let dataset):
            return "sample " + name(dataset.name)
        case .binding(let binding):
            let reserved = Grammar.sourceKeywords + ["inner", "left", "full", "let", "def"]
            return reserved.contains(binding.name) ? quoted(binding.name) : name(binding.name)
        case .python(let block):
            return "python " + python(block)
        case .parenthesized(let pipeline):
            return "(" + self.pipeline(pipeline) + ")"
        }
    }

    static func sink(_ sink: Sink) -> String {
        switch sink.kind {
        case .table(let parts, let mode):
            let target = "table " + parts.map { name($0.name) }.joined(separator: ".")
            return mode == .create ? target : target + " " + mode.rawValue
        case .csv(let path):
            return "csv " + string(path)
        case .png(let path):
            return "png " + string(path)
        }
    }

    static func option(_ option: Option) -> String {
        name(option.name.name) + "=" + expression(option.value)
    }

    static func python(_ block: PythonBlock) -> String {
        "\"\"\"\n" + block.code + "\"\"\""
    }

    // MARK: - Steps

    static func step(_ step: Step) -> String {
        switch step.kind {
        case .filter(let condition):
            return "filter " + expression(condition)
        case .select(let items):
            return "select " + items.map(assignment).joined(separator: ", ")
        case .drop(let names):
            return "drop " + nameList(names)
        case .derive(let items, let by):
            return "derive " + items.map(assignment).joined(separator: ", ") + byClause(by)
        case .rename(let pairs):
            return "rename " + pairs.map { name($0.new.name) + " = " + name($0.old.name) }.joined(separator: ", ")
        case .summarize(let items, let by):
            return "summarize " + items.map(assignment).joined(separator: ", ") + byClause(by)
        case .sort(let keys):
            return "sort " + keys.map(sortKey).joined(separator: ", ")
        case .take(let count, let offset):
            return "take " + expression(count) + (offset.map { " offset " + expression($0) } ?? "")
        case .sortedDerive(let items, let by, let keys):
            return "derive " + items.map(assignment).joined(separator: ", ") + byClause(by)
                + " sort " + keys.map(sortKey).joined(separator: ", ")
        case .takeBy(let count, let by):
            return "take " + expression(count) + byClause(by)
        case .distinct(let names):
            return names.isEmpty ? "distinct" : "distinct " + nameList(names)
        case .join(let kind, let relation, let condition):
            let prefix = kind == .inner ? "join " : "join \(kind.rawValue) "
            let on: String
            switch condition {
            case .columns(let names): on = nameList(names)
            case .expression(let e): on = expression(e)
            }
            return prefix + source(relation) + " on " + on
        case .append(let relation):
            return "append " + source(relation)
        case .collect:
            return "collect"
        case .summary(let names):
            return names.isEmpty ? "summary" : "summary " + nameList(names)
        case .linmod(let response, let predictors, let intercept):
            return "linmod " + name(response.name) + " ~ " + predictors.map { name($0.name) }.joined(separator: " + ")
                + (intercept ? "" : " - 1")
        case .plot(let kind, let arguments, let options):
            let kindText = Grammar.plotKinds.contains(kind.name) ? kind.name : quoted(kind.name)
            return (["plot", kindText] + arguments.map { name($0.name) } + options.map(option)).joined(separator: " ")
        case .python(let block):
            return "python " + python(block)
        case .call(let callee, let arguments):
            let calleeText = Grammar.verbs.contains(callee.name) ? quoted(callee.name) : name(callee.name)
            return calleeText + "(" + arguments.map { expression($0) }.joined(separator: ", ") + ")"
        }
    }

    private static func assignment(_ item: Assignment) -> String {
        guard let target = item.name else { return expression(item.value) }
        return name(target.name) + " = " + expression(item.value)
    }

    private static func byClause(_ by: [Identifier]) -> String {
        by.isEmpty ? "" : " by " + nameList(by)
    }

    private static func sortKey(_ key: SortKey) -> String {
        let text = expression(key.expression)
        let safe = text.hasPrefix("-") ? "(\(text))" : text
        return key.descending ? "-" + safe : safe
    }

    private static func nameList(_ names: [Identifier]) -> String {
        names.map { name($0.name) }.joined(separator: ", ")
    }

    // MARK: - Expressions

    static func expression(_ e: Expression, _ minimum: Int = Precedence.lowest) -> String {
        let text: String
        switch e.kind {
        case .literal(let value):
            text = literal(value)
        case .column(let column):
            text = name(column.name)
        case .qualifiedColumn(let side, let column):
            text = side.rawValue + "." + name(column.name)
        case .unary(.not, let operand):
            text = "not " + expression(operand, Precedence.not)
        case .unary(.negate, let operand):
            if case .literal(let value) = operand.kind, value.intValue != nil || value.floatValue != nil {
                text = "-(" + expression(operand) + ")"
            } else {
                text = "-" + expression(operand, Precedence.unary)
            }
        case .binary(let op, let left, let right):
            let symbol = op.rawValue
            text = expression(left, op.precedence) + " " + symbol + " " + expression(right, op.precedence + 1)
        case .isNull(let operand, let negated):
            text = expression(operand, Precedence.additive) + (negated ? " is not null" : " is null")
        case .inList(let operand, let items, let negated):
            text = expression(operand, Precedence.additive) + (negated ? " not in (" : " in (")
                + items.map { expression($0) }.joined(separator: ", ") + ")"
        case .between(let operand, let low, let high):
            text = expression(operand, Precedence.additive) + " between " + expression(low, Precedence.additive)
                + " and " + expression(high, Precedence.additive)
        case .call(let function, let arguments) where function.name == "case":
            // case(C1 => V1, …[, else => V]): an odd argument count ends with the else value.
            var parts: [String] = []
            var index = 0
            while index + 1 < arguments.count {
                parts.append(expression(arguments[index]) + " => " + expression(arguments[index + 1]))
                index += 2
            }
            if index < arguments.count { parts.append("else => " + expression(arguments[index])) }
            text = "case(" + parts.joined(separator: ", ") + ")"
        case .call(let function, let arguments):
            text = name(function.name) + "(" + arguments.map { expression($0) }.joined(separator: ", ") + ")"
        }
        return precedence(of: e) < minimum ? "(" + text + ")" : text
    }

    /// How tightly an expression binds when printed (atoms bind tightest).
    static func precedence(of e: Expression) -> Int {
        switch e.kind {
        case .binary(let op, _, _): return op.precedence
        case .isNull, .inList, .between: return Precedence.comparison
        case .unary(.not, _): return Precedence.not
        case .unary(.negate, _): return Precedence.unary
        case .literal(let value):
            if let v = value.intValue, v < 0 { return Precedence.unary }
            if case .float(let v) = value, v < 0 || (v == 0 && v.sign == .minus) { return Precedence.unary }
            return Precedence.unary + 1
        default: return Precedence.unary + 1
        }
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .int(let v): return String(v)
        case .float(let v): return v.isFinite ? "\(v)" : "null"
        case .text(let s): return string(s)
        case .bool(let b): return b ? "true" : "false"
        case .date, .datetime: return "@" + value.description
        case .bytes: return string(value.description)
        }
    }

    // MARK: - Names and strings

    /// A name as written: bare when plain, else in backticks.
    static func name(_ name: String) -> String {
        Grammar.isPlainIdentifier(name) ? name : quoted(name)
    }

    static func quoted(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }

    /// A double-quoted string literal with escapes.
    static func string(_ text: String) -> String {
        "\"" + stringContent(text) + "\""
    }

    /// A string literal with its `$(NAME)` slots written as references.
    static func string(_ template: TemplateText) -> String {
        let content = template.parts.map { part -> String in
            switch part {
            case .text(let text): return stringContent(text)
            case .variable(let name): return "$(" + name + ")"
            }
        }
        return "\"" + content.joined() + "\""
    }

    /// Text escaped for the inside of a `"…"` literal; a `$(` is written `\$(` so that it
    /// reads back as text, not as a script variable.
    private static func stringContent(_ text: String) -> String {
        var out = ""
        let scalars = Array(text.unicodeScalars)
        for (index, c) in scalars.enumerated() {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "$" where index + 1 < scalars.count && scalars[index + 1] == "(": out += "\\$"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
