import Foundation
import RexTestSupport
import Testing

/// rex on a real (pseudo-)terminal: what the user sees.
@Suite("On a terminal", .serialized)
struct TerminalSessionTests {
    /// A private HOME and state directory, so no rexrc runs and history goes to a temporary file.
    static func privateEnvironment(_ directory: URL) -> [String: String?] {
        ["HOME": directory.path, "XDG_CONFIG_HOME": nil, "XDG_STATE_HOME": nil, "REX_PASSWORD": nil,
         "REX_HISTORY": directory.appendingPathComponent("history").path, "REX_CONNECT": nil, "NO_COLOR": "1"]
    }

    @Test("the progress line never draws over the Password prompt while it waits")
    func progressPausesForPassword() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let connection = try TestEnvironment.postgresUnprivileged.replacingOccurrences(of: "Pwd=rex-secret;", with: "Pwd=?;")
        #expect(connection.contains("Pwd=?;"))
        let session = try runRexInTerminal([], steps: [
            TerminalStep(expect: "rex> ", send: ":connect \(connection)\n"),
            // The statement has been running for more than 1 s while the prompt waits: no progress line.
            TerminalStep(expect: "Password for ", quietSeconds: 2.5, send: "rex-secret\n"),
            TerminalStep(expect: "rex> ", send: ":connections\n"),
            TerminalStep(expect: "rex_test", send: ":quit\n"),
        ], environment: Self.privateEnvironment(directory))
        #expect(session.status == 0, "\(session.output.debugDescription)")
        #expect(session.quietOutputs.first == "", "drawn while the prompt waited: \(session.quietOutputs.first.debugDescription ?? "")")
        #expect(session.output.contains("Password for rex_user @ 127.0.0.1 @ rex_test: "))
        #expect(!session.output.contains("rex-secret"), "the typed password is not echoed")
    }

    @Test("a value with terminal escapes is shown with visible escapes, never raw")
    func controlCharactersInCells() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let sqlite = TestEnvironment.sqliteDatabase(name: "tty")
        let value = #"sql "select 'a' || char(27) || ']0;pwned' || char(7) || char(27) || '[2J' || char(13) || 'b' as v""#
        let session = try runRexInTerminal(["-c", sqlite.connectionString], steps: [
            TerminalStep(expect: "rex> ", send: value + "\n"),
            TerminalStep(expect: "1 row", send: ":quit\n"),
        ], environment: Self.privateEnvironment(directory))
        #expect(session.status == 0, "\(session.output.debugDescription)")
        #expect(session.output.contains(#"a\x1b]0;pwned\x07\x1b[2J\rb"#), "\(session.output.debugDescription)")
        #expect(!session.output.contains("\u{1B}]0;pwned"))
        #expect(!session.output.contains("\u{1B}[2J"))
    }

    @Test("Tab completes columns of local sources (sample, csv, let) and file paths inside csv \"…\" and after :run")
    func completionOfLocalColumnsAndPaths() throws {
        let directory = TestEnvironment.temporaryDirectory()
        try "city_name,city_pop\nOslo,700000\n".write(to: directory.appendingPathComponent("cities.csv"), atomically: true, encoding: .utf8)
        try "sample iris | take 1\n".write(to: directory.appendingPathComponent("one_row.rex"), atomically: true, encoding: .utf8)
        // Each Tab is proved by what the statement does: an unfinished name would be an unknown column.
        let session = try runRexInTerminal(["--no-rc"], steps: [
            // One match: completed with a space after it.
            TerminalStep(expect: "rex> ", send: "sample iris | filter Sepal_W\t> 4 | select Species, Petal_L\t\n"),
            TerminalStep(expect: "3 rows × 2 columns", send: "let big = sample iris | derive petal_area = Petal_Length * Petal_Width\n"),
            TerminalStep(expect: "rex> ", send: "big | sort petal_a\t| take 1\n"),
            // A file inside csv "…" ends with the closing quote; then the CSV's columns (two: listed).
            TerminalStep(expect: "1 row × 6 columns", send: "csv \"\(directory.path)/citi\t | select city_\t"),
            TerminalStep(expect: "city_name  city_pop", send: "name\n"),
            TerminalStep(expect: "1 row × 1 column", send: ":run \(directory.path)/one_\t\n"),
            TerminalStep(expect: "1 row × 5 columns", send: ":quit\n"),
        ], environment: Self.privateEnvironment(directory))
        #expect(session.status == 0, "\(session.output.debugDescription)")
        #expect(session.output.contains("3 rows × 2 columns"), "\(session.output)")
        #expect(session.output.contains("│ Oslo      │"), "\(session.output)")
        #expect(session.output.contains("1 row × 5 columns"), "\(session.output)")
    }

    @Test("results taller than the screen go through $PAGER; short ones and :set pager off do not")
    func pager() throws {
        let directory = TestEnvironment.temporaryDirectory()
        var environment = Self.privateEnvironment(directory)
        environment["PAGER"] = "sed 's/^/PAGED: /'"
        environment["LINES"] = "24"
        let session = try runRexInTerminal(["--no-rc"], steps: [
            TerminalStep(expect: "rex> ", send: "sample iris | take 3\n"),
            TerminalStep(expect: "3 rows × 5 columns", send: "sample iris | take 30\n"),
            TerminalStep(expect: "30 rows × 5 columns", send: ":set pager off\n"),
            TerminalStep(expect: "rex> ", send: "sample iris | take 31\n"),
            TerminalStep(expect: "31 rows × 5 columns", send: ":quit\n"),
        ], environment: environment)
        #expect(session.status == 0, "\(session.output.debugDescription)")
        let lines = session.output.split(whereSeparator: \.isNewline).map(String.init)   // "\r\n" is one Character
        let footerLine = { (footer: String) in lines.first { $0.contains(footer) } ?? "" }
        #expect(!footerLine("3 rows × 5 columns").contains("PAGED"), "\(session.output)")
        #expect(footerLine("30 rows × 5 columns").hasPrefix("PAGED: 30 rows"), "\(session.output)")
        #expect(lines.filter { $0.hasPrefix("PAGED: │") }.count == 30 + 2)
        #expect(!footerLine("31 rows × 5 columns").contains("PAGED"), "\(session.output)")
    }

    @Test("the default pager, less -SRXF, takes the screen and keys; q returns to the prompt, Ctrl-C in it stops nothing")
    func defaultPagerIsLess() throws {
        let directory = TestEnvironment.temporaryDirectory()
        var environment = Self.privateEnvironment(directory)
        environment["PAGER"] = nil
        environment["LINES"] = "24"
        let session = try runRexInTerminal(["--no-rc"], steps: [
            TerminalStep(expect: "rex> ", send: ":set maxrows 200\n"),
            TerminalStep(expect: "rex> ", send: "sample iris\n"),
            // less shows the first screen and its ':' prompt, and waits: the footer is not there yet.
            TerminalStep(expect: "\n:", quietSeconds: 0.5, send: "\u{03}"),
            TerminalStep(quietSeconds: 0.5, send: "q"),
            TerminalStep(expect: "rex> ", send: "sample iris | take 1\n"),
            TerminalStep(expect: "1 row × 5 columns", send: ":quit\n"),
        ], environment: environment)
        #expect(session.status == 0, "\(session.output.debugDescription)")
        #expect(!session.output.contains("150 rows × 5 columns"), "less -F waits on a tall table; q left before its end")
        #expect(session.output.contains("1 row × 5 columns"), "\(session.output)")
        #expect(!session.output.contains("interrupted"), "Ctrl-C inside the pager is the pager's: \(session.output)")
    }
}
