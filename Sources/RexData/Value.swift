/// One value of any rex type, or null. Used for literals, single cells and tests;
/// bulk data travels as `Column`s.
public enum Value: Sendable, Hashable, CustomStringConvertible {
    case null
    case int(Int64)
    case float(Double)
    case text(String)
    case bool(Bool)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01T00:00:00 UTC.
    case datetime(Int64)
    case bytes([UInt8])

    public var isNull: Bool { if case .null = self { return true }; return false }

    public var intValue: Int64? { if case .int(let v) = self { return v }; return nil }
    public var floatValue: Double? {
        switch self {
        case .float(let v): return v
        case .int(let v): return Double(v)
        default: return nil
        }
    }
    public var boolValue: Bool? { if case .bool(let v) = self { return v }; return nil }
    public var textValue: String? { if case .text(let v) = self { return v }; return nil }

    /// The type of a non-null value; nil for null.
    public var type: DataType? {
        switch self {
        case .null: return nil
        case .int: return .int
        case .float: return .float
        case .text: return .text
        case .bool: return .bool
        case .date: return .date
        case .datetime: return .datetime
        case .bytes: return .bytes
        }
    }

    public var description: String {
        switch self {
        case .null: return "NULL"
        case .int(let v): return String(v)
        case .float(let v): return String(v)
        case .text(let v): return v
        case .bool(let v): return v ? "true" : "false"
        case .date(let days): return CivilDate(daysSinceEpoch: Int64(days)).iso
        case .datetime(let micros): return CivilDate.isoDateTime(microsecondsSinceEpoch: micros)
        case .bytes(let v): return v.map { String(format2hex: $0) }.joined()
        }
    }
}

extension String {
    init(format2hex byte: UInt8) {
        let digits = Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// Calendar arithmetic on the proleptic Gregorian calendar (Howard Hinnant's
/// days-from-civil algorithms), exact for years 0001 … 9999 and beyond.
public struct CivilDate: Sendable, Hashable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: Int(yoe + era * 400 + (m <= 2 ? 1 : 0)), month: Int(m), day: Int(d))
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// True when month and day exist in that year.
    public var isValid: Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    public var isLeapYear: Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// `YYYY-MM-DD`.
    public var iso: String { pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) }

    /// Microseconds in a day.
    public static let microsecondsPerDay: Int64 = 86_400_000_000

    /// A datetime (microseconds since the epoch) split into its day (days since the
    /// epoch, rounded down, so times before 1970 fall on the right day), its second of
    /// that day and the microseconds past that second.
    public static func split(microsecondsSinceEpoch micros: Int64) -> (days: Int64, second: Int64, microsecond: Int64) {
        var days = micros / microsecondsPerDay
        var rest = micros % microsecondsPerDay
        if rest < 0 { rest += microsecondsPerDay; days -= 1 }
        return (days, rest / 1_000_000, rest % 1_000_000)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]` for a datetime in microseconds since the epoch.
    public static func isoDateTime(microsecondsSinceEpoch micros: Int64) -> String {
        let (days, seconds, fraction) = split(microsecondsSinceEpoch: micros)
        let date = CivilDate(daysSinceEpoch: days)
        var text = date.iso + "T" + pad(Int(seconds / 3600), 2) + ":" + pad(Int(seconds / 60 % 60), 2) + ":" + pad(Int(seconds % 60), 2)
        if fraction != 0 {
            var digits = pad(Int(fraction), 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }
}

private func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
}
