import Foundation
@testable import RexRepl
import RexData
import Testing

/// The linmod report's fit lines round as R's `print.summary.lm` (digits 4); the expected
/// strings are R 4's own output for these numbers.
@Suite("linmod report: numbers as R's summary.lm prints them")
struct LinmodReportTests {
    @Test("format(signif(x, 4)): trailing zeros dropped, fixed unless scientific is narrower")
    func signif() {
        #expect(RNumberFormat.signif(0.20464, digits: 4) == "0.2046")
        #expect(RNumberFormat.signif(12.3456, digits: 4) == "12.35")
        #expect(RNumberFormat.signif(304.854073561965, digits: 4) == "304.9")
        #expect(RNumberFormat.signif(123456.7, digits: 4) == "123500")
        #expect(RNumberFormat.signif(1234567, digits: 4) == "1235000")
        #expect(RNumberFormat.signif(0.0001234, digits: 4) == "0.0001234")
        #expect(RNumberFormat.signif(0.00001234567, digits: 4) == "1.235e-05")
        #expect(RNumberFormat.signif(2.5, digits: 4) == "2.5")
        #expect(RNumberFormat.signif(3.0, digits: 4) == "3")
        #expect(RNumberFormat.signif(-0.5, digits: 4) == "-0.5")
        #expect(RNumberFormat.signif(1e-20, digits: 4) == "1e-20")
        #expect(RNumberFormat.signif(9.99996, digits: 4) == "10")
        #expect(RNumberFormat.signif(1.5e120, digits: 4) == "1.5e+120")
    }

    @Test("formatC(x, digits = 4) and format.pval(p, digits = 4)")
    func formatCAndPValue() {
        #expect(RNumberFormat.formatC(15750.25, digits: 4) == "1.575e+04")
        #expect(RNumberFormat.formatC(0.99936549229866, digits: 4) == "0.9994")
        #expect(RNumberFormat.formatC(330.285339234588, digits: 4) == "330.3")
        #expect(RNumberFormat.formatC(0.5, digits: 4) == "0.5")
        #expect(RNumberFormat.pValue(1e-300, digits: 4) == "< 2.2e-16")
        #expect(RNumberFormat.pValue(0, digits: 4) == "< 2.2e-16")
        #expect(RNumberFormat.pValue(4.98403052305807e-10, digits: 4) == "4.984e-10")
        #expect(RNumberFormat.pValue(0.04977, digits: 4) == "0.04977")
        #expect(RNumberFormat.pValue(0.961234, digits: 4) == "0.9612")
    }

    /// NIST Longley's certified fit (residual SD 304.854073561965, R² 0.995479004577296, F on
    /// 6 and 9 DF): R prints "Residual standard error: 304.9 on 9 degrees of freedom",
    /// "Multiple R-squared:  0.9955,	Adjusted R-squared:  0.9925",
    /// "F-statistic: 330.3 on 6 and 9 DF,  p-value: 4.984e-10".
    /// A linmod fit in the keys of SPEC §2.
    private func fit(n: Int64, se: Double, df: Int64, r2: Double, adjusted: Double, f: Double,
                     on degrees: (Int64, Int64), p: Double) -> [String: Value] {
        ["n": .int(n), "residual_se": .float(se), "residual_df": .int(df), "r_squared": .float(r2),
         "adj_r_squared": .float(adjusted), "f": .float(f), "f_df1": .int(degrees.0), "f_df2": .int(degrees.1),
         "f_pvalue": .float(p)]
    }

    @Test("the report's fit lines for NIST Longley and NoInt1 read as R's")
    func reportLines() throws {
        let table = Table(schema: Schema([Field("Term", .text), Field("Estimate", .float), Field("StdError", .float),
                                          Field("TValue", .float), Field("PValue", .float)]),
                          columns: [Column(type: .text, values: [.text("x")]), Column(type: .float, values: [.float(2.07438016528926)]),
                                    Column(type: .float, values: [.float(0.165289256198347e-01)]),
                                    Column(type: .float, values: [.float(125.5)]), Column(type: .float, values: [.float(0)])])
        let longley = fit(n: 16, se: 304.854073561965, df: 9, r2: 0.995479004577296, adjusted: 0.992465007628826,
                          f: 330.285339234588, on: (6, 9), p: 4.98403052305807e-10)
        let text = try #require(LinmodReport.render(table, formula: "y ~ x1 + x2", fit: longley, context: "local"))
        #expect(text.contains("Residual standard error: 304.9 on 9 degrees of freedom\n"))
        #expect(text.contains("R²: 0.9955   adjusted R²: 0.9925   F: 330.3 on 6 and 9 DF, p = 4.984e-10\n"))
        let noInt1 = fit(n: 11, se: 3.56753034006338, df: 10, r2: 0.999365492298663, adjusted: 0.999302041528529,
                         f: 15750.25, on: (1, 10), p: 2.1e-17)
        let noIntText = try #require(LinmodReport.render(table, formula: "y ~ x - 1", fit: noInt1, context: "local"))
        #expect(noIntText.contains("Residual standard error: 3.568 on 10 degrees of freedom\n"))
        #expect(noIntText.contains("R²: 0.9994   adjusted R²: 0.9993   F: 1.575e+04 on 1 and 10 DF, p < 2.2e-16\n"))
    }
}
