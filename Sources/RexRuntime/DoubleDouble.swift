import Foundation

/// A double-double number (hi + lo, |lo| ≤ ulp(hi)/2): about 32 significant digits, for
/// solving the server linear model's normal equations (`Float80` does not exist on arm64).
/// Error-free transformations after Dekker and Knuth; `fma` gives the exact product.
struct DoubleDouble: Sendable, Comparable, CustomStringConvertible {
    var hi: Double
    var lo: Double

    init(_ value: Double) { hi = value; lo = 0 }
    init(hi: Double, lo: Double) { self.hi = hi; self.lo = lo }

    static let zero = DoubleDouble(0)
    static let one = DoubleDouble(1)

    var double: Double { hi + lo }
    var description: String { "\(hi)+\(lo)" }

    private static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        let bb = s - a
        return (s, (a - (s - bb)) + (b - bb))
    }

    private static func quickTwoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let s = a + b
        return (s, b - (s - a))
    }

    static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let (s1, s2) = twoSum(a.hi, b.hi)
        let (t1, t2) = twoSum(a.lo, b.lo)
        let (u1, u2) = quickTwoSum(s1, s2 + t1)
        let (v1, v2) = quickTwoSum(u1, u2 + t2)
        return DoubleDouble(hi: v1, lo: v2)
    }

    static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(hi: -a.hi, lo: -a.lo) }
    static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + (-b) }

    static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = a.hi * b.hi
        let e = fma(a.hi, b.hi, -p)
        let (s, t) = quickTwoSum(p, e + (a.hi * b.lo + a.lo * b.hi))
        return DoubleDouble(hi: s, lo: t)
    }

    static func / (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let q1 = a.hi / b.hi
        let r1 = a - b * DoubleDouble(q1)
        let q2 = r1.hi / b.hi
        let r2 = r1 - b * DoubleDouble(q2)
        let q3 = r2.hi / b.hi
        return (DoubleDouble(q1) + DoubleDouble(q2)) + DoubleDouble(q3)
    }

    static func += (a: inout DoubleDouble, b: DoubleDouble) { a = a + b }
    static func -= (a: inout DoubleDouble, b: DoubleDouble) { a = a - b }

    static func < (a: DoubleDouble, b: DoubleDouble) -> Bool { a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo) }

    var magnitude: DoubleDouble { hi < 0 || (hi == 0 && lo < 0) ? -self : self }

    /// The square root by one Newton step from the double root.
    func squareRoot() -> DoubleDouble {
        guard hi > 0 else { return .zero }
        let x = DoubleDouble(hi.squareRoot())
        return x + (self - x * x) / (DoubleDouble(2) * x)
    }

    /// A decimal numeral (`-12.5`, `1.25E-3`, as PostgreSQL's `numeric` prints) to the
    /// nearest double-double; nil when it is not a finite number.
    init?(decimal text: String) {
        var chars = Substring(text.trimmingCharacters(in: .whitespaces))
        var negative = false
        if chars.first == "-" || chars.first == "+" { negative = chars.first == "-"; chars = chars.dropFirst() }
        var exponent = 0
        if let e = chars.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(chars[chars.index(after: e)...]) else { return nil }
            exponent = value
            chars = chars[..<e]
        }
        var digits: [UInt8] = []
        var seenPoint = false
        for c in chars {
            if c == "." { if seenPoint { return nil }; seenPoint = true; continue }
            guard let d = c.wholeNumberValue, c.isASCII else { return nil }
            digits.append(UInt8(d))
            if seenPoint { exponent -= 1 }
        }
        guard !digits.isEmpty else { return nil }
        while digits.count > 1, digits.first == 0 { digits.removeFirst() }
        // Keep 40 significant digits (beyond what a double-double holds).
        if digits.count > 40 { exponent += digits.count - 40; digits = Array(digits.prefix(40)) }
        var value = DoubleDouble.zero
        var index = 0
        while index < digits.count {
            let chunk = digits[index..<min(index + 15, digits.count)]
            let number = chunk.reduce(0.0) { $0 * 10 + Double($1) }
            value = value * DoubleDouble.power10(chunk.count) + DoubleDouble(number)
            index += chunk.count
        }
        if exponent > 0 { value = value * DoubleDouble.power10(exponent) }
        if exponent < 0 { value = value / DoubleDouble.power10(-exponent) }
        guard value.hi.isFinite else { return nil }
        self = negative ? -value : value
    }

    /// 10^k, exact while 5^k fits in 106 bits (k ≤ 44).
    static func power10(_ k: Int) -> DoubleDouble {
        var result = DoubleDouble.one
        var base = DoubleDouble(10)
        var k = k
        while k > 0 {
            if k & 1 == 1 { result = result * base }
            base = base * base
            k >>= 1
        }
        return result
    }

    /// The shortest decimal numeral a server reads back as this value to about 32 digits.
    var decimalText: String {
        guard hi != 0, hi.isFinite else { return hi.isFinite ? "0" : "0" }
        let scale = Int(floor(log10(abs(hi))))
        let scaled = scale >= 0 ? self / DoubleDouble.power10(scale) : self * DoubleDouble.power10(-scale)
        // scaled in [1, 10): the leading 32 digits.
        var rest = scaled.magnitude
        var digits = ""
        for _ in 0..<32 {
            var d = Int(rest.hi.rounded(.down))
            if d > 9 { d = 9 }
            if d < 0 { d = 0 }
            digits.append(Character(String(d)))
            rest = (rest - DoubleDouble(Double(d))) * DoubleDouble(10)
        }
        let sign = hi < 0 ? "-" : ""
        return sign + digits.prefix(1) + "." + digits.dropFirst() + "E" + String(scale)
    }
}
