import Foundation
import RexConformanceSupport
import RexData
import RexODBC
import RexTestSupport
import Testing

/// The differential fuzzer (issue 12, docs/FUZZING.md): random typed tables and random
/// pipelines over the whole language, run on pandas (local), PostgreSQL and SQLite (server)
/// through the real session; any disagreement is minimised and printed as a conformance case.
///
/// Environment: `REX_FUZZ_SECONDS` (default 60) of generating cases, `REX_FUZZ_SEED` (default a
/// fixed seed, so `make test` is repeatable; `make fuzz-engines` passes a new one each run),
/// `REX_FUZZ_CASE` (replay one case of the seed), `REX_FUZZ_MINIMISE_SECONDS` (per
/// disagreement, default 30), `REX_FUZZ_MAX_REPORTS` (default 6), `REX_FUZZ_REPORT` (a file to
/// write the report to as well).
@Suite("Differential fuzzing: random pipelines give the same answer on pandas, PostgreSQL and SQLite", .serialized)
struct DifferentialTests {
    static let defaultSeed: UInt64 = 20_261_201

    static func environment(_ name: String) -> String? {
        let value = ProcessInfo.processInfo.environment[name]
        return value?.isEmpty == false ? value : nil
    }

    /// A PostgreSQL database of the engine's own.
    static func postgresDatabase(for engine: Engine) throws -> String {
        let admin = try TestEnvironment.postgres
        let connection = try Connection(connectionString: admin)
        let name = "rex_fuzz_\(engine.rawValue)"
        _ = try connection.execute("DROP DATABASE IF EXISTS \(name)")
        _ = try connection.execute("CREATE DATABASE \(name)")
        return admin.replacingOccurrences(of: "Database=rex_test", with: "Database=\(name)")
    }

    /// Case `index` of run `seed`: tables t and u and a pipeline over them.
    static func generate(seed: UInt64, index: Int) -> FuzzCase {
        var random = FuzzRandom(seed: seed, case: index)
        let tColumns = TableGenerator.columns(&random, count: random.int(2...6))
        let uColumns = TableGenerator.columns(&random, count: random.int(1...4))
        let t = TableGenerator.table(&random, columns: tColumns, maxRows: 8)
        let u = TableGenerator.table(&random, columns: uColumns, maxRows: 6)
        var generator = PipelineGenerator(random: random, tables: ["t": tColumns, "u": uColumns])
        let (pipeline, ordered, countOnly) = generator.pipeline()
        return FuzzCase(tables: ["t": t, "u": u], pipeline: pipeline, ordered: ordered, countOnly: countOnly,
                        seed: seed, index: index)
    }

    @Test("float texts compare by value to 15 digits; other text and int digits compare exactly")
    func floatTextsCompareToFifteenDigits() {
        func agree(_ a: String, _ b: String) -> Bool {
            let table = { (text: String) in
                DifferentialRunner.floatTextsRounded(Table(schema: Schema([Field("t", .text)]), columns: [Column(type: .text, values: [.text(text)])]))
            }
            return compareResults(actual: table(a), expected: table(b), ordered: true) == nil
        }
        #expect(agree("1.5165750888103102", "1.51657508881031"))
        #expect(agree("79.31595244652868", "79.3159524465287"))
        #expect(agree("x=8.9884656743115781e+307", "x=8.988465674311579e+307"))
        #expect(agree("1745.4999999999998", "1745.5"))
        #expect(agree("1e+16", "1.0000000000000002e+16"))
        // A float's spelling (`1e+16`, not `1.0e+16`) is the conformance cases' to hold: here
        // only the value counts, to 15 digits.
        #expect(agree("1e+16", "1.0e+16"))
        #expect(!agree("10.0.0", "10.0"))
        #expect(!agree("1e+16", "1e+17"))
        #expect(!agree("1.51657508881031", "1.51657508881032"))
        #expect(!agree("9007199254740993", "9007199254740992"))
    }

