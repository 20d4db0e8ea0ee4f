import Foundation
import RexTestSupport
import Testing

/// `:server check` from the real binary (SPEC §3, §5) on PostgreSQL and SQLite; on SQL
/// Server when `REX_TEST_MSSQL` holds a connection string.
@Suite("rex :server check says what server Python needs", .serialized)
struct ServerCheckTests {
    /// A new database on the test server (plpython3u created in it when asked), its
    /// connection strings as superuser and as rex_user, and a cleanup.
    /// The unprivileged role is the test's own: other suites grant rex_python to rex_user.
    func freshDatabase(plpython: Bool) throws -> (superuser: String, user: String, role: String, drop: () -> Void) {
        let name = "rex_check_" + UUID().uuidString.prefix(8).lowercased()
        let role = name + "_user"
        _ = try psql("CREATE DATABASE \(name)")
        _ = try psql("CREATE ROLE \(role) LOGIN PASSWORD 'check-secret'")
        if plpython {
            let port = ProcessInfo.processInfo.environment["REX_TEST_PG_PORT"] ?? ""
            let result = try runProcess(URL(fileURLWithPath: "/usr/bin/psql"),
                                        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", name,
                                         "-c", "CREATE EXTENSION plpython3u"])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let superuser = try TestEnvironment.postgres.replacingOccurrences(of: "Database=rex_test", with: "Database=\(name)")
        let user = superuser.replacingOccurrences(of: "Uid=postgres;Pwd=;", with: "Uid=\(role);Pwd=check-secret;")
        return (superuser, user, role, {
            _ = try? psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            _ = try? psql("DROP ROLE IF EXISTS \(role)")
        })
    }

    /// The versions of the server's Python (the same machine here: Debian's python3).
    func localVersions() throws -> [String: String] {
        let result = try runProcess(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", """
            import sys, pandas, numpy, matplotlib
            print(sys.version.split()[0]); print(pandas.__version__); print(numpy.__version__); print(matplotlib.__version__)
            """])
        let lines = result.stdout.split(separator: "\n").map(String.init)
        return Dictionary(uniqueKeysWithValues: zip(["python", "pandas", "numpy", "matplotlib"], lines))
    }

    /// The value printed on the line labelled `label` (`pandas      1.5.3` → `1.5.3`).
    func value(_ label: String, in output: String) -> String? {
        for line in output.split(separator: "\n") where line.hasPrefix(label + " ") {
            return line.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    @Test("a superuser on a database with plpython3u: ready, with the server Python's real versions; after :server install, rex.run")
    func superuserIsReady() throws {
        let database = try freshDatabase(plpython: true)
        defer { database.drop() }
        let before = try runRex(["--no-rc", "-c", database.superuser, "-e", ":server check"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(value("server", in: before.stdout)?.contains("PostgreSQL 15") == true, "\(before.stdout)")
        #expect(value("plpython3u", in: before.stdout)?.hasPrefix("installed") == true, "\(before.stdout)")
        #expect(value("rex.run", in: before.stdout)?.hasPrefix("not installed") == true, "\(before.stdout)")
        for (name, version) in try localVersions() { #expect(value(name, in: before.stdout) == version, "\(name): \(before.stdout)") }
        #expect(before.stdout.hasSuffix("server Python: ready\n"), "\(before.stdout)")

        let after = try runRex(["--no-rc", "-c", database.superuser], input: ":server install\n:server check\n")
        #expect(after.status == 0, "\(after.stderr)")
        #expect(value("rex.run", in: after.stdout) == "installed, this rex's runtime, you may execute it", "\(after.stdout)")
        #expect(after.stdout.hasSuffix("server Python: ready\n"), "\(after.stdout)")

        // An unprivileged role is told exactly what an administrator runs; nothing of its code runs.
        let user = try runRex(["--no-rc", "-c", database.user, "-e", ":server check"])
        #expect(user.status == 0, "\(user.stderr)")
        #expect(user.stdout.contains("server Python: not ready"), "\(user.stdout)")
        #expect(user.stdout.contains("GRANT rex_python TO \(database.role)"), "\(user.stdout)")
        #expect(value("pandas", in: user.stdout) == nil, "no probe runs for a role that may not: \(user.stdout)")
    }

    @Test("a database without plpython3u: not ready, and the fix is CREATE EXTENSION")
    func missingPlpython() throws {
        let database = try freshDatabase(plpython: false)
        defer { database.drop() }
        let result = try runRex(["--no-rc", "-c", database.superuser, "-e", ":server check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(value("plpython3u", in: result.stdout) == "available, not created in this database", "\(result.stdout)")
        #expect(result.stdout.contains("server Python: not ready"), "\(result.stdout)")
        #expect(result.stdout.contains("CREATE EXTENSION plpython3u"), "\(result.stdout)")

        // The first server-Python step of a session runs the same check and names the fix.
        let plot = try runRex(["--no-rc", "-c", database.superuser], input: """
            sample iris -> table iris_data replace
            :context server
            table iris_data | plot hist Sepal_Length

            """)
        #expect(plot.stderr.contains("is not ready: plpython3u is not created in this database"), "\(plot.stderr)")
        #expect(plot.stderr.contains("a superuser runs CREATE EXTENSION plpython3u"), "\(plot.stderr)")
    }

    @Test("SQLite has no server Python, and says where plot and python run instead")
    func sqlite() throws {
        let database = TestEnvironment.sqliteDatabase()
        defer { try? FileManager.default.removeItem(atPath: database.path) }
        let result = try runRex(["--no-rc", "-c", database.connectionString, "-e", ":server check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(value("server", in: result.stdout)?.contains("SQLite 3.") == true, "\(result.stdout)")
        #expect(result.stdout.contains("server Python: none on this server (plot and python steps run with :context local)"), "\(result.stdout)")
    }

    @Test("without a connection :server check says to connect; an unknown :server word names both commands")
    func usage() throws {
        let none = try runRex(["--no-rc", "-e", ":server check"])
        #expect(none.stderr.contains("not connected"), "\(none.stderr)")
        let unknown = try runRex(["--no-rc", "-e", ":server chek"])
        #expect(unknown.stderr.contains(":server check or :server install"), "\(unknown.stderr)")
    }

    @Test("SQL Server (REX_TEST_MSSQL): product, external scripts setting, and the runtime's versions",
          .enabled(if: ProcessInfo.processInfo.environment["REX_TEST_MSSQL"]?.isEmpty == false, "REX_TEST_MSSQL is not set: no SQL Server to check"))
    func sqlServer() throws {
        let connection = ProcessInfo.processInfo.environment["REX_TEST_MSSQL"] ?? ""
        let result = try runRex(["--no-rc", "-c", connection, "-e", ":server check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(value("server", in: result.stdout)?.contains("SQL Server") == true, "\(result.stdout)")
        let scripts = value("external scripts", in: result.stdout) ?? ""
        #expect(!scripts.isEmpty, "\(result.stdout)")
        if scripts == "enabled" {
            #expect(value("python", in: result.stdout)?.first?.isNumber == true, "\(result.stdout)")
        } else {
            #expect(result.stdout.contains("server Python: not ready"), "\(result.stdout)")
        }
    }
}
