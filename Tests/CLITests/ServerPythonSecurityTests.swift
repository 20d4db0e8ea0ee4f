import Foundation
import RexTestSupport
import Testing

/// `rex.run` on the real PostgreSQL (SPEC §3, issue 11): it runs only the runtime it was
/// installed with, only members of `rex_python` may call it, and rex refuses a `rex.run`
/// that a non-superuser could have planted or changed. The unprivileged role of these
/// tests is `rex_sec_user` (made here), so that granting it `rex_python` never changes
/// what other suites' `rex_user` may do.
@Suite("Server Python security", .serialized)
struct ServerPythonSecurityTests {
    static let role = "rex_sec_user"

    /// The superuser's connection string for `database`.
    static func admin(_ database: String) throws -> String {
        try TestEnvironment.postgres.replacingOccurrences(of: "Database=rex_test", with: "Database=\(database)")
    }

    /// `rex_sec_user`'s connection string for `database` (the test server trusts local logins).
    static func user(_ database: String) throws -> String {
        try TestEnvironment.postgresUnprivileged
            .replacingOccurrences(of: "Database=rex_test", with: "Database=\(database)")
            .replacingOccurrences(of: "Uid=rex_user", with: "Uid=\(role)")
    }

    static func rex(_ connection: String, _ statements: [String], context: String? = nil) throws -> ProcessResult {
        var arguments = ["--no-rc", "-c", connection]
        if let context { arguments += ["--context", context] }
        for statement in statements { arguments += ["-e", statement] }
        return try runRex(arguments)
    }

    /// A fresh database with plpython3u, and `rex_sec_user`, who is not a member of rex_python.
    static func freshDatabase(_ name: String) throws {
        let setup = try rex(try TestEnvironment.postgres, [
            ":exec DROP DATABASE IF EXISTS \(name) WITH (FORCE)",
            ":exec CREATE DATABASE \(name)",
            ":exec DO $r$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) LOGIN; END IF; "
                + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $r$",
            ":exec DO $r$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'rex_python') THEN REVOKE rex_python FROM \(role); END IF; END $r$",
        ])
        #expect(setup.status == 0, "\(setup.stderr)")
        let prepare = try rex(try admin(name), [":exec CREATE EXTENSION plpython3u", ":exec GRANT ALL ON SCHEMA public TO \(role)"])
        #expect(prepare.status == 0, "\(prepare.stderr)")
    }

