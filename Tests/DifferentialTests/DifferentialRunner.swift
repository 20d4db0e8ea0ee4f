import Foundation
import RexCompiler
import RexConformanceSupport
import RexData
import RexLanguage

/// The schemas of a case's tables, for the resolver (no connection needed to type-check).
struct FuzzSchemas: SchemaProvider {
    let tables: [String: Table]
    func tableSchema(_ nameParts: [String]) throws -> RexData.Schema? {
        nameParts.count == 1 ? tables[nameParts[0]]?.schema : nil
    }
    func tableNames() -> [String] { tables.keys.sorted() }
    func sqlSchema(_ query: String) throws -> RexData.Schema { throw CaseFileError(message: "no sql sources here") }
    func csvSchema(path: String, separator: String) throws -> RexData.Schema { throw CaseFileError(message: "no csv sources here") }
}

/// What the engines made of one case.
struct Judgement {
    enum Kind { case agree, excluded(String), disagree }
    var kind: Kind
    var outcomes: [(Engine, EngineOutcome)]
    /// Which engines agree with which, and whether each group got a table or an error
    /// (`pandas:table | postgres,sqlite:error`): a minimised case must keep it.
    var signature: String
}

/// A disagreement, minimised, with the conformance case that shows it.
struct Disagreement {
    var original: FuzzCase
    var minimised: FuzzCase
    var judgement: Judgement
    var caseText: String
}

/// Runs generated cases on every engine, compares, minimises.
final class DifferentialRunner {
    let runners: [ConformanceRunner]
    private let compiler: CompilerEnvironment
    /// Engine runs so far (each case is one per engine, plus probes and minimisation).
    private(set) var engineRuns = 0

    init(runners: [ConformanceRunner]) throws {
        self.runners = runners
        compiler = try CompilerEnvironment.withPrelude()
    }

    // MARK: - Checking a case

    /// The tables a pipeline reads.
    func datasets(_ c: FuzzCase) -> [String: Table] {
        c.tables.filter { c.pipeline.tables.contains($0.key) }
    }

    /// The resolver's output schema, or its error (a generated pipeline that does not type-check
    /// is a generator bug).
    func typeCheck(_ pipeline: FuzzPipeline, tables: [String: Table]) -> Result<RexData.Schema, Error> {
        let parsed = parse(pipeline.text)
        if parsed.diagnostics.hasErrors { return .failure(parsed.diagnostics) }
        guard parsed.statements.count == 1, case .pipeline(let p) = parsed.statements[0].kind else {
            return .failure(CaseFileError(message: "not one pipeline"))
        }
        do {
            return .success(try compiler.resolve(p, provider: FuzzSchemas(tables: tables)).schema)
        } catch {
            return .failure(error)
        }
    }

    /// Whether the rows of `pipeline` have a defined order (a sort on every column, then only
    /// order-keeping steps) and whether only counts compare (a `take` without such an order):
    /// the generator's rules, recomputed for a minimised pipeline.
    func orderRules(_ pipeline: FuzzPipeline, tables: [String: Table]) -> (ordered: Bool, countOnly: Bool)? {
        var ordered = false, countOnly = false
        for (index, step) in pipeline.steps.enumerated() {
            switch step {
            case .sort(let keys):
                let before = FuzzPipeline(table: pipeline.table, steps: Array(pipeline.steps[..<index]))
                guard case .success(let schema) = typeCheck(before, tables: tables) else { return nil }
                ordered = Set(keys.map(\.name)) == Set(schema.names)
            case .take:
                if !ordered { countOnly = true }
            case .filter, .select, .drop, .rename:
                break
            case .windowDerive(_, _, let keys):
                // Its sort keys must still be every column (rows that tie are identical), or
                // the candidate's window values depend on the engine's order of ties.
                let before = FuzzPipeline(table: pipeline.table, steps: Array(pipeline.steps[..<index]))
                guard case .success(let schema) = typeCheck(before, tables: tables),
                      Set(keys.map(\.name)) == Set(schema.names) else { return nil }
                ordered = false
            case .takeBy:
                if !ordered { countOnly = true }
            case .derive(let items, _):
                if items.contains(where: { containsAggregate($0.expression) }) { ordered = false }
            case .summarize, .distinct, .join, .append:
                ordered = false
            }
        }
        return (ordered, countOnly)
    }

