import RexCompiler
import RexODBC
import RexPrelude

/// `rex.run(text)`, the plpython3u function that runs `plot` and `python` steps on a
/// PostgreSQL server (SPEC §3), and the checks rex makes before calling it.
///
/// Whoever may execute a plpython3u function runs code as the database server's OS user:
/// the step's code is Python by design. So `rex.run` runs only the runtime it was
/// installed with — the source of `prelude/rex_server.py`, embedded in the function body
/// at install time; the call's argument carries the step (its code, the input query,
/// variables) as data and cannot replace the runtime — and `:server install` makes it
/// owned by the installing superuser, with EXECUTE revoked from PUBLIC and granted to the
/// role `rex_python` (NOLOGIN). Before calling it rex checks that it and its schema are
/// owned by superusers (anyone else could change what it runs), that it is this rex's
/// runtime version and that the current user may execute it; a superuser without an
/// installed `rex.run` gets a function of its own in `pg_temp`.
enum ServerPythonFunction {
    /// The role whose members may call `rex.run`.
    static let role = "rex_python"

    /// The installed function's qualified name.
    static let name = "rex.run"

    /// The server runtime's source (`prelude/rex_server.py`).
    static var runtime: String {
        get throws {
            guard let text = Prelude.text("rex_server.py") else { throw RuntimeError("the server runtime is missing from this build") }
            return text
        }
    }

    /// The runtime version: a hash of the function body, so any change to the runtime or
    /// to the way it is called makes an installed `rex.run` stale.
    static var version: String {
        get throws { fnv1a64(bodyTemplate + (try runtime)) }
    }

    /// The plpython3u body: the runtime's source as a Python string literal, run on each
    /// call; `spec_text` (JSON) is only read, never run as the runtime.
    static var body: String {
        get throws {
            let version = try version
            return bodyTemplate
                .replacingOccurrences(of: "{version}", with: version)
                .replacingOccurrences(of: "{runtime}", with: PythonLiteral.string(try runtime))
        }
    }

    private static let bodyTemplate = """
    # rex server runtime {version}, installed with the function: this body runs only this runtime.
    # The argument is data: the step's code, input query, columns and variables (JSON).
    import json
    REX_RUNTIME_VERSION = "{version}"
    REX_RUNTIME_SOURCE = {runtime}
    spec = json.loads(spec_text)
    if spec.get("version") != REX_RUNTIME_VERSION:
        plpy.error("this rex.run has rex server runtime %s, the caller sent %s: run :server install again" % (REX_RUNTIME_VERSION, spec.get("version")))
    namespace = {"__name__": "rex_server"}
    exec(compile(REX_RUNTIME_SOURCE, "rex_server.py", "exec"), namespace)
    return namespace["main"](plpy.execute(spec["query"]), spec)
    """

    /// `CREATE FUNCTION name(spec_text text) RETURNS bytea` in plpython3u, running as the caller.
    static func createStatement(name: String, orReplace: Bool) throws -> String {
        "CREATE \(orReplace ? "OR REPLACE " : "")FUNCTION \(name)(spec_text text) RETURNS bytea LANGUAGE plpython3u SECURITY INVOKER AS "
            + SQLDialect.postgres.quoteString(try body)
    }

    // MARK: - Install

    /// The statements `:server install` runs, in one transaction.
    static var installStatements: [String] {
        get throws {
            let version = try version
            return [
                "CREATE SCHEMA IF NOT EXISTS rex",
                "REVOKE ALL ON SCHEMA rex FROM PUBLIC",
                """
                DO $rex$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(role)') THEN CREATE ROLE \(role) NOLOGIN; END IF;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $rex$
                """,
                "DROP FUNCTION IF EXISTS \(name)(text)",
                try createStatement(name: name, orReplace: false),
                "REVOKE ALL ON FUNCTION \(name)(text) FROM PUBLIC",
                "GRANT USAGE ON SCHEMA rex TO \(role)",
                "GRANT EXECUTE ON FUNCTION \(name)(text) TO \(role)",
                "COMMENT ON FUNCTION \(name)(text) IS "
                    + SQLDialect.postgres.quoteString("rex server runtime \(version): members of \(role) run Python with it as the database server's OS user"),
            ]
        }
    }

    /// What `:server install` prints: a warning of what the grant means, then the statements.
    static var installScript: String {
        get throws {
            """
            -- rex.run runs plot and python steps in plpython3u, an untrusted language: whoever may
            -- execute it can run any code as the database server's operating-system user (read and
            -- write its files, connect as any database role). EXECUTE is granted only to the role
            -- \(role) (NOLOGIN); make the people you trust with that members of it:
            --   GRANT \(role) TO <role>;

            """ + (try installStatements).map { $0 + ";" }.joined(separator: "\n") + "\n"
        }
    }

