import Foundation
import RexData
import RexRuntime

/// The rx_summary report a terminal shows for `summary` (EXAMPLES.md): numeric
/// columns in one table, then the category counts of each text or bool column. Control
/// characters in names and levels are shown as escapes (`TerminalText`).
enum SummaryReport {
    /// The report for a summary table, or nil if the table is not one.
    static func render(_ table: Table) -> String? {
        let expected = ["Name", "Level", "Count", "Mean", "StdDev", "Min", "Max", "ValidObs", "MissingObs"]
        guard table.schema.names == expected else { return nil }
        let rows = (0..<table.rowCount).map { table.row($0) }
        let names = orderedUnique(rows.map { $0[0].description })
        var lines = ["Summary Statistics Results for: " + names.map(TerminalText.cell).joined(separator: ", ")]
        if let total = rowCount(of: names.first, in: rows) {
            lines.append("Number of valid observations: \(total)")
        }
        let numeric = rows.filter { $0[1].isNull }
        if !numeric.isEmpty {
            lines.append("")
            lines += aligned([["Name", "Mean", "StdDev", "Min", "Max", "ValidObs", "MissingObs"]]
                             + numeric.map { [TerminalText.cell($0[0].description), number($0[3]), number($0[4]), number($0[5]), number($0[6]),
                                              number($0[7]), number($0[8])] },
                             rightAligned: [false, true, true, true, true, true, true])
        }
        for name in names {
            let levels = rows.filter { $0[0].description == name && !$0[1].isNull }
            guard !levels.isEmpty else { continue }
            lines += ["", "Category Counts for \(TerminalText.cell(name))", "Number of categories: \(levels.count)", ""]
            lines += aligned([[TerminalText.cell(name), "Counts"]] + levels.map { [TerminalText.cell($0[1].description), number($0[2])] },
                             rightAligned: [false, true])
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The rows the summary was computed over, from its first column: valid plus missing for a
    /// numeric column, all level counts plus missing for a text or bool column.
    private static func rowCount(of name: String?, in rows: [[Value]]) -> Int64? {
        guard let name else { return nil }
        let own = rows.filter { $0[0].description == name }
        guard let first = own.first, let missing = first[8].intValue else { return nil }
        if first[1].isNull && first[2].isNull { return first[7].intValue.map { $0 + missing } }
        return own.reduce(missing) { $0 + ($1[2].intValue ?? 0) }
    }

    /// Six significant digits, whole numbers without a decimal point, NULL as blank.
    static func number(_ value: Value) -> String {
        switch value {
        case .null: return ""
        case .int(let v): return String(v)
        case .float(let v):
            if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
            return String(format: "%.6g", v)
        default: return value.description
        }
    }

    private static func aligned(_ rows: [[String]], rightAligned: [Bool]) -> [String] {
        let widths = rows[0].indices.map { column in rows.map { displayWidth($0[column]) }.max() ?? 0 }
        return rows.map { row in
            " " + row.enumerated().map { index, cell in
                let gap = String(repeating: " ", count: widths[index] - displayWidth(cell))
                return rightAligned[index] && row != rows[0] ? gap + cell : cell + gap
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    private static func orderedUnique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
