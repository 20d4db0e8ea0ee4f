import Foundation
import RexData
import RexRuntime

/// The model report a terminal shows for `linmod` (EXAMPLES.md): coefficients with
/// standard errors, t values and p-values, then the fit. Control characters in names
/// are shown as escapes (`TerminalText`).
enum LinmodReport {
    static func render(_ table: Table, formula: String, fit: [String: Value], context: String) -> String? {
        guard table.schema.names == ["Term", "Estimate", "StdError", "TValue", "PValue"] else { return nil }
        let n = fit["n"]?.intValue.map(String.init) ?? fit["n"]?.floatValue.map { String(Int($0)) } ?? "?"
        var lines = ["Linear model: \(TerminalText.cell(formula))  (\(n) observations, \(context))", ""]
        var rows = [["Term", "Estimate", "Std. Error", "t value", "Pr(>|t|)"]]
        for index in 0..<table.rowCount {
            let row = table.row(index)
            rows.append([TerminalText.cell(row[0].description), fixed(row[1], 4), fixed(row[2], 4), fixed(row[3], 2), pValue(row[4])])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        for (number, row) in rows.enumerated() {
            lines.append(" " + row.enumerated().map { index, cell in
                let gap = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + gap : (number == 0 ? gap + cell : gap + cell)
            }.joined(separator: "  "))
        }
        lines.append("")
        if let se = fit["residual_se"]?.floatValue, let df = fit["residual_df"].flatMap(integer) {
            lines.append("Residual standard error: \(RNumberFormat.signif(se, digits: 4)) on \(df) degrees of freedom")
        }
        var last: [String] = []
        // The fit lines round as R's print.summary.lm does (digits 4): signif for the residual
        // SE, formatC for R², adjusted R² and F, format.pval for F's p.
        if let r2 = fit["r_squared"]?.floatValue { last.append("R²: " + RNumberFormat.formatC(r2, digits: 4)) }
        if let adj = fit["adj_r_squared"]?.floatValue { last.append("adjusted R²: " + RNumberFormat.formatC(adj, digits: 4)) }
        if let f = fit["f"]?.floatValue, let d1 = fit["f_df1"].flatMap(integer), let d2 = fit["f_df2"].flatMap(integer) {
            last.append("F: " + RNumberFormat.formatC(f, digits: 4) + " on \(d1) and \(d2) DF, p " + pText(fit["f_pvalue"]?.floatValue))
        }
        if !last.isEmpty { lines.append(last.joined(separator: "   ")) }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func integer(_ value: Value) -> Int? {
        value.intValue.map(Int.init) ?? value.floatValue.map { Int($0) }
    }

    private static func fixed(_ value: Value, _ digits: Int) -> String {
        guard let v = value.floatValue else { return "NA" }
        return String(format: "%.\(digits)f", v)
    }

    private static func pValue(_ value: Value) -> String {
        guard let p = value.floatValue else { return "NA" }
        return p < 2e-16 ? "< 2e-16" : String(format: "%.3f", p)
    }

    private static func pText(_ p: Double?) -> String {
        guard let p else { return "NA" }
        let text = RNumberFormat.pValue(p, digits: 4)
        return text.hasPrefix("<") ? text : "= " + text
    }
}
