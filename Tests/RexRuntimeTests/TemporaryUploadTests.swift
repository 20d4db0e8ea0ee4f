import Foundation
import RexCompiler
import RexData
import RexLanguage
@testable import RexRuntime
import RexTestSupport
import Testing

/// Local data joined or appended to server data in the server context is uploaded to a
/// temporary table on the query's connection and dropped afterwards (SPEC §4); the answer
/// is the local context's.
@Suite("Temporary uploads of local data in the server context", .serialized)
struct TemporaryUploadTests {
    enum Engine: String, CaseIterable, CustomTestStringConvertible {
        case postgres, sqlite
        var testDescription: String { rawValue }
    }

    /// A session connected to `engine` with the server table `up_orders`, and the paths of
    /// the local CSV files `regions.csv` and `more.csv`.
    private func setUp(_ engine: Engine) throws -> (session: Session, regions: String, more: String) {
        let session = try Session()
        switch engine {
        case .postgres: try session.connections.connect(try TestEnvironment.postgres)
        case .sqlite: try session.connections.connect(TestEnvironment.sqliteDatabase().connectionString)
        }
        let directory = TestEnvironment.temporaryDirectory()
        func write(_ name: String, _ text: String) throws -> String {
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let orders = try write("orders.csv", "id,region,amount,day\n1,1,10.5,2024-01-31\n2,2,20.0,2024-02-29\n3,1,5.25,2024-03-01\n4,3,7.0,\n5,,1.0,2024-12-31\n")
        let regions = try write("regions.csv", "region,name\n1,North\n2,Süd\n3,\n4,West\n")
        let more = try write("more.csv", "id,region,amount,day\n10,4,1.5,2025-01-01\n11,,2.5,\n")
        _ = try runStatements("csv \"\(orders)\" -> table up_orders replace", in: session)
        return (session, regions, more)
    }

    /// The rows of `pipeline` in the local and in the server context, and the notices and
    /// echoed statements of the server run.
    private func bothContexts(_ pipeline: String, in session: Session)
        throws -> (local: [[Value]], server: [[Value]], notices: [String], echoed: [String]) {
        session.context = .local
        let local = try #require(try runStatements(pipeline, in: session))
        var notices: [String] = [], echoed: [String] = []
        session.notice = { notices.append($0) }
        session.echo = { echoed.append($0) }
        session.settings.echo = true
        defer { session.settings.echo = false; session.context = .local }
        session.context = .server
        let server = try #require(try runStatements(pipeline, in: session))
        return (rows(local), rows(server), notices, echoed)
    }

    private func rows(_ table: Table) -> [[Value]] { (0..<table.rowCount).map { table.row($0) } }

    /// The rex temporary tables that exist on the session's connection now.
    private func temporaryTables(_ session: Session, _ engine: Engine) throws -> [String] {
        let connection = try #require(session.connections.current).connection
        let query = switch engine {
        case .postgres: "SELECT CAST(relname AS text) FROM pg_class WHERE relnamespace = pg_my_temp_schema() AND relname LIKE 'rex%'"
        case .sqlite: "SELECT name FROM sqlite_temp_master WHERE type = 'table' AND name LIKE 'rex%'"
        }
        let table = try connection.fetchAll(query)
        return rows(table).map { $0.first?.description ?? "" }
    }

    @Test("a local CSV joined with a server table gives the local context's rows; the temporary table is gone afterwards",
          arguments: Engine.allCases)
    func join(_ engine: Engine) throws {
        let (session, regions, _) = try setUp(engine)
        // The catalog query sees a temporary table of this connection.
        let connection = try #require(session.connections.current).connection
        _ = try connection.execute("CREATE TEMP TABLE rex_probe (a int)")
        #expect(try temporaryTables(session, engine) == ["rex_probe"])
        _ = try connection.execute("DROP TABLE rex_probe")
        let pipelines = [
            "table up_orders | join csv \"\(regions)\" on region | sort id",
            "table up_orders | join left (csv \"\(regions)\" | filter region > 1) on region | sort id",
            "table up_orders | join full csv \"\(regions)\" on region | sort id, region",
            "table up_orders | join (csv \"\(regions)\" | derive label = concat(name, \"!\")) on this.region == that.region"
                + " | summarize n = count(), total = sum(amount) by label | sort label",
        ]
        for pipeline in pipelines {
            let run = try bothContexts(pipeline, in: session)
            #expect(!run.local.isEmpty)
            #expect(run.server == run.local, "\(pipeline)")
            // One line, with rows, size and the csv path.
            #expect(run.notices.count == 1)
            let notice = try #require(run.notices.first)
            #expect(notice.hasPrefix("uploaded \(pipeline.contains("filter") ? 3 : 4) rows ("))
            #expect(notice.hasSuffix(" B) of '\(regions)' to a temporary table"))
            // The query read the temporary table, which was created and dropped.
            let create = try #require(run.echoed.first { $0.hasPrefix("CREATE TEMP TABLE \"rex_") })
            let name = String(create.dropFirst("CREATE TEMP TABLE \"".count).prefix { $0 != "\"" })
            #expect(name.count == "rex_".count + 12)
            #expect(run.echoed.contains { $0.contains("SELECT") && $0.contains("\"\(name)\"") })
            #expect(run.echoed.last == "DROP TABLE \"\(name)\"")
            #expect(try temporaryTables(session, engine) == [])
        }
    }

    @Test("a local CSV and a collected binding appended or joined to server data; an analytic step after the join",
          arguments: Engine.allCases)
    func appendAndBindings(_ engine: Engine) throws {
        let (session, regions, more) = try setUp(engine)
        _ = try runStatements("let regs = csv \"\(regions)\" | collect", in: session)
        let cases: [(pipeline: String, name: String, rows: Int)] = [
            ("table up_orders | append csv \"\(more)\" | sort id", more, 2),
            ("table up_orders | select id, amount | append (csv \"\(more)\" | select amount, id) | sort id", more, 2),
            ("table up_orders | join regs on region | sort id", "regs", 4),
            ("table up_orders | join regs on region | collect | filter amount > 6 | sort id", "regs", 4),
            ("table up_orders | join left (sample iris | summarize n = count() by Species | derive region = length(Species) - 5)"
             + " on region | sort id", "iris", 3),
        ]
        for item in cases {
            let run = try bothContexts(item.pipeline, in: session)
            #expect(run.server == run.local, "\(item.pipeline)")
            #expect(run.notices.count == 1)
            #expect(run.notices.first?.hasPrefix("uploaded \(item.rows) rows (") == true)
            #expect(run.notices.first?.hasSuffix(" of '\(item.name)' to a temporary table") == true)
            #expect(try temporaryTables(session, engine) == [])
        }
        // Server summary over a join with local data: the same statistics.
        session.context = .server
        let summary = try #require(try runStatements("table up_orders | join regs on region | summary amount", in: session))
        session.context = .local
        let localSummary = try #require(try runStatements("table up_orders | join regs on region | summary amount", in: session))
        #expect(summary.rowCount == localSummary.rowCount && summary.schema == localSummary.schema)
        #expect(try temporaryTables(session, engine) == [])
    }

    @Test("an upload over :set upload_limit is an error that says how to go on, and leaves no table",
          arguments: Engine.allCases)
    func overLimit(_ engine: Engine) throws {
        let (session, regions, _) = try setUp(engine)
        var notices: [String] = [], echoed: [String] = []
        session.notice = { notices.append($0) }
        session.echo = { echoed.append($0) }
        session.settings.echo = true
        session.settings.uploadLimit = 3
        session.context = .server
        let error = #expect(throws: RuntimeError.self) {
            _ = try runStatements("table up_orders | join csv \"\(regions)\" on region", in: session)
        }
        #expect(error?.message == "'\(regions)' has 4 rows, more than the upload limit of 3 rows for joining local data with server data")
        #expect(error?.help?.contains(":set upload_limit 4") == true)
        #expect(error?.help?.contains("-> table NAME") == true)
        #expect(notices.isEmpty)
        #expect(!echoed.contains { $0.contains("CREATE") })
        #expect(try temporaryTables(session, engine) == [])
        // At the limit it uploads.
        session.settings.uploadLimit = 4
        #expect(try runStatements("table up_orders | join csv \"\(regions)\" on region", in: session)?.rowCount == 4)
        #expect(notices.count == 1)
        #expect(try temporaryTables(session, engine) == [])
    }

