import Foundation
@testable import RexRepl
import RexData
import RexRuntime
import Testing

/// A value that sets the terminal title, clears the screen, moves the cursor up and
/// returns to the line start: what issue 11 saw rewrite a table.
private let hostile = "x\u{1B}]0;pwned\u{07}\u{1B}[2J\u{1B}[1A\rover\tt\u{9B}1m"

private func hasRawControl(_ text: String, allowingLineFeeds: Bool = true) -> Bool {
    text.unicodeScalars.contains { scalar in
        if allowingLineFeeds && scalar == "\n" { return false }
        return TerminalText.isControl(scalar)
    }
}

@Suite("Terminal output shows control characters visibly")
struct TerminalSafetyTests {
    let table = Table(schema: Schema([Field("name\u{1B}[31m", .text), Field("n", .int)]),
                      columns: [Column(type: .text, values: [.text(hostile), .text("plain")]),
                                Column(type: .int, values: [.int(1), .int(2)])])

    @Test("the box table shows escapes in cells and names; no raw control character reaches the terminal")
    func box() {
        let text = render({ BoxTableWriter(maxRows: 40, terminalWidth: 200, color: false, output: $0) }, table)
        #expect(!hasRawControl(text), "\(text.debugDescription)")
        #expect(text.contains("x\\x1b]0;pwned\\x07\\x1b[2J\\x1b[1A\\rover\\tt\\x9b1m"))
        #expect(text.contains("name\\x1b[31m"))
        // Every row line has the same width: the escapes are counted as they are shown.
        let widths = Set(text.split(separator: "\n").filter { $0.hasPrefix("│") || $0.hasPrefix("┌") }.map { displayWidth(String($0)) })
        #expect(widths.count == 1)
    }

    @Test("markdown shows escapes too; a line feed is <br>")
    func markdown() {
        let text = render({ MarkdownWriter(output: $0) }, table)
        #expect(!hasRawControl(text), "\(text.debugDescription)")
        #expect(text.contains("\\x1b]0;pwned"))
    }

    @Test("CSV, TSV and JSON stay exact")
    func exactFormats() {
        #expect(render({ DelimitedWriter(style: .csv, output: $0) }, table).contains("x\u{1B}]0;pwned\u{07}"))
        #expect(render({ JSONWriter(output: $0) }, table).contains("\\u001b]0;pwned\\u0007"))
    }

    @Test("the summary report shows escapes in names and levels")
    func summary() throws {
        let fields = [Field("Name", .text), Field("Level", .text), Field("Count", .int), Field("Mean", .float), Field("StdDev", .float),
                      Field("Min", .float), Field("Max", .float), Field("ValidObs", .int), Field("MissingObs", .int)]
        let rows: [[Value]] = [
            [.text("x\u{1B}[2J"), .null, .null, .float(1), .float(0), .float(1), .float(1), .int(1), .int(0)],
            [.text("d"), .text(hostile), .int(3), .null, .null, .null, .null, .int(3), .int(0)],
        ]
        let summary = Table(schema: Schema(fields), columns: fields.enumerated().map { index, field in
            Column(type: field.type, values: rows.map { $0[index] })
        })
        let text = try #require(SummaryReport.render(summary))
        #expect(!hasRawControl(text), "\(text.debugDescription)")
        #expect(text.contains("x\\x1b[2J"))
    }
}
