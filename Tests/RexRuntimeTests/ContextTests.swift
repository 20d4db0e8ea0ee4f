import Foundation
import RexData
import RexLanguage
@testable import RexRuntime
import RexTestSupport
import Testing

@Suite("Compute contexts")
struct ContextTests {
    @Test("bulk copy to SQL Server is on by default (SPEC §3 \"Bulk writes\", docs/UPLOADS.md)")
    func bulkCopyOnByDefault() throws {
        #expect(try Session().settings.bulkCopy == true)
    }

    @Test("let bindings work across context switches; a collected binding is local data in the server context")
    func switching() throws {
        let session = try Session()
        try session.connections.connect(TestEnvironment.sqliteDatabase().connectionString)
        _ = try runStatements("sample iris -> table iris", in: session)
        _ = try runStatements("let big = table iris | filter Petal_Length > 5", in: session)
        let local = try #require(try runStatements("big | summarize n = count()", in: session))
        session.context = .server
        let server = try #require(try runStatements("big | summarize n = count()", in: session))
        #expect(local.row(0) == [.int(42)])
        #expect(server.row(0) == [.int(42)])
        _ = try runStatements("let kept = big | select Species | collect", in: session)
        session.context = .local
        let collected = try #require(try runStatements("kept | summarize n = count()", in: session))
        #expect(collected.row(0) == [.int(42)])
        session.context = .server
        let error = #expect(throws: RuntimeError.self) { _ = try runStatements("kept | summarize n = count()", in: session) }
        #expect(error?.message == "the collected binding 'kept' is local data and the context is server")
        #expect(error?.help?.contains("-> table") == true)
        // A local source that ends in -> table uploads, in any context.
        _ = try runStatements("kept -> table kept_copy", in: session)
        let copy = try #require(try runStatements("table kept_copy | summarize n = count()", in: session))
        #expect(copy.row(0) == [.int(42)])
    }

    @Test("a collected binding reaches Python once per change of its data; rebinding is seen")
    func rebinding() throws {
        let first = try Session(), second = try Session()
        _ = try runStatements("let k = sample iris | take 3 | collect", in: first)
        #expect(try runStatements("k | summarize n = count()", in: first)?.row(0) == [.int(3)])
        _ = try runStatements("let k = sample iris | take 5 | collect", in: second) // same name, another session
        #expect(try runStatements("k | summarize n = count()", in: second)?.row(0) == [.int(5)])
        #expect(try runStatements("k | summarize n = count()", in: first)?.row(0) == [.int(3)])
        _ = try runStatements("let k = sample iris | take 7 | collect", in: first)
        #expect(try runStatements("k | summarize n = count()", in: first)?.row(0) == [.int(7)])
    }

