import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexODBC
import RexRuntime
import RexTestSupport

/// Where a conformance case runs.
enum Engine: String, CaseIterable {
    /// Local context: data uploaded to PostgreSQL, fetched over ODBC into pandas.
    case pandas
    /// Server context on the private PostgreSQL.
    case postgres
    /// Server context on a SQLite file.
    case sqlite
}

/// Runs conformance cases on one engine through the real session (parser, resolver,
/// SQL or pandas generator, ODBC, embedded Python).
struct ConformanceRunner {
    let engine: Engine
    /// The connection string of the engine's database (a fresh SQLite file per case for pandas/sqlite).
    let postgres: String?

    /// Runs one case; nil when it passes, else why it failed.
    func run(_ testCase: ConformanceCase) -> String? {
        do {
            let session = try Session()
            let connectionString: String
            switch engine {
            case .postgres, .pandas:
                guard let postgres else { return "no PostgreSQL" }
                connectionString = postgres
            case .sqlite:
                connectionString = TestEnvironment.sqliteDatabase(name: "case").connectionString
            }
            let named = try session.connections.connect(connectionString)
            try upload(testCase.datasets, to: named, session: session)
            session.context = engine == .pandas ? .local : .server
            return check(testCase, outcome: Result { try execute(testCase.source, session: session) })
        } catch {
            return "setup failed: \(error)"
        }
    }

    private func execute(_ source: String, session: Session) throws -> Table {
        let parsed = parse(source)
        if parsed.diagnostics.hasErrors { throw parsed.diagnostics }
        var last: Table?
        for statement in parsed.statements {
            let result = try session.execute(statement, source: source)
            if case .table(let rows, _) = result.outcome { last = try rows.collect() }
        }
        guard let last else { throw RuntimeError("the case produced no table") }
        return last
    }

    private func check(_ testCase: ConformanceCase, outcome: Result<Table, Error>) -> String? {
        switch (testCase.expectation, outcome) {
        case (.table(let expected), .success(let actual)):
            return compareResults(actual: actual, expected: expected, ordered: testCase.isOrdered)
        case (.table, .failure(let error)):
            return "expected a table, got an error: \(describe(error))"
        case (.error(let fragment), .failure(let error)):
            let text = describe(error)
            if text.localizedCaseInsensitiveContains(fragment) { return nil }
            // Runtime overflow: any engine error wording is accepted (README).
            if fragment == "overflow" && ["out of range", "overflow"].contains(where: { text.localizedCaseInsensitiveContains($0) }) { return nil }
            return "expected an error containing '\(fragment)', got: \(text)"
        case (.error(let fragment), .success(let table)):
            return "expected an error containing '\(fragment)', got \(table.rowCount) rows"
        }
    }

    private func describe(_ error: Error) -> String {
        if let list = error as? DiagnosticList { return list.diagnostics.map(\.message).joined(separator: "; ") }
        return "\(error)"
    }

    /// Creates each dataset as a table (dropping an older one of the same name).
    private func upload(_ datasets: [String: Table], to connection: NamedConnection, session: Session) throws {
        guard let dialect = SQLDialect.named(connection.dialect) else { throw RuntimeError("no dialect") }
        for (name, table) in datasets.sorted(by: { $0.key < $1.key }) {
            let quoted = dialect.quoteIdentifier(name)
            _ = try connection.connection.execute("DROP TABLE IF EXISTS \(quoted)")
            _ = try connection.connection.execute(try dialect.createTable(name: [name], schema: table.schema))
            try connection.connection.insert(table, into: quoted, quotedColumns: table.schema.names.map(dialect.quoteIdentifier))
        }
    }
}
