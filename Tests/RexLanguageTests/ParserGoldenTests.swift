import Foundation
import RexLanguage
import Testing

/// Golden file of `dumpAST` per corpus entry: `### name`, the input, `---`, the dump.
/// A missing entry fails the test; `REX_RECORD_SNAPSHOTS=1` (re)writes the file.
enum GoldenFile {
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/parser.txt")

    static func load() -> [String: String] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var entries: [String: String] = [:]
        for chunk in text.components(separatedBy: "\n### ").dropFirst() {
            guard let nameEnd = chunk.firstIndex(of: "\n") else { continue }
            let name = String(chunk[..<nameEnd])
            guard let separator = chunk.range(of: "\n---\n") else { continue }
            entries[name] = String(chunk[separator.upperBound...]).trimmingCharacters(in: .newlines)
        }
        return entries
    }

    static func dump(_ source: String) -> String {
        let result = parse(source)
        let diagnostics = result.diagnostics.diagnostics.map { "error: \($0.message) at \($0.span)" }
        return (result.statements.map(dumpAST) + diagnostics).joined(separator: "\n")
    }

    static func record() throws {
        var text = "# Parser golden file: input, then dumpAST of each statement. Regenerate with REX_RECORD_SNAPSHOTS=1.\n"
        for entry in ParserCorpus.cases {
            text += "\n### \(entry.name)\n\(entry.source)\n---\n\(dump(entry.source))\n"
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
}

@Suite("Parser golden files")
struct ParserGoldenTests {
    @Test("recording mode writes the golden file", .enabled(if: ProcessInfo.processInfo.environment["REX_RECORD_SNAPSHOTS"] == "1"))
    func recordGolden() throws {
        try GoldenFile.record()
    }

    @Test("every construct parses to its recorded tree", arguments: ParserCorpus.cases.map(\.name))
    func golden(name: String) throws {
        let source = try #require(ParserCorpus.cases.first { $0.name == name }?.source)
        let result = parse(source)
        #expect(result.diagnostics.diagnostics.isEmpty, "\(result.diagnostics.diagnostics)")
        #expect(!result.statements.isEmpty)
        let expected = try #require(GoldenFile.load()[name], "no golden entry for '\(name)'; record with REX_RECORD_SNAPSHOTS=1")
        #expect(GoldenFile.dump(source) == expected)
    }

    @Test("printing the tree back to rex parses to the same tree", arguments: ParserCorpus.cases.map(\.name))
    func roundTrip(name: String) throws {
        let source = try #require(ParserCorpus.cases.first { $0.name == name }?.source)
        let first = parse(source)
        for statement in first.statements {
            let printed = printSource(statement)
            let again = parse(printed)
            #expect(again.diagnostics.diagnostics.isEmpty, "\(printed): \(again.diagnostics.diagnostics)")
            #expect(again.statements.map(dumpAST) == [dumpAST(statement)], "printed: \(printed)")
            // Printing is stable: the printed form prints to itself.
            #expect(again.statements.map(printSource) == [printed])
        }
    }
}
