import Foundation

/// A deterministic table of every type rex uploads, for round trips at scale, with the text
/// that independent readers print for it: `psql`'s `COPY … TO STDOUT` and the `sqlite3`
/// shell. Values are plain Swift values and every text form is computed here, by code of
/// its own (calendar arithmetic included), never by the code under test.
///
/// Columns: `id` (1…n), `i` int, `f` float, `t` text, `b` bool, `d` date, `ts` datetime,
/// `by` bytes. The first rows hold the edge values (int and float extremes, -0.0,
/// subnormals, values that need 17 digits, empty text beside NULL, 0001-01-01 and
/// 9999-12-31, microseconds); the rest are random: text from every Unicode plane with the
/// characters CSV and COPY treat specially, some longer than 8,000 characters.
public struct UploadSample: Sendable {
    public struct Row: Sendable, Equatable {
        public var id: Int64
        public var i: Int64?
        public var f: Double?
        public var t: String?
        public var b: Bool?
        /// Days since 1970-01-01.
        public var d: Int64?
        /// Microseconds since 1970-01-01T00:00:00.
        public var ts: Int64?
        public var by: [UInt8]?
    }

    public let rows: [Row]

    public static let firstDay = days(1, 1, 1)
    public static let lastDay = days(9999, 12, 31)
    static let microsPerDay: Int64 = 86_400_000_000

    public init(_ rows: [Row]) { self.rows = rows }

    /// The first `count` rows.
    public func prefix(_ count: Int) -> UploadSample { UploadSample(Array(rows.prefix(count))) }

    public init(count: Int, seed: UInt64 = 0x5EED_0000_0010) {
        var random = TestRandom(seed: seed)
        var rows: [Row] = []
        rows.reserveCapacity(count)
        let special = Self.specialRows
        for index in 0..<count {
            let id = Int64(index + 1)
            if index < special.count {
                var row = special[index]
                row.id = id
                rows.append(row)
                continue
            }
            rows.append(Row(id: id, i: Self.randomInt(&random), f: Self.randomFloat(&random),
                            t: Self.randomText(&random, long: index % 997 == 500), b: random.below(20) == 0 ? nil : random.below(2) == 0,
                            d: random.below(20) == 0 ? nil : Self.firstDay + Int64(random.below(UInt64(Self.lastDay - Self.firstDay + 1))),
                            ts: Self.randomDatetime(&random), by: Self.randomBytes(&random, long: index % 997 == 700)))
        }
        self.rows = rows
    }

    // MARK: - Edge values

    static let specialFloats: [Double] = [
        -0.0, 0.0, 5e-324, -5e-324, 2.2250738585072009e-308, 2.2250738585072014e-308, -2.2250738585072014e-308,
        1.7976931348623157e308, -1.7976931348623157e308, 0.1 + 0.2, 1.0 / 3.0, -2.0 / 3.0, 1e16, 1e15, 1e-5, 1e-7,
        123456789.12345678, 9007199254740993, 4.9406564584124654e-320, 1.0, -1.0, 0.5, 1e300 * 1.2345678901234567,
        8.98846567431158e307, 1.7976931348623155e308, 2.718281828459045e-200, 6.02214076e23, 0.1, 100.0,
    ]

    static let specialInts: [Int64] = [
        .min, .max, 0, -1, 1, .min + 1, .max - 1, 1 << 53, (1 << 53) + 1, -(1 << 53) - 1, Int64(Int32.max) + 1, Int64(Int32.min) - 1,
    ]

    static let specialTexts: [String?] = [
        "", nil, " ", "a", "\"", "\"\"", ",", "\n", "\r\n", "\r", "\t", "\\", "\\N", "NULL", "null", "N/A", "NaN",
        "\u{301}", "\u{301}a", "e\u{301}", "\u{FEFF}bom", "\u{FFFE}\u{FFFF}", "\u{10FFFF}", "\u{E0001}\u{E0100}", "\u{1F468}\u{200D}\u{1F469}",
        "\u{1}\u{7}\u{8}\u{B}\u{C}\u{1B}\u{7F}", "\u{85}\u{2028}\u{2029}", "quote \" comma , tab \t end", "'single'",
        "  spaces  ", "true", "42", "-0.0", "2024-01-01", "\u{D7FF}\u{E000}\u{F8FF}", "\u{10000}\u{20000}\u{30000}\u{E0000}\u{F0000}\u{100000}",
        String(repeating: "x", count: 8_001), String(repeating: "\u{1F600}", count: 4_001), String(repeating: "é", count: 12_000),
    ]

