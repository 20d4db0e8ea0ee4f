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
/// else date, else datetime, else text; after an optional `-`, a `0` followed by another
/// digit, or a leading `+`, makes a value no number (codes, zip codes and phone numbers
/// stay text).
///
/// Streams in bounded memory (`CSVScanner`): types come from a first pass over the file,
/// data from a second, parsed from the bytes straight into column buffers.
public enum CSVReader {
    /// Reads and types the whole file. `checkpoint` runs every few thousand records and may
    /// throw to stop (Ctrl-C: `InterruptController.checkpoint`).
    /// `chunkSize`: bytes read at a time (tests use tiny chunks to prove record boundaries).
    /// `knownSchema`: the file's schema from an earlier inference (`schema(path:)`) while the
    /// file is unchanged; the read then makes one pass, not two. A value that does not parse
    /// as its known type is reported as a file changed while it was read.
    public static func read(path: String, separator: Character = ",", chunkSize: Int = 1 << 20,
                            knownSchema: Schema? = nil, checkpoint: () throws -> Void = {}) throws -> Table {
        let (header, types) = try columns(path: path, separator: separator, chunkSize: chunkSize, knownSchema: knownSchema,
                                          checkpoint: checkpoint)
        return try readData(header: header, types: types, origin: path, separator: separator, checkpoint: checkpoint) { scanner, body in
            try scanner.scan(path: path, chunkSize: chunkSize, body)
        }
    }

    /// Reads the file's data in parts of at most `blockRows` rows, handing each part to `body`
    /// as soon as it is parsed, so memory holds one part (uploads of any size). Types come
    /// from `knownSchema` (see `read`) or a first pass. `body` may throw to stop the read.
    public static func readBlocks(path: String, separator: Character = ",", chunkSize: Int = 1 << 20,
                                  knownSchema: Schema? = nil, blockRows: Int = 100_000,
                                  checkpoint: () throws -> Void = {}, body: (Table) throws -> Void) throws {
        let (header, types) = try columns(path: path, separator: separator, chunkSize: chunkSize, knownSchema: knownSchema,
                                          checkpoint: checkpoint)
        let rest = try withoutActuallyEscaping(body) { body in
            try withoutActuallyEscaping(checkpoint) { checkpoint in
                try readData(header: header, types: types, origin: path, separator: separator, blockRows: max(1, blockRows),
                             emit: body, escaping: checkpoint) { scanner, body in
                    try scanner.scan(path: path, chunkSize: chunkSize, body)
                }
            }
        }
        if rest.rowCount > 0 { try body(rest) }
    }

    /// The schema only: one pass over the file (inference needs every value), in bounded memory.
    public static func schema(path: String, separator: Character = ",", chunkSize: Int = 1 << 20,
                              checkpoint: () throws -> Void = {}) throws -> Schema {
        let (header, types) = try columns(path: path, separator: separator, chunkSize: chunkSize, knownSchema: nil,
                                          checkpoint: checkpoint)
        return Schema(zip(header, types).map { Field($0, $1) })
    }

    /// The file's column names and types: `knownSchema`'s, or a first pass over the file.
    private static func columns(path: String, separator: Character, chunkSize: Int, knownSchema: Schema?,
                                checkpoint: () throws -> Void) throws -> ([String], [DataType]) {
        if let knownSchema { return (knownSchema.names, knownSchema.fields.map(\.type)) }
        return try inferSchema(origin: path, separator: separator, checkpoint: checkpoint) { scanner, body in
            try scanner.scan(path: path, chunkSize: chunkSize, body)
        }
    }

    /// Parses CSV text.
    public static func parse(_ text: String, separator: Character = ",", origin: String = "CSV",
                             checkpoint: () throws -> Void = {}) throws -> Table {
        let (header, types) = try inferSchema(origin: origin, separator: separator, checkpoint: checkpoint) { scanner, body in
            try scanner.scan(text: text, body)
        }
        return try readData(header: header, types: types, origin: origin, separator: separator, checkpoint: checkpoint) { scanner, body in
            try scanner.scan(text: text, body)
        }
    }

    private typealias Scan = (inout CSVScanner, (inout CSVRecord) throws -> Void) throws -> Void

    /// First pass: the header and each column's type.
    private static func inferSchema(origin: String, separator: Character, checkpoint: () throws -> Void,
                                    scan: Scan) throws -> ([String], [DataType]) {
        try withoutActuallyEscaping(checkpoint) { checkpoint in try inferSchema(origin: origin, separator: separator, escaping: checkpoint, scan: scan) }
    }

