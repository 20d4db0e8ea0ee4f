import RexData
import RexRuntime

/// JSON output: an array with one object per row; numbers and booleans as JSON
/// values, NULL as `null`, everything else as strings. Streams block by block.
final class JSONWriter: ResultWriter {
    private let output: (String) -> Void
    private var names: [String] = []
    private var first = true

    init(output: @escaping (String) -> Void) {
        self.output = output
    }

    func begin(_ schema: Schema) {
        names = schema.names.map(jsonString)
        output("[")
    }

    func write(_ block: Table) {
        var text = ""
        for row in 0..<block.rowCount {
            text += first ? "\n  {" : ",\n  {"
            first = false
            for (index, column) in block.columns.enumerated() {
                if index > 0 { text += ", " }
                text += names[index] + ": " + value(column, row)
            }
            text += "}"
        }
        output(text)
    }

    func end(rowCount: Int) {
        output(first ? "]\n" : "\n]\n")
    }

    /// The cell's JSON value, spelled as `rex --serve` spells it (`JSONCell`).
    private func value(_ column: Column, _ row: Int) -> String {
        JSONCell.value(column, row).text
    }
}

/// A JSON string literal with the required escapes.
func jsonString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 {
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
