import Foundation
import RexData
import RexRuntime

/// A GitHub-flavoured Markdown table; numbers right-aligned, `|` escaped, a line feed as
/// `<br>`, other control characters as visible escapes (`TerminalText`).
final class MarkdownWriter: ResultWriter {
    private let output: (String) -> Void

    init(output: @escaping (String) -> Void) {
        self.output = output
    }

    func begin(_ schema: Schema) {
        output("| " + schema.names.map(escape).joined(separator: " | ") + " |\n")
        output("|" + schema.fields.map { $0.type.isNumeric ? " ---: " : " --- " }.joined(separator: "|") + "|\n")
    }

    func write(_ block: Table) {
        var text = ""
        for row in 0..<block.rowCount {
            let cells = block.columns.map { $0.validity[row] ? escape(ValueText.text($0, row)) : "NULL" }
            text += "| " + cells.joined(separator: " | ") + " |\n"
        }
        output(text)
    }

    func end(rowCount: Int) {}

    private func escape(_ text: String) -> String {
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": escaped.append(contentsOf: "\\|".unicodeScalars)
            case "\n": escaped.append(contentsOf: "<br>".unicodeScalars)
            case _ where TerminalText.isControl(scalar): escaped.append(contentsOf: TerminalText.escape(scalar).unicodeScalars)
            default: escaped.append(scalar)
            }
        }
        return String(escaped)
    }
}
