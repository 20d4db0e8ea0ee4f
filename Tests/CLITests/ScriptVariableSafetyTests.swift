import Foundation
import RexTestSupport
import Testing

/// A database with a table `a` (two rows) that statements read and a table `b` that an
/// injection would drop, on PostgreSQL (unique names on the shared test database) or
/// SQLite (a fresh file).
struct VariableTarget: CustomStringConvertible {
    let engine: String
    let connection: String
    let a: String
    let b: String

    var description: String { engine }

    /// Both engines, set up.
    static func all() throws -> [VariableTarget] {
        let suffix = String(UUID().uuidString.prefix(8)).lowercased()
        let targets = [
            VariableTarget(engine: "postgres", connection: try TestEnvironment.postgres, a: "sv_a_" + suffix, b: "sv_b_" + suffix),
            VariableTarget(engine: "sqlite", connection: TestEnvironment.sqliteDatabase().connectionString, a: "a", b: "b"),
        ]
        for target in targets { try target.setUp() }
        return targets
    }

    func setUp() throws {
        let result = try rex(["-e", ":exec CREATE TABLE \(a) (id int, name text); CREATE TABLE \(b) (x int); INSERT INTO \(a) VALUES (1, 'one'), (2, 'two')"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Runs rex on this database with `arguments` (after `-c`).
    func rex(_ arguments: [String], input: String? = nil) throws -> ProcessResult {
        try runRex(["--no-rc", "-c", connection] + arguments, input: input)
    }

    /// `text` with the placeholders `{a}` and `{b}` naming this target's tables.
    func tables(_ text: String) -> String {
        text.replacingOccurrences(of: "{a}", with: a).replacingOccurrences(of: "{b}", with: b)
    }

    /// Table `b` still exists and `a` still has its two rows.
    func expectIntact(_ context: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let b = try rex(["-e", ":exec SELECT count(*) AS n FROM \(self.b)"])
        #expect(b.status == 0 && b.stdout == "n\n0\n", "\(engine) \(context): table b: \(b.stderr)", sourceLocation: sourceLocation)
        let a = try rex(["-e", ":exec SELECT count(*) AS n FROM \(self.a)"])
        #expect(a.stdout == "n\n2\n", "\(engine) \(context): table a: \(a.stdout) \(a.stderr)", sourceLocation: sourceLocation)
    }
}

/// Issue 11's reproductions of script variables spliced as code (SPEC §5): each one,
/// on PostgreSQL and SQLite, now leaves the database as it was.
@Suite("Script variables are values, never code")
struct ScriptVariableSafetyTests {
    @Test("a sql source: a value is a bound parameter; inside '…' it stays inside")
    func sqlSource() throws {
        for target in try VariableTarget.all() {
            _ = try target.rex(["-v", "x=1; DROP TABLE \(target.b); select 1", "-e", target.tables(#"sql "select * from {a} where id = $(x)""#)])
            try target.expectIntact("value position")
            let quoted = try target.rex(["-v", "x=zzz' or 'a'='a", "-e", target.tables(#"sql "select * from {a} where name = '$(x)'""#)])
            #expect(quoted.status == 0 && quoted.stdout == "id,name\n", "\(target): \(quoted.stdout) \(quoted.stderr)")
            let bound = try target.rex(["-v", "x=2", "-e", target.tables(#"sql "select name from {a} where id = $(x)""#)])
            #expect(bound.stdout == "name\ntwo\n", "\(target): \(bound.stderr)")
        }
    }

    @Test("a multi-line :exec block: '$(x)' gets the dialect's quoting, not rex's")
    func execBlock() throws {
        for target in try VariableTarget.all() {
            let value = "z'); DROP TABLE \(target.b); --"
            let result = try target.rex(["-v", "x=" + value, "-e", target.tables("""
            :exec \"\"\"
            INSERT INTO {a} (id, name)
            VALUES (3, '$(x)')
            \"\"\"
            """), "-e", target.tables(":exec DELETE FROM {a} WHERE id = 3 AND name = $(x)")])
            #expect(result.status == 0 && result.stdout == "1 row affected\n1 row affected\n", "\(target): \(result.stdout) \(result.stderr)")
            try target.expectIntact("exec block")
        }
    }

    @Test("a quote earlier on a single-line :exec (in a comment) does not unquote the value")
    func quoteInComment() throws {
        for target in try VariableTarget.all() {
            _ = try target.rex(["-v", "x=1 OR 1=1", "-e", target.tables(":exec /* don't */ DELETE FROM {a} WHERE id = $(x)")])
            try target.expectIntact("comment quote")
            let deleted = try target.rex(["-v", "x=2", "-e", target.tables(":exec /* don't */ SELECT name FROM {a} WHERE id = $(x) -- it's")])
            #expect(deleted.stdout == "name\ntwo\n", "\(target): \(deleted.stderr)")
        }
    }

    @Test("a quote followed by a combining mark is still escaped (scalars, not Characters)")
    func combiningMark() throws {
        for target in try VariableTarget.all() {
            let value = "'\u{301}); DROP TABLE \(target.b); --"
            let result = try target.rex(["-v", "x=" + value, "-e", ":exec SELECT '$(x)' AS v"])
            #expect(result.status == 0 && result.stdout == "v\n" + value + "\n", "\(target): \(result.stdout) \(result.stderr)")
            try target.expectIntact("combining mark")
        }
    }

    @Test("a newline in a value on a : line starts no statement")
    func newlineInCommandArgument() throws {
        let directory = TestEnvironment.temporaryDirectory()
        for target in try VariableTarget.all() {
            let value = "x.png\n:exec DROP TABLE \(target.b)"
            let result = try target.rex(["-v", "f=" + value, "-e", "sample iris | plot hist Sepal_Length",
                                         "-e", ":save 1 \(directory.path)/$(f)", "-e", ":use $(f)", "-e", ":describe $(f)"])
            #expect(result.stdout.contains("saved \(directory.path)/x.png\n:exec DROP TABLE"), "\(target): \(result.stdout) \(result.stderr)")
            #expect(FileManager.default.fileExists(atPath: directory.path + "/" + value))
            try target.expectIntact("newline in :save")
        }
    }

    @Test("a one-line python block gets rexvars[\"x\"], never the value's text, locally and on the server")
    func pythonBlock() throws {
        let marker = TestEnvironment.temporaryDirectory().appendingPathComponent("pwned").path
        let value = "\" + str(__import__('os').system('touch \(marker)')) + \""
        let local = try runRex(["--no-rc", "-v", "x=" + value, "-e", #"python """result = "v" + $(x)""""#])
        #expect(local.status == 0 && local.stdout == "v" + value + "\n", "\(local.stdout) \(local.stderr)")
        let server = try runRex(["--no-rc", "-c", try TestEnvironment.postgres, "--context", "server", "-v", "x=" + value,
                                 "-e", #"sql "select 1 as one" | python """result = "v" + $(x)""""#])
        #expect(server.status == 0 && server.stdout == "v" + value + "\n", "\(server.stdout) \(server.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test("inside backticks a value cannot close the name")
    func backticks() throws {
        for target in try VariableTarget.all() {
            let result = try target.rex(["-v", "x=a` -> table \(target.b) replace", "-e", "sample iris | select `Species$(x)`"])
            #expect(result.status == 1 && result.stderr.contains("unknown column 'Species$(x)'"), "\(target): \(result.stderr)")
            try target.expectIntact("backticks")
        }
    }

    @Test("a value in a :connect connection string stays inside its key's value: no added key, no other driver library")
    func connectionString() throws {
        let template = try TestEnvironment.postgresUnprivileged.replacingOccurrences(of: "Pwd=rex-secret;", with: "Pwd=$(pw);")
        #expect(template.contains("Pwd=$(pw);"))
        // The test server trusts local logins, so any password connects as rex_user.
        for value in ["x;Database=postgres", "x;Driver=/nonexistent/evil.so", "x};Database={postgres", "x;Database=postgres;"] {
            let result = try runRex(["--no-rc", "-v", "pw=" + value, "-e", ":connect " + template, "-e", ":exec SELECT current_database() AS db"])
            #expect(result.status == 0 && result.stdout.hasSuffix("db\nrex_test\n"), "\(value.debugDescription): \(result.stdout) \(result.stderr)")
            #expect(!result.stderr.contains("evil.so"))
        }
    }

    @Test(":sql and :python show the parameter form, as it runs")
    func shownForms() throws {
        let target = try VariableTarget.all()[0]
        let sql = try target.rex(["-v", "x=o'k", "-e", target.tables(#":sql sql "select * from {a} where name = $(x) or name = '$(x)'""#)])
        #expect(sql.stdout.contains("where name = ? or name = 'o''k'") && sql.stdout.contains("-- ?1 = \"o\\'k\"\n"), "\(sql.stdout) \(sql.stderr)")
        let python = try runRex(["--no-rc", "-v", "x=o'k", "-e", #":python sample iris | python """result = df.assign(v=$(x))""""#])
        #expect(python.stdout.contains("result = df.assign(v=rexvars[\"x\"])") && !python.stdout.contains("o'k"), "\(python.stdout) \(python.stderr)")
    }

    @Test("an unset variable stops the statement with a caret at it; -v with a bad name is a usage error")
    func unsetAndBadNames() throws {
        let unset = try runRex(["--no-rc", "-e", "sample iris | take $(n)"])
        #expect(unset.status == 1 && unset.stdout.isEmpty && unset.stderr.contains("the variable 'n' is not set"), "\(unset.stderr)")
        let bad = try runRex(["--no-rc", "-v", "a-b=1", "-e", "sample iris | take 1"])
        #expect(bad.status == 2, "\(bad.stderr)")
    }
}