    @Test("the local context fetches only the used columns and pushes filters that compare no text")
    func fetchPushdown() throws {
        let session = try Session()
        try session.connections.connect(TestEnvironment.sqliteDatabase().connectionString)
        _ = try runStatements("sample iris -> table iris", in: session)
        var echoed: [String] = []
        session.settings.echo = true
        session.echo = { echoed.append($0) }
        let result = try #require(try runStatements(
            "table iris | filter Petal_Length > 6 | filter Species == \"virginica\" | select Species, Sepal_Width", in: session))
        #expect(result.rowCount == 9)
        let fetch = try #require(echoed.first { $0.contains("FROM \"iris\"") })
        #expect(fetch.contains("\"Petal_Length\" > 6"))              // pushed: compares no text
        #expect(!fetch.contains("virginica"))                        // text comparison stays local
        #expect(!fetch.contains("Sepal_Length") && !fetch.contains("Petal_Width")) // unused columns not fetched
    }

    @Test("filters that stay local run in the order written, the first on the fetched rows")
    func localFiltersKeepTheirOrder() throws {
        let session = try Session()
        try session.connections.connect(TestEnvironment.sqliteDatabase().connectionString)
        _ = try runStatements("sample iris -> table iris", in: session)
        // The first filter compares text, so neither is pushed into the fetch; the second is a
        // constant computed only when rows reach it (none do), so it raises nothing.
        // (Fuzz 65980128797063 case 25276: the local filters ran in reverse order.)
        let result = try #require(try runStatements(
            "table iris | filter Species == \"none\" | filter (@9999-12-31 + 1) == @2000-01-01", in: session))
        #expect(result.rowCount == 0)
        let kept = try #require(try runStatements(
            "table iris | filter Species == \"setosa\" | filter Sepal_Width > 4.0 | select Sepal_Width", in: session))
        #expect(kept.rowCount == 3)
    }

    @Test("a pipeline over the same server's tables is written with INSERT … SELECT: no rows travel")
    func insertSelect() throws {
        let session = try Session()
        try session.connections.connect(try TestEnvironment.postgres)
        _ = try runStatements("sample iris -> table ctx_iris replace", in: session)
        var echoed: [String] = []
        session.settings.echo = true
        session.echo = { echoed.append($0) }
        _ = try runStatements("table ctx_iris | filter Species == \"setosa\" | select Species, w = Petal_Width * 2 -> table ctx_setosa replace", in: session)
        #expect(echoed.contains { $0.hasPrefix("INSERT INTO \"ctx_setosa\" (\"Species\", \"w\")\nSELECT") })
        #expect(!echoed.contains { $0.contains("_rex") }) // no pandas code ran
        let rows = try #require(try runStatements("table ctx_setosa | summarize n = count(), w = max(w)", in: session))
        #expect(rows.row(0) == [.int(50), .float(1.2)])
        _ = try runStatements("table ctx_setosa | take 2 -> table ctx_setosa append", in: session)
        let appended = try #require(try runStatements("table ctx_setosa | summarize n = count()", in: session))
        #expect(appended.row(0) == [.int(52)])
    }

    @Test("-> table is atomic: a failing pipeline leaves the old table unchanged")
    func atomicReplace() throws {
        let session = try Session()
        try session.connections.connect(TestEnvironment.sqliteDatabase().connectionString)
        _ = try runStatements("sample iris | take 3 -> table t", in: session)
        #expect(throws: (any Error).self) {
            _ = try runStatements("sample iris | derive boom = int(9223372036854775807 + Petal_Width * 0 + 1) -> table t replace", in: session)
        }
        #expect(throws: RuntimeError.self) { _ = try runStatements("sample iris -> table t", in: session) }
        let after = try #require(try runStatements("table t | summarize n = count()", in: session))
        #expect(after.row(0) == [.int(3)])
    }
}

@Suite("Server Python", .serialized)
struct ServerPythonTests {
    @Test("plot and python steps run in PostgreSQL's plpython3u; only the result comes back")
    func postgres() throws {
        let session = try Session()
        try session.connections.connect(try TestEnvironment.postgres)
        _ = try runStatements("sample iris -> table spy_iris replace", in: session)
        session.context = .server
        let source = "table spy_iris | filter Species != \"setosa\" | plot scatter Sepal_Length Petal_Length color=Species"
        let parsed = parse(source)
        let outcome = try session.execute(try #require(parsed.statements.first), source: source).outcome
        guard case .image(let image) = outcome else { Issue.record("expected an image, got \(outcome)"); return }
        #expect(image.width == 800 && image.height == 600)
        #expect(image.context == "server (rex_test)")
        let counted = try #require(try runStatements("""
        table spy_iris | python \"\"\"
        result = df.groupby("Species").size().reset_index(name="n")
        \"\"\"
        """, in: session))
        #expect(counted.schema.names == ["Species", "n"])
        #expect((0..<counted.rowCount).map { counted.row($0) } == [[.text("setosa"), .int(50)], [.text("versicolor"), .int(50)], [.text("virginica"), .int(50)]])
    }

    @Test("an unprivileged user needs :server install; SQLite says it has no server Python")
    func permissions() throws {
        let session = try Session()
        try session.connections.connect(try TestEnvironment.postgresUnprivileged)
        _ = try runStatements("sample iris -> table spy_user_iris replace", in: session)
        session.context = .server
        let error = #expect(throws: RuntimeError.self) { _ = try runStatements("table spy_user_iris | plot hist Sepal_Length", in: session) }
        #expect(error?.help?.contains(":server install") == true)
        let sqlite = try Session()
        try sqlite.connections.connect(TestEnvironment.sqliteDatabase().connectionString)
        _ = try runStatements("sample iris -> table t", in: sqlite)
        sqlite.context = .server
        let noPython = #expect(throws: RuntimeError.self) { _ = try runStatements("table t | plot hist Sepal_Length", in: sqlite) }
        #expect(noPython?.message.contains("SQLite has no server Python") == true)
    }
}
