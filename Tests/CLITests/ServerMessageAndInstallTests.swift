import Foundation
import RexTestSupport
import Testing

/// Server messages (SPEC §5): shown as psql shows them, without driver prefixes.
@Suite("Server messages")
struct ServerMessageCLITests {
    @Test("PostgreSQL RAISE NOTICE and RAISE WARNING through :exec show as psql shows them")
    func postgresNotice() throws {
        let result = try runRex(["--no-rc", "-c", try TestEnvironment.postgres], input: """
            :exec DO $$ BEGIN RAISE NOTICE 'hi'; END $$
            :exec DO $$ BEGIN RAISE WARNING 'careful: %', 42; END $$
            :exec DO $$ BEGIN PERFORM 1; END $$

            """)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("NOTICE:  hi"), "\(result.stderr)")
        #expect(lines.contains("WARNING:  careful: 42"), "\(result.stderr)")
        #expect(lines.count == 2, "one line a message, and a statement without messages adds none: \(result.stderr)")
        #expect(!result.stderr.contains("[unixODBC]") && !result.stderr.contains("NOTICE: hi"), "\(result.stderr)")
    }

    @Test("SQL Server (REX_TEST_MSSQL): PRINT and RAISERROR … 10 show as sqlcmd shows them, without the driver's prefix",
          .enabled(if: ProcessInfo.processInfo.environment["REX_TEST_MSSQL"]?.isEmpty == false, "REX_TEST_MSSQL is not set: no SQL Server"))
    func sqlServerPrint() throws {
        let connection = ProcessInfo.processInfo.environment["REX_TEST_MSSQL"] ?? ""
        let result = try runRex(["--no-rc", "-c", connection], input: """
            :exec PRINT 'hi'
            :exec RAISERROR('careful: %d', 10, 1, 42)

            """)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains("hi") && lines.contains("careful: 42"), "\(result.stderr)")
        #expect(!result.stderr.contains("[Microsoft]") && !result.stderr.contains("[SQL Server]"), "\(result.stderr)")
    }
}

/// `make install [PREFIX=…]` (SPEC §6 build): the binary and the man page, so `man rex` works.
@Suite("make install")
struct MakeInstallTests {
    @Test("make install PREFIX=… BUILD=0 installs bin/rex and share/man/man1/rex.1, which man renders")
    func install() throws {
        let prefix = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: prefix) }
        // BUILD=0: install the binary these tests run rather than building a release one here
        // (plain `make install` depends on the release build).
        let make = try runProcess(URL(fileURLWithPath: "/usr/bin/env"),
                                  ["make", "--no-print-directory", "install", "PREFIX=\(prefix.path)", "BUILD=0",
                                   "BINARY=\(TestEnvironment.rexExecutable.path)"],
                                  directory: TestEnvironment.packageRoot)
        #expect(make.status == 0, "\(make.stdout)\(make.stderr)")
        let binary = prefix.appendingPathComponent("bin/rex")
        let page = prefix.appendingPathComponent("share/man/man1/rex.1")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        let version = try runProcess(binary, ["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("rex "), "\(version.stdout)\(version.stderr)")
        // The page renders, both from its file and found by name under the prefix.
        let rendered = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["man", "-l", page.path],
                                      environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(rendered.stdout.contains("NAME") && rendered.stdout.contains("rex"), "\(rendered.stdout)")
        let byName = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["man", "-M", prefix.appendingPathComponent("share/man").path, "rex"],
                                    environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80"])
        #expect(byName.status == 0 && byName.stdout == rendered.stdout, "\(byName.stderr)")
    }

    @Test("plain make install builds the release binary first (dry run)")
    func installBuildsRelease() throws {
        let dryRun = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["make", "-n", "install", "PREFIX=/opt/x"],
                                    directory: TestEnvironment.packageRoot)
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        let lines = dryRun.stdout.split(separator: "\n").map(String.init)
        let build = lines.firstIndex { $0.contains("swift build -c release") }
        let copy = lines.firstIndex { $0.contains("\"/opt/x/bin/rex\"") }
        #expect(build != nil && copy != nil && (build ?? 0) < (copy ?? 0), "\(dryRun.stdout)")
        #expect(lines.contains { $0.contains("man/rex.1") && $0.contains("/opt/x/share/man/man1/rex.1") })
    }
}