    @Test("a filter after a join is also tried on both inputs, across steps that keep its columns")
    func filterBelowJoinStages() {
        let condition = FuzzExpr.binary(">", .call("int", [.column("f")]), .literal("0"))
        let join = FuzzStep.join(kind: "inner", partner: FuzzPipeline(table: "u", steps: [.take(3, offset: nil)]), on: .columns(["k"]))
        func stages(_ steps: [FuzzStep]) -> [String] {
            DifferentialRunner.filterBelowJoinStages(FuzzPipeline(table: "t", steps: steps)).map(\.text)
        }
        // Fuzz 111897416489192 case 25707: PostgreSQL and SQLite tested the filter on t's rows.
        #expect(stages([.sort([("k", false)]), join, .filter(condition)])
            == ["table t | sort k | filter (int(f) > 0)", "table u | take 3 | filter (int(f) > 0)"])
        #expect(stages([join, .derive([FuzzItem(name: "x", expression: .literal("1"))], by: []), .drop(["x"]), .filter(condition)])
            == ["table t | filter (int(f) > 0)", "table u | take 3 | filter (int(f) > 0)"])
        // A step that defines or changes a column the filter reads stops it: below, `f` is another column.
        #expect(stages([join, .derive([FuzzItem(name: "f", expression: .literal("0.5"))], by: []), .filter(condition)]).isEmpty)
        #expect(stages([join, .take(2, offset: nil), .filter(condition)]).isEmpty)
        #expect(stages([join, .select([FuzzItem(name: "f", expression: .column("g"))]), .filter(condition)]).isEmpty)
        #expect(stages([.filter(condition)]).isEmpty)
        // Only the nearest join: after two joins of tables sharing `f`, the filter's `f` is the
        // second partner's (t's became `f_left`), so t's rows must not be tried.
        let second = FuzzStep.join(kind: "inner", partner: FuzzPipeline(table: "u", steps: []), on: .columns(["k"]))
        #expect(stages([join, second, .filter(condition)])
            == ["table t | join inner (table u | take 3) on k | filter (int(f) > 0)", "table u | filter (int(f) > 0)"])
    }

    @Test("random pipelines agree on every engine (REX_FUZZ_SECONDS, REX_FUZZ_SEED)")
    func fuzz() throws {
        let seconds = Double(Self.environment("REX_FUZZ_SECONDS") ?? "") ?? 60
        let seed = UInt64(Self.environment("REX_FUZZ_SEED") ?? "") ?? Self.defaultSeed
        let onlyCase = Int(Self.environment("REX_FUZZ_CASE") ?? "")
        let minimiseSeconds = Double(Self.environment("REX_FUZZ_MINIMISE_SECONDS") ?? "") ?? 30
        let maxReports = Int(Self.environment("REX_FUZZ_MAX_REPORTS") ?? "") ?? 6
        print("differential fuzzer: REX_FUZZ_SEED=\(seed) REX_FUZZ_SECONDS=\(Int(seconds))")

        let runner = try DifferentialRunner(runners: Engine.standard.map { engine in
            ConformanceRunner(engine: engine, postgres: engine == .sqlite ? nil : try? Self.postgresDatabase(for: engine))
        })
        let start = Date()
        var index = onlyCase ?? 0
        var agreed = 0, excluded = 0, found = 0, duplicates = 0
        var generatorBugs: [String] = []
        var reports: [Disagreement] = []
        var seenKinds: [String: Int] = [:], seenPipelines = Set<String>()
        var exclusionReasons: [String: Int] = [:]
        while onlyCase.map({ index == $0 }) ?? (Date().timeIntervalSince(start) < seconds) {
            defer { index += 1 }
            let c = Self.generate(seed: seed, index: index)
            if case .failure(let error) = runner.typeCheck(c.pipeline, tables: c.tables) {
                // Int literal arithmetic beyond 64 bits (`9223372036854775806 - (-6)`) is a
                // compile error on every engine alike (rex folds it before any engine runs):
                // the same answer everywhere, not a generator bug.
                if "\(error)".contains("does not fit in 64 bits") {
                    agreed += 1
                    continue
                }
                generatorBugs.append("case \(index): \(c.pipeline.text)\n  \(error)")
                continue
            }
            let judgement = runner.judge(c)
            switch judgement.kind {
            case .agree:
                agreed += 1
            case .excluded(let reason):
                excluded += 1
                exclusionReasons[String(reason.prefix(45)), default: 0] += 1
            case .disagree:
                found += 1
                // Minimise a few of each kind (engines split the same way, same error wording).
                let kindKey = judgement.signature + " " + judgement.outcomes.map { outcome -> String in
                    if case .runtimeError(let message) = outcome.1 {
                        return String(message.filter { !$0.isNumber }.prefix(50))
                    }
                    return ""
                }.joined(separator: "/")
                guard reports.count < maxReports, seenKinds[kindKey, default: 0] < 2 else { duplicates += 1; continue }
                seenKinds[kindKey, default: 0] += 1
                let (small, smallJudgement) = runner.minimise(c, signature: judgement.signature, seconds: minimiseSeconds)
                guard seenPipelines.insert(small.pipeline.text + smallJudgement.signature).inserted else { duplicates += 1; continue }
                let text = runner.caseText(small, smallJudgement, name: "fuzz \(seed) case \(index)")
                print("\n--- disagreement (case \(index), \(judgement.signature)):\n\(text)\n")
                reports.append(Disagreement(original: c, minimised: small, judgement: smallJudgement, caseText: text))
            }
        }
        let summary = """
        differential fuzzer: REX_FUZZ_SEED=\(seed): \(index - (onlyCase ?? 0)) cases in \(Int(Date().timeIntervalSince(start))) s \
        (\(runner.engineRuns) engine runs): \(agreed) agree, \(excluded) excluded \(exclusionReasons), \(found) disagree \
        (\(reports.count) minimised, \(duplicates) of a kind already reported), \(generatorBugs.count) generator bugs
        """
        print(summary)
        let report = ([summary] + reports.map(\.caseText) + generatorBugs).joined(separator: "\n\n")
        if let path = Self.environment("REX_FUZZ_REPORT") {
            try report.write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect(generatorBugs.isEmpty, "generator bugs (pipelines that do not type-check):\n\(generatorBugs.joined(separator: "\n"))")
        #expect(reports.isEmpty && found == 0,
                "\(found) disagreements (repeat with REX_FUZZ_SEED=\(seed)); minimised as conformance cases:\n\n\(reports.map(\.caseText).joined(separator: "\n\n"))")
    }
}
