import RexData

/// Parses a timestamp as servers print it — `YYYY-MM-DD[ T]HH:MM[:SS[.fraction]]`, an optional
/// offset (`+05:30`, `-08`, ` +05:30`, `Z`) and an optional ` BC` — into microseconds since the
/// epoch in UTC (the offset is subtracted). Fractions beyond microseconds are truncated. nil if malformed.
func parseTimestampToUTC(_ text: String) -> Int64? {
    var chars = Array(text.utf8)
    var bc = false
    if chars.count > 3, Array(chars.suffix(3)) == Array(" BC".utf8) { bc = true; chars.removeLast(3) }
    var index = 0
    func number(_ digits: ClosedRange<Int>) -> Int? {
        var value = 0, count = 0
        while index < chars.count, count < digits.upperBound, chars[index] >= 48, chars[index] <= 57 {
            value = value * 10 + Int(chars[index] - 48); index += 1; count += 1
        }
        return digits.contains(count) ? value : nil
    }
    func expect(_ character: Character) -> Bool {
        guard index < chars.count, chars[index] == character.asciiValue else { return false }
        index += 1
        return true
    }
    guard var year = number(4...6), expect("-"), let month = number(1...2), expect("-"), let day = number(1...2) else { return nil }
    if bc { year = 1 - year }
    var hour = 0, minute = 0, second = 0, micros = 0
    if index < chars.count, chars[index] == UInt8(ascii: " ") || chars[index] == UInt8(ascii: "T") {
        index += 1
        guard let h = number(1...2), expect(":"), let m = number(1...2) else { return nil }
        hour = h; minute = m
        if expect(":") { guard let s = number(1...2) else { return nil }; second = s }
        if expect(".") {
            var digits = 0
            while index < chars.count, chars[index] >= 48, chars[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int(chars[index] - 48) }
                digits += 1; index += 1
            }
            if digits < 6 { for _ in digits..<6 { micros *= 10 } }
        }
    }
    if index < chars.count, chars[index] == UInt8(ascii: " ") { index += 1 }
    var offsetSeconds = 0
    if index < chars.count {
        if chars[index] == UInt8(ascii: "Z") {
            index += 1
        } else if chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
            let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let h = number(1...2) else { return nil }
            var m = 0, s = 0
            if expect(":") { guard let value = number(2...2) else { return nil }; m = value } else if let value = number(2...2) { m = value }
            if expect(":") { guard let value = number(2...2) else { return nil }; s = value }
            offsetSeconds = sign * (h * 3600 + m * 60 + s)
        }
    }
    guard index == chars.count else { return nil }
    let date = CivilDate(year: year, month: month, day: day)
    guard date.isValid, hour < 24, minute < 60, second < 61 else { return nil }
    let seconds = date.daysSinceEpoch * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
    return seconds * 1_000_000 + Int64(micros)
}
