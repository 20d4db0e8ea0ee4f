import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexODBC
import RexRuntime
import RexTestSupport

/// Where a conformance case (or a differential fuzz case) runs.
public enum Engine: String, Sendable {
    /// Local context: data uploaded to PostgreSQL, fetched over ODBC into pandas.
    case pandas
    /// Server context on the private PostgreSQL.
    case postgres
    /// Server context on a SQLite file.
    case sqlite
    /// Server context on a T-SQL server (SQL Server or Babelfish) given by `REX_TEST_MSSQL`;
    /// only the live T-SQL suite runs it.
    case tsql

    /// The engines every `make test` run has (PostgreSQL and SQLite are started by the tests).
    public static let standard: [Engine] = [.pandas, .postgres, .sqlite]
}

/// What one engine made of a case.
public enum EngineOutcome: CustomStringConvertible {
    /// The last statement's table.
    case table(Table)
    /// The parser or resolver rejected the source (the same on every engine: nothing ran).
    case compileError(String)
    /// An error while running (SQL generation, the server, the driver or the pandas runtime).
    case runtimeError(String)
    /// The datasets could not be uploaded.
    case setupError(String)

    public var description: String {
        switch self {
        case .table(let table): return "\(table.rowCount) rows"
        case .compileError(let message): return "compile error: \(message)"
        case .runtimeError(let message): return "error: \(message)"
        case .setupError(let message): return "setup failed: \(message)"
        }
    }
}

/// Runs conformance cases on one engine through the real session (parser, resolver,
/// SQL or pandas generator, ODBC, embedded Python).
public struct ConformanceRunner {
    public let engine: Engine
    /// The connection string of the engine's database (pandas and postgres: PostgreSQL; tsql: the
    /// T-SQL server; SQLite gets a fresh file per case).
    public let postgres: String?
    /// Put before each dataset's table name on the server, so runs sharing a database never meet
    /// (the tsql engine: a T-SQL login's default schema cannot be changed per session, so the
    /// names themselves are unique). `table NAME` in a case's source is rewritten to match.
    public let tablePrefix: String

    public init(engine: Engine, postgres: String?, tablePrefix: String = "") {
        self.engine = engine
        self.postgres = postgres
        self.tablePrefix = tablePrefix
    }

    /// Runs one case; nil when it passes (or is marked as not applying to this engine, `--- not
    /// ENGINE: REASON`), else why it failed.
    public func run(_ testCase: ConformanceCase) -> String? {
        if !testCase.applies(to: engine.rawValue) { return nil }
        switch outcome(datasets: testCase.datasets, source: testCase.source) {
        case .setupError(let message): return "setup failed: \(message)"
        case .table(let table): return check(testCase, outcome: .success(table))
        case .compileError(let message), .runtimeError(let message): return check(testCase, outcome: .failure(ErrorText(text: message)))
        }
    }

    /// Uploads `datasets` as tables, runs `source` (statements; the last one gives the table) in
    /// the engine's context and says what came of it.
    public func outcome(datasets: [String: Table], source: String) -> EngineOutcome {
        var sqliteDirectory: URL?
        defer { if let sqliteDirectory { try? FileManager.default.removeItem(at: sqliteDirectory) } }
        let session: Session
        let source = renamingTables(in: source, names: Array(datasets.keys))
        var uploaded: NamedConnection?
        defer { if let uploaded, !tablePrefix.isEmpty { dropTables(datasets, on: uploaded) } }
        do {
            session = try Session()
            let connectionString: String
            switch engine {
            case .postgres, .pandas, .tsql:
                guard let postgres else { return .setupError("no PostgreSQL") }
                connectionString = postgres
            case .sqlite:
                let database = TestEnvironment.sqliteDatabase(name: "case")
                sqliteDirectory = URL(fileURLWithPath: database.path).deletingLastPathComponent()
                connectionString = database.connectionString
            }
            let named = try session.connections.connect(connectionString)
            uploaded = named
            try upload(datasets, to: named, session: session)
            session.context = engine == .pandas ? .local : .server
        } catch {
            return .setupError(describe(error))
        }
        let parsed = parse(source)
        if parsed.diagnostics.hasErrors { return .compileError(describe(parsed.diagnostics)) }
        var last: Table?
        for statement in parsed.statements {
            do {
                let result = try session.execute(statement, source: source)
                if case .table(let rows, _) = result.outcome { last = try rows.collect() }
            } catch let error as DiagnosticList {
                return .compileError(describe(error))
            } catch {
                return .runtimeError(describe(error))
            }
        }
        guard let last else { return .runtimeError("the case produced no table") }
        return .table(last)
    }

