import Foundation
import RexData

/// CSV (RFC 4180) and TSV output, written block by block so memory stays bounded.
/// NULL is an empty unquoted field; an empty string is `""` (CSV) — SPEC §5.
public struct DelimitedWriter: ResultWriter {
    public enum Style: Sendable { case csv, tsv }

    let style: Style
    let output: (String) -> Void

    public init(style: Style, output: @escaping (String) -> Void) {
        self.style = style
        self.output = output
    }

    public func begin(_ schema: Schema) {
        output(schema.names.map(field).joined(separator: separator) + "\n")
    }

    public func write(_ block: Table) {
        write(block, rows: 0..<block.rowCount)
    }

    /// Writes the rows `rows` of `block`: a sink writes a large block in parts and checks
    /// for Ctrl-C or a failed write between them.
    public func write(_ block: Table, rows: Range<Int>) {
        if style == .csv { return writeCSV(block, rows: rows) }
        var text = ""
        for row in rows {
            var cells: [String] = []
            cells.reserveCapacity(block.columns.count)
            for column in block.columns {
                if !column.validity[row] {
                    cells.append("")
                } else if case .text = column.storage {
                    cells.append(textField(ValueText.text(column, row)))
                } else {
                    cells.append(field(ValueText.text(column, row)))
                }
            }
            text += cells.joined(separator: separator)
            text += "\n"
            if text.utf8.count > 1 << 16 {
                output(text)
                text = ""
            }
        }
        if !text.isEmpty { output(text) }
    }

    public func end(rowCount: Int) {}

    // MARK: - CSV as bytes

    /// CSV rows built as UTF-8 bytes (no String per cell), a part of at most 4,096 rows at a
    /// time: each column's fields are formatted for the whole part first (one tight loop per
    /// type: integers and dates formatted into the buffer, text copied from the column's bytes
    /// and quoted when `needsQuotes` says so, other types through `field`), then the rows are
    /// put together from them. Writes exactly what the String path would.
    private func writeCSV(_ block: Table, rows: Range<Int>) {
        for start in stride(from: rows.lowerBound, to: rows.upperBound, by: 4_096) {
            let part = start..<min(start + 4_096, rows.upperBound)
            let fields = block.columns.map { csvFields($0, rows: part) }
            output(String(decoding: Self.joinRows(fields, count: part.count), as: UTF8.self))
        }
    }

    /// The CSV fields of `rows` of `column`, back to back (an empty field for NULL).
    private func csvFields(_ column: Column, rows: Range<Int>) -> VarBuffer {
        var out: [UInt8] = []
        var offsets: [Int] = [0]
        out.reserveCapacity(rows.count * 8)
        offsets.reserveCapacity(rows.count + 1)
        column.validity.withUnsafeBufferPointer { validity in
            switch column.storage {
            case .int(let values):
                for row in rows {
                    if validity[row] { Self.appendDecimal(values[row], to: &out) }
                    offsets.append(out.count)
                }
            case .float(let values):
                for row in rows {
                    if validity[row] { out.append(contentsOf: ValueText.float(values[row]).utf8) }
                    offsets.append(out.count)
                }
            case .date(let values):
                for row in rows {
                    if validity[row] { Self.appendDate(values[row], to: &out) }
                    offsets.append(out.count)
                }
            case .text(let buffer):
                buffer.bytes.withUnsafeBufferPointer { bytes in
                    for row in rows {
                        if validity[row] {
                            Self.appendCSVText(UnsafeBufferPointer(rebasing: bytes[buffer.offsets[row]..<buffer.offsets[row + 1]]), to: &out)
                        }
                        offsets.append(out.count)
                    }
                }
            default:
                for row in rows {
                    if validity[row] { out.append(contentsOf: field(ValueText.text(column, row)).utf8) }
                    offsets.append(out.count)
                }
            }
        }
        return VarBuffer(bytes: out, offsets: offsets)
    }

