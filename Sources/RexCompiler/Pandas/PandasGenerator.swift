import RexData
import RexLanguage

/// Compiled pandas code for one pipeline, with the inputs the executor must provide.
public struct PandasProgram: Sendable, Hashable {
    /// Python code. It starts with `import _rex` and leaves the pipeline's value
    /// (a DataFrame, PNG bytes, or a user block's `result`) in `result`.
    public var code: String
    /// The `table`, `sql` and `csv` leaves: bind the frame of `inputs[i]` as the
    /// variable `PandasProgram.inputVariable(i)` (`_source0`, `_source1`, …) when running `code`.
    public var inputs: [IRSource]
    /// Bundled samples the code reads with `_rex.sample(NAME)`: register each once
    /// with `_rex.register_sample(NAME, frame_or_loader)`.
    public var samples: [String]
    /// Collected `let` bindings the code reads with `_rex.binding(NAME)`: register each
    /// with `_rex.register_binding(NAME, frame)` when it is collected.
    public var bindings: [String]
    /// The script variables of each user block that references some (SPEC §5): bind
    /// `PandasProgram.variablesInput(i)` to a one-row frame of `variables[i]`
    /// (`scriptVariablesFrame`); the block reads them as the dict `rexvars`.
    public var variables: [[String: String]] = []

    /// Where each user `python` block written inline starts in `code`: its first line is
    /// line `programLine` (1-based) of `code` and line `scriptLine` of the user's script,
    /// so tracebacks can be mapped back.
    public var blocks: [(programLine: Int, scriptLine: Int)]

    public static func == (a: PandasProgram, b: PandasProgram) -> Bool {
        a.code == b.code && a.inputs == b.inputs && a.samples == b.samples && a.bindings == b.bindings
            && a.variables == b.variables
            && a.blocks.map(\.programLine) == b.blocks.map(\.programLine)
            && a.blocks.map(\.scriptLine) == b.blocks.map(\.scriptLine)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(inputs)
    }

    /// The variable that holds the frame of `inputs[index]`.
    public static func inputVariable(_ index: Int) -> String { "_source\(index)" }

    /// The variable that holds the frame of `variables[index]`.
    public static func variablesInput(_ index: Int) -> String { "_rexvars\(index)" }

    /// One row, one column per variable (named by it): an int column for a value that is an
    /// integer literal, else text. `_rex.script_variables` turns it into the dict `rexvars`.
    public static func scriptVariablesFrame(_ variables: [String: String]) -> Table {
        let names = variables.keys.sorted()
        let values = names.map { ScriptVariables.literal(variables[$0] ?? "") }
        let fields = zip(names, values).map { name, value in Field(name, value.isInt ? .int : .text) }
        return Table(schema: Schema(fields), columns: values.map { Column(type: $0.isInt ? .int : .text, values: [$0]) })
    }
}

private extension Value {
    var isInt: Bool { if case .int = self { return true }; return false }
}

/// Generates readable pandas code from the typed relational IR (SPEC §3).
///
/// Contract:
/// - The code starts with `import _rex`; the pipeline's frame lives in `df` (other
///   relations, such as the right side of a join, in `df2`, `df3`, …); the last line is
///   `result = df`.
/// - `table`/`sql`/`csv` leaves read the variables `_source0`, `_source1`, … (numbered in
///   `inputs` order: depth first, left before right), which the executor binds;
///   `sample NAME` reads `_rex.sample("NAME")`; a collected `let` reads
///   `_rex.binding("NAME")`; a `python` block runs as written with its input in `df` and
///   must set `result`.
public struct PandasGenerator {
    public init() {}

    /// The code for `relation` (see `program(_:)` for its inputs).
    public func generate(_ relation: Relation) throws -> String {
        try program(relation).code
    }

    /// The code for `relation` and the inputs it reads.
    public func program(_ relation: Relation) throws -> PandasProgram {
        let writer = PandasWriter()
        writer.line("import _rex")
        try writer.emit(FilterPushdown.rewrite(relation), into: "df")
        writer.line("result = df")
        var program = PandasProgram(code: writer.lines.joined(separator: "\n") + "\n", inputs: writer.inputs,
                                    samples: writer.samples, bindings: writer.bindings, blocks: writer.blocks)
        program.variables = writer.variables
        return program
    }
}