    private func check(_ testCase: ConformanceCase, outcome: Result<Table, ErrorText>) -> String? {
        switch (testCase.expectation, outcome) {
        case (.table(let expected), .success(let actual)):
            return compareResults(actual: actual, expected: expected, ordered: testCase.isOrdered)
        case (.table, .failure(let error)):
            return "expected a table, got an error: \(error.text)"
        case (.error(let fragment), .failure(let error)):
            let text = error.text
            if text.localizedCaseInsensitiveContains(fragment) { return nil }
            // Runtime overflow: any engine error wording is accepted (README).
            if fragment == "overflow" && isOverflowMessage(text) { return nil }
            return "expected an error containing '\(fragment)', got: \(text)"
        case (.error(let fragment), .success(let table)):
            return "expected an error containing '\(fragment)', got \(table.rowCount) rows"
        }
    }

    private struct ErrorText: Error { let text: String }

    private func describe(_ error: Error) -> String {
        if let list = error as? DiagnosticList { return list.diagnostics.map(\.message).joined(separator: "; ") }
        return "\(error)"
    }

    /// Creates each dataset as a table (dropping an older one of the same name).
    private func upload(_ datasets: [String: Table], to connection: NamedConnection, session: Session) throws {
        guard let dialect = SQLDialect.named(connection.dialect) else { throw RuntimeError("no dialect") }
        for (name, table) in datasets.sorted(by: { $0.key < $1.key }) {
            let quoted = dialect.quoteIdentifier(tablePrefix + name)
            _ = try connection.connection.execute("DROP TABLE IF EXISTS \(quoted)")
            _ = try connection.connection.execute(try dialect.createTable(name: [tablePrefix + name], schema: table.schema))
            try connection.connection.insert(table, into: quoted, quotedColumns: table.schema.names.map(dialect.quoteIdentifier))
        }
    }

    /// Drops the case's prefixed tables (errors ignored: the run goes on).
    private func dropTables(_ datasets: [String: Table], on connection: NamedConnection) {
        guard let dialect = SQLDialect.named(connection.dialect) else { return }
        for name in datasets.keys {
            _ = try? connection.connection.execute("DROP TABLE IF EXISTS " + dialect.quoteIdentifier(tablePrefix + name))
        }
    }

    /// `source` with `table NAME` of each dataset name read as `table PREFIXNAME`.
    private func renamingTables(in source: String, names: [String]) -> String {
        guard !tablePrefix.isEmpty else { return source }
        var result = source
        for name in names {
            let pattern = #"\btable(\s+)"# + NSRegularExpression.escapedPattern(for: name) + #"\b"#
            guard let expression = try? NSRegularExpression(pattern: pattern) else { continue }
            let template = "table$1" + NSRegularExpression.escapedTemplate(for: tablePrefix + name)
            result = expression.stringByReplacingMatches(in: result, range: NSRange(result.startIndex..., in: result), withTemplate: template)
        }
        return result
    }
}

/// Whether an engine's error message reports a runtime integer overflow, in any engine's
/// wording (SQLite and the pandas runtime: `integer overflow`; PostgreSQL: `bigint out of range`).
public func isOverflowMessage(_ text: String) -> Bool {
    // SQLite's "parser stack overflow" is a statement too deeply nested, not a value's overflow.
    if text.localizedCaseInsensitiveContains("parser stack overflow") { return false }
    return ["out of range", "overflow"].contains(where: { text.localizedCaseInsensitiveContains($0) })
}
