import RexData

/// PostgreSQL array literals of column values (`{1,2,NULL}`), the text of the array parameters
/// of `INSERT … SELECT * FROM unnest(?::bigint[], …)` (SPEC §3 "Bulk writes", ENGINES.md). The
/// ODBC layer's one place that writes values as text for the server to parse; SQL literals
/// and identifiers are quoted in RexCompiler's `SQLQuoting`, which this layer cannot see.
///
/// Every element round-trips exactly through PostgreSQL's input functions:
/// - NULL is the bare word `NULL`; every text, bytea, date and timestamp element is in double
///   quotes with `"` and `\` escaped by a backslash (array_in's rules), so text "NULL", empty
///   text, leading and trailing spaces, braces, commas and quotes stay themselves;
/// - ints in decimal; floats as Swift's shortest round-trip text (float8in reads it back
///   bit for bit, `-0.0` keeps its sign), infinities as `Infinity`, NaN as NULL (rex has no NaN);
/// - bools `t`/`f`; dates `YYYY-MM-DD` (`… BC` before year 1); timestamps
///   `YYYY-MM-DD HH:MM:SS.ffffff` (microseconds, trailing zeros dropped);
/// - bytes as bytea hex (`\x0aff`).
///
/// Text cannot carry U+0000 (PostgreSQL cannot store it; `Connection.checkStorable` refuses it first).
enum PostgresArrayLiteral {
    /// The array element type the literal is cast to for a rex column type.
    static func elementType(_ type: DataType) -> String {
        switch type {
        case .int: return "bigint"
        case .float: return "float8"
        case .bool: return "boolean"
        case .date: return "date"
        case .datetime: return "timestamp"
        case .text: return "text"
        case .bytes: return "bytea"
        }
    }

    /// An upper bound of the literal's UTF-8 bytes for row `row` of `column` (separator included).
    static func maxBytes(_ column: Column, row: Int) -> Int {
        switch column.storage {
        case .int: return 21
        case .float: return 26
        case .bool: return 6
        case .date: return 20
        case .datetime: return 32
        // Each byte at most doubled by escaping, plus quotes and the separator.
        case .text(let buffer): return 2 * (buffer.offsets[row + 1] - buffer.offsets[row]) + 3
        case .bytes(let buffer): return 2 * (buffer.offsets[row + 1] - buffer.offsets[row]) + 6
        }
    }

    /// The literal of rows `rows` of `column`, as UTF-8 bytes.
    static func literal(_ column: Column, rows: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        var estimate = 2
        for row in rows { estimate += maxBytes(column, row: row) }
        out.reserveCapacity(estimate)
        out.append(UInt8(ascii: "{"))
        let validity = column.validity
        for row in rows {
            if row != rows.lowerBound { out.append(UInt8(ascii: ",")) }
            guard validity[row] else { appendNull(&out); continue }
            switch column.storage {
            case .int(let values):
                appendInteger(values[row], to: &out)
            case .float(let values):
                let value = values[row]
                if value.isNaN {
                    appendNull(&out)
                } else if value.isInfinite {
                    out.append(contentsOf: value < 0 ? Array("-Infinity".utf8) : Array("Infinity".utf8))
                } else {
                    // Shortest text that reads back as the same double (Swift's `description`).
                    out.append(contentsOf: value.description.utf8)
                }
            case .bool(let values):
                out.append(values[row] ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case .date(let values):
                out.append(UInt8(ascii: "\""))
                appendDate(Int64(values[row]), to: &out)
                out.append(UInt8(ascii: "\""))
            case .datetime(let values):
                out.append(UInt8(ascii: "\""))
                appendTimestamp(values[row], to: &out)
                out.append(UInt8(ascii: "\""))
            case .text(let buffer):
                appendQuoted(buffer, row: row, to: &out)
            case .bytes(let buffer):
                appendHex(buffer, row: row, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    private static func appendNull(_ out: inout [UInt8]) {
        out.append(contentsOf: [UInt8(ascii: "N"), UInt8(ascii: "U"), UInt8(ascii: "L"), UInt8(ascii: "L")])
    }

    /// `"…"` with `"` and `\` preceded by `\`.
    private static func appendQuoted(_ buffer: VarBuffer, row: Int, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let start = buffer.offsets[row], end = buffer.offsets[row + 1]
        buffer.bytes.withUnsafeBufferPointer { bytes in
            var runStart = start
            for index in start..<end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    out.append(UInt8(ascii: "\\"))
                    runStart = index
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
        }
        out.append(UInt8(ascii: "\""))
    }

    /// bytea hex input `\x…` inside an array element: `"\\x0aff"`.
    private static func appendHex(_ buffer: VarBuffer, row: Int, to out: inout [UInt8]) {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "\\"), UInt8(ascii: "x")])
        for index in buffer.offsets[row]..<buffer.offsets[row + 1] {
            let byte = buffer.bytes[index]
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        out.append(UInt8(ascii: "\""))
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        // The magnitude as unsigned, so Int64.min has one.
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude != 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[(20 - count)...]))
        }
    }

    /// `value` in decimal, at least `width` digits.
    private static func appendPadded(_ value: Int64, width: Int, to out: inout [UInt8]) {
        var divisor: Int64 = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while rest >= divisor * 10 { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }

    /// `YYYY-MM-DD`, or `YYYY-MM-DD BC` (year 1 - y) for years before 1 (PostgreSQL has no year 0).
    static func appendDate(_ days: Int64, to out: inout [UInt8]) {
        if appendYearMonthDay(days, to: &out) { out.append(contentsOf: Array(" BC".utf8)) }
    }

    /// `YYYY-MM-DD` of `days`, years before 1 counted back from 1 (1 - y); true for such a
    /// year, whose text needs ` BC` at its end.
    private static func appendYearMonthDay(_ days: Int64, to out: inout [UInt8]) -> Bool {
        let date = CivilDate(daysSinceEpoch: days)
        let beforeChrist = date.year < 1
        appendPadded(Int64(beforeChrist ? 1 - date.year : date.year), width: 4, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(Int64(date.month), width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(Int64(date.day), width: 2, to: &out)
        return beforeChrist
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` without trailing zeros in the fraction (`… BC` before year 1).
    static func appendTimestamp(_ micros: Int64, to out: inout [UInt8]) {
        let (days, second, microsecond) = CivilDate.split(microsecondsSinceEpoch: micros)
        let beforeChrist = appendYearMonthDay(days, to: &out)
        out.append(UInt8(ascii: " "))
        appendPadded(second / 3600, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(second / 60 % 60, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(second % 60, width: 2, to: &out)
        if microsecond != 0 {
            var fraction = microsecond, width = 6
            while fraction % 10 == 0 { fraction /= 10; width -= 1 }
            out.append(UInt8(ascii: "."))
            appendPadded(fraction, width: width, to: &out)
        }
        if beforeChrist { out.append(contentsOf: Array(" BC".utf8)) }
    }
}
