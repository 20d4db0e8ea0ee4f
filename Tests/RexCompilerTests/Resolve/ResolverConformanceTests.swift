import Foundation
import RexCompiler
import RexData
import RexLanguage
import Testing

/// Every pipeline of the conformance cases (Tests/conformance/cases) through the real
/// parser and resolver: it must resolve to the expected result's column names and types,
/// or fail with the expected compile-time error. (Running the cases on engines is the
/// conformance runner's job; this checks the resolver's half on the same 270+ cases.)
@Suite("Resolver: conformance case pipelines")
struct ResolverConformanceTests {
    struct Case: CustomStringConvertible {
        var name: String
        var tables: [String: Schema] = [:]
        var pipeline = ""
        var expected: Schema?
        var expectedError: String?
        var description: String { name }
    }

    static let casesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("conformance/cases")

    /// A small reader of the `.rexcase` format (Tests/conformance/README.md): only the
    /// parts the resolver needs (dataset headers, pipeline, expected header or error).
    static func loadCases() -> [Case] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []
        var cases: [Case] = []
        for file in files.sorted() where file.hasSuffix(".rexcase") {
            guard let text = try? String(contentsOf: casesDirectory.appendingPathComponent(file), encoding: .utf8) else { continue }
            var datasets: [String: Schema] = [:]
            var current: Case?
            var section = "", sectionName = "", lines: [String] = []
            func closeSection() {
                guard current != nil else { return }
                switch section {
                case "data":
                    if let header = lines.first { datasets[sectionName] = schema(header); current?.tables[sectionName] = datasets[sectionName] }
                case "pipeline": current?.pipeline = lines.joined(separator: "\n")
                case "expect": current?.expected = lines.first.map(schema)
                case "expect error": current?.expectedError = lines.first
                default: break
                }
                lines = []
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if line.hasPrefix("=== ") {
                    closeSection()
                    if let done = current { cases.append(done) }
                    current = Case(name: "\(file): " + line.dropFirst(4))
                    section = ""
                } else if line.hasPrefix("--- ") {
                    closeSection()
                    let words = line.dropFirst(4).split(separator: " ").map(String.init)
                    if words.first == "use", words.count > 1 {
                        current?.tables[words[1]] = datasets[words[1]]
                        section = ""
                    } else if words.first == "data", words.count > 1 {
                        section = "data"; sectionName = words[1]
                    } else {
                        section = words.joined(separator: " ")
                    }
                } else if !section.isEmpty, !(line.isEmpty && section != "pipeline") {
                    lines.append(line)
                }
            }
            closeSection()
            if let done = current { cases.append(done) }
        }
        return cases
    }

    /// `a:int,b:text` → schema (cells may be CSV-quoted: `"x"",y:text"`).
    static func schema(_ header: String) -> Schema {
        var cells: [String] = [], cell = "", quoted = false
        var characters = header.makeIterator()
        while let character = characters.next() {
            if quoted {
                if character == "\"" {
                    // `""` inside quotes is one quote; a lone quote ends the quoted part.
                    if let next = characters.next() {
                        if next == "\"" { cell.append("\"") } else { quoted = false; if next == "," { cells.append(cell); cell = "" } else { cell.append(next) } }
                    } else { quoted = false }
                } else { cell.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                cells.append(cell); cell = ""
            } else {
                cell.append(character)
            }
        }
        cells.append(cell)
        return Schema(cells.compactMap { item in
            guard let colon = item.lastIndex(of: ":"), let type = DataType(rawValue: String(item[item.index(after: colon)...])) else { return nil }
            return Field(String(item[..<colon]), type)
        })
    }

    @Test func thereAreCases() {
        #expect(Self.loadCases().count > 200)
    }

    @Test(arguments: loadCases())
    func caseResolves(_ testCase: Case) throws {
        let parsed = parse(testCase.pipeline)
        try #require(!parsed.diagnostics.hasErrors, "parse: \(parsed.diagnostics.diagnostics.map(\.message))")
        let environment = try CompilerEnvironment.withPrelude()
        let provider = ConformanceCaseTables(tables: testCase.tables)
        do {
            var relation: Relation?
            for statement in parsed.statements {
                if case .pipeline(let pipeline) = statement.kind {
                    relation = try environment.resolve(pipeline, provider: provider)
                } else {
                    try environment.define(statement, provider: provider)
                }
            }
            let resolved = try #require(relation)
            if let error = testCase.expectedError {
                // Runtime errors (overflow) come from the engines, not the resolver.
                #expect(error == "overflow", "expected an error containing '\(error)'")
            } else if let expected = testCase.expected {
                #expect(resolved.schema == expected)
            }
        } catch let list as DiagnosticList {
            let messages = list.diagnostics.map { $0.message + " / " + ($0.help ?? "") }
            let expected = try #require(testCase.expectedError, "unexpected errors: \(messages)")
            #expect(messages.contains { $0.contains(expected) }, "\(messages) lacks '\(expected)'")
        }
    }
}
