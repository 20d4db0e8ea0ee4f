import Foundation
import RexData

/// One CSV record as the streaming scanner hands it over: each field's bytes (quotes removed,
/// `""` made one quote) back to back, and whether the field is null (empty and unquoted).
struct CSVRecord {
    var bytes: [UInt8] = []
    /// End offset in `bytes` of each field (its start is the previous end, or 0).
    var ends: [Int] = []
    var nulls: [Bool] = []

    var count: Int { ends.count }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        nulls.removeAll(keepingCapacity: true)
    }

    func range(_ field: Int) -> Range<Int> { (field == 0 ? 0 : ends[field - 1])..<ends[field] }

    func string(_ field: Int) -> String { String(decoding: bytes[range(field)], as: UTF8.self) }
}

/// Splits CSV bytes into records in bounded memory: the file is read in chunks of
/// `chunkSize` bytes and only the record being scanned is carried from one chunk to the
/// next (a record longer than a chunk grows the buffer to hold it).
///
/// Scans UTF-8 bytes: the separator, quote, CR and LF never occur inside another character's
/// bytes, so this splits exactly where a scan of Unicode scalars would — and unlike a scan of
/// Characters, where `"\r\n"` is one Character and a separator or quote followed by a
/// combining mark is one Character too, which would hide it.
struct CSVScanner {
    let separator: [UInt8]
    let origin: String
    /// 1-based physical line where the next record starts.
    private(set) var line = 1

    init(separator: Character, origin: String) throws {
        guard separator.unicodeScalars.count == 1 else {
            throw CSVError(message: "\(origin): the separator must be one character")
        }
        self.separator = Array(String(separator).utf8)
        self.origin = origin
    }

    /// Calls `body` with each record of the file at `path`, in order.
    mutating func scan(path: String, chunkSize: Int = 1 << 20, _ body: (inout CSVRecord) throws -> Void) throws {
        guard let file = FileHandle(forReadingAtPath: path) else {
            throw CSVError(message: "cannot read CSV file '\(path)': no such file or not readable")
        }
        defer { try? file.close() }
        var buffer: [UInt8] = []
        var start = 0
        var atEOF = false
        var first = true
        var record = CSVRecord()
        while true {
            if !atEOF {
                // Keep the unfinished record, append the next chunk.
                if start > 0 { buffer.removeFirst(start); start = 0 }
                let data: Data
                do { data = try file.read(upToCount: max(chunkSize, buffer.count)) ?? Data() } catch {
                    throw CSVError(message: "cannot read CSV file '\(path)': \(error.localizedDescription)")
                }
                if data.isEmpty { atEOF = true } else { buffer.append(contentsOf: data) }
                if first {
                    // A byte order mark: decided once three bytes (or the whole file) are in.
                    if buffer.count < 3 && !atEOF { continue }
                    first = false
                    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                }
            }
            let finished = atEOF
            try buffer.withUnsafeBufferPointer { bytes in
                while start < bytes.count {
                    record.removeAll()
                    guard let next = try scanRecord(bytes, from: start, atEOF: finished, into: &record) else { return }
                    start = next
                    try body(&record)
                }
            }
            if finished { return }
        }
    }

    /// Calls `body` with each record of `text`.
    mutating func scan(text: String, _ body: (inout CSVRecord) throws -> Void) throws {
        var bytes = Array(text.utf8)
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var record = CSVRecord()
        try bytes.withUnsafeMutableBufferPointer { mutable in
            let bytes = UnsafeBufferPointer(mutable)
            while start < bytes.count {
                record.removeAll()
                guard let next = try scanRecord(bytes, from: start, atEOF: true, into: &record) else { return }
                start = next
                try body(&record)
            }
        }
    }

    /// Scans the record starting at `start` into `record`; returns where the next record
    /// starts, or nil when the bytes end inside the record and more may follow (`!atEOF`).
    private mutating func scanRecord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEOF: Bool,
                                     into record: inout CSVRecord) throws -> Int? {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let first = separator[0], count = bytes.count, separatorCount = separator.count
        var index = start
        var lines = 0
        var fieldStart = record.bytes.count
        var quoted = false
        func endField() {
            record.ends.append(record.bytes.count)
            record.nulls.append(record.bytes.count == fieldStart && !quoted)
            fieldStart = record.bytes.count
            quoted = false
        }
        func separatorAt(_ at: Int) -> Bool? {
            guard bytes[at] == first else { return false }
            guard separatorCount > 1 else { return true }
            guard at + separatorCount <= count else { return atEOF ? false : nil }
            for offset in 1..<separatorCount where bytes[at + offset] != separator[offset] { return false }
            return true
        }
        while index < count {
            let byte = bytes[index]
            if byte == quote && record.bytes.count == fieldStart && !quoted {
                // A quoted field: up to the closing quote; "" is one quote; line breaks are data.
                quoted = true
                index += 1
                var runStart = index
                var closed = false
                while index < count {
                    let inner = bytes[index]
                    if inner == quote {
                        record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                        if index + 1 < count {
                            if bytes[index + 1] == quote {
                                record.bytes.append(quote)
                                index += 2
                                runStart = index
                                continue
                            }
                        } else if !atEOF {
                            return nil // the quote may be the first of ""
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if inner == lf || (inner == cr && !(index + 1 < count && bytes[index + 1] == lf)) { lines += 1 }
                    index += 1
                }
                if !closed {
                    if !atEOF { return nil }
                    throw CSVError(message: "\(origin), line \(line + lines): a quoted field is not closed")
                }
            } else if let isSeparator = separatorAt(index), isSeparator {
                endField()
                index += separatorCount
            } else if separatorAt(index) == nil {
                return nil
            } else if byte == lf || byte == cr {
                if byte == cr && index + 1 >= count && !atEOF { return nil } // CR may be followed by LF
                index += byte == cr && index + 1 < count && bytes[index + 1] == lf ? 2 : 1
                endField()
                line += lines + 1
                return index
            } else {
                // Plain bytes (a quote inside a field is one of them) up to a separator or line break.
                let runStart = index
                index += 1
                while index < count {
                    let next = bytes[index]
                    if next == first || next == lf || next == cr { break }
                    index += 1
                }
                record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
        }
        // The bytes ended inside the record.
        guard atEOF else { return nil }
        guard record.bytes.count != fieldStart || quoted || !record.ends.isEmpty else { return nil }
        endField()
        line += lines
        return count
    }
}