    private static func inferSchema(origin: String, separator: Character, escaping checkpoint: @escaping () throws -> Void,
                                    scan: Scan) throws -> ([String], [DataType]) {
        var scanner = try CSVScanner(separator: separator, origin: origin)
        var header: [String]?
        var inference: [TypeInference] = []
        var records = 0
        try scan(&scanner) { record in
            guard let names = header else {
                let names = headerNames(record)
                if let duplicate = firstDuplicate(names) {
                    throw CSVError(message: "\(origin): the header names column '\(duplicate)' twice")
                }
                header = names
                inference = Array(repeating: TypeInference(), count: names.count)
                return
            }
            records += 1
            guard record.count == names.count else {
                throw CSVError(message: "\(origin), line \(records + 1): \(record.count) fields, but the header has \(names.count)")
            }
            for field in 0..<record.count where !record.isNull(field) {
                inference[field].observe(record.field(field))
            }
            if records % 4_096 == 0 { try checkpoint() }
        }
        guard let header else { throw CSVError(message: "\(origin) is empty: a header row is needed") }
        return (header, inference.map(\.type))
    }

    /// Second pass: every value parsed from its bytes into its column's buffer.
    private static func readData(header: [String], types: [DataType], origin: String, separator: Character,
                                 checkpoint: () throws -> Void, scan: Scan) throws -> Table {
        try withoutActuallyEscaping(checkpoint) { checkpoint in
            try readData(header: header, types: types, origin: origin, separator: separator, escaping: checkpoint, scan: scan)
        }
    }

    /// `blockRows`/`emit`: every `blockRows` records the rows so far go to `emit` and the
    /// buffers start again; the rows after the last full part are returned.
    private static func readData(header: [String], types: [DataType], origin: String, separator: Character,
                                 blockRows: Int = .max, emit: @escaping (Table) throws -> Void = { _ in },
                                 escaping checkpoint: @escaping () throws -> Void, scan: Scan) throws -> Table {
        var scanner = try CSVScanner(separator: separator, origin: origin)
        var builders = types.map { ColumnBuilder(type: $0) }
        let schema = Schema(zip(header, types).map { Field($0, $1) })
        var records = 0, inBlock = 0
        var sawHeader = false
        try scan(&scanner) { record in
            guard sawHeader else {
                sawHeader = true
                guard headerNames(record) == header else { throw CSVError(message: "\(origin): the file changed while it was read") }
                return
            }
            records += 1
            guard record.count == builders.count else {
                throw CSVError(message: "\(origin), line \(records + 1): \(record.count) fields, but the header has \(builders.count)")
            }
            for field in 0..<record.count {
                if record.isNull(field) {
                    builders[field].appendNull()
                } else if !builders[field].append(record.field(field)) {
                    throw CSVError(message: "\(origin), line \(records + 1): the file changed while it was read")
                }
            }
            if records % 4_096 == 0 { try checkpoint() }
            inBlock += 1
            if inBlock == blockRows {
                try emit(Table(schema: schema, columns: builders.map { $0.column() }))
                builders = types.map { ColumnBuilder(type: $0) }
                inBlock = 0
            }
        }
        return Table(schema: schema, columns: builders.map { $0.column() })
    }

    /// The names a header record gives its columns (an empty field is the name "").
    private static func headerNames(_ record: CSVRecord) -> [String] {
        (0..<record.count).map { record.isNull($0) ? "" : record.string($0) }
    }

    // MARK: - Values

    /// Which types every value of a column seen so far fits.
    private struct TypeInference {
        var int = true, float = true, bool = true, date = true, datetime = true
        var sawValue = false

        var type: DataType {
            guard sawValue else { return .text }
            return int ? .int : float ? .float : bool ? .bool : date ? .date : datetime ? .datetime : .text
        }

        mutating func observe(_ bytes: UnsafeBufferPointer<UInt8>) {
            sawValue = true
            if int || float {
                let number = CSVReader.mayBeNumber(bytes)
                if int { int = number && CSVReader.parseInt(bytes) != nil }
                // An int is a float literal too; otherwise only the syntax is checked, no value made.
                if float && !int { float = number && DecimalFloat.isLiteral(bytes) }
            }
            if bool { bool = CSVReader.parseBool(bytes) != nil }
            if date { date = CSVReader.parseDate(bytes) != nil }
            if datetime { datetime = CSVReader.parseDateTime(bytes) != nil }
        }
    }

    /// Values of one column as they are parsed.
    private struct ColumnBuilder {
        let type: DataType
        var ints: [Int64] = []
        var floats: [Double] = []
        var bools: [Bool] = []
        var days: [Int32] = []
        var text = VarBuffer()
        var validity: [Bool] = []

