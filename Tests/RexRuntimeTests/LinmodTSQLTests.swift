import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexODBC
@testable import RexRuntime
import RexTestSupport
import Testing

/// The T-SQL of linmod's server passes (no SQL Server runs here): the design query and the
/// means, sums of centred products and residual passes over it parse with sqlglot and pass
/// the lint of the invalid forms it accepts (Tests/tools/tsql_lint.py).
@Suite("linmod's T-SQL passes parse and pass the lint")
struct LinmodTSQLTests {
    struct Schemas: SchemaProvider {
        func tableSchema(_ nameParts: [String]) throws -> Schema? {
            Schema([Field("y", .float), Field("x", .int), Field("g", .text), Field("b", .bool)])
        }
        func tableNames() -> [String] { ["t"] }
        func sqlSchema(_ query: String) throws -> Schema { Schema([]) }
        func csvSchema(path: String, separator: String) throws -> Schema { Schema([]) }
    }

    func lint(_ sql: String) throws -> ProcessResult {
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/tools/tsql_lint.py").path
        return try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script], input: sql)
    }

    @Test(arguments: [true, false])
    func everyPassIsValidTSQL(intercept: Bool) throws {
        let pipeline = try #require(parsePipeline("table t | filter x > 0").pipeline)
        let input = try CompilerEnvironment().resolve(pipeline, provider: Schemas())
        let generator = SQLGenerator(dialect: .tsql)
        let design = try generator.linmodDesignQuery(input, response: "y", predictors: ["x", "g", "b"],
                                                     levels: ["g": ["a", "b", "c"]], intercept: intercept)
        let sums = LinearModelSums(terms: design.terms, intercept: intercept, kind: .sqlServer)
        let source = sums.source(design.sql)
        let means = sums.columns.indices.map { DoubleDouble(Double($0) + 0.125) }
        let queries = [
            try generator.linmodLevelQuery(input, response: "y", predictors: ["x", "g", "b"], column: "g"),
            design.sql,
            sums.meansQuery(source),
            sums.sumsQuery(source, means: means),
            sums.residualQuery(source, means: means, target: 2, coefficients: [(1, DoubleDouble(-1.5e-7)), (3, DoubleDouble(2))]),
        ]
        for sql in queries {
            let result = try lint(sql)
            #expect(result.status == 0, "\(result.stdout)\(result.stderr)\n\(sql)")
        }
        // COUNT is an int in T-SQL: the row count is COUNT_BIG.
        #expect(sums.meansQuery(source).contains("COUNT_BIG(*)"))
    }
}