    /// `count` CSV lines from each column's fields: separated by commas, ended by LF.
    private static func joinRows(_ fields: [VarBuffer], count: Int) -> [UInt8] {
        let size = fields.reduce(0) { $0 + $1.bytes.count } + count * max(1, fields.count)
        var out: [UInt8] = []
        out.reserveCapacity(size)
        for row in 0..<count {
            for (index, column) in fields.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                let start = column.offsets[row], end = column.offsets[row + 1]
                if start < end { out.append(contentsOf: column.bytes[start..<end]) }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// A date (days since 1970-01-01) as `CivilDate.iso` writes it, formatted into the buffer
    /// when its year has four digits.
    private static func appendDate(_ days: Int32, to out: inout [UInt8]) {
        let date = CivilDate(daysSinceEpoch: Int64(days))
        guard (1...9999).contains(date.year) else { return out.append(contentsOf: date.iso.utf8) }
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / divisor % 10))
                divisor /= 10
            }
        }
        digits(date.year, 4)
        out.append(UInt8(ascii: "-"))
        digits(date.month, 2)
        out.append(UInt8(ascii: "-"))
        digits(date.day, 2)
    }

    /// `value` in decimal digits, as `String(value)` writes it.
    private static func appendDecimal(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // The digits from the right into a scratch buffer (20 digits hold any UInt64).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { scratch in
            var start = scratch.count
            repeat {
                start -= 1
                scratch[start] = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[start...]))
        }
    }

    /// A text value's UTF-8 as a CSV field: `""` when empty (NULL is the empty unquoted field),
    /// quoted with quotes doubled when it holds `,`, `"`, LF, CR, U+0085, U+2028 or U+2029
    /// (`forcesQuotes`, found on the UTF-8 bytes), else as it is.
    private static func appendCSVText(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        if bytes.isEmpty {
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: "\"")])
            return
        }
        guard needsQuotes(bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `forcesQuotes` on UTF-8: `,` `"` LF CR, U+0085 (C2 85), U+2028 and U+2029 (E2 80 A8/A9).
    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch bytes[index] {
            case 0x2C, 0x22, 0x0A, 0x0D:
                return true
            case 0xC2:
                if index + 1 < bytes.endIndex, bytes[index + 1] == 0x85 { return true }
            case 0xE2:
                if index + 2 < bytes.endIndex, bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 {
                    return true
                }
            default:
                break
            }
            index += 1
        }
        return false
    }

    private var separator: String { style == .csv ? "," : "\t" }

    /// A text value: never empty-unquoted, so it stays distinct from NULL.
    private func textField(_ value: String) -> String {
        if style == .csv && value.isEmpty { return "\"\"" }
        return field(value)
    }

    /// Quoting and escaping look at Unicode scalars, not Characters: `"\r\n"` is one
    /// Character, equal to neither `"\r"` nor `"\n"`, and a separator or quote followed by
    /// a combining mark is one Character too.
    private func field(_ value: String) -> String {
        switch style {
        case .csv:
            // RFC 4180: a field holding the separator, a quote, CR or LF is quoted. U+0085,
            // U+2028 and U+2029 are no line breaks to RFC 4180 readers, but some readers
            // split lines on them (Python's str.splitlines), so they are quoted too: harmless.
            let needsQuotes = value.unicodeScalars.contains(where: Self.forcesQuotes)
            guard needsQuotes else { return value }
            var quoted = String.UnicodeScalarView()
            quoted.append("\"")
            for scalar in value.unicodeScalars {
                if scalar == "\"" { quoted.append("\"") }
                quoted.append(scalar)
            }
            quoted.append("\"")
            return String(quoted)
        case .tsv:
            // A record is one line: backslash, tab, CR and LF become \\, \t, \r and \n (the
            // escapes PostgreSQL's text COPY reads). Other line separators stay as they are.
            guard value.unicodeScalars.contains(where: { Self.tsvEscape($0) != nil }) else { return value }
            var escaped = String.UnicodeScalarView()
            for scalar in value.unicodeScalars {
                if let escape = Self.tsvEscape(scalar) {
                    escaped.append("\\")
                    escaped.append(escape)
                } else {
                    escaped.append(scalar)
                }
            }
            return String(escaped)
        }
    }

    /// The scalars that make a CSV field quoted: `,`, `"`, LF, CR, NEL, LS, PS.
    private static func forcesQuotes(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2C, 0x22, 0x0A, 0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// The letter after the backslash that stands for `scalar` in TSV, if it needs one.
    private static func tsvEscape(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar {
        case "\\": "\\"
        case "\t": "t"
        case "\n": "n"
        case "\r": "r"
        default: nil
        }
    }
}
