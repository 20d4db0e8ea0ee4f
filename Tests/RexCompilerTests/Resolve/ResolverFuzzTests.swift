import RexCompiler
import RexData
import RexLanguage
import Testing

/// Random pipelines from rex's own vocabulary: whatever parses must resolve to a relation
/// or to diagnostics with spans inside the text, never crash.
@Suite("Resolver: random pipelines")
struct ResolverFuzzTests {

    static let columns = ["ArrDelay", "CRSDepTime", "DayOfWeek", "n", "x", "Nope", "carrier", "dep", "delay"]
    static let atoms = columns + ["1", "2.5", "0", "-3", "\"a\"", "null", "true", "@2024-01-31", "this.dep", "that.dep"]
    static let functions = ["sum", "mean", "count", "max", "if", "coalesce", "round", "upper", "length", "concat",
                            "substr", "year", "int", "float", "text", "sq", "nosuch", "count_distinct", "any"]
    static let operators = ["+", "-", "*", "/", "%", "==", "<", ">=", "and", "or"]

    func expression(_ g: inout SplitMix64, depth: Int = 0) -> String {
        switch Int.random(in: 0..<(depth > 2 ? 1 : 5), using: &g) {
        case 0: return Self.atoms.randomElement(using: &g) ?? "1"
        case 1:
            return expression(&g, depth: depth + 1) + " " + (Self.operators.randomElement(using: &g) ?? "+") + " "
                + expression(&g, depth: depth + 1)
        case 2:
            let count = Int.random(in: 0...3, using: &g)
            let arguments = (0..<count).map { _ in expression(&g, depth: depth + 1) }
            return (Self.functions.randomElement(using: &g) ?? "sum") + "(" + arguments.joined(separator: ", ") + ")"
        case 3: return "not " + expression(&g, depth: depth + 1)
        default: return expression(&g, depth: depth + 1) + " is null"
        }
    }

    func step(_ g: inout SplitMix64) -> String {
        let column = Self.columns.randomElement(using: &g) ?? "x"
        let e = expression(&g)
        switch Int.random(in: 0..<16, using: &g) {
        case 0: return "filter \(e)"
        case 1: return "select \(column), v = \(e)"
        case 2: return "derive \(column) = \(e)"
        case 3: return "summarize v = \(e) by \(column)"
        case 4: return "sort -\(column), \(e)"
        case 5: return "take \(Int.random(in: -1...5, using: &g))"
        case 6: return "drop \(column)"
        case 7: return "rename y = \(column)"
        case 8: return "join left (table carriers) on \(column)"
        case 9: return "join table carriers on \(e)"
        case 10: return "append table flights"
        case 11: return "distinct \(column)"
        case 12: return ["head(2)", "top(3, \(column))", "count_by(\(column))", "freq(\(column))", "twice(\(e))"]
            .randomElement(using: &g) ?? "head(1)"
        case 13: return "summary"
        case 14: return "linmod \(column) ~ ArrDelay + DayOfWeek"
        default: return "plot scatter \(column) ArrDelay"
        }
    }

    @Test func randomPipelinesResolveOrReportNeverCrash() throws {
        var g = SplitMix64(seed: 20_261_125)
        let environment = try CompilerEnvironment.withPrelude()
        for definition in ["def sq(v) = v * v", "def twice(c) = derive c2 = c * 2 | filter c2 > 0"] {
            for statement in parse(definition).statements { try environment.define(statement, provider: FixedSchemas()) }
        }
        var resolved = 0, rejected = 0
        for _ in 0..<3000 {
            let source = ["sample airline", "table flights"].randomElement(using: &g).map { source in
                ([source] + (0..<Int.random(in: 1...4, using: &g)).map { _ in step(&g) }).joined(separator: " | ")
            } ?? ""
            guard let pipeline = parsePipeline(source).pipeline else { continue }
            do {
                _ = try environment.resolve(pipeline, provider: FixedSchemas())
                resolved += 1
            } catch let list as DiagnosticList {
                rejected += 1
                for diagnostic in list.diagnostics {
                    #expect(diagnostic.span.start.offset >= 0 && diagnostic.span.end.offset <= source.utf8.count, "\(source)")
                    #expect(!diagnostic.message.isEmpty)
                }
            }
        }
        #expect(resolved > 50)
        #expect(rejected > 50)
    }
}