/// Accumulates the lines of one program.
final class PandasWriter {
    private(set) var lines: [String] = []
    private(set) var inputs: [IRSource] = []
    private(set) var samples: [String] = []
    private(set) var bindings: [String] = []
    private(set) var blocks: [(programLine: Int, scriptLine: Int)] = []
    private(set) var variables: [[String: String]] = []
    private var frameCounter = 1
    private var blockCounter = 0

    func line(_ text: String) { lines.append(text) }

    private func newFrame() -> String {
        frameCounter += 1
        return "df\(frameCounter)"
    }

    /// Appends code that leaves the value of `relation` in variable `v`.
    func emit(_ relation: Relation, into v: String) throws {
        let rows = PandasExpressionEmitter(frame: v, mode: .rows)
        switch relation.kind {
        case .scan(let source):
            try scan(source, into: v)

        case .filter(let input, let predicate):
            try emit(input, into: v)
            let mask = try rows.emit(predicate)
            if PandasExpressionEmitter.isSeries(predicate) {
                line("\(v) = \(v)[_rex.true(\(mask))]")
            } else {
                // A constant condition is computed only when the frame has rows (`_rex.true`).
                let lazy: String
                if case .literal = predicate.kind { lazy = mask } else { lazy = "lambda: " + mask }
                line("\(v) = \(v)[_rex.true(\(lazy), \(v))]")
            }

        case .project(let input, let items):
            try emit(input, into: v)
            // A python block's columns are known only at run time: there, name every column.
            try project(items, input: containsPython(input) ? [] : input.schema.names, frame: v)

        case .aggregate(let input, let keys, let items):
            try emit(input, into: v)
            try aggregate(keys: keys, items: items, frame: v)

        case .window(let input, let partition, let items):
            try emit(input, into: v)
            line("g = _rex.groups(\(v), \(PythonLiteral.stringList(partition)))")
            let windowed = PandasExpressionEmitter(frame: v, mode: .window(groups: "g"))
            // A replaced column keeps its place even when the executor did not fetch it (pruned).
            let inputNames = input.schema.names
            let outputNames = inputNames + items.map(\.name).filter { !inputNames.contains($0) }
            let order = items.contains { inputNames.contains($0.name) } ? ["_order=" + PythonLiteral.stringList(outputNames)] : []
            line("\(v) = " + PythonLiteral.call("_rex.derive", [v] + order + (try columns(items, windowed))))

        case .sortedWindow(let input, let partition, let order, let items):
            // The runtime orders the rows (stable, by group then keys, nulls last), computes on
            // plain arrays with explicit null and overflow rules, and returns values in the
            // input's row order; aggregates given the ordered groups are running values.
            try emit(input, into: v)
            let parts = try order.map { key -> String in
                let code = try PandasExpressionEmitter.rowValues(key.expression, over: v)
                return "(\(code), \(key.descending ? "True" : "False"))"
            }
            line("g = _rex.ordered_groups(\(v), \(PythonLiteral.stringList(partition)), [\(parts.joined(separator: ", "))])")
            let windowed = PandasExpressionEmitter(frame: v, mode: .sortedWindow(groups: "g"))
            line("\(v) = " + PythonLiteral.call("_rex.derive", [v] + (try columns(items, windowed))))

        case .takePerGroup(let input, let count, let partition):
            // The first rows of each group in the frame's current order (null keys one group).
            try emit(input, into: v)
            line("\(v) = _rex.take_per_group(\(v), \(PythonLiteral.stringList(partition)), \(count))")

        case .sort(let input, let keys):
            try emit(input, into: v)
            let parts = try keys.map { key -> String in
                let code = try PandasExpressionEmitter.rowValues(key.expression, over: v)
                return "(\(code), \(key.descending ? "True" : "False"))"
            }
            line("\(v) = _rex.sort(\(v), [\(parts.joined(separator: ", "))])")

        case .limit(let input, let count, let offset):
            try emit(input, into: v)
            let (end, overflow) = offset.addingReportingOverflow(max(count, 0))
            line(overflow ? "\(v) = \(v).iloc[\(offset):]" : "\(v) = \(v).iloc[\(offset):\(end)]")

        case .distinct(let input):
            try emit(input, into: v)
            line("\(v) = _rex.distinct(\(v))")

        case .join(let kind, let left, let right, let condition, let output):
            try emit(left, into: v)
            let other = newFrame()
            try emit(right, into: other)
            line("\(v) = " + (try join(kind, v, other, condition, output)))

        case .append(let top, let bottom):
            try emit(top, into: v)
            let other = newFrame()
            try emit(bottom, into: other)
            line("\(v) = _rex.append(\(v), \(other))")

        case .collect(let input):
            // Local pandas data is already collected.
            try emit(input, into: v)

        case .analytic(let input, let step):
            try emit(input, into: v)
            try analytic(step, frame: v, schema: input.schema)
        }
    }

