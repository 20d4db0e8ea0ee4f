import Foundation
import RexTestSupport
import Testing

/// SPEC §2: a language error stops its statement before anything runs. A bad escape used
/// to be reported after the table had been written with the escape dropped (issue 11).
@Suite("Language errors stop the statement")
struct LanguageErrorTests {
    @Test("a bad escape in a string: the table is not created, the error has a caret")
    func badEscape() throws {
        let sqlite = TestEnvironment.sqliteDatabase(name: "escape")
        let result = try runRex(["--no-rc", "-c", sqlite.connectionString, "--keep-going",
                                 "-e", #"sample iris | take 1 | derive s = "a\qb" -> table t replace"#,
                                 "-e", #":exec SELECT count(*) AS n FROM sqlite_master WHERE name = 't'"#])
        #expect(result.status == 1)
        #expect(result.stderr.contains(#"unknown escape '\q' in string"#), "\(result.stderr)")
        #expect(result.stderr.contains("^^"))
        #expect(result.stdout == "n\n0\n", "\(result.stdout)")
        // The control: with a good escape the same statement does write the table.
        let good = try runRex(["--no-rc", "-c", sqlite.connectionString,
                               "-e", #"sample iris | take 1 | derive s = "a\tb" -> table t replace"#,
                               "-e", #":exec SELECT count(*) AS n FROM sqlite_master WHERE name = 't'"#])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.hasSuffix("n\n1\n"), "\(good.stdout)")
    }
}