    private func containsAggregate(_ e: FuzzExpr) -> Bool {
        if case .call(let name, _) = e, AggregateFunction(rawValue: name) != nil { return true }
        return e.children.contains(where: containsAggregate)
    }

    /// Every engine's outcome.
    func outcomes(_ c: FuzzCase) -> [(Engine, EngineOutcome)] {
        let source = c.pipeline.text
        return runners.map { runner in
            engineRuns += 1
            return (runner.engine, runner.outcome(datasets: datasets(c), source: source))
        }
    }

    func judge(_ c: FuzzCase) -> Judgement {
        let results = outcomes(c)
        var classes: [[Int]] = []
        for index in results.indices {
            if let at = classes.firstIndex(where: { same(results[$0[0]].1, results[index].1, c) }) {
                classes[at].append(index)
            } else {
                classes.append([index])
            }
        }
        let signature = classes.map { members in
            members.map { results[$0].0.rawValue }.joined(separator: ",") + ":" + kind(results[members[0]].1)
        }.joined(separator: " | ")
        if classes.count == 1 { return Judgement(kind: .agree, outcomes: results, signature: signature) }
        if let reason = overflowIsRemoved(c, results) {
            return Judgement(kind: .excluded(reason), outcomes: results, signature: signature)
        }
        // docs/LANGUAGE.md: SQLite's text of a float may differ in its 16th–17th significant
        // digit; a value computed from such a text (its length, a comparison) differs with it.
        if c.pipeline.text.contains("text("), classes.count == 2,
           let odd = classes.first(where: { $0.count == 1 }), results[odd[0]].0 == .sqlite,
           case .table = results[odd[0]].1, classes.allSatisfy({ if case .table = results[$0[0]].1 { return true }; return false }) {
            return Judgement(kind: .excluded("SQLite's text of a float in its last digits"), outcomes: results, signature: signature)
        }
        return Judgement(kind: .disagree, outcomes: results, signature: signature)
    }

    private func kind(_ outcome: EngineOutcome) -> String {
        switch outcome {
        case .table: return "table"
        case .compileError: return "compile error"
        case .runtimeError(let message): return isOverflowMessage(message) ? "overflow" : "error"
        case .setupError: return "setup error"
        }
    }

    /// Whether two engines agree: equal tables (floats to 1e-9 relative; in order when the order
    /// is defined; only counts and columns after a `take` without one), or errors on both.
    func same(_ a: EngineOutcome, _ b: EngineOutcome, _ c: FuzzCase) -> Bool {
        switch (a, b) {
        case (.table(let x), .table(let y)):
            if c.countOnly {
                return x.rowCount == y.rowCount && x.schema == y.schema
            }
            if compareResults(actual: x, expected: y, ordered: c.ordered) == nil { return true }
            // docs/LANGUAGE.md: SQLite's text of a float may differ in the 16th and 17th
            // significant digits (its printf and CAST are inexact there); and SPEC §4 lets a
            // computed float differ in its last digits, which its text shows (`text(var(x))`:
            // 1745.4999999999998 in pandas, 1745.5 on PostgreSQL, 1745.5000000000002 on SQLite).
            // The spelling of a float's text is held by the conformance cases.
            return compareResults(actual: Self.floatTextsRounded(x), expected: Self.floatTextsRounded(y), ordered: c.ordered) == nil
        case (.compileError, .compileError), (.runtimeError, .runtimeError), (.compileError, .runtimeError),
             (.runtimeError, .compileError), (.setupError, .setupError):
            return true
        default:
            return false
        }
    }

    /// `table` with every float text inside a text value (alone, or within a `concat`; a number
    /// with a point or an exponent: ints are exact and keep every digit) written with 15
    /// significant digits, so that floats a few ulps apart meet (`1745.5`, `1745.4999999999998`).
    static func floatTextsRounded(_ table: Table) -> Table {
        Table(schema: table.schema, columns: table.columns.map { column in
            guard column.type == .text else { return column }
            return Column(type: .text, values: (0..<column.count).map { row in
                guard case .text(let text) = column[row] else { return column[row] }
                return .text(roundingFloats(in: text))
            })
        })
    }

