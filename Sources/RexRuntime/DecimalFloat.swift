/// Decimal float literals read straight from UTF-8 bytes, for the `csv` source:
/// `[+-]digits[.digits][(e|E)[+-]digits]`, with a digit on at least one side of the point
/// (`1.`, `.5`, `-0.5e-3`). On these bytes this is exactly what `Double(String)` (strtod)
/// accepts — no spaces, `inf`, `nan` or hexadecimal — and the value is the same: correctly
/// rounded, out of range as ±infinity or ±0.
enum DecimalFloat {
    /// True when `bytes` are a float literal; computes no value (type inference).
    static func isLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { scan(bytes) != nil }

    /// The value of the literal `bytes`, nil when they are none.
    ///
    /// Short literals take Clinger's fast path: a mantissa of at most 2^53 and a power of
    /// ten of at most 10^22 are both exact doubles, so one IEEE multiplication or division
    /// rounds their exact product or quotient correctly, as strtod would; the rest go to
    /// `Double(String)`. (An x87 `Float80` path for up to 19 digits was correct on hardware but
    /// not under valgrind, whose x87 emulation computes in 64 bits: memcheck's round trips of
    /// 16–17-digit floats came back a digit off.)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let literal = scan(bytes) else { return nil }
        if literal.mantissaExact {
            if literal.mantissa <= 1 << 53, abs(literal.exponent) <= 22 {
                let magnitude = Double(literal.mantissa)
                let value = literal.exponent >= 0 ? magnitude * powersOfTen[literal.exponent] : magnitude / powersOfTen[-literal.exponent]
                return literal.negative ? -value : value
            }
        }
        return Double(String(decoding: bytes, as: UTF8.self))
    }

    /// 10^0 … 10^22, each exactly representable.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// A literal as `mantissa × 10^exponent`.
    private struct Literal {
        var negative = false
        /// The digits without the point; exact while `mantissaExact`.
        var mantissa: UInt64 = 0
        var mantissaExact = true
        var exponent = 0
    }

    /// The literal's parts, nil unless `bytes` are a whole float literal.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Literal? {
        var literal = Literal()
        var index = 0
        let count = bytes.count
        if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            literal.negative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var digits = 0
        func addDigit(_ digit: UInt8) {
            digits += 1
            guard literal.mantissaExact else { return }
            if literal.mantissa > (UInt64.max - 9) / 10 { literal.mantissaExact = false; return }
            literal.mantissa = literal.mantissa * 10 + UInt64(digit)
        }
        while index < count, bytes[index] &- 0x30 < 10 {
            addDigit(bytes[index] &- 0x30)
            index += 1
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < count, bytes[index] &- 0x30 < 10 {
                addDigit(bytes[index] &- 0x30)
                literal.exponent -= 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        if index < count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var negative = false
            if index < count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                negative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0, exponentDigits = 0
            while index < count, bytes[index] &- 0x30 < 10 {
                // Capped: any exponent this large leaves the fast path anyway.
                exponent = min(exponent * 10 + Int(bytes[index] &- 0x30), 1_000_000)
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            literal.exponent += negative ? -exponent : exponent
        }
        return index == count ? literal : nil
    }
}