    // MARK: - Sources

    private func scan(_ source: IRSource, into v: String) throws {
        switch source {
        case .table(let parts):
            input(source, "table " + PythonLiteral.comment(parts.joined(separator: ".")), into: v)
        case .sql(let query):
            input(source, "sql " + PythonLiteral.comment(query.written), into: v)
        case .csv(let path, _):
            input(source, "csv " + PythonLiteral.comment(path), into: v)
        case .sample(let name):
            if !samples.contains(name) { samples.append(name) }
            line("\(v) = _rex.sample(\(PythonLiteral.string(name)))")
        case .localData(let name):
            if !bindings.contains(name) { bindings.append(name) }
            line("\(v) = _rex.binding(\(PythonLiteral.string(name)))")
        case .python(let block):
            userBlock(block, input: nil, into: v)
        }
    }

    private func input(_ source: IRSource, _ description: String, into v: String) {
        line("\(v) = \(PandasProgram.inputVariable(inputs.count))  # \(description)")
        inputs.append(source)
    }

    /// A user `python` block: as written when its frame is `df`; otherwise (the right
    /// side of a join) in its own namespace, so it cannot clobber the pipeline's variables.
    /// Its script variables arrive as the dict `rexvars` (its code reads `rexvars["NAME"]`).
    private func userBlock(_ block: PythonBlock, input: String?, into v: String, user: String? = nil) {
        let code = dedent(block.runnableCode)
        var rexvars: String?
        if !block.variables.isEmpty {
            rexvars = "_rex.script_variables(\(PandasProgram.variablesInput(variables.count)))"
            variables.append(block.variables)
        }
        if v == "df" {
            // The user sees a plain frame: rows numbered 0…n-1 (filters leave gaps).
            line(input == nil ? "df = None" : "df = \(user ?? "df").reset_index(drop=True)")
            if let rexvars { line("rexvars = " + rexvars) }
            line("# python block (line \(block.firstLine))")
            blocks.append((lines.count + 1, block.firstLine))
            lines.append(contentsOf: code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            line("df = _rex.nullable(result)")
        } else {
            blockCounter += 1
            let ns = "_block\(blockCounter)"
            let frame = input.map { (user ?? $0) + ".reset_index(drop=True)" } ?? "None"
            line("\(ns) = {\"_rex\": _rex, \"df\": \(frame)\(rexvars.map { ", \"rexvars\": " + $0 } ?? "")}")
            line("exec(\(PythonLiteral.string(code)), \(ns))")
            line("\(v) = _rex.nullable(\(ns)[\"result\"])")
        }
    }

    // MARK: - Verbs

    /// `df[[…]]` when only keeping columns, `_rex.derive` when adding or replacing columns
    /// (every input column kept in place), else `_rex.select`.
    private func project(_ items: [NamedExpression], input: [String], frame v: String) throws {
        let rows = PandasExpressionEmitter(frame: v, mode: .rows)
        func isPlain(_ item: NamedExpression) -> Bool {
            if case .column(let name) = item.expression.kind { return name == item.name }
            return false
        }
        if items.allSatisfy(isPlain) {
            line("\(v) = \(v)[\(PythonLiteral.stringList(items.map(\.name)))]")
            return
        }
        let names = items.map(\.name)
        if !input.isEmpty, names.count >= input.count, Array(names.prefix(input.count)) == input,
           Set(names).count == names.count {
            let changed = items.filter { !isPlain($0) }
            // A replaced column keeps its place even when the executor did not fetch it (pruned).
            let order = changed.contains { input.contains($0.name) } ? ["_order=" + PythonLiteral.stringList(names)] : []
            line("\(v) = " + PythonLiteral.call("_rex.derive", [v] + order + (try columns(changed, rows))))
            return
        }
        line("\(v) = " + PythonLiteral.call("_rex.select", [v] + (try columns(items, rows))))
    }

    /// The code of an output column: a constant (it reads no column) as `_rex.const`, computed
    /// only when the frame has rows (`lambda: …` unless it is a literal), as a SQL engine
    /// computes it per row: `derive k = int(1e40)` over no rows raises nothing anywhere.
    private static func column(_ code: String, of expression: IRExpression) -> String {
        PandasExpressionEmitter.isSeries(expression) ? code : PandasExpressionEmitter.constant(code, of: expression)
    }

    private func columns(_ items: [NamedExpression], _ emitter: PandasExpressionEmitter) throws -> [String] {
        let parts = try items.map { item -> (name: String, code: String) in
            return (item.name, Self.column(try emitter.emit(item.expression), of: item.expression))
        }
        return PythonLiteral.keywordArgumentList(parts)
    }

    private func aggregate(keys: [NamedExpression], items: [NamedExpression], frame v: String) throws {
        let rows = PandasExpressionEmitter(frame: v, mode: .rows)
        if keys.isEmpty {
            let emitter = PandasExpressionEmitter(frame: v, mode: .aggregate(groups: nil, keys: [:]))
            line("\(v) = " + PythonLiteral.call("_rex.frame", try columns(items, emitter)))
            return
        }
        // Computed keys are added under temporary names first, so they cannot hide input columns.
        var keyColumns: [String: String] = [:]
        var computed: [(name: String, code: String)] = []
        var groupColumns: [String] = []
        for (i, key) in keys.enumerated() {
            if case .column(let name) = key.expression.kind {
                keyColumns[key.name] = name
                groupColumns.append(name)
            } else {
                let temp = "_key\(i)"
                computed.append((temp, Self.column(try rows.emit(key.expression), of: key.expression)))
                keyColumns[key.name] = temp
                groupColumns.append(temp)
            }
        }
        if !computed.isEmpty {
            line("\(v) = " + PythonLiteral.call("_rex.derive", [v] + PythonLiteral.keywordArgumentList(computed)))
        }
        line("g = _rex.groups(\(v), \(PythonLiteral.stringList(groupColumns)))")
        let emitter = PandasExpressionEmitter(frame: v, mode: .aggregate(groups: "g", keys: keyColumns))
        var parts: [(name: String, code: String)] = keys.map { key in
            (key.name, "g.key(\(PythonLiteral.string(keyColumns[key.name] ?? key.name)))")
        }
        for item in items {
            parts.append((item.name, Self.column(try emitter.emit(item.expression), of: item.expression)))
        }
        line("\(v) = " + PythonLiteral.call("_rex.frame", PythonLiteral.keywordArgumentList(parts)))
    }

    private func join(_ kind: JoinKind, _ left: String, _ right: String, _ condition: IRExpression,
                      _ output: [NamedJoinOutput]) throws -> String {
        var pairs: [(String, String)] = []
        var rest: [IRExpression] = []
        for part in conjuncts(condition) {
            if case .binary(.equal, let a, let b) = part.kind {
                if case .sideColumn(.this, let l) = a.kind, case .sideColumn(.that, let r) = b.kind {
                    pairs.append((l, r)); continue
                }
                if case .sideColumn(.that, let r) = a.kind, case .sideColumn(.this, let l) = b.kind {
                    pairs.append((l, r)); continue
                }
            }
            if case .literal(.bool(true)) = part.kind { continue }
            rest.append(part)
        }
        var args = [left, right, PythonLiteral.string(kind.rawValue)]
        let on = pairs.map { "(\(PythonLiteral.string($0.0)), \(PythonLiteral.string($0.1)))" }
        args.append("on=[" + on.joined(separator: ", ") + "]")
        let out = output.map { item -> String in
            let name = PythonLiteral.string(item.name)
            switch item.source {
            case .left(let c): return "(\(name), \"left\", \(PythonLiteral.string(c)))"
            case .right(let c): return "(\(name), \"right\", \(PythonLiteral.string(c)))"
            case .coalesced(let l, let r):
                return "(\(name), \"coalesce\", \(PythonLiteral.string(l)), \(PythonLiteral.string(r)))"
            }
        }
        args.append("output=[" + out.joined(separator: ", ") + "]")
        if !rest.isEmpty {
            let emitter = PandasExpressionEmitter(frame: left, mode: .join)
            let codes = try rest.map { part -> String in
                let code = try emitter.emit(part)
                switch part.kind {
                case .binary, .unary: return "(" + code + ")"
                default: return code
                }
            }
            args.append("where=lambda this, that: " + codes.joined(separator: " & "))
        }
        return PythonLiteral.call("_rex.join", args)
    }

    private func containsPython(_ relation: Relation) -> Bool {
        switch relation.kind {
        case .scan(.python), .analytic(_, .python): return true
        default: return relation.inputs.contains(where: containsPython)
        }
    }

    private func conjuncts(_ e: IRExpression) -> [IRExpression] {
        if case .binary(.and, let l, let r) = e.kind { return conjuncts(l) + conjuncts(r) }
        return [e]
    }

    /// `_rex.user_frame(v, {…})` when `schema` has dates or datetimes: user-facing steps see
    /// them as datetime64 (or date/datetime objects), not as the runtime's day numbers.
    private func userFrame(_ v: String, schema: Schema) -> String {
        let dated = schema.fields.filter { $0.type == .date || $0.type == .datetime }
        guard !dated.isEmpty else { return v }
        let items = dated.map { PythonLiteral.string($0.name) + ": " + PythonLiteral.string($0.type.rawValue) }
        return "_rex.user_frame(\(v), {" + items.joined(separator: ", ") + "})"
    }

    private func analytic(_ step: AnalyticStep, frame v: String, schema: Schema) throws {
        let user = userFrame(v, schema: schema)
        var isPython = false
        if case .python = step { isPython = true }
        if user != v && !isPython { line("\(v) = \(user)") }
        switch step {
        case .summary(let columns):
            line("\(v) = _rex.summary(\(v), \(PythonLiteral.stringList(columns)))")
        case .linmod(let response, let predictors, let intercept):
            line("\(v) = _rex.linmod(\(v), \(PythonLiteral.string(response)), \(PythonLiteral.stringList(predictors))"
                 + (intercept ? ")" : ", intercept=False)"))
        case .plot(let kind, let arguments, let options):
            let opts = options.keys.sorted().map { key in
                PythonLiteral.string(key) + ": " + PythonLiteral.value(options[key] ?? .null)
            }
            line("\(v) = _rex.plot(\(v), \(PythonLiteral.string(kind)), \(PythonLiteral.stringList(arguments)), "
                 + "{\(opts.joined(separator: ", "))})")
        case .python(let block):
            userBlock(block, input: v, into: v, user: user)
        }
    }

    /// Removes the common leading whitespace of the non-blank lines.
    private func dedent(_ code: String) -> String {
        let rows = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let indents = rows.filter { !$0.allSatisfy { $0 == " " || $0 == "\t" } }
            .map { $0.prefix { $0 == " " || $0 == "\t" }.count }
        let common = indents.min() ?? 0
        guard common > 0 else { return code }
        return rows.map { $0.count >= common ? String($0.dropFirst(common)) : "" }
            .joined(separator: "\n")
    }
}