    private static let floatText = try! NSRegularExpression(pattern: #"-?[0-9]+(\.[0-9]+(e[+-][0-9]+)?|e[+-][0-9]+)"#)

    private static func roundingFloats(in text: String) -> String {
        var result = text
        let whole = NSRange(text.startIndex..., in: text)
        for match in floatText.matches(in: text, range: whole).reversed() {
            guard let range = Range(match.range, in: text), let value = Double(text[range]), value.isFinite else { continue }
            result.replaceSubrange(range, with: String(format: "%.14e", value))
        }
        return result
    }

    /// SPEC §2: "Whether an overflow in a value that a later step removes (a filtered-out row, a
    /// dropped column) raises is unspecified; tests do not depend on it." When some engines fail
    /// with an overflow and others give a table, every earlier stage of the pipeline (each prefix,
    /// and each join or append partner) runs, whole, on the engines that answered: if one of those
    /// overflows too, the overflowing value exists and a later step removed it, so the case is
    /// excluded. Otherwise the overflow is in no value SPEC computes, and it is a disagreement.
    private func overflowIsRemoved(_ c: FuzzCase, _ results: [(Engine, EngineOutcome)]) -> String? {
        let overflowed = results.contains { if case .runtimeError(let m) = $0.1 { return isOverflowMessage(m) }; return false }
        let answered = results.compactMap { result -> ConformanceRunner? in
            guard case .table = result.1 else { return nil }
            return runners.first { $0.engine == result.0 }
        }
        guard overflowed, !answered.isEmpty else { return nil }
        // Which rows a `take` without a total sort keeps is any N rows (SPEC §2), so whether a
        // later step meets an overflowing row depends on the engine's choice.
        if c.countOnly { return "overflow in a row an unsorted take may or may not keep" }
        // docs/LANGUAGE.md (Semantics): "`and`, `or` and `between` may skip an operand whose value
        // cannot change the result (PostgreSQL does), and so may a function with a null argument
        // whose result is then null; whether an overflow there raises is unspecified."
        if c.pipeline.text.contains(" and ") || c.pipeline.text.contains(" or ") {
            return "overflow in an operand of and/or/between the result may not need"
        }
        // docs/LANGUAGE.md: consecutive filters are one condition joined by `and` (SQL engines
        // merge them into one WHERE and evaluate its terms in any order), in the pipeline or in
        // a join or append partner.
        if Self.withPartners(c.pipeline).contains(where: { pipeline in
            zip(pipeline.steps, pipeline.steps.dropFirst()).contains { pair in
                if case .filter = pair.0, case .filter = pair.1 { return true }
                return false
            }
        }) {
            return "overflow in a filter after a filter, one and-condition whose other term may decide"
        }
        if c.pipeline.text.contains("null") {
            return "overflow in an argument next to a null, which the result may not need"
        }
        // The same sentence: `x / 0` and `x % 0` are null, and PostgreSQL folds the null divisor
        // while planning, so it never computes x.
        if c.pipeline.text.range(of: #"[/%] \(*-?0(\.0+)?\)*(\s|$)"#, options: .regularExpression) != nil {
            return "overflow in a dividend of a literal zero divisor, which the null result may not need"
        }
        var stages: [FuzzPipeline] = []
        for length in 1..<max(1, c.pipeline.steps.count) {
            stages.append(FuzzPipeline(table: c.pipeline.table, steps: Array(c.pipeline.steps[..<length])))
        }
        var pipelines = [c.pipeline]
        for step in c.pipeline.steps {
            switch step {
            case .join(_, let partner, _), .append(let partner):
                pipelines.append(partner)
                for length in 1...max(1, partner.steps.count) where !partner.steps.isEmpty {
                    stages.append(FuzzPipeline(table: partner.table, steps: Array(partner.steps[..<length])))
                }
            default: break
            }
        }
        // The same sentence lets a function with a null argument skip the others (its result is
        // null anyway): each argument of a call, computed alone as a column where the call stands.
        for pipeline in pipelines { stages += argumentStages(pipeline) }
        // docs/LANGUAGE.md: a filter after a join may be tested on each side's rows before they
        // are matched (SQL engines push it below the join).
        for pipeline in pipelines { stages += Self.filterBelowJoinStages(pipeline) }
        for stage in stages {
            for runner in answered {
                engineRuns += 1
                if case .runtimeError(let message) = runner.outcome(datasets: datasets(c), source: stage.text),
                   isOverflowMessage(message) {
                    return "overflow in a value a later step removes (\(runner.engine.rawValue) overflows on `\(stage.text)`)"
                }
            }
        }
        return nil
    }

    /// Each filter of `p` tested where a SQL engine may push it (docs/LANGUAGE.md): walking back
    /// over steps that keep the columns it reads as they are (filters, sorts, drops, derives and
    /// selects that do not define them), at the first join met, on the rows of both of its inputs.
    static func filterBelowJoinStages(_ p: FuzzPipeline) -> [FuzzPipeline] {
        var result: [FuzzPipeline] = []
        for (index, step) in p.steps.enumerated() {
            guard case .filter(let condition) = step else { continue }
            let reads = Set(condition.columnNames)
            var below = index - 1
            walk: while below >= 0 {
                switch p.steps[below] {
                case .filter, .sort, .drop:
                    break
                case .derive(let items, let by) where by.isEmpty && reads.isDisjoint(with: items.map(\.name)):
                    break
                case .select(let items) where reads.allSatisfy({ name in items.contains { $0.name == name && $0.expression == .column(name) } }):
                    break
                case .join(_, let partner, _):
                    result.append(FuzzPipeline(table: p.table, steps: Array(p.steps[..<below]) + [.filter(condition)]))
                    result.append(FuzzPipeline(table: partner.table, steps: partner.steps + [.filter(condition)]))
                    // Not below an earlier join: a name after this one may be its partner's,
                    // where the left input's column of that name was renamed `…_left`.
                    break walk
                default:
                    break walk
                }
                below -= 1
            }
        }
        return result
    }

    /// `p` and every join or append partner in it, at any depth.
    private static func withPartners(_ p: FuzzPipeline) -> [FuzzPipeline] {
        [p] + p.steps.flatMap { step -> [FuzzPipeline] in
            switch step {
            case .join(_, let partner, _), .append(let partner): return withPartners(partner)
            default: return []
            }
        }
    }

    /// For each call with several arguments in a row-wise step (not `if`, `case` or `coalesce`,
    /// which SPEC says compute an argument only where needed): the steps before it, then each
    /// argument derived alone as `fuzz_arg` (after the step's earlier items, which it may read).
    private func argumentStages(_ p: FuzzPipeline) -> [FuzzPipeline] {
        var result: [FuzzPipeline] = []
        for (index, step) in p.steps.enumerated() {
            let items: [FuzzItem]
            switch step {
            case .select(let list): items = list
            case .derive(let list, let by) where by.isEmpty: items = list
            case .filter(let e): items = [FuzzItem(name: "fuzz_condition", expression: e)]
            default: continue
            }
            for (position, item) in items.enumerated() where !containsAggregate(item.expression) {
                for argument in Self.callArguments(item.expression) {
                    var steps = Array(p.steps[..<index])
                    let earlier = items[..<position].filter { !containsAggregate($0.expression) }
                    if case .filter = step {} else if !earlier.isEmpty { steps.append(.derive(Array(earlier), by: [])) }
                    steps.append(.derive([FuzzItem(name: "fuzz_arg", expression: argument)], by: []))
                    result.append(FuzzPipeline(table: p.table, steps: steps))
                }
            }
        }
        return result
    }

    /// Arguments (not bare columns or literals) of every call with more than one argument in `e`,
    /// and operands of every binary operator (PostgreSQL folds `x - NULL` to null while planning,
    /// never computing x, as it does a function call with a null argument).
    private static func callArguments(_ e: FuzzExpr) -> [FuzzExpr] {
        var found: [FuzzExpr] = []
        var operands: [FuzzExpr] = []
        if case .call(let name, let arguments) = e, arguments.count > 1, !["if", "case", "coalesce"].contains(name) {
            operands = arguments
        }
        if case .binary(_, let left, let right) = e { operands = [left, right] }
        for argument in operands {
            switch argument {
            case .literal, .column, .side: break
            default: found.append(argument)
            }
        }
        for child in e.children { found += callArguments(child) }
        return found
    }

    // MARK: - Minimising

    /// Smaller versions of `c` (steps, items, keys, expressions, partner steps, rows, columns)
    /// while the engines still split the same way; at most `seconds` of engine runs.
    func minimise(_ c: FuzzCase, signature: String, seconds: Double) -> (FuzzCase, Judgement) {
        let deadline = Date().addingTimeInterval(seconds)
        var best = c
        var bestJudgement = judge(c)
        var improved = true
        while improved, Date() < deadline {
            improved = false
            for candidate in candidates(best) where Date() < deadline {
                guard case .success = typeCheck(candidate.pipeline, tables: candidate.tables),
                      let rules = orderRules(candidate.pipeline, tables: candidate.tables) else { continue }
                var next = candidate
                next.ordered = rules.ordered
                next.countOnly = rules.countOnly
                let judgement = judge(next)
                if case .disagree = judgement.kind, judgement.signature == signature {
                    best = next
                    bestJudgement = judgement
                    improved = true
                    break
                }
            }
        }
        return (best, bestJudgement)
    }

    private func candidates(_ c: FuzzCase) -> [FuzzCase] {
        var result: [FuzzCase] = []
        func with(_ pipeline: FuzzPipeline) -> FuzzCase { var copy = c; copy.pipeline = pipeline; return copy }
        for pipeline in smallerPipelines(c.pipeline) { result.append(with(pipeline)) }
        // Rows: halves first, then one at a time; then columns.
        for name in c.tables.keys.sorted() {
            let table = c.tables[name]!
            let rows = Array(0..<table.rowCount)
            var subsets: [[Int]] = []
            if rows.count > 3 { subsets += [Array(rows[..<(rows.count / 2)]), Array(rows[(rows.count / 2)...])] }
            if rows.count > 0 { subsets += rows.map { drop in rows.filter { $0 != drop } } }
            for subset in subsets {
                var copy = c
                copy.tables[name] = Table(schema: table.schema, columns: table.columns.map { column in
                    Column(type: column.type, values: subset.map { column[$0] })
                })
                result.append(copy)
            }
            if table.schema.fields.count > 1 {
                for drop in table.schema.fields.indices {
                    var copy = c
                    var fields = table.schema.fields, columns = table.columns
                    fields.remove(at: drop)
                    columns.remove(at: drop)
                    copy.tables[name] = Table(schema: RexData.Schema(fields), columns: columns)
                    result.append(copy)
                }
            }
            // Values: a cell to null.
            for (columnIndex, column) in table.columns.enumerated() {
                for row in rows where !column[row].isNull {
                    var copy = c
                    var values = (0..<column.count).map { column[$0] }
                    values[row] = .null
                    var columns = table.columns
                    columns[columnIndex] = Column(type: column.type, values: values)
                    copy.tables[name] = Table(schema: table.schema, columns: columns)
                    result.append(copy)
                }
            }
        }
        return result
    }

    /// Pipelines with one thing less or simpler.
    private func smallerPipelines(_ p: FuzzPipeline) -> [FuzzPipeline] {
        var result: [FuzzPipeline] = []
        // Shorter prefixes, then each step left out.
        for length in 0..<p.steps.count { result.append(FuzzPipeline(table: p.table, steps: Array(p.steps[..<length]))) }
        for index in p.steps.indices {
            var steps = p.steps
            steps.remove(at: index)
            result.append(FuzzPipeline(table: p.table, steps: steps))
        }
        // Each step made smaller.
        for (index, step) in p.steps.enumerated() {
            for smaller in smallerSteps(step) {
                var steps = p.steps
                steps[index] = smaller
                result.append(FuzzPipeline(table: p.table, steps: steps))
            }
        }
        return result
    }

    private func smallerSteps(_ step: FuzzStep) -> [FuzzStep] {
        func fewer<T>(_ items: [T]) -> [[T]] {
            items.count < 2 ? [] : items.indices.map { i in var copy = items; copy.remove(at: i); return copy }
        }
        func simpler(_ items: [FuzzItem]) -> [[FuzzItem]] {
            var result: [[FuzzItem]] = []
            for (i, item) in items.enumerated() {
                for e in item.expression.simplifications {
                    var copy = items
                    copy[i].expression = e
                    result.append(copy)
                }
            }
            return result
        }
        switch step {
        case .filter(let e): return e.simplifications.map { .filter($0) }
        case .select(let items): return (fewer(items) + simpler(items)).map { .select($0) }
        case .derive(let items, let by):
            return (fewer(items) + simpler(items)).map { .derive($0, by: by) }
                + (by.isEmpty ? [] : [.derive(items, by: [])]) + fewer(by).map { .derive(items, by: $0) }
        case .summarize(let items, let by):
            return (fewer(items) + simpler(items)).map { .summarize($0, by: by) }
                + (by.isEmpty ? [] : [.summarize(items, by: [])]) + fewer(by).map { .summarize(items, by: $0) }
        case .windowDerive(let items, let by, let keys):
            // The sort keys stay whole: rows that tie on them must stay identical.
            return (fewer(items) + simpler(items)).map { .windowDerive($0, by: by, sort: keys) }
                + (by.isEmpty ? [] : [.windowDerive(items, by: [], sort: keys)]) + fewer(by).map { .windowDerive(items, by: $0, sort: keys) }
        case .takeBy(let n, let by):
            return (n > 1 ? [.takeBy(1, by: by)] : []) + fewer(by).map { .takeBy(n, by: $0) }
        case .drop(let names): return fewer(names).map { .drop($0) }
        case .rename(let pairs): return fewer(pairs).map { .rename($0) }
        case .sort(let keys): return fewer(keys).map { .sort($0) }
        case .take(let n, let offset):
            return (offset == nil ? [] : [.take(n, offset: nil)]) + (n > 1 ? [.take(1, offset: offset)] : [])
        case .distinct(let names): return (names.isEmpty ? [] : [.distinct([])]) + fewer(names).map { .distinct($0) }
        case .join(let kind, let partner, let on):
            var result: [FuzzStep] = smallerPipelines(partner).map { .join(kind: kind, partner: $0, on: on) }
            if kind != "inner" { result.append(.join(kind: "inner", partner: partner, on: on)) }
            switch on {
            case .columns(let names): result += fewer(names).map { .join(kind: kind, partner: partner, on: .columns($0)) }
            case .expression(let e): result += e.simplifications.map { .join(kind: kind, partner: partner, on: .expression($0)) }
            }
            return result
        case .append(let partner):
            return smallerPipelines(partner).map { .append($0) }
        }
    }

    // MARK: - The conformance case

    /// `c` as a conformance case (Tests/conformance/README.md): its data, its pipeline, the
    /// majority's result as the expectation and every engine's result in a note.
    func caseText(_ c: FuzzCase, _ judgement: Judgement, name: String) -> String {
        var lines = ["=== \(name)"]
        for (table, data) in datasets(c).sorted(by: { $0.key < $1.key }) {
            lines.append("--- data \(table)")
            lines += tableLines(data)
        }
        lines += ["--- pipeline", c.pipeline.text]
        // The expectation: what most engines said (check it against SPEC §2 before use).
        let counts = judgement.outcomes.map { outcome in judgement.outcomes.filter { same($0.1, outcome.1, c) }.count }
        let majority = judgement.outcomes[counts.firstIndex(of: counts.max() ?? 0) ?? 0].1
        switch majority {
        case .table(let table):
            lines.append("--- expect")
            lines += tableLines(table)
        case .compileError(let message), .runtimeError(let message), .setupError(let message):
            lines += ["--- expect error", isOverflowMessage(message) ? "overflow" : String(headline(message).prefix(60))]
        }
        lines.append("--- note")
        lines.append("Found by the differential fuzzer (REX_FUZZ_SEED=\(c.seed), case \(c.index)); engines split as \(judgement.signature).")
        if c.countOnly {
            lines.append("Compared: row counts and columns only (take without a total sort); the case format compares rows, so end the pipeline with `| summarize n = count()` to keep just the count.")
        }
        else if c.ordered { lines.append("Compared: in order.") } else { lines.append("Compared: as multisets.") }
        lines.append("Expectation above: the majority's result; check it against SPEC §2. Results:")
        for (engine, outcome) in judgement.outcomes {
            switch outcome {
            case .table(let table):
                lines.append("\(engine.rawValue): \(table.rowCount) rows")
                lines += tableLines(table).prefix(13).map { "  " + $0 }
            case .compileError(let message), .runtimeError(let message), .setupError(let message):
                lines.append("\(engine.rawValue): error: \(headline(message))")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// What went wrong, in one line: the last line of a Python traceback, else the first line
    /// (a server error's message comes before the SQL it quotes).
    private func headline(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let line = message.contains("Traceback") ? lines.last : lines.first
        return String((line ?? "").prefix(300))
    }

    private func tableLines(_ table: Table) -> [String] {
        [table.schema.fields.map { "\($0.name):\($0.type.rawValue)" }.joined(separator: ",")]
            + (0..<table.rowCount).map { row in table.row(row).map(cell).joined(separator: ",") }
    }

    private func cell(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .text(let text):
            // A line break cannot be in a case's cell: shown as \n (such a row needs rewriting by hand).
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
        default: return value.description
        }
    }
}