    static let specialDays: [Int64] = [
        days(1, 1, 1), days(9999, 12, 31), days(1970, 1, 1), days(1969, 12, 31), days(2000, 2, 29), days(1900, 3, 1),
        days(1582, 10, 4), days(1582, 10, 15), days(1899, 12, 30), days(2024, 2, 29), days(1, 12, 31), days(9999, 1, 1),
    ]

    static let specialDatetimes: [Int64] = [
        days(1, 1, 1) * microsPerDay, days(9999, 12, 31) * microsPerDay + microsPerDay - 1, 1, -1, 0, 500_000,
        days(2024, 2, 29) * microsPerDay + 45_296_123_456, days(1850, 6, 15) * microsPerDay + 1_000, days(2000, 1, 1) * microsPerDay + 10,
        days(1, 1, 1) * microsPerDay + 1, days(9999, 12, 31) * microsPerDay + 86_399_000_000,
    ]

    static let specialBytes: [[UInt8]?] = [
        [], nil, [0], [0, 0, 0], [255], [0, 1, 255], Array(0...255), Array(repeating: 0, count: 8_001), Array(repeating: 0xAB, count: 9_000),
    ]

    static var specialRows: [Row] {
        let count = [specialFloats.count, specialInts.count, specialTexts.count, specialDays.count, specialDatetimes.count, specialBytes.count].max()!
        return (0..<count).map { index in
            func pick<T>(_ values: [T?], _ fallback: T?) -> T? { index < values.count ? values[index] : fallback }
            return Row(id: 0, i: pick(specialInts.map { $0 }, Int64(index)), f: pick(specialFloats.map { $0 }, Double(index) + 0.25),
                       t: index < specialTexts.count ? specialTexts[index] : "row \(index)", b: [true, false, nil][index % 3],
                       d: pick(specialDays.map { $0 }, days(2001, 1, 1) + Int64(index)),
                       ts: pick(specialDatetimes.map { $0 }, Int64(index) * 1_000_001),
                       by: index < specialBytes.count ? specialBytes[index] : [UInt8(index)])
        }
    }

    // MARK: - Random values

    static func randomInt(_ random: inout TestRandom) -> Int64? {
        switch random.below(10) {
        case 0: return nil
        case 1, 2: return Int64(bitPattern: random.next())
        case 3: return specialInts[Int(random.below(UInt64(specialInts.count)))]
        default: return Int64(random.below(2_000_001)) - 1_000_000
        }
    }

    static func randomFloat(_ random: inout TestRandom) -> Double? {
        switch random.below(10) {
        case 0: return nil
        case 1, 2, 3:
            // Any finite bit pattern: every exponent, subnormals, 17-digit values.
            while true {
                let value = Double(bitPattern: random.next())
                if value.isFinite { return value }
            }
        case 4: return Double(bitPattern: random.next() & 0x800F_FFFF_FFFF_FFFF) // subnormal or ±0
        case 5: return specialFloats[Int(random.below(UInt64(specialFloats.count)))]
        default: return Double(Int64(random.below(2_000_000_001)) - 1_000_000_000) / 1000
        }
    }

    /// Code points chosen to stress readers and writers, drawn more often than others.
    static let trickyScalars: [Unicode.Scalar] = [
        ",", "\"", "'", "\\", "\n", "\r", "\t", " ", "\u{1}", "\u{7F}", "\u{85}", "\u{A0}", "\u{301}", "\u{200D}",
        "\u{2028}", "\u{FEFF}", "\u{FFFD}", "\u{FFFE}", "\u{FFFF}", "\u{E0100}", "\u{10FFFF}", "N", "\u{1F600}",
    ]

    /// A scalar from plane 0…16, chosen uniformly, anywhere in it (no surrogates, no U+0000).
    static func randomScalar(_ random: inout TestRandom) -> Unicode.Scalar {
        if random.below(4) == 0 { return trickyScalars[Int(random.below(UInt64(trickyScalars.count)))] }
        if random.below(3) == 0 { return Unicode.Scalar(UInt8(32 + random.below(95))) }
        while true {
            let plane = UInt32(random.below(17))
            let value = plane << 16 | UInt32(random.below(0x1_0000))
            if value != 0, let scalar = Unicode.Scalar(value) { return scalar }
        }
    }

