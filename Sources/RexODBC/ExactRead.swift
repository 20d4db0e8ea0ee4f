import RexData

/// How to read a stored value exactly through each driver.
///
/// sqliteodbc converts REAL through 15-significant-digit text, so a double such as 0.1 + 0.2
/// comes back changed, and SQLite's own `printf('%!.17g', x)` is off in the last digit for
/// some large and small magnitudes (1.7976931348623157e308 prints as …56e+308). So a finite,
/// non-zero REAL is read as the exact integers `m*2^e` (`x = m · 2^e`): scaling by a power of
/// two is exact in binary floating point, `pow(2, n)` is exact, and `m` has at most 55 bits.
/// Zero (with its sign) and infinities, which need no digits, are written as text. Asking the
/// fetch for `.float` (`FetchOptions.requestedTypes`) parses either form back into every bit
/// (see `parseExactNumber`). Other servers need nothing.
public enum ExactRead {
    /// The select-list expression reading `quotedColumn` (of rex type `type`) exactly on `kind`;
    /// alias it yourself. Pair it with `FetchOptions(requestedTypes:)` holding `type`.
    public static func selectExpression(_ quotedColumn: String, type: DataType, on kind: ServerKind) -> String {
        guard kind == .sqlite, type == .float else { return quotedColumn }
        let x = quotedColumn
        // k ≈ floor(log2 |x|), possibly one off near powers of two; with 53 − k the scaled
        // value lies in [2^52, 2^55) and is an integer either way. Scaling in two halves keeps
        // every intermediate normal (subnormal x needs up to 2^1127).
        let k = "CAST(floor(log2(abs(\(x)))) AS INTEGER)"
        let scaled = "CAST(\(x) * pow(2, (53 - \(k)) / 2) * pow(2, (53 - \(k)) - (53 - \(k)) / 2) AS INTEGER)"
        // printf of NULL is '' in SQLite; keep NULL as NULL. 9e999 is SQLite's infinity; a
        // value that is no number (text in a REAL column) falls back to printf too.
        // printf drops the sign of -0.0 (a REAL column stores it as 0.0, but a result such as
        // `x * -1.0` can be -0.0): atan2(-0.0, -1) is −π, atan2(0.0, -1) is π.
        return "CASE WHEN \(x) IS NULL THEN NULL WHEN \(x) = 0 THEN CASE WHEN atan2(\(x), -1) < 0 THEN '-0.0' ELSE '0.0' END "
            + "WHEN abs(\(x)) = 9e999 THEN printf('%!.17g', \(x)) "
            + "ELSE coalesce(printf('%d*2^%d', \(scaled), \(k) - 53), printf('%!.17g', \(x))) END"
    }
}

/// The double that `ExactRead`'s text stands for: `m*2^e` exactly, or a decimal number
/// (`0.0`, `-Inf`, `1.5`); nil when it is neither.
func parseExactNumber(_ text: String) -> Double? {
    guard let star = text.firstIndex(of: "*") else { return Double(text) }
    let exponentText = text[text.index(after: star)...]
    guard exponentText.hasPrefix("2^"), let mantissa = Int64(text[..<star]),
          let exponent = Int(exponentText.dropFirst(2)), abs(mantissa) < 1 << 60 else { return nil }
    // Double(mantissa) is exact (at most 53 significant bits); two exact power-of-two scalings
    // keep the intermediate normal, and the last one lands on the representable result.
    let half = exponent / 2
    return Double(mantissa) * Double(sign: .plus, exponent: half, significand: 1)
        * Double(sign: .plus, exponent: exponent - half, significand: 1)
}
