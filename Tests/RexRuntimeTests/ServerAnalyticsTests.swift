import Foundation
import RexData
import RexLanguage
@testable import RexRuntime
import RexTestSupport
import Testing

/// Runs `source` (one or more statements) and returns the last table.
func runStatements(_ source: String, in session: Session) throws -> Table? {
    let parsed = parse(source)
    if parsed.diagnostics.hasErrors { throw parsed.diagnostics }
    var last: Table?
    for statement in parsed.statements {
        if case .table(let rows, _) = try session.execute(statement, source: source).outcome { last = try rows.collect() }
    }
    return last
}

@Suite("summary and linmod on a server agree with the local runtime", .serialized)
struct ServerAnalyticsTests {
    private func check(connectionString: String, table: String) throws {
        let session = try Session()
        try session.connections.connect(connectionString)
        _ = try runStatements("sample iris | derive big = Petal_Length > 4, n = int(Sepal_Length * 10) -> table \(table) replace", in: session)
        let pipelines = [
            "table \(table) | summary",
            "table \(table) | filter Species != \"setosa\" | summary Sepal_Width, n, big, Species",
            "table \(table) | linmod Petal_Width ~ Petal_Length + Sepal_Length + Species",
            "table \(table) | linmod Sepal_Width ~ n + big",
        ]
        for pipeline in pipelines {
            session.context = .local
            let local = try #require(try runStatements(pipeline, in: session))
            session.context = .server
            let server = try #require(try runStatements(pipeline, in: session))
            #expect(server.schema == local.schema, "\(pipeline)")
            #expect(server.rowCount == local.rowCount, "\(pipeline)")
            for row in 0..<min(server.rowCount, local.rowCount) {
                for (a, b) in zip(server.row(row), local.row(row)) {
                    if case .float(let x) = a, case .float(let y) = b {
                        #expect(abs(x - y) <= 1e-7 * max(1, abs(y)), "\(pipeline): row \(row): \(x) vs \(y)")
                    } else {
                        #expect(a == b, "\(pipeline): row \(row)")
                    }
                }
            }
        }
    }

    @Test("PostgreSQL")
    func postgres() throws {
        try check(connectionString: try TestEnvironment.postgres, table: "analytics_iris")
    }

    @Test("SQLite")
    func sqlite() throws {
        try check(connectionString: TestEnvironment.sqliteDatabase().connectionString, table: "iris")
    }

    @Test("p-values from the incomplete beta function match known values")
    func distributions() {
        // t = 2.0 with 10 df: two-sided p = 0.07338803; F = 3.0 on (2, 20): p = 0.07265
        #expect(abs(Statistics.twoSidedTPValue(2.0, degrees: 10) - 0.0733880) < 1e-6)
        #expect(abs(Statistics.fPValue(3.0, d1: 2, d2: 20) - 0.0726) < 1e-4)
    }
}
