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
    static func records(_ text: String, separator: Character, origin: String,
                        checkpoint: () throws -> Void = {}) throws -> [[String?]] {
        var rows: [[String?]] = []
        var row: [String?] = []
        var field = ""
        var quoted = false
        var inQuotes = false
        var line = 1
        var iterator = text.makeIterator()
        var pending: Character? = iterator.next()
        if pending == "\u{FEFF}" { pending = iterator.next() } // byte order mark
        func endField() {
            row.append(field.isEmpty && !quoted ? nil : field)
            field = ""
            quoted = false
        }
        while let character = pending {
            pending = iterator.next()
            if inQuotes {
                if character == "\"" {
                    if pending == "\"" { field.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    if character == "\n" || character == "\r\n" { line += 1 }
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty && !quoted {
                inQuotes = true
                quoted = true
            } else if character == separator {
                endField()
            } else if character == "\n" || character == "\r\n" || character == "\r" {
                endField()
                rows.append(row)
                row = []
                line += 1
                if rows.count % 4_096 == 0 { try checkpoint() }
            } else {
                field.append(character)
            }
        }
        if inQuotes { throw CSVError(message: "\(origin), line \(line): a quoted field is not closed") }
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
            guard !text.isEmpty, text.allSatisfy({ "0123456789+-.eE".contains($0) }), let value = Double(text) else { return .null }
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

    /// `YYYY-MM-DD` → days since the epoch.
    static func parseDate(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        return date.isValid ? date.daysSinceEpoch : nil
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]` (or a space for `T`) → microseconds since the epoch.
    static func parseDateTime(_ text: String) -> Int64? {
        guard text.count >= 19 else { return nil }
        let datePart = String(text.prefix(10))
        let separator = text[text.index(text.startIndex, offsetBy: 10)]
        guard separator == "T" || separator == " ", let days = parseDate(datePart) else { return nil }
        let timePart = text.dropFirst(11)
        let pieces = timePart.split(separator: ":", omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].count == 2, pieces[1].count == 2,
              let hour = Int(pieces[0]), let minute = Int(pieces[1]), hour < 24, minute < 60 else { return nil }
        let secondParts = pieces[2].split(separator: ".", omittingEmptySubsequences: false)
        guard secondParts[0].count == 2, let second = Int(secondParts[0]), second < 60, secondParts.count <= 2 else { return nil }
        var micros: Int64 = 0
        if secondParts.count == 2 {
            let digits = secondParts[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isNumber), let fraction = Int64(digits) else { return nil }
            micros = fraction * Int64(pow(10.0, Double(6 - digits.count)))
        }
        return days * CivilDate.microsecondsPerDay + Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + micros
    }

    private static func firstDuplicate(_ names: [String]) -> String? {
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted { return name }
        return nil
    }
}
