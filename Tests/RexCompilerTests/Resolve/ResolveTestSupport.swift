import RexCompiler
import RexData
import RexLanguage

/// A schema provider over fixed tables: a real, in-memory implementation of the protocol.
struct FixedSchemas: SchemaProvider {
    struct Unavailable: Error {}

    var tables: [String: Schema] = [
        "flights": Schema([Field("carrier", .text), Field("dep", .int), Field("delay", .float)]),
        "carriers": Schema([Field("carrier", .text), Field("name", .text), Field("dep", .int)]),
        "rates": Schema([Field("dep", .float), Field("rate", .float)]),
        "sales.orders": Schema([Field("id", .int), Field("amount", .float), Field("day", .date)]),
    ]
    var sql: [String: Schema] = ["SELECT 1 AS one": Schema([Field("one", .int)])]

    func tableSchema(_ nameParts: [String]) throws -> Schema? { tables[nameParts.joined(separator: ".")] }
    func tableNames() -> [String] { tables.keys.sorted() }
    func sqlSchema(_ query: String) throws -> Schema {
        guard let schema = sql[query] else { throw Unavailable() }
        return schema
    }
    func csvSchema(path: String, separator: String) throws -> Schema {
        Schema([Field("path", .text), Field("sep", .text)])
    }
}

/// Builds ASTs by hand with real spans: each name is located in `text`, the source line(s)
/// a parser would have read, so diagnostics can be checked for line and column.
struct SourceText {
    let text: String

    init(_ text: String) { self.text = text }

    /// The span of the `occurrence`-th appearance of `fragment` in the text.
    func span(_ fragment: String, _ occurrence: Int = 1) -> SourceSpan {
        let bytes = Array(text.utf8), needle = Array(fragment.utf8)
        var found = 0, start = 0
        var index = 0
        while index + needle.count <= bytes.count {
            if Array(bytes[index..<index + needle.count]) == needle {
                found += 1
                if found == occurrence { start = index; break }
            }
            index += 1
        }
        precondition(found == occurrence, "'\(fragment)' #\(occurrence) not in \(text)")
        return SourceSpan(start: location(start), end: location(start + needle.count))
    }

    private func location(_ offset: Int) -> SourceLocation {
        let before = Array(text.utf8)[..<offset]
        let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return SourceLocation(line: line, column: column, offset: offset)
    }

    var whole: SourceSpan { SourceSpan(start: location(0), end: location(text.utf8.count)) }

    func id(_ name: String, _ occurrence: Int = 1) -> Identifier { Identifier(name, span: span(name, occurrence)) }
    func col(_ name: String, _ occurrence: Int = 1) -> Expression { Expression(.column(id(name, occurrence)), span: span(name, occurrence)) }
    func int(_ value: Int64, _ occurrence: Int = 1) -> Expression { Expression(.literal(.int(value)), span: span(String(value), occurrence)) }
    func float(_ written: String, _ occurrence: Int = 1) -> Expression {
        Expression(.literal(.float(Double(written) ?? .nan)), span: span(written, occurrence))
    }
    func text(_ value: String, _ occurrence: Int = 1) -> Expression {
        Expression(.literal(.text(value)), span: span("\"\(value)\"", occurrence))
    }
    func null(_ occurrence: Int = 1) -> Expression { Expression(.literal(.null), span: span("null", occurrence)) }
    func call(_ name: String, _ arguments: Expression..., occurrence: Int = 1) -> Expression {
        let nameSpan = span(name + "(", occurrence)
        let callSpan = arguments.last.map { nameSpan.union($0.span) } ?? nameSpan
        return Expression(.call(name: Identifier(name, span: span(name, occurrence)), arguments: arguments), span: callSpan)
    }

    func sample(_ name: String) -> RexLanguage.Source { RexLanguage.Source(.sample(id(name)), span: span(name)) }
    func table(_ name: String) -> RexLanguage.Source { RexLanguage.Source(.table([id(name)]), span: span(name)) }
    func binding(_ name: String) -> RexLanguage.Source { RexLanguage.Source(.binding(id(name)), span: span(name)) }

    func pipeline(_ source: RexLanguage.Source, _ steps: Step.Kind...) -> Pipeline {
        Pipeline(source: source, steps: steps.map { Step($0, span: whole) }, span: whole)
    }

    func statement(_ kind: Statement.Kind) -> Statement { Statement(kind, span: whole) }
}

func binary(_ op: BinaryOperator, _ left: Expression, _ right: Expression) -> Expression {
    Expression(.binary(op, left, right), span: left.span.union(right.span))
}

func assign(_ name: Identifier?, _ value: Expression) -> Assignment { Assignment(name: name, value: value) }

/// Resolves and returns the diagnostics, or nil when the pipeline resolved.
func diagnostics(of pipeline: Pipeline, in environment: CompilerEnvironment = CompilerEnvironment()) -> [Diagnostic]? {
    do {
        _ = try environment.resolve(pipeline, provider: FixedSchemas())
        return nil
    } catch let list as DiagnosticList {
        return list.diagnostics
    } catch {
        return [Diagnostic("unexpected \(error)", at: pipeline.span)]
    }
}
