import Foundation
import RexCompiler
import RexData
import RexTestSupport
import Testing

/// `summary` and `linmod` as server-side aggregate queries, run on the real engines.
@Suite struct SQLAnalyticQueryTests {
    @Test(arguments: ["sqlite", "postgres"])
    func summaryOnTheServer(_ engine: String) throws {
        let db = engine == "sqlite" ? try TestDatabases.sqlite() : try TestDatabases.postgres()
        defer { db.drop() }
        let input = try relation("table \(db.t)")
        let queries = try SQLGenerator(dialect: db.dialect).summaryQueries(input, columns: ["x", "f", "g", "b"])
        #expect(queries.numericColumns == ["x", "f"])
        let numeric = try #require(queries.numeric)
        let row = try db.connection.queryText(numeric)
        #expect(sameRows(row, [["5", "1", "3.6", "6.465291950097845", "-7", "10",
                                "5", "1", "0.836", "2.0869337555370557", "-2.5", "2.675"]]), "\(row)")
        #expect(queries.levels.map(\.column) == ["g", "b"])
        let g = try db.connection.queryText(queries.levels[0].sql)
        #expect(sameRows(g, [["a", "2"], ["b", "3"], [nil, "1"]]), "\(g)")
        let b = try db.connection.queryText(queries.levels[1].sql)
        #expect(sameRows(b, [["0", "2"], ["1", "3"], [nil, "1"]]), "\(b)")
    }

    @Test(arguments: ["sqlite", "postgres"])
    func linmodDesignOnTheServer(_ engine: String) throws {
        let db = engine == "sqlite" ? try TestDatabases.sqlite() : try TestDatabases.postgres()
        defer { db.drop() }
        let input = try relation("table \(db.t)")
        let generator = SQLGenerator(dialect: db.dialect)
        let levels = try db.connection.queryText(generator.linmodLevelQuery(input, response: "f", predictors: ["x", "g"], column: "g"))
        #expect(levels == [["a"], ["b"]])
        let found = levels.compactMap { $0.first ?? nil }
        let design = try generator.linmodDesignQuery(input, response: "f", predictors: ["x", "g"], levels: ["g": found], intercept: true)
        #expect(design.terms == ["x", "gb"])
        // One row per complete row: the response, x as a float, and the indicator of level b.
        let rows = try db.connection.queryText("SELECT rex_y, rex_d0, rex_d1 FROM (\(design.sql)) AS d ORDER BY rex_d0, rex_y")
        // Complete rows of t (f, x and g non-null): ids 1, 2, 3 and 5.
        #expect(sameRows(rows, [["-2.5", "-7", "0"], ["2.675", "5", "1"], ["2.5", "7", "0"], ["1.005", "10", "1"]]), "\(rows)")
        // Without an intercept the first text predictor gets every level (R's coding).
        let noIntercept = try generator.linmodDesignQuery(input, response: "f", predictors: ["g", "x"], levels: ["g": found], intercept: false)
        #expect(noIntercept.terms == ["ga", "gb", "x"])
    }

    @Test func tsqlSummaryAndLinmodPassTheLint() throws {
        let input = try relation("table t")
        let generator = SQLGenerator(dialect: .tsql)
        let summary = try generator.summaryQueries(input, columns: [])
        let linmod = try generator.linmodDesignQuery(input, response: "f", predictors: ["x", "g", "b"], levels: ["g": ["a", "b", "c"]],
                                                     intercept: true)
        let level = try generator.linmodLevelQuery(input, response: "f", predictors: ["x", "g"], column: "g")
        for text in [summary.numeric ?? ""] + summary.levels.map(\.sql) + [linmod.sql, level] {
            let result = try runLint([], input: text)
            #expect(result.status == 0, "\(result.stdout)\n\(text)")
        }
        // StdDev in two passes (a window mean, then the squared deviations), not STDEV's one pass.
        #expect(summary.numeric?.contains("STDEV(") == false)
        #expect(summary.numeric?.contains("AVG(CAST([__rex_a") == true)
        #expect(summary.numeric?.contains("COUNT_BIG(") == true)
    }
}
