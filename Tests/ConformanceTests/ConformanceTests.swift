import Foundation
import RexConformanceSupport
import RexODBC
import RexTestSupport
import Testing

/// The conformance suite (issue 7): every case of Tests/conformance/cases on every
/// engine, compared with the expected result.
@Suite("Conformance: the same answer in pandas, PostgreSQL and SQLite", .serialized)
struct ConformanceTests {
    /// A PostgreSQL database of the engine's own, so case tables never meet other tests'
    /// tables, and one engine's run never waits on another's sessions.
    static func postgresDatabase(for engine: Engine) throws -> String {
        let admin = try TestEnvironment.postgres
        let connection = try Connection(connectionString: admin)
        let name = "rex_conformance_\(engine.rawValue)"
        _ = try connection.execute("DROP DATABASE IF EXISTS \(name)")
        _ = try connection.execute("CREATE DATABASE \(name)")
        return admin.replacingOccurrences(of: "Database=rex_test", with: "Database=\(name)")
    }

    @Test("every case on every engine", arguments: Engine.standard)
    func engine(_ engine: Engine) throws {
        let cases = try loadAllCases()
        #expect(cases.count >= 150)
        let runner = ConformanceRunner(engine: engine, postgres: engine == .sqlite ? nil : try Self.postgresDatabase(for: engine))
        var failures: [String] = []
        for testCase in cases {
            if let failure = runner.run(testCase) { failures.append("\(testCase): \(failure)") }
        }
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) cases fail on \(engine.rawValue):\n\(failures.joined(separator: "\n"))")
    }
}