    static func randomText(_ random: inout TestRandom, long: Bool) -> String? {
        switch random.below(20) {
        case 0: return nil
        case 1: return ""
        default:
            let length = long ? 8_001 + Int(random.below(4_000)) : 1 + Int(random.below(16))
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length { scalars.append(randomScalar(&random)) }
            return String(scalars)
        }
    }

    static func randomDatetime(_ random: inout TestRandom) -> Int64? {
        if random.below(20) == 0 { return nil }
        let day = firstDay + Int64(random.below(UInt64(lastDay - firstDay + 1)))
        var micros = Int64(random.below(UInt64(microsPerDay)))
        switch random.below(4) {
        case 0: micros -= micros % 1_000_000   // whole seconds
        case 1: micros -= micros % 1_000       // milliseconds
        default: break                         // microseconds
        }
        return day * microsPerDay + micros
    }

    static func randomBytes(_ random: inout TestRandom, long: Bool) -> [UInt8]? {
        switch random.below(20) {
        case 0: return nil
        case 1: return []
        default:
            let length = long ? 8_001 + Int(random.below(2_000)) : 1 + Int(random.below(40))
            return (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        }
    }

    // MARK: - Text forms

    /// The sample as the CSV rex writes (SPEC §5) — header `id,i,f,t,b,d,ts`, no bytes (CSV
    /// has none): NULL an empty unquoted field, `""` an empty string, quotes only where a
    /// field holds `,` `"` CR LF NEL LS PS, floats in their shortest round-trip form,
    /// `true`/`false`, ISO dates and datetimes (`T`, fraction without trailing zeros).
    /// `negativeZero: false` writes -0.0 as 0.0 (what a SQLite REAL column keeps).
    public func csv(negativeZero: Bool = true) -> String {
        var out = "id,i,f,t,b,d,ts\n"
        for row in rows {
            var fields: [String] = [String(row.id)]
            fields.append(row.i.map { String($0) } ?? "")
            fields.append(row.f.map { value in (value == 0 && !negativeZero ? 0.0 : value).description } ?? "")
            fields.append(row.t.map(Self.csvText) ?? "")
            fields.append(row.b.map { $0 ? "true" : "false" } ?? "")
            fields.append(row.d.map(Self.isoDate) ?? "")
            fields.append(row.ts.map { Self.isoDatetime($0, separator: "T") } ?? "")
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    static func csvText(_ value: String) -> String {
        if value.isEmpty { return "\"\"" }
        let special: Set<UInt32> = [0x2C, 0x22, 0x0A, 0x0D, 0x85, 0x2028, 0x2029]
        guard value.unicodeScalars.contains(where: { special.contains($0.value) }) else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.append("\"") }
            quoted.append(scalar)
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// The lines `psql` prints for `COPY (SELECT <postgresSelect> FROM table ORDER BY id) TO
    /// STDOUT` (text format: tab-separated, `\N` for NULL, backslash escapes).
    public static func postgresSelect(bytes: Bool) -> String {
        "id, i, encode(float8send(f), 'hex'), t, b, d, ts" + (bytes ? ", encode(\"by\", 'hex')" : "")
    }

    public func postgresCopy(bytes: Bool) -> String {
        var out = ""
        for row in rows {
            var fields = [String(row.id), row.i.map { String($0) } ?? "\\N", row.f.map(Self.bigEndianHex) ?? "\\N",
                          row.t.map(Self.copyText) ?? "\\N", row.b.map { $0 ? "t" : "f" } ?? "\\N",
                          row.d.map(Self.isoDate) ?? "\\N", row.ts.map { Self.isoDatetime($0, separator: " ") } ?? "\\N"]
            if bytes { fields.append(row.by.map { Self.hex($0, uppercase: false) } ?? "\\N") }
            out += fields.joined(separator: "\t") + "\n"
        }
        return out
    }

    static func copyText(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\u{8}": out.append(contentsOf: "\\b".unicodeScalars)
            case "\u{C}": out.append(contentsOf: "\\f".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\u{B}": out.append(contentsOf: "\\v".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The select list for `sqlite3 -list` (separator `|`): every value in a form that holds
    /// no separator or newline, with its storage class where it matters.
    public static func sqliteSelect(bytes: Bool) -> String {
        "id, quote(i), CASE WHEN f IS NULL THEN 'NULL' ELSE typeof(f) || ':' || hex(ieee754_to_blob(f)) END, "
            + "CASE WHEN t IS NULL THEN 'NULL' ELSE typeof(t) || ':' || hex(t) END, quote(b), quote(d), quote(ts)"
            + (bytes ? ", quote(\"by\")" : "")
    }

    /// What the `sqlite3` shell prints for `sqliteSelect`. A REAL column stores -0.0 as 0.0
    /// (SQLite), so the expectation does too.
    public func sqliteLines(bytes: Bool) -> String {
        var out = ""
        for row in rows {
            var fields = [String(row.id), row.i.map { String($0) } ?? "NULL",
                          row.f.map { "real:" + Self.bigEndianHex($0 == 0 ? 0.0 : $0).uppercased() } ?? "NULL",
                          row.t.map { "text:" + Self.hex(Array($0.utf8), uppercase: true) } ?? "NULL",
                          row.b.map { $0 ? "1" : "0" } ?? "NULL",
                          row.d.map { "'" + Self.isoDate($0) + "'" } ?? "NULL",
                          row.ts.map { "'" + Self.isoDatetime($0, separator: " ") + "'" } ?? "NULL"]
            if bytes { fields.append(row.by.map { "X'" + Self.hex($0, uppercase: true) + "'" } ?? "NULL") }
            out += fields.joined(separator: "|") + "\n"
        }
        return out
    }

    // MARK: - Formatting, independent of rex

    static func bigEndianHex(_ value: Double) -> String {
        let bits = value.bitPattern
        let text = String(bits, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    static func hex(_ bytes: [UInt8], uppercase: Bool) -> String {
        let digits = Array((uppercase ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
    public static func days(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `YYYY-MM-DD` of days since 1970-01-01 (Hinnant's civil_from_days).
    public static func isoDate(_ days: Int64) -> String {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// `YYYY-MM-DD<separator>HH:MM:SS` and, when there is one, the fraction without trailing zeros.
    public static func isoDatetime(_ micros: Int64, separator: String) -> String {
        var days = micros / microsPerDay
        var rest = micros % microsPerDay
        if rest < 0 { rest += microsPerDay; days -= 1 }
        let seconds = rest / 1_000_000
        var text = isoDate(days) + separator + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        var fraction = pad(rest % 1_000_000, 6)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if !fraction.isEmpty { text += "." + fraction }
        return text
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): deterministic, so every run sees the same rows.
public struct TestRandom: Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound (bound > 0; the modulo bias is irrelevant here).
    public mutating func below(_ bound: UInt64) -> UInt64 { next() % bound }
}

/// Runs `psql` against the private test server (scripts/with-postgres.sh: 127.0.0.1,
/// `REX_TEST_PG_PORT`, user postgres, database rex_test) and returns its standard output.
public func psql(_ command: String) throws -> String { try psqlInput(command, nil) }

/// `psql`, with `input` on its standard input (for `COPY … FROM STDIN`).
public func psqlInput(_ command: String, _ input: String?) throws -> String {
    guard let port = ProcessInfo.processInfo.environment["REX_TEST_PG_PORT"], !port.isEmpty else {
        throw MissingService(message: "REX_TEST_PG_PORT is not set: run the tests with `make test`, which starts PostgreSQL")
    }
    let result = try runProcess(URL(fileURLWithPath: "/usr/bin/psql"),
                                ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "rex_test", "-c", command],
                                input: input, environment: ["PGCLIENTENCODING": "UTF8", "PGOPTIONS": nil, "PGPASSWORD": nil])
    guard result.status == 0 else { throw ReaderFailure(message: "psql exited \(result.status): \(result.stderr)") }
    return result.stdout
}

/// Runs the `sqlite3` shell on `path` (list mode, `|` between fields, no header).
public func sqlite3(_ path: String, _ sql: String) throws -> String {
    let result = try runProcess(URL(fileURLWithPath: "/usr/bin/sqlite3"), ["-batch", "-bail", "-list", "-noheader", "-separator", "|", path, sql])
    guard result.status == 0 else { throw ReaderFailure(message: "sqlite3 exited \(result.status): \(result.stderr)") }
    return result.stdout
}

public struct ReaderFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The first line where two long texts differ, briefly, for a readable failure.
public func firstDifference(_ got: String, _ expected: String) -> String? {
    if got == expected { return nil }
    let a = got.split(separator: "\n", omittingEmptySubsequences: false)
    let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
    for index in 0..<max(a.count, b.count) {
        let left = index < a.count ? String(a[index]) : "<none>"
        let right = index < b.count ? String(b[index]) : "<none>"
        if left != right {
            return "line \(index + 1) of \(a.count)/\(b.count): got \(left.debugDescription.prefix(300)), expected \(right.debugDescription.prefix(300))"
        }
    }
    return "same lines, different text"
}