    /// Throws unless the current user is a superuser and schema `rex`, if it exists, is owned by one.
    static func checkInstall(on connection: Connection) throws {
        let rows = try connection.queryText("""
            SELECT me.rolsuper, so.rolname, so.rolsuper
            FROM pg_roles me
            LEFT JOIN pg_namespace n ON n.nspname = 'rex'
            LEFT JOIN pg_roles so ON so.oid = n.nspowner
            WHERE me.rolname = current_user
            """)
        guard let row = rows.first else { throw RuntimeError("cannot read the current role from pg_roles") }
        guard isTrue(row[0]) else {
            throw RuntimeError(":server install needs a superuser: plpython3u is untrusted, only a superuser can create functions in it",
                               help: "connect as a superuser (such as postgres) to install rex.run")
        }
        if let owner = row[1], !isTrue(row[2]) {
            throw RuntimeError("schema rex exists and is owned by role '\(owner)', which is not a superuser: its owner could replace rex.run",
                               help: "check what it holds, then DROP SCHEMA rex CASCADE (or ALTER SCHEMA rex OWNER TO a superuser) and run :server install again")
        }
    }

    // MARK: - Before a call

    /// The function to call on `connection`: `rex.run` when it passes every check, else
    /// `pg_temp.rex_run` created now for a superuser; throws what is wrong otherwise.
    static func resolve(on connection: Connection) throws -> String {
        let rows = try connection.queryText("""
            SELECT me.rolname, me.rolsuper, f.owner, f.owner_super, f.schema_owner, f.schema_owner_super,
                   f.may_execute, f.version, f.language
            FROM pg_roles me
            LEFT JOIN (
                SELECT fo.rolname AS owner, fo.rolsuper AS owner_super, so.rolname AS schema_owner,
                       so.rolsuper AS schema_owner_super,
                       has_schema_privilege(n.oid, 'USAGE') AND has_function_privilege(p.oid, 'EXECUTE') AS may_execute,
                       substring(p.prosrc from 'REX_RUNTIME_VERSION = "([0-9a-f]+)"') AS version, l.lanname AS language
                FROM pg_proc p
                JOIN pg_namespace n ON n.oid = p.pronamespace
                JOIN pg_roles fo ON fo.oid = p.proowner
                JOIN pg_roles so ON so.oid = n.nspowner
                JOIN pg_language l ON l.oid = p.prolang
                WHERE n.nspname = 'rex' AND p.proname = 'run' AND p.proargtypes = '25'::oidvector
            ) f ON true
            WHERE me.rolname = current_user
            """)
        guard let row = rows.first else { throw RuntimeError("cannot read the current role from pg_roles") }
        let user = row[0] ?? "?"
        let isSuperuser = isTrue(row[1])
        guard let owner = row[2] else {
            if isSuperuser { return try createTemporary(on: connection) }
            throw RuntimeError("server Python needs rex.run, which is not installed on this database",
                               help: "an administrator runs :server install (as a superuser) and GRANT \(role) TO \(user); or use :context local")
        }
        if !isTrue(row[3]) {
            throw RuntimeError("rex will not call rex.run: it is owned by role '\(owner)', which is not a superuser, so its owner decides what code it runs (as the server's OS user)",
                               help: "an administrator should check it, DROP FUNCTION rex.run(text) and run :server install; or use :context local")
        }
        if !isTrue(row[5]) {
            throw RuntimeError("rex will not call rex.run: its schema rex is owned by role '\(row[4] ?? "?")', which is not a superuser and could replace it",
                               help: "an administrator should check schema rex, drop it or ALTER SCHEMA rex OWNER TO a superuser, and run :server install; or use :context local")
        }
        guard row[8] == "plpython3u", let installed = row[7] else {
            throw RuntimeError("rex.run on this database is not the function :server install creates (or comes from an older rex)",
                               help: "an administrator should run :server install again; or use :context local")
        }
        let needed = try version
        guard installed == needed else {
            throw RuntimeError("rex.run on this database has rex server runtime \(installed), this rex needs \(needed)",
                               help: "an administrator should run :server install again (with this version of rex); or use :context local")
        }
        guard isTrue(row[6]) else {
            throw RuntimeError("role '\(user)' may not execute rex.run: only members of \(role) may, since it runs code as the server's OS user",
                               help: "an administrator who trusts you with that runs GRANT \(role) TO \(user); or use :context local")
        }
        return name
    }

    /// `pg_temp.rex_run`, this rex's runtime for this session only (needs a superuser).
    private static func createTemporary(on connection: Connection) throws -> String {
        do {
            _ = try connection.execute(try createStatement(name: "pg_temp.rex_run", orReplace: true))
        } catch let error as ODBCError {
            let text = error.diagnostics.map(\.message).joined(separator: " ")
            if text.contains("plpython3u") && text.contains("does not exist") {
                throw RuntimeError("the server has no plpython3u, which server Python needs",
                                   help: "an administrator can run CREATE EXTENSION plpython3u; or use :context local")
            }
            throw RuntimeError("cannot create the server Python function: \(error.diagnostics.first?.message ?? "\(error)")",
                               help: "plpython3u functions need a superuser: ask an administrator to run :server install, or use :context local")
        }
        return "pg_temp.rex_run"
    }

    private static func isTrue(_ text: String?) -> Bool {
        text == "1" || text == "t" || text == "true"
    }

    /// FNV-1a (64 bit) of `text`'s UTF-8, as 16 hex digits.
    private static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
