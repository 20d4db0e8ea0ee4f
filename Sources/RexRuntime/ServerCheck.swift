import Foundation
import RexCompiler
import RexData
import RexODBC

/// `:server check` (SPEC §3, §5): what a server offers for server Python, asked without
/// running user code — the product and version; on SQL Server whether `external scripts
/// enabled` is on; on PostgreSQL plpython3u and `rex.run`; and, through rex's own tiny
/// script, the server Python's version and its pandas, numpy and matplotlib. The same check
/// runs before the first server-Python step of a session, so a missing piece is reported
/// with what an administrator runs to fix it instead of a raw server error.
public struct ServerCheckReport: Sendable, Equatable {
    /// One finding: a label (`plpython3u`, `pandas`) and what was found.
    public struct Line: Sendable, Equatable {
        public var label: String
        public var value: String
    }

    public var lines: [Line] = []
    /// What stops server Python, each with what to do about it; empty when it is ready.
    public var problems: [(message: String, help: String)] = []
    /// False on servers that have no server Python at all (SQLite).
    public var hasServerPython = true

    public var isReady: Bool { hasServerPython && problems.isEmpty }

    public static func == (a: ServerCheckReport, b: ServerCheckReport) -> Bool {
        a.lines == b.lines && a.hasServerPython == b.hasServerPython
            && a.problems.map(\.message) == b.problems.map(\.message) && a.problems.map(\.help) == b.problems.map(\.help)
    }

    mutating func add(_ label: String, _ value: String) { lines.append(Line(label: label, value: value)) }

    /// The report as aligned lines, then the verdict.
    public func rendered() -> String {
        let width = (lines.map(\.label.count).max() ?? 0) + 2
        var text = lines.map { $0.label.padding(toLength: width, withPad: " ", startingAt: 0) + $0.value + "\n" }.joined()
        if !hasServerPython {
            text += "server Python: none on this server (plot and python steps run with :context local)\n"
        } else if problems.isEmpty {
            text += "server Python: ready\n"
        } else {
            text += "server Python: not ready\n"
            for problem in problems { text += "  - \(problem.message)\n    fix: \(problem.help)\n" }
        }
        return text
    }
}

/// The packages server Python needs (`plot` needs matplotlib; both need pandas and numpy).
private let requiredPackages = ["pandas", "numpy", "matplotlib"]

/// rex's own version probe, run as the step of a server-Python call: versions as JSON text.
private let versionProbe = """
    import json, sys
    found = {"python": sys.version.split()[0]}
    for name in ("pandas", "numpy", "matplotlib"):
        try:
            found[name] = __import__(name).__version__
        except Exception:
            found[name] = None
    result = json.dumps(found)
    """

extension Session {
    /// `:server check` on `connection`.
    public func serverCheck(on connection: NamedConnection) throws -> ServerCheckReport {
        var report = ServerCheckReport()
        let db = connection.connection
        switch db.serverKind {
        case .postgres:
            let version = try db.queryText("SHOW server_version").first?.first ?? nil
            report.add("server", "\(connection.name): PostgreSQL \(version ?? "?")")
            try checkPostgres(connection, into: &report)
        case .sqlServer:
            let row = try db.queryText("SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)), CAST(SERVERPROPERTY('Edition') AS nvarchar(128))").first
            report.add("server", "\(connection.name): SQL Server \(row?[0] ?? "?") (\(row?.count ?? 0 > 1 ? row?[1] ?? "?" : "?"))")
            try checkSQLServer(connection, into: &report)
        case .sqlite:
            let version = try db.queryText("SELECT sqlite_version()").first?.first ?? nil
            report.add("server", "\(connection.name): SQLite \(version ?? "?")")
            report.hasServerPython = false
        case .other(let name):
            report.add("server", "\(connection.name): \(connection.product)")
            report.add("server Python", "\(name) has none rex knows")
            report.hasServerPython = false
        }
        return report
    }

    /// Before the first server-Python step on `connection` in this session: the check, and
    /// its first problem as the error (what is missing, what an administrator runs).
    func ensureServerPython(on connection: NamedConnection) throws {
        if checkedServerPython.contains(ObjectIdentifier(connection.connection)) { return }
        let report = try serverCheck(on: connection)
        if let problem = report.problems.first {
            throw RuntimeError("server Python on \(connection.name) is not ready: \(problem.message)", help: problem.help)
        }
        checkedServerPython.insert(ObjectIdentifier(connection.connection))
    }

    // MARK: - PostgreSQL

