import Foundation

/// Numbers written the way R's `print.summary.lm` writes them (R 4.x, `digits = 4`), so
/// a linmod report reads like the `lm` output statistics users compare it with.
enum RNumberFormat {
    /// R's `format(signif(x, digits))`: `digits` significant digits with trailing zeros
    /// dropped, fixed notation unless scientific is narrower (R's `formatReal`, scipen 0).
    static func signif(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "Inf" }
        if x == 0 { return "0" }
        // The mantissa rounded to `digits` digits tells the digits needed and the exponent.
        let scientific = String(format: "%.\(digits - 1)e", x)
        guard let e = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: e)...]) else {
            return scientific
        }
        let mantissaDigits = scientific[..<e].filter(\.isNumber)
        let significant = max(1, mantissaDigits.count - mantissaDigits.reversed().prefix { $0 == "0" }.count)
        let sign = x < 0 ? 1 : 0
        let decimals = max(0, significant - exponent - 1)
        let fixedWidth = sign + (exponent >= 0 ? exponent + 1 : 1) + (decimals > 0 ? decimals + 1 : 0)
        let scientificWidth = sign + (significant > 1 ? significant + 1 : 1) + (abs(exponent) >= 100 ? 5 : 4)
        let rounded = Double(scientific) ?? x
        if fixedWidth <= scientificWidth {
            return String(format: "%.\(decimals)f", rounded)
        }
        return String(format: "%.\(significant - 1)e", rounded)
    }

    /// R's `formatC(x, digits = digits)`: C's `%.{digits}g`.
    static func formatC(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Inf" : "Inf" }
        return String(format: "%.\(digits)g", x)
    }

    /// R's `format.pval(p, digits = digits)` for one p-value: below the double epsilon
    /// `< 2.2e-16`, else `digits` significant digits as `signif` writes them.
    static func pValue(_ p: Double, digits: Int) -> String {
        if p.isNaN { return "NA" }
        let epsilon = Double.ulpOfOne
        if p < epsilon { return "< " + signif(epsilon, digits: max(1, digits - 2)) }
        return signif(p, digits: digits)
    }
}
