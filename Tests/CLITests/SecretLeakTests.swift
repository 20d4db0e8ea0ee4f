import Foundation
import RexTestSupport
import Testing

/// A distinctive secret given to rex every way a user gives one never shows up on stdout,
/// stderr, in the history file or in any file rex writes (SPEC §5, issue 11).
@Suite("Secrets never leak", .serialized)
struct SecretLeakTests {
    static let secret = "Zq-p@ss-Secret17"

    /// Every file under `directory`, read as text, that contains `secret`.
    static func filesContainingSecret(_ directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var found: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path), String(decoding: data, as: UTF8.self).contains(secret) {
                found.append(url.path)
            }
        }
        return found
    }

    static func expectNoSecret(_ result: ProcessResult, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!result.stdout.contains(secret), "\(what): stdout \(result.stdout)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains(secret), "\(what): stderr \(result.stderr)", sourceLocation: sourceLocation)
    }

    static func environment(_ directory: URL) -> [String: String?] {
        ["HOME": directory.path, "XDG_CONFIG_HOME": nil, "XDG_STATE_HOME": nil, "REX_CONNECT": nil, "REX_PASSWORD": nil,
         "REX_HISTORY": directory.appendingPathComponent("history").path]
    }

    @Test("-c, :connect, REX_PASSWORD, failing logins, :connections, :set echo on and errors")
    func commandLine() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let env = Self.environment(directory)
        // The test server trusts local logins, so any password connects as rex_user.
        let good = try TestEnvironment.postgresUnprivileged.replacingOccurrences(of: "Pwd=rex-secret;", with: "Pwd=\(Self.secret);")
        #expect(good.contains(Self.secret))
        let quoted = try TestEnvironment.postgresUnprivileged.replacingOccurrences(of: "Pwd=rex-secret;", with: "Pwd={\(Self.secret);x};")
        let noSuchRole = good.replacingOccurrences(of: "Uid=rex_user", with: "Uid=no_such_role_zq")
        let asked = try TestEnvironment.postgresUnprivileged.replacingOccurrences(of: "Pwd=rex-secret;", with: "Pwd=?;")
        let csv = directory.appendingPathComponent("out.csv").path

        let connected = try runRex(["--no-rc", "-c", good, "--context", "server",
                                    "-e", ":connections", "-e", ":set echo on",
                                    "-e", "sample iris | take 3 -> table leak_iris replace",
                                    "-e", "table leak_iris | filter Species == \"setosa\" | summarize n = count() -> csv \"\(csv)\"",
                                    "-e", ":connect \(quoted) as second", "-e", ":connections",
                                    "-e", ":exec SELECT FROM WHERE PASSWORD '\(Self.secret)'"], environment: env)
        #expect(connected.status == 1, "the last :exec fails: \(connected.stderr)")
        #expect(connected.stdout.contains("Pwd=***"))
        #expect(connected.stderr.contains("syntax error"))
        Self.expectNoSecret(connected, "-c, :connect, :connections, echo, a server error")

        let fromEnvironment = try runRex(["--no-rc", "-e", ":connect \(asked)", "-e", ":connections"],
                                         environment: env.merging(["REX_PASSWORD": Self.secret]) { $1 })
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        Self.expectNoSecret(fromEnvironment, "REX_PASSWORD")

        let failedLogin = try runRex(["--no-rc", "-c", noSuchRole, "-e", "sample iris | take 1"], environment: env)
        #expect(failedLogin.status == 3)
        #expect(failedLogin.stderr.contains("no_such_role_zq"))
        Self.expectNoSecret(failedLogin, "a failing PostgreSQL login")

        // ODBC Driver 18 with every secret-bearing key; nothing listens on port 1.
        let sqlServer = "Driver={ODBC Driver 18 for SQL Server};Server=127.0.0.1,1;UID=sa;PWD='\(Self.secret)';"
            + "KeystoreAuthentication=KeyVaultClientSecret;KeystorePrincipalId=id;KeystoreSecret=\(Self.secret);"
            + "ClientCertificate=file:/nonexistent.pfx,password:\(Self.secret);ClientKey=file:/k.pem,password:\(Self.secret);"
            + "LoginTimeout=2;Encrypt=no"
        let failedServer = try runRex(["--no-rc", "-e", ":connect \(sqlServer)"], environment: env)
        #expect(failedServer.status == 3 || failedServer.status == 1)
        #expect(failedServer.stderr.contains("could not connect"), "\(failedServer.stderr)")
        Self.expectNoSecret(failedServer, "a failing SQL Server login")

        #expect(FileManager.default.fileExists(atPath: csv))
        #expect(Self.filesContainingSecret(directory).isEmpty, "\(Self.filesContainingSecret(directory))")
    }

    @Test("typed on a terminal: statements with secrets stay out of the history file")
    func history() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let good = try TestEnvironment.postgresUnprivileged.replacingOccurrences(of: "Pwd=rex-secret;", with: "Pwd=\(Self.secret);")
        let session = try runRexInTerminal(["--no-rc"], steps: [
            TerminalStep(expect: "rex> ", send: ":connect \(good)\n"),
            TerminalStep(expect: "rex> ", send: ":exec SELECT 1 AS one -- ALTER ROLE x PASSWORD '\(Self.secret)'\n"),
            TerminalStep(expect: "one", send: ":setvar pw \(Self.secret)\n"),
            TerminalStep(expect: "rex> ", send: "sample iris | take 1 | select Species\n"),
            TerminalStep(expect: "setosa", send: ":connections\n"),
            TerminalStep(expect: "Pwd=***", send: ":quit\n"),
        ], environment: Self.environment(directory))
        #expect(session.status == 0, "\(session.output.debugDescription)")
        // libedit writes blanks as \040.
        let history = try String(contentsOf: directory.appendingPathComponent("history"), encoding: .utf8)
            .replacingOccurrences(of: "\\040", with: " ")
        #expect(history.contains("sample iris | take 1 | select Species"), "statements without secrets are kept: \(history)")
        #expect(!history.contains(Self.secret) && !history.contains(":setvar") && !history.contains(":connect "), "\(history)")
        #expect(Self.filesContainingSecret(directory).isEmpty, "\(history)")
        // What the terminal showed after the typed lines: rex itself never printed the secret.
        let printed = session.output.components(separatedBy: "\n").filter { !$0.contains(":connect ") && !$0.contains(":exec ") && !$0.contains(":setvar ") }
        #expect(!printed.joined().contains(Self.secret))
    }
}
