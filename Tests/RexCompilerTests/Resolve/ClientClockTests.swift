import RexCompiler
import RexData
import RexLanguage
import Testing

/// `today()` and `now()` are literals of the client's clock (SPEC §2), taken once per statement.
@Suite("Resolver: today() and now() from the client clock")
struct ClientClockTests {
    /// The SQL (PostgreSQL dialect) of `rex` resolved in `environment`.
    func compiled(_ rex: String, in environment: CompilerEnvironment) throws -> String {
        let pipeline = try #require(parsePipeline(rex).pipeline)
        return try SQLGenerator(dialect: .postgres).generate(try environment.resolve(pipeline, provider: SQLTestSchemas()))
    }

    /// 2024-02-29T23:59:58 local wall-clock time, as seconds since 1970-01-01T00:00:00.
    static let leapDayEvening: Int64 = 19_782 * 86_400 + 86_398

    @Test func todayAndNowAreLiteralsOfTheClock() throws {
        let environment = CompilerEnvironment()
        environment.clock = { Self.leapDayEvening }
        let text = try compiled("table t | select a = today(), b = now(), c = today() - 1", in: environment)
        #expect(text.contains("DATE '2024-02-29'"), "\(text)")
        #expect(text.contains("TIMESTAMP '2024-02-29 23:59:58'"), "\(text)")
        #expect(!text.lowercased().contains("current_date") && !text.lowercased().contains("now()"), "\(text)")
    }

    @Test func everyCallOfOneStatementSeesOneInstant() throws {
        let environment = CompilerEnvironment()
        let ticks = Ticks(start: Self.leapDayEvening + 1)
        environment.clock = { ticks.next() }
        // The clock moves on each reading; one statement reads it once, so the day is the same.
        let text = try compiled("table t | select a = today(), b = now(), c = now()", in: environment)
        #expect(text.components(separatedBy: "TIMESTAMP '2024-02-29 23:59:59'").count == 3, "\(text)")
        // The next statement reads the clock again: past midnight it is March.
        let later = try compiled("table t | select a = today()", in: environment)
        #expect(later.contains("DATE '2024-03-01'"), "\(later)")
    }

    @Test func daysBeforeNineteenSeventyRoundDown() throws {
        let environment = CompilerEnvironment()
        environment.clock = { -1 }
        let text = try compiled("table t | select a = today(), b = now()", in: environment)
        #expect(text.contains("DATE '1969-12-31'"), "\(text)")
        #expect(text.contains("TIMESTAMP '1969-12-31 23:59:59'"), "\(text)")
    }

    @Test func aLetKeepsTheDayItWasDefinedOn() throws {
        let environment = CompilerEnvironment()
        environment.clock = { Self.leapDayEvening }
        let pipeline = try #require(parsePipeline("table t | select id, d0 = today()").pipeline)
        environment.bind("snapshot", to: try environment.resolve(pipeline, provider: SQLTestSchemas()))
        environment.clock = { Self.leapDayEvening + 86_400 * 400 }
        let text = try compiled("snapshot | select d0, d1 = today()", in: environment)
        #expect(text.contains("DATE '2024-02-29'"), "\(text)")
        #expect(text.contains("DATE '2025-04-04'"), "\(text)")
    }

    @Test func argumentsAreAnError() throws {
        let environment = CompilerEnvironment()
        let pipeline = try #require(parsePipeline("table t | select a = today(1)").pipeline)
        #expect(throws: DiagnosticList.self) { try environment.resolve(pipeline, provider: SQLTestSchemas()) }
    }
}

/// A clock that advances one second per reading.
final class Ticks: @unchecked Sendable {
    private var value: Int64
    init(start: Int64) { value = start - 1 }
    func next() -> Int64 {
        value += 1
        return value
    }
}
