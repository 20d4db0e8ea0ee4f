import Foundation
import RexTestSupport
import Testing

/// The terminal table's number rule (SPEC §5 "Results") from the real binary: floats with at
/// most 10 significant digits (`:set digits N`), one decimal kept, exponent form beyond 1e15
/// or below 1e-5, decimal points aligned, NULL shown, numbers right-aligned beside CJK text
/// (two columns a character). The whole printed output is compared with
/// Tests/golden/terminal/<case>.txt (`RECORD_GOLDEN=1` rewrites them). CSV and JSON keep
/// the exact shortest form.
@Suite("The terminal table's numbers")
struct TerminalFormatTests {
    static let goldenDirectory = TestEnvironment.packageRoot.appendingPathComponent("Tests/golden/terminal")

    /// Mixed magnitudes, negatives, NULLs (an empty field) and CJK, accented and ASCII text.
    static let csv = """
        city,x,n,ratio
        東京,6.587999999999998,1,0.1
        Zürich,-1234.5,-20,-0.000012345
        北京市,,300,3
        Oslo,1.5e-20,,0.00001
        サンパウロ,2.5e16,5,
        Lima,100,6,-1000000000000000
        한국어 텍스트,0.30000000000000004,-7,123456.789012345

        """

    /// A directory with `m.csv`.
    static func prepare() throws -> URL {
        let directory = TestEnvironment.temporaryDirectory()
        try csv.write(to: directory.appendingPathComponent("m.csv"), atomically: true, encoding: .utf8)
        return directory
    }

    static func compare(_ text: String, golden name: String) throws {
        let record = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"
        try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
        let file = goldenDirectory.appendingPathComponent(name + ".txt")
        let stored = try? String(contentsOf: file, encoding: .utf8)
        if record || stored == nil { try text.write(to: file, atomically: true, encoding: .utf8) }
        #expect(record || stored != nil, "golden file \(file.lastPathComponent) was missing; it has been written: review and commit it")
        if !record, let stored { #expect(stored == text, "differs from \(file.lastPathComponent):\n\(text)") }
    }

    @Test("mixed magnitudes, negatives, NULLs and CJK text; then :set digits 4")
    func floatsInTheTable() throws {
        let directory = try Self.prepare()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try runRex(["--no-rc", "--format", "table"], input: """
            csv "m.csv"
            :set digits 4
            csv "m.csv"
            :set digits 17
            csv "m.csv" | select x

            """, environment: ["COLUMNS": "100"], directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        try Self.compare(result.stdout, golden: "floats")
        // The rule's examples, on the rows that show them: CJK text padded by its width, points aligned.
        let tables = result.stdout.components(separatedBy: "┌")
        #expect(tables.count == 4)
        let first = tables.count > 1 ? tables[1] : ""
        #expect(first.contains("│ 東京          │     6.588   │    1 │                 0.1         │"), "\(first)")
        #expect(first.contains("│ 北京市        │        NULL │  300 │                 3.0         │"), "\(first)")
        #expect(first.contains("│ Oslo          │     1.5e-20 │ NULL │                 0.00001     │"), "\(first)")
        #expect(first.contains("│ Lima          │   100.0     │    6 │ -1000000000000000.0         │"), "\(first)")
        #expect(!first.contains("6.587999999999998") && !first.contains("0.30000000000000004"))
        // :set digits 4
        #expect(tables.count > 2 && tables[2].contains("│ 한국어 텍스트 │     0.3     │   -7 │            123500.0        │"))
    }

    @Test("a narrow terminal cuts text before digits")
    func narrowTerminal() throws {
        let directory = try Self.prepare()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try runRex(["--no-rc", "--format", "table", "-e", #"csv "m.csv""#],
                                environment: ["COLUMNS": "50"], directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        try Self.compare(result.stdout, golden: "floats_narrow")
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 50 || !$0.hasPrefix("│") })
    }

    @Test("CSV, TSV, JSON and markdown keep the exact shortest form, whatever :set digits says")
    func otherFormatsStayExact() throws {
        let directory = try Self.prepare()
        defer { try? FileManager.default.removeItem(at: directory) }
        for format in ["csv", "tsv", "json", "markdown"] {
            let result = try runRex(["--no-rc", "--format", format], input: ":set digits 4\ncsv \"m.csv\"\n", directory: directory)
            #expect(result.status == 0, "\(result.stderr)")
            for exact in ["6.587999999999998", "-1234.5", "0.30000000000000004", "123456.789012345", "1.5e-20"] {
                #expect(result.stdout.contains(exact), "\(format) lost \(exact):\n\(result.stdout)")
            }
        }
        let csv = try runRex(["--no-rc", "-e", #"csv "m.csv" | select x"#], directory: directory)
        #expect(csv.stdout == "x\n6.587999999999998\n-1234.5\n\n1.5e-20\n2.5e+16\n100.0\n0.30000000000000004\n")
    }

    @Test(":set digits takes 1 to 17 and says so otherwise")
    func digitsSetting() throws {
        let result = try runRex(["--no-rc", "--format", "table"], input: ":set digits 0\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains(":set digits needs a number of significant digits from 1 to 17"), "\(result.stderr)")
        let unknown = try runRex(["--no-rc"], input: ":set digit 3\n")
        #expect(unknown.stderr.contains("digits"), "the settings list names digits: \(unknown.stderr)")
    }
}
