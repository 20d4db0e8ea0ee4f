import Foundation

/// Floats as people read them in a table (SPEC §5 "Results"): the terminal table and the
/// notebook's HTML table use this; CSV, TSV, JSON, markdown and `--serve` keep the exact
/// shortest form (`ValueText.float`) instead.
///
/// The rule:
/// - at most `digits` significant digits (default 10), correctly rounded: `6.588`, not
///   `6.587999999999998`;
/// - trailing zeros dropped, but one decimal kept: `3.0`, `1200.0`;
/// - exponent form when the rounded magnitude is beyond 1e15 or below 1e-5 (zero aside):
///   `1.5e-20`, `2.0e+16` (the mantissa follows the same rule, the exponent has at least
///   two digits, as C's `%e` and Python write it);
/// - `NaN`, `Infinity`, `-Infinity` as in `ValueText.float`; `-0.0` keeps its sign.
///
/// For a column of such texts, `aligned(_:)` pads them so their decimal points line up.
public enum FloatDisplay {
    /// The significant digits shown when nothing else is set (`:set digits N` changes it).
    public static let defaultDigits = 10
    /// The range `:set digits` accepts: 17 digits show every double exactly.
    public static let digitRange = 1...17

    /// `value` with at most `digits` significant digits (clamped to `digitRange`), in
    /// positional form between 1e-5 and 1e15 and exponent form outside.
    ///
    ///     FloatDisplay.text(6.587999999999998)      // "6.588"
    ///     FloatDisplay.text(3)                      // "3.0"
    ///     FloatDisplay.text(1.5e-20)                // "1.5e-20"
    ///     FloatDisplay.text(2.0 / 3, digits: 4)     // "0.6667"
    public static func text(_ value: Double, digits: Int = defaultDigits) -> String {
        if !value.isFinite { return ValueText.float(value) }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        let digits = min(max(digits, digitRange.lowerBound), digitRange.upperBound)
        // C's %e rounds correctly to `digits` significant digits: "-6.588000000e+00".
        let scientific = String(format: "%.\(digits - 1)e", value)
        guard let eIndex = scientific.firstIndex(of: "e"),
              let exponent = Int(scientific[scientific.index(after: eIndex)...]) else {
            return ValueText.float(value)
        }
        let negative = scientific.hasPrefix("-")
        var significand = scientific[..<eIndex].filter(\.isNumber)   // "6588000000"
        while significand.count > 1 && significand.hasSuffix("0") { significand.removeLast() }
        let sign = negative ? "-" : ""
        // The rounded magnitude decides the form: 9.9999999999e-6 rounds to 1.0e-05, shown as 0.00001.
        let magnitude = abs(Double(scientific) ?? value)
        if magnitude > 1e15 || magnitude < 1e-5 {
            let first = significand.prefix(1)
            let rest = significand.dropFirst()
            let exponentDigits = String(abs(exponent))
            let exponentText = (exponent < 0 ? "-" : "+") + (exponentDigits.count < 2 ? "0" : "") + exponentDigits
            return sign + first + "." + (rest.isEmpty ? "0" : rest) + "e" + exponentText
        }
        let integerPart: String
        let fractionPart: String
        if exponent < 0 {
            integerPart = "0"
            fractionPart = String(repeating: "0", count: -exponent - 1) + significand
        } else if exponent + 1 >= significand.count {
            integerPart = significand + String(repeating: "0", count: exponent + 1 - significand.count)
            fractionPart = "0"
        } else {
            integerPart = String(significand.prefix(exponent + 1))
            fractionPart = String(significand.dropFirst(exponent + 1))
        }
        return sign + integerPart + "." + fractionPart
    }

    /// Pads the texts of one column on the right so that their decimal points line up
    /// when the column is right-aligned: `["3.0", "6.588", "-12.25"]` becomes
    /// `["3.0  ", "6.588", "-12.25 "]`. A text without a point (`NaN`, `Infinity`) lines
    /// up as if its point followed its last character. Widths count characters, which is
    /// right for number texts; apply it to the texts before cutting them to a width.
    public static func aligned(_ texts: [String]) -> [String] {
        let fractions = texts.map(fractionWidth)
        let widest = fractions.max() ?? 0
        return zip(texts, fractions).map { text, fraction in
            text + String(repeating: " ", count: widest - fraction)
        }
    }

    /// Characters from the decimal point to the end (the point included; 0 without one).
    static func fractionWidth(_ text: String) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: point, to: text.endIndex)
    }
}
