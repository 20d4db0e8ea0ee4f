import Foundation
import RexConformanceSupport
import RexData
import RexTestSupport
import Testing

/// Every case file under Tests/conformance/cases, parsed.
func loadAllCases() throws -> [ConformanceCase] {
    try CaseFileParser.loadAll()
}

@Suite("Conformance case files")
struct CaseFileTests {
    @Test("the case format: data, use, pipeline, expect, NULL vs \"NULL\" vs empty text")
    func format() throws {
        let cases = try CaseFileParser.parse("""
        === first
        --- data t
        a:int,s:text,d:date
        1,"x,y",2024-01-31
        NULL,"",NULL
        2,"NULL",1899-12-31
        --- pipeline
        table t
        | select a
        --- expect
        a:int
        1
        NULL
        2
        === second
        --- use t
        --- pipeline
        table t | select q = a % 0.5
        --- expect error
        % needs int
        """, file: "inline")
        #expect(cases.count == 2)
        let table = try #require(cases.first?.datasets["t"])
        #expect(table.row(0) == [.int(1), .text("x,y"), .date(19753)])
        #expect(table.row(1) == [.null, .text(""), .null])
        #expect(table.row(2)[1] == .text("NULL"))
        #expect(cases[0].source == "table t\n| select a")
        #expect(cases[1].datasets["t"] == table)
        guard case .error(let message) = cases[1].expectation else { Issue.record("expected an error case"); return }
        #expect(message == "% needs int")
    }

    @Test("`--- not tsql: REASON` marks a case as not applying to T-SQL servers; a marker without a reason is an error")
    func notMarker() throws {
        let cases = try CaseFileParser.parse("""
        === ordered by code point
        --- not tsql: text order by code point; SQL Server keeps its collation
        --- data t
        s:text
        a
        B
        --- pipeline
        table t | sort s
        --- expect
        s:text
        B
        a
        === everywhere
        --- use t
        --- pipeline
        table t | filter s == 'a'
        --- expect
        s:text
        a
        """, file: "inline")
        #expect(cases.count == 2)
        #expect(cases[0].notOn == ["tsql": "text order by code point; SQL Server keeps its collation"])
        #expect(!cases[0].applies(to: "tsql"))
        #expect(cases[0].applies(to: "postgres"))
        #expect(cases[0].datasets["t"]?.rowCount == 2)
        #expect(cases[1].applies(to: "tsql"))
        #expect(throws: CaseFileError.self) {
            try CaseFileParser.parse("=== x\n--- not tsql\n--- pipeline\ntable t\n--- expect\ns:text\n", file: "inline")
        }
    }

    @Test("the cases marked `not tsql` are the ones the README counts, each with a reason")
    func notTsqlCases() throws {
        let marked = try loadAllCases().filter { !$0.applies(to: "tsql") }
        #expect(marked.count == 28, "\(marked.map(\.name))")
        #expect(marked.allSatisfy { ($0.notOn["tsql"] ?? "").count > 20 })
    }

    /// The expectations are checked against an independent model of SPEC §2 too, not only
    /// against the engines: Tests/conformance/reference.py evaluates every case with plain
    /// Python values and must know every construct the cases use.
    @Test("every expected result agrees with the reference model of SPEC §2 (reference.py)")
    func referenceModel() throws {
        let script = TestEnvironment.packageRoot.appendingPathComponent("Tests/conformance/reference.py")
        let run = try runProcess(URL(fileURLWithPath: "/usr/bin/python3"), [script.path])
        let cases = try loadAllCases().count
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("\(cases) of \(cases) cases agree with the model; 0 use what it does not model"), "\(run.stdout)")
    }

    @Test("every case file parses, names are unique, and there are at least 150 cases")
    func allFiles() throws {
        let cases = try loadAllCases()
        #expect(cases.count >= 150, "only \(cases.count) conformance cases")
        let names = cases.map(\.name)
        #expect(Set(names).count == names.count, "duplicate case names")
    }
}
