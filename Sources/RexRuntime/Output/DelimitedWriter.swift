import Foundation
import RexData

/// CSV (RFC 4180) and TSV output, written block by block so memory stays bounded.
/// NULL is an empty unquoted field; an empty string is `""` (CSV) — SPEC §5.
public struct DelimitedWriter: ResultWriter {
    public enum Style: Sendable { case csv, tsv }

    let style: Style
    let output: (String) -> Void

    public init(style: Style, output: @escaping (String) -> Void) {
        self.style = style
        self.output = output
    }

    public func begin(_ schema: Schema) {
        output(schema.names.map(field).joined(separator: separator) + "\n")
    }

    public func write(_ block: Table) {
        var text = ""
        for row in 0..<block.rowCount {
            var cells: [String] = []
            cells.reserveCapacity(block.columns.count)
            for column in block.columns {
                if !column.validity[row] {
                    cells.append("")
                } else if case .text = column.storage {
                    cells.append(textField(ValueText.text(column, row)))
                } else {
                    cells.append(field(ValueText.text(column, row)))
                }
            }
            text += cells.joined(separator: separator)
            text += "\n"
            if text.utf8.count > 1 << 16 {
                output(text)
                text = ""
            }
        }
        if !text.isEmpty { output(text) }
    }

    public func end(rowCount: Int) {}

    private var separator: String { style == .csv ? "," : "\t" }

    /// A text value: never empty-unquoted, so it stays distinct from NULL.
    private func textField(_ value: String) -> String {
        if style == .csv && value.isEmpty { return "\"\"" }
        return field(value)
    }

    private func field(_ value: String) -> String {
        switch style {
        case .csv:
            let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        case .tsv:
            return value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        }
    }
}
