import Foundation
import RexData
import RexLanguage
@testable import RexRuntime
import Testing

/// Sessions share the process's one interpreter: the fit statistics shown under a local
/// linmod must be that linmod's, whatever other sessions fit at the same time.
@Suite("a local linmod's fit is its own, with other sessions fitting concurrently")
struct LinmodFitRaceTests {
    /// R² of `linmod source` in `session` (the fit shown under the coefficient table).
    static func rSquared(_ source: String, in session: Session) throws -> Double? {
        let parsed = parse(source)
        guard let statement = parsed.statements.first else { return nil }
        let result = try session.execute(statement, source: source)
        guard case .table(_, .linmod(_, let fit, _)) = result.outcome, case .float(let r2) = fit["r_squared"] ?? .null else { return nil }
        return r2
    }

    @Test func fitsDoNotCross() async throws {
        let models = ["sample iris | linmod Sepal_Length ~ Petal_Length", "sample iris | linmod Petal_Width ~ Petal_Length"]
        // Each model's R² alone, then many of both at once.
        let alone = try models.map { try #require(try Self.rSquared($0, in: try Session())) }
        #expect(abs(alone[0] - alone[1]) > 0.1, "the two models must be told apart: \(alone)")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, model) in models.enumerated() {
                group.addTask {
                    let session = try Session()
                    for _ in 0..<12 {
                        let r2 = try Self.rSquared(model, in: session)
                        #expect(r2 == alone[index], "\(model): R² \(String(describing: r2)), alone \(alone[index])")
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}