    @Test("local data alone in the server context is still an error",
          arguments: Engine.allCases)
    func localAlone(_ engine: Engine) throws {
        let (session, regions, _) = try setUp(engine)
        var notices: [String] = []
        session.notice = { notices.append($0) }
        _ = try runStatements("let regs = csv \"\(regions)\" | collect", in: session)
        session.context = .server
        let error = #expect(throws: RuntimeError.self) {
            _ = try runStatements("csv \"\(regions)\" | filter region > 1", in: session)
        }
        #expect(error?.message == "'csv \"\(regions)\"' is local data and the context is server")
        #expect(error?.help?.contains("-> table") == true)
        let collected = #expect(throws: RuntimeError.self) {
            _ = try runStatements("regs | join csv \"\(regions)\" on region", in: session)
        }
        #expect(collected?.message == "the collected binding 'regs' is local data and the context is server")
        #expect(notices.isEmpty)
        #expect(try temporaryTables(session, engine) == [])
    }

    @Test("a query that fails after the upload still drops the temporary table")
    func failingQuery() throws {
        let (session, regions, _) = try setUp(.postgres)
        var notices: [String] = []
        session.notice = { notices.append($0) }
        session.context = .server
        #expect(throws: (any Error).self) {
            _ = try runStatements("table up_orders | join csv \"\(regions)\" on region | derive boom = id * 9223372036854775807", in: session)
        }
        #expect(notices.count == 1) // uploaded, then the query failed
        #expect(try temporaryTables(session, .postgres) == [])
        // The connection is usable afterwards.
        #expect(try runStatements("table up_orders | join csv \"\(regions)\" on region", in: session)?.rowCount == 4)
    }

    @Test("a server python step over a join with local data runs in PostgreSQL with the temporary table")
    func serverPython() throws {
        let (session, regions, _) = try setUp(.postgres)
        let pipeline = """
        table up_orders | join csv "\(regions)" on region | python \"\"\"
        result = df.groupby("name", dropna=False).size().reset_index(name="n").sort_values("name", na_position="last")
        \"\"\"
        """
        let run = try bothContexts(pipeline, in: session)
        #expect(run.server == run.local)
        #expect(run.notices.count == 1)
        #expect(try temporaryTables(session, .postgres) == [])
    }

    @Test("counts in notices and errors have thousands separators")
    func counts() {
        #expect(TemporaryUpload.rows(0) == "0 rows" && TemporaryUpload.rows(1) == "1 row")
        #expect(TemporaryUpload.rows(12_345) == "12,345 rows" && TemporaryUpload.rows(1_000_000) == "1,000,000 rows")
        #expect(TemporaryUpload.count(999) == "999" && TemporaryUpload.count(123_456) == "123,456")
    }

    @Test("the parts a server pipeline uploads: the largest local subtrees joined or appended to server data")
    func uploadsOfAPlan() throws {
        let (session, regions, more) = try setUp(.sqlite)
        _ = try runStatements("let regs = csv \"\(regions)\" | collect", in: session)
        func uploads(_ source: String) throws -> [Relation] {
            let parsed = parse(source)
            guard case .pipeline(let pipeline) = try #require(parsed.statements.first).kind else { throw RuntimeError("not a pipeline") }
            let relation = try session.compiler.resolve(pipeline, provider: SessionSchemaProvider(connection: session.connections.current))
            return TemporaryUpload.uploads(in: relation)
        }
        let filtered = try uploads("table up_orders | join (csv \"\(regions)\" | filter region > 1) on region")
        #expect(filtered.count == 1)
        if case .filter(let input, _) = filtered.first?.kind, case .scan(.csv(let path, _)) = input.kind {
            #expect(path == regions)
        } else {
            Issue.record("expected the filter over the csv, got \(filtered)")
        }
        // The same local data twice is one upload; two different ones are two.
        #expect(try uploads("table up_orders | join regs on region | join (regs | rename r2 = region, n2 = name) on this.region == that.r2").count == 2)
        #expect(try uploads("table up_orders | append csv \"\(more)\" | append csv \"\(more)\"").count == 1)
        #expect(try uploads("table up_orders | join regs on region | select id | append (table up_orders | join regs on region | select id)").count == 1)
        // Nothing to upload: server data alone, local data alone, local data after collect.
        #expect(try uploads("table up_orders | filter id > 1").isEmpty)
        #expect(try uploads("csv \"\(regions)\" | join regs on region").isEmpty)
        #expect(try uploads("table up_orders | collect | join regs on region").isEmpty)
        #expect(try uploads("table up_orders | join regs on region | collect").count == 1)
    }
}