    /// The one value of a single-row, single-column `:exec` result (CSV: header, value).
    static func scalar(_ result: ProcessResult) -> String? {
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2 else { return nil }
        let field = String(lines[1])
        guard field.hasPrefix("\""), field.hasSuffix("\""), field.count >= 2 else { return field }
        return String(field.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
    }

    @Test("after :server install only members of rex_python run server Python; the DDL says what the grant means")
    func installAndGrant() throws {
        let database = "rex_sec_install"
        try Self.freshDatabase(database)
        let upload = try Self.rex(try Self.user(database), ["sample iris -> table sec_iris replace"])
        #expect(upload.status == 0, "\(upload.stderr)")

        let install = try Self.rex(try Self.admin(database), [":server install"])
        #expect(install.status == 0, "\(install.stderr)")
        #expect(install.stdout.contains("can run any code as the database server's operating-system user"))
        #expect(install.stdout.contains("GRANT rex_python TO <role>"))
        #expect(install.stdout.contains("REVOKE ALL ON FUNCTION rex.run(text) FROM PUBLIC;"))
        #expect(install.stdout.contains("GRANT EXECUTE ON FUNCTION rex.run(text) TO rex_python;"))
        #expect(!install.stdout.contains("TO PUBLIC"))

        // Owned by the installing superuser; EXECUTE for rex_python only (no PUBLIC entry `=X/…`).
        let owner = try Self.rex(try Self.admin(database), [
            ":exec SELECT r.rolname || ':' || r.rolsuper || ':' || p.proacl::text FROM pg_proc p JOIN pg_roles r ON r.oid = p.proowner "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'rex' AND p.proname = 'run'",
        ])
        let acl = try #require(Self.scalar(owner))
        #expect(acl.hasPrefix("postgres:true:"), "\(acl)")
        #expect(acl.contains("rex_python=X/postgres"))
        #expect(!acl.contains("{=X") && !acl.contains(",=X"), "PUBLIC may not execute rex.run: \(acl)")
        let login = try Self.rex(try Self.admin(database), [":exec SELECT rolcanlogin FROM pg_roles WHERE rolname = 'rex_python'"])
        #expect(Self.scalar(login) == "false")

        // Without rex_python: rex says exactly what is missing, and the server refuses a direct call too.
        let refused = try Self.rex(try Self.user(database), ["table sec_iris | plot hist Sepal_Length"], context: "server")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("role '\(Self.role)' may not execute rex.run"), "\(refused.stderr)")
        #expect(refused.stderr.contains("GRANT rex_python TO \(Self.role)"))
        let direct = try Self.rex(try Self.user(database), [":exec SELECT rex.run('{}')"])
        #expect(direct.status == 1)
        #expect(direct.stderr.contains("permission denied"), "\(direct.stderr)")

        // With rex_python: plot and python steps run on the server.
        let grant = try Self.rex(try Self.admin(database), [":exec GRANT rex_python TO \(Self.role)"])
        #expect(grant.status == 0, "\(grant.stderr)")
        defer { _ = try? Self.rex(try Self.admin(database), [":exec REVOKE rex_python FROM \(Self.role)"]) }
        let png = TestEnvironment.temporaryDirectory().appendingPathComponent("hist.png").path
        let allowed = try Self.rex(try Self.user(database), [
            "table sec_iris | plot hist Sepal_Length -> png \"\(png)\"",
            #"table sec_iris | python """result = int(df.shape[0])""""#,
        ], context: "server")
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("saved \(png) (800×600"))
        #expect(allowed.stdout.contains("150"))
    }

    @Test("the runtime comes from the install: runtime code in the call's argument is ignored")
    func runtimeNotReplaceable() throws {
        let database = "rex_sec_runtime"
        try Self.freshDatabase(database)
        let install = try Self.rex(try Self.admin(database), [":server install", ":exec GRANT rex_python TO \(Self.role)"])
        #expect(install.status == 0, "\(install.stderr)")
        defer { _ = try? Self.rex(try Self.admin(database), [":exec REVOKE rex_python FROM \(Self.role)"]) }
        // A spec with the right version, a hostile "runtime" whose main would answer PWNED, and
        // ordinary user code: the installed runtime runs the code (42) and never the "runtime".
        let version = "(SELECT substring(p.prosrc from 'REX_RUNTIME_VERSION = \"([0-9a-f]+)\"') FROM pg_proc p "
            + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'rex' AND p.proname = 'run')"
        func call(version: String) -> String {
            ":exec SELECT convert_from(rex.run(json_build_object('version', \(version), "
                + "'runtime', 'def main(records, spec):' || chr(10) || '    return b\"PWNED\"' || chr(10), "
                + "'code', 'result = 6 * 7', 'query', 'SELECT 1 AS x', 'columns', json_build_array('x'), "
                + "'types', json_build_array('int'))::text), 'UTF8') AS payload"
        }
        let hostile = try Self.rex(try Self.user(database), [call(version: version)])
        #expect(hostile.status == 0, "\(hostile.stderr)")
        #expect(!hostile.stdout.contains("PWNED"))
        #expect(hostile.stdout.contains("\"\"kind\"\": \"\"value\"\"") && hostile.stdout.contains("42"), "\(hostile.stdout)")
        // A caller that is not this runtime's version is told to reinstall; nothing runs.
        let stale = try Self.rex(try Self.user(database), [call(version: "'0000000000000000'")])
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("run :server install again"), "\(stale.stderr)")
    }

    @Test("a rex.run planted by a role with CREATE is refused, also when a superuser runs rex; :server install refuses its schema")
    func plantedFunction() throws {
        let database = "rex_sec_plant"
        try Self.freshDatabase(database)
        let grant = try Self.rex(try Self.admin(database), [":exec GRANT CREATE ON DATABASE \(database) TO \(Self.role)"])
        #expect(grant.status == 0, "\(grant.stderr)")
        // What a role with CREATE on the database can do before an administrator installs rex.run:
        // its own schema rex and a function that runs as whoever calls it.
        let plant = try Self.rex(try Self.user(database), [
            ":exec CREATE SCHEMA rex",
            ":exec GRANT USAGE ON SCHEMA rex TO PUBLIC",
            ":exec CREATE TABLE public.plant_log (who text)",
            ":exec GRANT INSERT ON public.plant_log TO PUBLIC",
            ":exec CREATE FUNCTION rex.run(spec_text text) RETURNS bytea LANGUAGE plpgsql AS "
                + "$f$ BEGIN INSERT INTO public.plant_log VALUES (current_user); RETURN NULL; END $f$",
            "sample iris -> table plant_iris replace",
        ])
        #expect(plant.status == 0, "\(plant.stderr)")

        let superuser = try Self.rex(try Self.admin(database), ["table plant_iris | plot hist Sepal_Length"], context: "server")
        #expect(superuser.status == 1)
        #expect(superuser.stderr.contains("rex will not call rex.run: it is owned by role '\(Self.role)', which is not a superuser"),
                "\(superuser.stderr)")
        let install = try Self.rex(try Self.admin(database), [":server install"])
        #expect(install.status == 1)
        #expect(install.stderr.contains("schema rex exists and is owned by role '\(Self.role)'"), "\(install.stderr)")
        let log = try Self.rex(try Self.admin(database), [":exec SELECT count(*) FROM public.plant_log"])
        #expect(Self.scalar(log) == "0", "the planted function never ran: \(log.stdout)")
        // The control: the planted function does run when called, so the count above means something.
        let call = try Self.rex(try Self.user(database), [":exec SELECT rex.run('x')"])
        #expect(call.status == 0, "\(call.stderr)")
        let control = try Self.rex(try Self.admin(database), [":exec SELECT string_agg(who, ',') FROM public.plant_log"])
        #expect(Self.scalar(control) == Self.role, "\(control.stdout)")

        // Once the schema is dropped :server install works; a schema handed to a non-superuser
        // afterwards (who could then replace the function) is refused again.
        let reinstall = try Self.rex(try Self.admin(database), [":exec DROP SCHEMA rex CASCADE", ":server install",
                                                                ":exec ALTER SCHEMA rex OWNER TO \(Self.role)"])
        #expect(reinstall.status == 0, "\(reinstall.stderr)")
        let schemaOwner = try Self.rex(try Self.admin(database), ["table plant_iris | plot hist Sepal_Length"], context: "server")
        #expect(schemaOwner.status == 1)
        #expect(schemaOwner.stderr.contains("its schema rex is owned by role '\(Self.role)'"), "\(schemaOwner.stderr)")

        // A rex.run of another runtime version (an older install): run :server install again.
        let stale = try Self.rex(try Self.admin(database), [
            ":exec ALTER SCHEMA rex OWNER TO postgres",
            ":exec CREATE OR REPLACE FUNCTION rex.run(spec_text text) RETURNS bytea LANGUAGE plpython3u AS "
                + "'REX_RUNTIME_VERSION = \"0000000000000000\"; return None'",
            "table plant_iris | plot hist Sepal_Length",
        ], context: "server")
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("rex server runtime 0000000000000000"), "\(stale.stderr)")
        #expect(stale.stderr.contains("run :server install again"))
    }
}