        init(type: DataType) { self.type = type }

        mutating func appendNull() {
            validity.append(false)
            switch type {
            case .int, .datetime: ints.append(0)
            case .float: floats.append(0)
            case .bool: bools.append(false)
            case .date: days.append(0)
            case .text, .bytes: text.append([])
            }
        }

        /// False when the bytes are no value of the column's type.
        mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            switch type {
            case .int:
                guard let value = CSVReader.parseInt(bytes) else { return false }
                ints.append(value)
            case .float:
                guard let value = CSVReader.parseFloat(bytes) else { return false }
                floats.append(value)
            case .bool:
                guard let value = CSVReader.parseBool(bytes) else { return false }
                bools.append(value)
            case .date:
                guard let value = CSVReader.parseDate(bytes) else { return false }
                days.append(Int32(value))
            case .datetime:
                guard let value = CSVReader.parseDateTime(bytes) else { return false }
                ints.append(value)
            case .text, .bytes:
                if bytes.allSatisfy({ $0 < 0x80 }) {
                    text.bytes.append(contentsOf: bytes)
                    text.offsets.append(text.bytes.count)
                } else {
                    // Validated once per field; malformed UTF-8 becomes U+FFFD.
                    text.append(String(decoding: bytes, as: UTF8.self))
                }
            }
            validity.append(true)
            return true
        }

        func column() -> Column {
            switch type {
            case .int: return Column(storage: .int(ints), validity: validity)
            case .float: return Column(storage: .float(floats), validity: validity)
            case .bool: return Column(storage: .bool(bools), validity: validity)
            case .date: return Column(storage: .date(days), validity: validity)
            case .datetime: return Column(storage: .datetime(ints), validity: validity)
            case .text, .bytes: return Column(storage: .text(text), validity: validity)
            }
        }
    }

    /// The SPEC's number rule: after an optional `-`, a `0` followed by another digit
    /// (`007`, `-07`, `00.5`) or a leading `+` makes the value no number.
    static func mayBeNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, first != UInt8(ascii: "+") else { return false }
        let start = first == UInt8(ascii: "-") ? 1 : 0
        if start + 1 < bytes.count, bytes[start] == UInt8(ascii: "0"), bytes[start + 1] >= 0x30, bytes[start + 1] <= 0x39 { return false }
        return true
    }

    /// A decimal int64 with an optional `-` (no `+`, no spaces), nil otherwise or on overflow.
    static func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        let negative = bytes[0] == UInt8(ascii: "-")
        let start = negative ? 1 : 0
        guard start < bytes.count else { return nil }
        var magnitude: UInt64 = 0
        for index in start..<bytes.count {
            let digit = bytes[index] &- 0x30
            guard digit < 10 else { return nil }
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(UInt64(digit))
            guard !o1, !o2 else { return nil }
            magnitude = sum
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// A float written as a decimal literal (`DecimalFloat`: no `inf`, `nan` or hexadecimal), read exactly.
    static func parseFloat(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? { DecimalFloat.parse(bytes) }

    static func parseBool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        if bytes.elementsEqual("true".utf8) { return true }
        if bytes.elementsEqual("false".utf8) { return false }
        return nil
    }

    /// The value of `text` as `type`, or `.null` when it is not a valid literal of it.
    static func convert(_ text: String, to type: DataType) -> Value {
        var text = text
        return text.withUTF8 { bytes -> Value in
            switch type {
            case .int: return mayBeNumber(bytes) ? parseInt(bytes).map { .int($0) } ?? .null : .null
            case .float: return mayBeNumber(bytes) ? parseFloat(bytes).map { .float($0) } ?? .null : .null
            case .bool: return parseBool(bytes).map { .bool($0) } ?? .null
            case .date: return parseDate(bytes).map { .date(Int32($0)) } ?? .null
            case .datetime: return parseDateTime(bytes).map { .datetime($0) } ?? .null
            case .text: return .text(String(decoding: bytes, as: UTF8.self))
            case .bytes: return .null
            }
        }
    }

    /// `YYYY-MM-DD` → days since the epoch.
    static func parseDate(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseDate($0) }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]` (or a space for `T`) → microseconds since the epoch.
    static func parseDateTime(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseDateTime($0) }
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]` (or a space for `T`) → microseconds since the epoch.
    static func parseDateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
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

    /// Days since the epoch of the 10 bytes `YYYY-MM-DD`, nil unless a valid date.
    static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
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
