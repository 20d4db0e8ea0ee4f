import RexData
import RexRuntime

/// The terminal table of EXAMPLES.md: box lines, types under the header, numbers
/// right-aligned, floats with at most `floatDigits` significant digits and their decimal
/// points aligned (`FloatDisplay`), `NULL` for nulls, the first and last rows of long results with
/// `… N more rows …` between, and a `N rows × M columns` footer. Keeps only the
/// rows it will show, so memory stays bounded however long the result is. Control
/// characters in names and values are shown as escapes (`TerminalText.cell`), never raw.
final class BoxTableWriter: ResultWriter {
    private let maxRows: Int
    private let terminalWidth: Int
    private let color: Bool
    private let floatDigits: Int
    private let output: (String) -> Void
    private var schema = Schema([])
    private var head: [[String?]] = []
    private var tail: [[String?]] = []      // ring buffer of the last rows
    private var tailStart = 0
    private var seen = 0

    /// - Parameter floatDigits: significant digits of floats (`:set digits N`).
    init(maxRows: Int, terminalWidth: Int, color: Bool, floatDigits: Int = FloatDisplay.defaultDigits,
         output: @escaping (String) -> Void) {
        self.maxRows = max(maxRows, 2)
        self.terminalWidth = max(terminalWidth, 20)
        self.color = color
        self.floatDigits = floatDigits
        self.output = output
    }

    private var headLimit: Int { maxRows / 2 }
    private var tailLimit: Int { maxRows - headLimit }

    func begin(_ schema: Schema) {
        self.schema = schema
    }

    func write(_ block: Table) {
        for row in 0..<block.rowCount {
            let cells: [String?] = block.columns.map { column in
                guard column.validity[row] else { return nil }
                if case .float(let values) = column.storage { return FloatDisplay.text(values[row], digits: floatDigits) }
                return TerminalText.cell(ValueText.text(column, row))
            }
            seen += 1
            if head.count < maxRows {
                head.append(cells)
            } else if tail.count < tailLimit {
                tail.append(cells)
            } else {
                tail[tailStart] = cells
                tailStart = (tailStart + 1) % tailLimit
            }
        }
    }

    func end(rowCount: Int) {
        // When everything fits, show every row; otherwise the first and last rows.
        let ordered = head + Array(tail[tailStart...] + tail[..<tailStart])
        var top: [[String?]]
        var bottom: [[String?]]
        if seen <= maxRows {
            top = ordered
            bottom = []
        } else {
            top = Array(ordered.prefix(headLimit))
            bottom = Array(ordered.dropFirst(headLimit).suffix(tailLimit))
        }
        let hidden = seen - top.count - bottom.count
        let rightAligned = schema.fields.map { $0.type.isNumeric }
        let headers = schema.names.map(TerminalText.cell)
        let types = schema.fields.map { $0.type.rawValue }
        // Decimal points of a float column line up over the rows shown (NULL stays at the right edge).
        for (index, field) in schema.fields.enumerated() where field.type == .float {
            let texts = (top + bottom).compactMap { $0[index] }
            var aligned = FloatDisplay.aligned(texts).makeIterator()
            for row in top.indices where top[row][index] != nil { top[row][index] = aligned.next() }
            for row in bottom.indices where bottom[row][index] != nil { bottom[row][index] = aligned.next() }
        }
        let shown = top + bottom
        var widths = zip(headers, types).map { max(displayWidth($0), displayWidth($1)) }
        for row in shown {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], displayWidth(cell ?? "NULL")) }
        }
        // Numbers keep their digits while anything else can give way (alignment padding first).
        var numberWidths = widths.map { _ in 0 }
        for row in shown {
            for (index, cell) in row.enumerated() where rightAligned[index] {
                numberWidths[index] = max(numberWidths[index], displayWidth(trimmingTrailingSpaces(cell ?? "NULL")))
            }
        }
        widths = fitToTerminal(widths, keeping: numberWidths)
        var lines: [String] = []
        lines.append(rule("┌", "┬", "┐", widths))
        lines.append(line(headers.map { Optional($0) }, widths, rightAligned: widths.map { _ in false }, center: true))
        lines.append(line(types.map { Optional($0) }, widths, rightAligned: widths.map { _ in false }, center: true, dim: true))
        lines.append(rule("├", "┼", "┤", widths))
        for row in top { lines.append(line(row, widths, rightAligned: rightAligned)) }
        if hidden > 0 {
            let note = "… \(hidden) more row\(hidden == 1 ? "" : "s") …"
            let inner = widths.reduce(0, +) + 3 * widths.count - 1
            if displayWidth(note) <= inner - 1 {
                lines.append("│ " + note + String(repeating: " ", count: inner - 1 - displayWidth(note)) + "│")
            } else {
                lines.append(note) // a narrow table: the note stands on its own line
            }
        }
        for row in bottom { lines.append(line(row, widths, rightAligned: rightAligned)) }
        lines.append(rule("└", "┴", "┘", widths))
        let rowsWord = rowCount == 1 ? "row" : "rows"
        let columnsWord = schema.fields.count == 1 ? "column" : "columns"
        lines.append("\(rowCount) \(rowsWord) × \(schema.fields.count) \(columnsWord)")
        output(lines.joined(separator: "\n") + "\n")
    }

    /// Narrows the widest columns until the table fits the terminal.
    /// Narrows the widest columns until the table fits the terminal: first those that stay
    /// at least as wide as `keeping` (the digits of a number column), then any.
    private func fitToTerminal(_ widths: [Int], keeping: [Int]) -> [Int] {
        var widths = widths
        let frame = 3 * widths.count + 1
        while widths.reduce(0, +) + frame > terminalWidth {
            let narrowable = widths.indices.filter { widths[$0] > max(keeping[$0], 4) }
            let candidates = narrowable.isEmpty ? Array(widths.indices) : narrowable
            guard let widest = candidates.max(by: { widths[$0] < widths[$1] }), widths[widest] > 4 else { break }
            widths[widest] -= 1
        }
        return widths
    }

    private func rule(_ left: String, _ middle: String, _ right: String, _ widths: [Int]) -> String {
        left + widths.map { String(repeating: "─", count: $0 + 2) }.joined(separator: middle) + right
    }

    private func line(_ cells: [String?], _ widths: [Int], rightAligned: [Bool], center: Bool = false, dim: Bool = false) -> String {
        var parts: [String] = []
        for (index, cell) in cells.enumerated() {
            let width = widths[index]
            let isNull = cell == nil
            var text = cell ?? "NULL"
            // A number's alignment padding goes before any of its digits are cut.
            while displayWidth(text) > width && rightAligned[index] && text.last == " " { text.removeLast() }
            text = truncateToWidth(text, width)
            let gap = width - displayWidth(text)
            let padded: String
            if center {
                padded = String(repeating: " ", count: gap / 2) + text + String(repeating: " ", count: gap - gap / 2)
            } else if rightAligned[index] {
                padded = String(repeating: " ", count: gap) + text
            } else {
                padded = text + String(repeating: " ", count: gap)
            }
            parts.append(" " + styled(padded, dim: dim || isNull) + " ")
        }
        return "│" + parts.joined(separator: "│") + "│"
    }

    private func styled(_ text: String, dim: Bool) -> String {
        guard color && dim else { return text }
        return "\u{1B}[2m" + text + "\u{1B}[0m"
    }
}

/// `text` without the spaces at its end (the decimal-point alignment of a float).
private func trimmingTrailingSpaces(_ text: String) -> String {
    var text = Substring(text)
    while text.last == " " { text = text.dropLast() }
    return String(text)
}
