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
}
