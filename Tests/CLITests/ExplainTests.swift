import Foundation
import RexTestSupport
import Testing

/// `:explain` (SPEC §4) from the real binary on PostgreSQL and SQLite: the whole printed plan
/// is compared with Tests/golden/explain/<case>.<engine>.txt (`RECORD_GOLDEN=1` rewrites them),
/// and each plan is checked against what the same pipeline does when it runs.
@Suite("rex :explain shows what runs where", .serialized)
struct ExplainTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let context: String
        let pipeline: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // Column pruning (only carrier and delay are fetched) and the filter that compares no
        // text pushed into the fetch; the text comparison stays local.
        Case(name: "local_over_server", context: "local",
             pipeline: #"table explain_flights | filter delay > 10 | filter carrier != "x" | summarize n = count(), m = mean(delay) by carrier"#),
        Case(name: "server_sql", context: "server",
             pipeline: "table explain_flights | filter delay > 10 | summarize n = count() by carrier | sort carrier"),
        Case(name: "server_plot", context: "server", pipeline: "table explain_flights | select delay | plot hist delay"),
        Case(name: "server_join_upload", context: "server",
             pipeline: #"table explain_flights | join (csv "regions.csv" | filter region != "west") on carrier | summarize n = count() by region"#),
        Case(name: "local_join_server", context: "local",
             pipeline: #"table explain_flights | join (csv "regions.csv") on carrier | summarize n = count() by region"#),
        Case(name: "server_then_local", context: "server",
             pipeline: "table explain_flights | filter delay > 0 | collect | derive k = delay * 2 | take 3"),
        Case(name: "server_summary", context: "server", pipeline: "table explain_flights | select carrier, delay | summary"),
    ]

    static let goldenDirectory = TestEnvironment.packageRoot.appendingPathComponent("Tests/golden/explain")

    /// A directory with `regions.csv` and the database of `engine` holding `explain_flights`.
    static func prepare(_ engine: String) throws -> (directory: URL, connection: String) {
        let directory = TestEnvironment.temporaryDirectory()
        try "carrier,region\nAA,north\nBB,south\nCC,west\n".write(to: directory.appendingPathComponent("regions.csv"),
                                                                  atomically: true, encoding: .utf8)
        let connection = engine == "postgres" ? try TestEnvironment.postgres
            : "Driver={SQLite3};Database=\(directory.appendingPathComponent("explain.sqlite").path);"
        let load = try runRex(["--no-rc", "-c", connection, "-e",
                               #"sample airline | take 60 | derive carrier = if(DayOfWeek == "Monday", "AA", "BB") | select carrier, delay = ArrDelay, dep = CRSDepTime -> table explain_flights replace"#],
                              directory: directory)
        #expect(load.status == 0, "\(load.stderr)")
        return (directory, connection)
    }

    func explain(_ testCase: Case, engine: String, in prepared: (directory: URL, connection: String),
                 run: Bool = false) throws -> ProcessResult {
        try runRex(["--no-rc"], input: """
            :connect \(prepared.connection) as db
            :context \(testCase.context)
            \(run ? "" : ":explain ")\(testCase.pipeline)

            """, directory: prepared.directory)
    }

    @Test(arguments: ["postgres", "sqlite"])
    func plansMatchTheGoldenFiles(engine: String) throws {
        let prepared = try Self.prepare(engine)
        defer { try? FileManager.default.removeItem(at: prepared.directory) }
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
        for testCase in Self.cases where !(engine == "sqlite" && testCase.name == "server_plot") {
            let result = try explain(testCase, engine: engine, in: prepared)
            #expect(result.status == 0, "\(testCase.name): \(result.stderr)")
            // The connection and context lines come first; the plan is the rest.
            let plan = result.stdout.components(separatedBy: "\n").drop { !$0.hasPrefix("server ") && !$0.hasPrefix("local ")
                && !$0.hasPrefix("fetch") } .joined(separator: "\n")
            let file = Self.goldenDirectory.appendingPathComponent("\(testCase.name).\(engine).txt")
            let stored = try? String(contentsOf: file, encoding: .utf8)
            if record || stored == nil { try plan.write(to: file, atomically: true, encoding: .utf8) }
            #expect(record || stored != nil, "golden file \(file.lastPathComponent) was missing; it has been written: review and commit it")
            if !record, let stored { #expect(stored == plan, "\(testCase.name) on \(engine) differs from \(file.lastPathComponent)") }
            // Nothing ran: no upload notice, and no temporary table was made.
            #expect(!result.stderr.contains("uploaded"), "\(result.stderr)")
        }
    }

    @Test("the plan names the SQL that runs: with :set echo on, the statement run is the one :explain showed")
    func theExplainedSQLIsTheSQLThatRuns() throws {
        let prepared = try Self.prepare("postgres")
        defer { try? FileManager.default.removeItem(at: prepared.directory) }
        for testCase in Self.cases where ["server_sql", "local_over_server"].contains(testCase.name) {
            let shown = try explain(testCase, engine: "postgres", in: prepared).stdout
            let ran = try runRex(["--no-rc"], input: """
                :connect \(prepared.connection) as db
                :context \(testCase.context)
                :set echo on
                \(testCase.pipeline)

                """, directory: prepared.directory)
            #expect(ran.status == 0, "\(ran.stderr)")
            // Every SQL line rex echoed when it ran appears in the plan, indented as code.
            let echoed = (ran.stderr + ran.stdout).components(separatedBy: "\n").filter { $0.hasPrefix("SELECT") || $0.hasPrefix("FROM") }
            #expect(!echoed.isEmpty, "\(ran.stderr)")
            for line in echoed { #expect(shown.contains(line), "\(testCase.name): '\(line)' ran but is not in the plan:\n\(shown)") }
        }
    }

    @Test("explaining a pipeline that cannot run says why, as running it would")
    func errorsAreTheRunErrors() throws {
        let prepared = try Self.prepare("sqlite")
        defer { try? FileManager.default.removeItem(at: prepared.directory) }
        let plot = try explain(Self.cases[2], engine: "sqlite", in: prepared)
        #expect(plot.stderr.contains("SQLite has no server Python"), "\(plot.stderr)")
        let local = try runRex(["--no-rc"], input: """
            :connect \(prepared.connection) as db
            :context server
            :explain csv "regions.csv" | filter region == "north"

            """, directory: prepared.directory)
        #expect(local.stderr.contains("is local data and the context is server"), "\(local.stderr)")
        let empty = try runRex(["--no-rc"], input: ":explain\n")
        #expect(empty.stderr.contains(":explain needs a pipeline"), "\(empty.stderr)")
    }
}
