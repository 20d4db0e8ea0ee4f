import Foundation
import RexTestSupport
import Testing

/// Issue 12, local side, as a user sees it: no Python warning on stdout, and `text(x)` of a
/// float is exactly the text CSV output writes for it.
@Suite("local context agrees with CSV output")
struct LocalAgreementCLITests {
    @Test("a date of text in a list prints only the CSV on stdout")
    func noWarningOnStdout() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let file = directory.appendingPathComponent("days.csv")
        try "id,d\n1,2024-02-29\n2,0001-01-01\n3,9999-12-31\n".write(to: file, atomically: true, encoding: .utf8)
        let result = try runRex(["-e", #"csv "\#(file.path)" | filter date("2024-02-29") in (@2024-02-29) | select id, d"#])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "id,d\n1,2024-02-29\n2,0001-01-01\n3,9999-12-31\n")
        let json = try runRex(["--format", "json", "-e", #"csv "\#(file.path)" | filter date("2024-02-29") in (@2024-02-29) | select id"#])
        #expect(json.status == 0)
        #expect(!json.stdout.contains("Warning"))
    }

    @Test("a Python warning goes to stderr")
    func warningsGoToStderr() throws {
        let result = try runRex(["-e", #"sample iris | take 1 | python """import warnings; warnings.warn("careful now", FutureWarning); result = df[["Species"]]""""#])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "Species\nsetosa\n")
        #expect(result.stderr.contains("careful now"))
    }

    @Test("text of a float is the text CSV output writes for it")
    func textOfFloatIsTheCSVForm() throws {
        let values = ["1e15", "1e16", "1e-7", "0.30000000000000004", "-0.0", "1e308", "5e-324", "9.5e15",
                      "9007199254740993", "-12345678901234567.5", "0.0001", "0.00009999", "123.456", "2.5e-310",
                      "1.7976931348623157e308", "4503599627370495.5", "1e21", "100"]
        let directory = TestEnvironment.temporaryDirectory()
        let file = directory.appendingPathComponent("floats.csv")
        try ("f\n" + values.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try runRex(["-e", #"csv "\#(file.path)" | derive g = 1.0 * f | select g, t = text(g)"#])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == values.count)
        for row in rows {
            #expect(row.count == 2 && row[0] == row[1], "text(\(row[0])) is \(row.count > 1 ? String(row[1]) : "?")")
        }
    }
}
