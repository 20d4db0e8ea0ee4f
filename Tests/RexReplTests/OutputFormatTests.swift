import Foundation
@testable import RexRepl
import RexData
import RexRuntime
import Testing

private func sampleTable() -> Table {
    Table(schema: Schema([Field("n", .int), Field("x", .float), Field("s", .text), Field("b", .bool), Field("d", .date)]),
          columns: [
              Column(type: .int, values: [.int(1), .null, .int(-3)]),
              Column(type: .float, values: [.float(0.1), .float(3.0), .null]),
              Column(type: .text, values: [.text("a,b"), .text(""), .null]),
              Column(type: .bool, values: [.bool(true), .null, .bool(false)]),
              Column(type: .date, values: [.date(0), .null, .date(-719_162)]),
          ])
}

/// What `writer` prints for the whole of `table` (header, rows, footer).
func render(_ writer: (@escaping (String) -> Void) -> ResultWriter, _ table: Table) -> String {
    var text = ""
    let w = writer { text += $0 }
    w.begin(table.schema)
    w.write(table)
    w.end(rowCount: table.rowCount)
    return text
}

@Suite("Result formats")
struct OutputFormatTests {
    @Test("CSV: NULL is an empty unquoted field, empty text is \"\", RFC 4180 quoting, shortest floats")
    func csv() {
        let text = render({ DelimitedWriter(style: .csv, output: $0) }, sampleTable())
        #expect(text == """
        n,x,s,b,d
        1,0.1,"a,b",true,1970-01-01
        ,3.0,"",,
        -3,,,false,0001-01-01

        """)
    }

    @Test("TSV escapes tabs and newlines")
    func tsv() {
        let table = Table(schema: Schema([Field("s", .text)]), columns: [Column(type: .text, values: [.text("a\tb\nc")])])
        #expect(render({ DelimitedWriter(style: .tsv, output: $0) }, table) == "s\na\\tb\\nc\n")
    }

    @Test("CSV quotes on Unicode scalars: CRLF (one Character), lone CR, lone LF, U+2028, quote or comma with a combining mark")
    func csvLineBreaks() {
        let values = ["a\r\nb", "a\rb", "a\nb", "a\u{2028}b", "\"\u{301}", ",\u{301}", "plain\u{301}"]
        let table = Table(schema: Schema([Field("s", .text)]), columns: [Column(type: .text, values: values.map { .text($0) })])
        #expect(render({ DelimitedWriter(style: .csv, output: $0) }, table) == """
        s\n"a\r\nb"\n"a\rb"\n"a\nb"\n"a\u{2028}b"\n""\"\u{301}"\n",\u{301}"\nplain\u{301}\n
        """)
    }

    @Test("TSV escapes on Unicode scalars: CRLF is \\r\\n, lone CR and LF, tab; U+2028 stays")
    func tsvLineBreaks() {
        let values = ["a\r\nb", "a\rb", "a\nb", "a\tb", "a\\b", "a\u{2028}b"]
        let table = Table(schema: Schema([Field("s", .text)]), columns: [Column(type: .text, values: values.map { .text($0) })])
        #expect(render({ DelimitedWriter(style: .tsv, output: $0) }, table) == """
        s\na\\r\\nb\na\\rb\na\\nb\na\\tb\na\\\\b\na\u{2028}b\n
        """)
    }

    @Test("JSON rows with typed values and null")
    func json() {
        let text = render({ JSONWriter(output: $0) }, sampleTable())
        #expect(text.contains(#"{"n": 1, "x": 0.1, "s": "a,b", "b": true, "d": "1970-01-01"}"#))
        #expect(text.contains(#"{"n": null, "x": 3.0, "s": "", "b": null, "d": null}"#))
        #expect(text.hasPrefix("[\n") && text.hasSuffix("\n]\n"))
    }

    @Test("box table: types under the header, numbers right-aligned, NULL, footer")
    func box() {
        let text = render({ BoxTableWriter(maxRows: 40, terminalWidth: 120, color: false, output: $0) }, sampleTable())
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasPrefix("┌"))
        #expect(lines[1] == "│  n   │   x   │  s   │   b   │     d      │")
        #expect(lines[2] == "│ int  │ float │ text │ bool  │    date    │")
        #expect(lines[4] == "│    1 │   0.1 │ a,b  │ true  │ 1970-01-01 │")
        #expect(lines[5] == "│ NULL │   3.0 │      │ NULL  │ NULL       │")
        #expect(lines.last == "3 rows × 5 columns")
    }

    @Test("long results show the first and last rows with the count between")
    func cut() {
        let values = (1...100).map { Value.int(Int64($0)) }
        let table = Table(schema: Schema([Field("i", .int)]), columns: [Column(type: .int, values: values)])
        let writer = BoxTableWriter(maxRows: 10, terminalWidth: 80, color: false) { _ in }
        var text = ""
        let streaming = BoxTableWriter(maxRows: 10, terminalWidth: 80, color: false) { text += $0 }
        streaming.begin(table.schema)
        // Deliver in blocks of 7 rows, as a streamed fetch would.
        for start in stride(from: 0, to: 100, by: 7) {
            let end = min(start + 7, 100)
            streaming.write(Table(schema: table.schema, columns: [Column(type: .int, values: Array(values[start..<end]))]))
        }
        streaming.end(rowCount: 100)
        _ = writer
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("…") }.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "│ ")) }
        #expect(rows.dropFirst(2).prefix(5) == ["1", "2", "3", "4", "5"])
        #expect(rows.contains("… 90 more rows …"))
        #expect(rows.suffix(5) == ["96", "97", "98", "99", "100"])
        #expect(text.hasSuffix("100 rows × 1 column\n"))
    }

    @Test("wide characters count two columns")
    func width() {
        #expect(displayWidth("日本") == 4)
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth("😀") == 2)
        #expect(truncateToWidth("abcdefgh", 5) == "abcd…")
    }
}

@Suite("rx_summary report")
struct SummaryReportTests {
    private func summaryTable(_ rows: [[Value]]) -> Table {
        let fields = [Field("Name", .text), Field("Level", .text), Field("Count", .int), Field("Mean", .float), Field("StdDev", .float),
                      Field("Min", .float), Field("Max", .float), Field("ValidObs", .int), Field("MissingObs", .int)]
        return Table(schema: Schema(fields), columns: fields.enumerated().map { index, field in
            Column(type: field.type, values: rows.map { $0[index] })
        })
    }

    @Test("numeric table, then category counts; observations counted over all rows")
    func report() throws {
        let table = summaryTable([
            [.text("x"), .null, .null, .float(11.31792), .float(40.68851), .float(-86), .float(1490), .int(8), .int(2)],
            [.text("d"), .text("Friday"), .int(3), .null, .null, .null, .null, .int(3), .int(1)],
            [.text("d"), .text("Monday"), .int(6), .null, .null, .null, .null, .int(6), .int(1)],
        ])
        let text = try #require(SummaryReport.render(table))
        #expect(text == """
        Summary Statistics Results for: x, d
        Number of valid observations: 10

         Name  Mean     StdDev   Min  Max   ValidObs  MissingObs
         x     11.3179  40.6885  -86  1490         8           2

        Category Counts for d
        Number of categories: 2

         d       Counts
         Friday       3
         Monday       6

        """)
        let textOnly = try #require(SummaryReport.render(summaryTable(Array(table.rows().dropFirst()))))
        #expect(textOnly.contains("Number of valid observations: 10\n"))
    }
}

private extension Table {
    func rows() -> [[Value]] { (0..<rowCount).map { row($0) } }
}
