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

    /// Mean and StdDev of `summary` on every context: the `mean` and `sd` aggregates (the sum over
    /// the count; the local one was numpy's pairwise mean, a digit off, and infinite beyond the range).
    private func checkSummaryMoments(connectionString: String) throws {
        let folder = TestEnvironment.temporaryDirectory()
        let eight = folder.appendingPathComponent("eight.csv"), huge = folder.appendingPathComponent("huge.csv")
        try "x\n0.0\n1.1\n5.6\n9.6\n9.7\n-9.9\n7.9\n1.5\n".write(to: eight, atomically: true, encoding: .utf8)
        try "x\n1e200\n-1e200\n".write(to: huge, atomically: true, encoding: .utf8)
        let session = try Session()
        try session.connections.connect(connectionString)
        for (file, name, mean, sd) in [(eight, "analytics_moments_eight", 3.187499999999999, 6.548813960230836 as Double?),
                                       (huge, "analytics_moments_huge", 0.0, nil)] {
            _ = try runStatements("csv \"\(file.path)\" -> table \(name) replace", in: session)
            for context in [Session.Context.local, .server] {
                session.context = context
                let summary = try #require(try runStatements("table \(name) | summary", in: session))
                let row = Dictionary(uniqueKeysWithValues: zip(summary.schema.names, summary.row(0)))
                #expect(row["Mean"] == .float(mean), "\(context) \(name)")
                #expect(row["StdDev"] == sd.map { .float($0) } ?? .null, "\(context) \(name)")
            }
        }
    }

    @Test("summary's Mean and StdDev are the mean and sd aggregates locally and on the server", arguments: ["PostgreSQL", "SQLite"])
    func summaryMoments(server: String) throws {
        let connection = server == "SQLite" ? TestEnvironment.sqliteDatabase().connectionString : try TestEnvironment.postgres
        try checkSummaryMoments(connectionString: connection)
    }

    @Test("p-values from the incomplete beta function match known values")
    func distributions() {
        // t = 2.0 with 10 df: two-sided p = 0.07338803; F = 3.0 on (2, 20): p = 0.07265
        #expect(abs(Statistics.twoSidedTPValue(2.0, degrees: 10) - 0.0733880) < 1e-6)
        #expect(abs(Statistics.fPValue(3.0, d1: 2, d2: 20) - 0.0726) < 1e-4)
    }
}
