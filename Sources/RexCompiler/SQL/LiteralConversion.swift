import RexData

/// `int`, `float` and `date` of a text literal, computed by rex itself (SPEC §2: text
/// that is not a valid literal is null) and sent as a literal.
///
/// Engines differ on constants: PostgreSQL converts `CAST('zz' AS date)` while it plans the
/// statement, before any guard around it runs, and fails; SQLite saturates an integer
/// that is too large. Folding the conversion here gives every engine the same value. The
/// rules are the local runtime's (`prelude/rex_runtime.py`, `to_int`/`to_float`/`to_date`).
enum LiteralConversion {
    /// The value of `target(text)`, or nil when rex does not fold that conversion.
    static func fold(_ text: String, to target: DataType) -> Value? {
        switch target {
        case .int: return int(text).map(Value.int) ?? .null
        case .float: return float(text).map(Value.float) ?? .null
        case .date: return date(text).map(Value.date) ?? .null
        default: return nil
        }
    }

    /// `[+-]?[0-9]+` within the 64-bit range.
    static func int(_ text: String) -> Int64? {
        let scalars = Array(text.unicodeScalars)
        let digits = scalars.first == "+" || scalars.first == "-" ? scalars.dropFirst() : scalars[...]
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        return Int64(text)
    }

    /// `[+-]?(digits[.digits] | .digits)([eE][+-]?digits)?`; a value beyond the float range
    /// is null (SPEC §2: an infinite result is null), one below it is 0.
    static func float(_ text: String) -> Double? {
        var rest = Array(text.unicodeScalars)[...]
        if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
        let whole = rest.prefix(while: isDigit)
        rest = rest.dropFirst(whole.count)
        var fraction: ArraySlice<Unicode.Scalar> = []
        if rest.first == "." {
            rest = rest.dropFirst()
            fraction = rest.prefix(while: isDigit)
            rest = rest.dropFirst(fraction.count)
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return nil }
        if rest.first == "e" || rest.first == "E" {
            rest = rest.dropFirst()
            if rest.first == "+" || rest.first == "-" { rest = rest.dropFirst() }
            let exponent = rest.prefix(while: isDigit)
            guard !exponent.isEmpty else { return nil }
            rest = rest.dropFirst(exponent.count)
        }
        guard rest.isEmpty, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// `YYYY-MM-DD`, a real calendar day from year 1 on, as days since 1970-01-01.
    static func date(_ text: String) -> Int32? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-" else { return nil }
        let digitPositions = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digitPositions.allSatisfy({ isDigit(scalars[$0]) }) else { return nil }
        func number(_ range: Range<Int>) -> Int {
            range.reduce(0) { $0 * 10 + Int(scalars[$1].value - 48) }
        }
        let civil = CivilDate(year: number(0..<4), month: number(5..<7), day: number(8..<10))
        guard civil.year >= 1, civil.isValid else { return nil }
        return Int32(civil.daysSinceEpoch)
    }

    /// `text(x)` of a finite float: the shortest round-trip form, as Swift writes it
    /// (`0.1`, `3.0`, `1e-07`, `1.7976931348623157e+308`; RexRuntime's ValueText.float).
    static func text(of value: Double) -> String { value.description }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
}
