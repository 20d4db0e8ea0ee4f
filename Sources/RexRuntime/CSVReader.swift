import Foundation
import RexData

/// A problem reading a CSV file: what, where (line), what to do.
public struct CSVError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Reads local CSV files for the `csv "path" [sep=";"]` source (SPEC §2): UTF-8,
/// a header row, RFC 4180 quoting; only an empty unquoted field is null; each
/// column's type is inferred from all its values: int, else float, else bool,
/// else date, else datetime, else text.
public enum CSVReader {
    /// Reads and types the whole file. `checkpoint` runs every few thousand records and may
    /// throw to stop (Ctrl-C: `InterruptController.checkpoint`).
    public static func read(path: String, separator: Character = ",", checkpoint: () throws -> Void = {}) throws -> Table {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVError(message: "cannot read CSV file '\(path)': no such file or not readable")
        }
        return try parse(String(decoding: data, as: UTF8.self), separator: separator, origin: path, checkpoint: checkpoint)
    }

    /// The schema only (reads the file: inference needs every value).
    public static func schema(path: String, separator: Character = ",", checkpoint: () throws -> Void = {}) throws -> Schema {
        try read(path: path, separator: separator, checkpoint: checkpoint).schema
    }

    /// Parses CSV text.
    public static func parse(_ text: String, separator: Character = ",", origin: String = "CSV",
                             checkpoint: () throws -> Void = {}) throws -> Table {
        var rows = try records(text, separator: separator, origin: origin, checkpoint: checkpoint)
        guard !rows.isEmpty else { throw CSVError(message: "\(origin) is empty: a header row is needed") }
        let header = rows.removeFirst().map { $0 ?? "" }
        if let duplicate = firstDuplicate(header) {
            throw CSVError(message: "\(origin): the header names column '\(duplicate)' twice")
        }
        for (index, row) in rows.enumerated() where row.count != header.count {
            throw CSVError(message: "\(origin), line \(index + 2): \(row.count) fields, but the header has \(header.count)")
        }
        var fields: [Field] = []
        var columns: [Column] = []
        for (index, name) in header.enumerated() {
            try checkpoint()
            let cells = rows.map { $0[index] }
            let type = inferType(cells)
            fields.append(Field(name, type))
            columns.append(Column(type: type, values: cells.map { cell in cell.map { convert($0, to: type) } ?? .null }))
        }
        return Table(schema: Schema(fields), columns: columns)
    }

    /// Splits text into records of fields; nil marks an empty unquoted field (null).
    ///
    /// Scans the UTF-8 bytes: the separator, quote, CR and LF never occur inside another
    /// character's bytes, so this splits exactly where a scan of Unicode scalars would — and
    /// unlike a scan of Characters, where `"\r\n"` is one Character and a separator or quote
    /// followed by a combining mark (U+0301, a variation selector, a tag …) is one Character
    /// too, which would hide it (the writer quotes by scalars as well).
    static func records(_ text: String, separator: Character, origin: String,
                        checkpoint: () throws -> Void = {}) throws -> [[String?]] {
        guard separator.unicodeScalars.count == 1 else {
            throw CSVError(message: "\(origin): the separator must be one character")
        }
        let separatorBytes = Array(String(separator).utf8)
        var text = text
        return try text.withUTF8 { bytes in
            try splitRecords(bytes, separator: separatorBytes, origin: origin, checkpoint: checkpoint)
        }
    }

    private static func splitRecords(_ bytes: UnsafeBufferPointer<UInt8>, separator: [UInt8], origin: String,
                                     checkpoint: () throws -> Void) throws -> [[String?]] {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let first = separator[0], count = bytes.count
        var rows: [[String?]] = []
        var row: [String?] = []
        var field: [UInt8] = []
        var quoted = false
        var line = 1
        var index = 0
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 } // byte order mark
        func endField() {
            row.append(field.isEmpty && !quoted ? nil : String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            quoted = false
        }
        func isSeparator(_ at: Int) -> Bool {
            guard bytes[at] == first else { return false }
            guard separator.count > 1 else { return true }
            guard at + separator.count <= count else { return false }
            for offset in 1..<separator.count where bytes[at + offset] != separator[offset] { return false }
            return true
        }
        while index < count {
            let byte = bytes[index]
            if byte == quote && field.isEmpty && !quoted {
                // A quoted field: up to the closing quote; "" is one quote; line breaks are data.
                quoted = true
                index += 1
                var start = index
                var closed = false
                while index < count {
                    let inner = bytes[index]
                    if inner == quote {
                        field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                        if index + 1 < count, bytes[index + 1] == quote {
                            field.append(quote)
                            index += 2
                            start = index
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if inner == lf || (inner == cr && !(index + 1 < count && bytes[index + 1] == lf)) { line += 1 }
                    index += 1
                }
                if !closed { throw CSVError(message: "\(origin), line \(line): a quoted field is not closed") }
            } else if isSeparator(index) {
                endField()
                index += separator.count
            } else if byte == lf || byte == cr {
                index += byte == cr && index + 1 < count && bytes[index + 1] == lf ? 2 : 1
                endField()
                rows.append(row)
                row = []
                line += 1
                if rows.count % 4_096 == 0 { try checkpoint() }
            } else {
                // Plain bytes (a quote inside a field is one of them) up to a separator or line break.
                let start = index
                index += 1
                while index < count {
                    let next = bytes[index]
                    if next == first || next == lf || next == cr { break }
                    index += 1
                }
                field.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
        }
        if !field.isEmpty || quoted || !row.isEmpty {
            endField()
            rows.append(row)
        }
        return rows
    }

    static func inferType(_ cells: [String?]) -> DataType {
        let values = cells.compactMap { $0 }
        if values.isEmpty { return .text }
        for type in [DataType.int, .float, .bool, .date, .datetime] where values.allSatisfy({ !convert($0, to: type).isNull }) {
            return type
        }
        return .text
    }

    /// The value of `text` as `type`, or `.null` when it is not a valid literal of it.
    static func convert(_ text: String, to type: DataType) -> Value {
        switch type {
        case .int:
            return Int64(text).map { .int($0) } ?? .null
        case .float:
            guard isFloatLiteral(text), let value = Double(text) else { return .null }
            return .float(value)
        case .bool:
            return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .null
        case .date:
            return parseDate(text).map { .date(Int32($0)) } ?? .null
        case .datetime:
            return parseDateTime(text).map { .datetime($0) } ?? .null
        case .text:
            return .text(text)
        case .bytes:
            return .null
        }
    }

    /// Whether `text` is made of the bytes of a float literal only: digits, `+`, `-`, `.`,
    /// `e`, `E` (`Double` would also take `inf`, `nan` and hexadecimal).
    private static func isFloatLiteral(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard !bytes.isEmpty else { return false }
            for byte in bytes where !((byte >= 0x30 && byte <= 0x39) || byte == 0x2B || byte == 0x2D || byte == 0x2E || byte == 0x65 || byte == 0x45) {
                return false
            }
            return true
        }
    }

    /// `YYYY-MM-DD` → days since the epoch.
    static func parseDate(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes in bytes.count == 10 ? parseDate(bytes) : nil }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]` (or a space for `T`) → microseconds since the epoch.
    static func parseDateTime(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            // Fixed positions: date, separator, HH:MM:SS, then an optional 1–6 digit fraction.
            guard bytes.count >= 19, bytes.count != 20, bytes.count <= 26, let days = parseDate(UnsafeBufferPointer(rebasing: bytes[0..<10])),
                  bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                  let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2), let second = digits(bytes, 17, 2),
                  hour < 24, minute < 60, second < 60 else { return nil }
            var micros: Int64 = 0
            if bytes.count > 19 {
                guard bytes[19] == UInt8(ascii: "."), let fraction = digits(bytes, 20, bytes.count - 20) else { return nil }
                micros = Int64(fraction)
                for _ in 0..<(6 - (bytes.count - 20)) { micros *= 10 }
            }
            return days * CivilDate.microsecondsPerDay + Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + micros
        }
    }

    /// Days since the epoch of the 10 bytes `YYYY-MM-DD`, nil unless a valid date.
    private static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? date.daysSinceEpoch : nil
    }

    /// The number written by `count` ASCII digits at `start`, nil if any byte is no digit.
    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    private static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { return name }
        return nil
    }
}