    private func checkPostgres(_ connection: NamedConnection, into report: inout ServerCheckReport) throws {
        let db = connection.connection
        let rows = try db.queryText("""
            SELECT (SELECT extversion FROM pg_extension WHERE extname = 'plpython3u'),
                   (SELECT default_version FROM pg_available_extensions WHERE name = 'plpython3u'),
                   (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
            """)
        let installed = rows.first?[0] ?? nil, available = rows.first?[1] ?? nil
        let superuser = ["t", "1", "true"].contains(rows.first?[2] ?? "")
        guard let installed else {
            report.add("plpython3u", available == nil ? "not available on the server" : "available, not created in this database")
            report.problems.append(available == nil
                ? ("the server has no plpython3u", "an administrator installs the server's PL/Python package (Debian: postgresql-plpython3-15), then runs CREATE EXTENSION plpython3u")
                : ("plpython3u is not created in this database", "a superuser runs CREATE EXTENSION plpython3u"))
            return
        }
        report.add("plpython3u", "installed (\(installed))")
        // The function rex would call, with the checks of a real call (owner, runtime version, grant).
        let function: String
        do {
            function = try ServerPythonFunction.resolve(on: db)
        } catch let error as RuntimeError {
            report.add("rex.run", "not usable")
            report.problems.append((error.message, error.help ?? "run :server check as a superuser for details"))
            return
        }
        report.add("rex.run", function == ServerPythonFunction.name
                   ? "installed, this rex's runtime, you may execute it"
                   : "not installed; as a superuser rex uses a function of its own in pg_temp" + (superuser ? "" : " (needs a superuser)"))
        // rex's probe through the same call a step makes (ServerPython.postgresCall).
        let call = try ServerPython.postgresCall(function: function, code: versionProbe, variables: [:],
                                                 inputQuery: "SELECT 1 AS one", schema: Schema([Field("one", .int)]))
        do {
            let table = try connection.fetchAll(call)
            guard table.rowCount == 1, case .bytes(let bytes) = table.columns[0][0],
                  let payload = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
                  let text = payload["value"] as? String else {
                throw RuntimeError("the version probe returned no versions")
            }
            addVersions(text, into: &report, fix: "an administrator installs it for the database server's Python (Debian: apt install python3-%@)")
        } catch let error as ODBCError {
            reportProbeFailure(error.diagnostics.map(\.message).joined(separator: " "), into: &report,
                               fix: "an administrator installs it for the database server's Python (Debian: apt install python3-%@)")
        }
    }

    // MARK: - SQL Server

    private func checkSQLServer(_ connection: NamedConnection, into report: inout ServerCheckReport) throws {
        let db = connection.connection
        let setting = try db.queryText("""
            SELECT CAST(value AS int), CAST(value_in_use AS int) FROM sys.configurations WHERE name = N'external scripts enabled'
            """).first
        let configured = setting?[0] ?? nil, running = setting?[1] ?? nil
        guard setting != nil else {
            report.add("external scripts", "not offered by this server (Azure SQL Database and Babelfish have none)")
            report.problems.append(("this server has no external scripts (sp_execute_external_script)", "use a SQL Server with Machine Learning Services, or :context local"))
            return
        }
        guard running == "1" else {
            report.add("external scripts", configured == "1" ? "enabled, not yet in use (RECONFIGURE or a restart pending)" : "disabled")
            report.problems.append(("'external scripts enabled' is off",
                                    "an administrator runs EXEC sp_configure 'external scripts enabled', 1; RECONFIGURE WITH OVERRIDE; and restarts SQL Server (Launchpad)"))
            return
        }
        report.add("external scripts", "enabled")
        // rex's probe through sp_execute_external_script: no user code runs.
        let batch = "EXEC sp_execute_external_script @language = N'Python', @script = "
            + SQLDialect.tsql.quoteString(versionProbe + "import pandas\nOutputDataSet = pandas.DataFrame({'versions': [result]})\n")
        do {
            let rows = try db.queryText(batch)
            guard let text = rows.first?.first ?? nil else { throw RuntimeError("the version probe returned no versions") }
            addVersions(text, into: &report, fix: "an administrator installs it for SQL Server's Python runtime (sqlmlutils or pip in its PYTHONHOME) — %@")
        } catch let error as ODBCError {
            reportProbeFailure(error.diagnostics.map(\.message).joined(separator: " "), into: &report,
                               fix: "an administrator checks the Launchpad service and the Python runtime of Machine Learning Services (%@)")
        }
    }

    // MARK: - Versions

    private func addVersions(_ json: String, into report: inout ServerCheckReport, fix: String) {
        guard let found = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            report.problems.append(("the server's Python answered the version probe with \(json.debugDescription)", "run :server check again"))
            return
        }
        report.add("python", found["python"] as? String ?? "?")
        for name in requiredPackages {
            if let version = found[name] as? String {
                report.add(name, version)
            } else {
                report.add(name, "missing")
                report.problems.append(("the server's Python has no \(name)", fix.replacingOccurrences(of: "%@", with: name)))
            }
        }
    }

    private func reportProbeFailure(_ message: String, into report: inout ServerCheckReport, fix: String) {
        for name in requiredPackages where message.contains("No module named '\(name)'") {
            report.add(name, "missing")
            report.problems.append(("the server's Python has no \(name)", fix.replacingOccurrences(of: "%@", with: name)))
            return
        }
        report.add("python", "the version probe failed")
        report.problems.append(("the server's Python did not run rex's version probe: \(message)",
                                fix.replacingOccurrences(of: "%@", with: "the message above")))
    }
}
