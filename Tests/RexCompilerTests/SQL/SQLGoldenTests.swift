import Foundation
import RexCompiler
import RexTestSupport
import Testing

/// The full SQL text of every case in every dialect, compared with Tests/golden/<case>.<dialect>.sql.
/// `RECORD_GOLDEN=1` rewrites the files; a missing file fails the test (and is written).
@Suite struct SQLGoldenTests {
    static let dialects: [SQLDialect] = [.tsql, .postgres, .sqlite, .ansi]

    static var goldenDirectory: URL { TestEnvironment.packageRoot.appendingPathComponent("Tests/golden") }

    @Test(arguments: SQLGoldenCases.all)
    func golden(_ testCase: SQLGoldenCase) throws {
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        for dialect in Self.dialects {
            if testCase.unsupported.contains(dialect.name) {
                #expect(throws: (any Error).self) { try sql(testCase.rex, dialect) }
                continue
            }
            let text = try sql(testCase.rex, dialect) + "\n"
            let file = Self.goldenDirectory.appendingPathComponent("\(testCase.name).\(dialect.name).sql")
            let stored = try? String(contentsOf: file, encoding: .utf8)
            if record || stored == nil {
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            #expect(record || stored != nil, "golden file \(file.lastPathComponent) was missing; it has been written: review and commit it")
            if !record, let stored {
                #expect(stored == text, "\(testCase.name) in \(dialect.name) differs from \(file.lastPathComponent)")
            }
        }
    }

    /// Every case's T-SQL (the text the tsql goldens hold) parses with sqlglot and passes the lint.
    @Test func tsqlOfEveryCasePassesTheLint() throws {
        let directory = TestEnvironment.temporaryDirectory()
        var paths: [String] = []
        for testCase in SQLGoldenCases.all {
            let text = try sql(testCase.rex, .tsql)
            let path = directory.appendingPathComponent("\(testCase.name).tsql.sql").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        let result = try runLint(paths)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("OK ") }.count == paths.count)
    }
}

/// Runs Tests/tools/tsql_lint.py with the `python3` on PATH (the one with sqlglot).
func runLint(_ files: [String], input: String? = nil) throws -> ProcessResult {
    let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/tools/tsql_lint.py").path
    return try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script] + files, input: input)
}
