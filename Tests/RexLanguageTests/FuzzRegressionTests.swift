import RexLanguage
import Testing

/// Inputs the front-end fuzzer (scripts/fuzz.sh, Sources/FuzzFrontEnd) found, minimized.
/// Each must parse, print, and parse back to the same tree, printing being a fixed point.
@Suite("Front end: fuzzer findings")
struct FuzzRegressionTests {
    private func roundTrips(_ source: String) {
        for statement in parse(source).statements {
            let printed = printSource(statement)
            let again = parse(printed)
            #expect(!again.diagnostics.hasErrors, "\(printed.debugDescription)")
            #expect(again.statements.map(dumpAST) == [dumpAST(statement)], "source \(source.debugDescription) printed \(printed.debugDescription)")
            #expect(again.statements.map(printSource) == [printed])
        }
    }

    @Test("a command argument from a \"\"\" block with blanks at an end is printed as a block", arguments: [
        ":e\"\"\"c \"\"\"",                             // minimized (closed: an unterminated block is an error that stops the statement), argument "c "
        ":exec \"\"\"\n  c \"\"\"\n  CREATE (a int);",    // as found
        ":exec \"\"\"\n  SELECT 1\t\"\"\"",
        ":exec \"\"\"\n  SELECT 1\r\n\"\"\"",
        ":s\r\"",                                      // minimized: a leading CR stays on the line (a block would end in """")
    ])
    func commandArgumentWithTrailingBlanks(source: String) {
        #expect(parse(source).statements.contains { if case .command = $0.kind { return true } else { return false } })
        roundTrips(source)
    }
}
