import Foundation
import RexData

/// One CSV record as the streaming scanner hands it over: where each field's bytes (quotes
/// removed, `""` made one quote) lie in the scanner's buffer, and whether the field is null
/// (empty and unquoted). A view: valid only inside the scanner's `body` call.
struct CSVRecord {
    /// The scanner's buffer. It stays pinned (inside `withUnsafeMutableBufferPointer`) for
    /// the whole `body` call the record is handed to, and no field is read after it returns.
    fileprivate(set) var source = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    // Per field; entries from `count` on are left from longer records (reused, not freed).
    private var starts: [Int] = []
    private var ends: [Int] = []
    private var quoted: [Bool] = []

    private(set) var count = 0

    func isNull(_ field: Int) -> Bool { starts[field] == ends[field] && !quoted[field] }

    /// The field's bytes (valid only while the record is being handed over).
    func field(_ field: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: source[starts[field]..<ends[field]]) }

    func string(_ field: Int) -> String { String(decoding: self.field(field), as: UTF8.self) }

    fileprivate mutating func removeAll() { count = 0 }

    fileprivate mutating func append(start: Int, end: Int, quoted isQuoted: Bool) {
        if count == starts.count {
            starts.append(start)
            ends.append(end)
            quoted.append(isQuoted)
        } else {
            starts[count] = start
            ends[count] = end
            quoted[count] = isQuoted
        }
        count += 1
    }

    /// Unquotes each quoted field in place (see `CSVScanner.unquote`) and makes `bytes` the source.
    fileprivate mutating func complete(in bytes: UnsafeMutableBufferPointer<UInt8>) {
        for field in 0..<count where quoted[field] {
            ends[field] = CSVScanner.unquote(bytes, starts[field]..<ends[field])
        }
        source = UnsafeBufferPointer(bytes)
    }
}

/// Splits CSV bytes into records in bounded memory: the file is read in chunks of
/// `chunkSize` bytes into one buffer, and only the record being scanned is carried from
/// one chunk to the next (a record longer than the buffer grows it). Fields are not
/// copied: a record names where they lie in the buffer; a quoted field is unquoted in
/// place once its record is complete.
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
        let chunkSize = max(1, chunkSize)
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var start = 0, end = 0  // the bytes not scanned yet: buffer[start..<end]
        var atEOF = false
        var first = true
        var record = CSVRecord()
        while true {
            if !atEOF {
                // Keep the unfinished record, at the front; read the next chunk after it.
                if start > 0 {
                    buffer.withUnsafeMutableBytes { raw in
                        guard let base = raw.baseAddress else { return }
                        base.copyMemory(from: base + start, byteCount: end - start)
                    }
                    end -= start
                    start = 0
                }
                if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
                let count = try read(file.fileDescriptor, into: &buffer, at: end, upTo: min(chunkSize, buffer.count - end), path: path)
                if count == 0 { atEOF = true } else { end += count }
                if first {
                    // A byte order mark: decided once three bytes (or the whole file) are in.
                    if end < 3 && !atEOF { continue }
                    first = false
                    if end >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { start = 3 }
                }
            }
            let finished = atEOF
            try buffer.withUnsafeMutableBufferPointer { whole in
                let bytes = UnsafeMutableBufferPointer(rebasing: whole[..<end])
                while start < end {
                    guard let next = try scanRecord(bytes, from: start, atEOF: finished, into: &record) else { return }
                    start = next
                    try body(&record)
                }
            }
            if finished { return }
        }
    }

    /// Reads at most `count` bytes of `descriptor` into `buffer` at `offset`; 0 at the end of the file.
    private func read(_ descriptor: Int32, into buffer: inout [UInt8], at offset: Int, upTo count: Int, path: String) throws -> Int {
        while true {
            let result = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return Foundation.read(descriptor, base + offset, count)
            }
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw CSVError(message: "cannot read CSV file '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Calls `body` with each record of `text`.
    mutating func scan(text: String, _ body: (inout CSVRecord) throws -> Void) throws {
        var bytes = Array(text.utf8)
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var record = CSVRecord()
        try bytes.withUnsafeMutableBufferPointer { bytes in
            while start < bytes.count {
                guard let next = try scanRecord(bytes, from: start, atEOF: true, into: &record) else { return }
                start = next
                try body(&record)
            }
        }
    }

    /// Scans the record starting at `start` into `record`; returns where the next record
    /// starts, or nil when the bytes end inside the record and more may follow (`!atEOF`).
    /// Writes into `bytes` only once the record is complete (unquoting its quoted fields),
    /// so an incomplete record is scanned again unchanged when more bytes arrive.
    private mutating func scanRecord(_ bytes: UnsafeMutableBufferPointer<UInt8>, from start: Int, atEOF: Bool,
                                     into record: inout CSVRecord) throws -> Int? {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let first = separator[0], count = bytes.count, separatorCount = separator.count
        record.removeAll()
        var index = start
        var lines = 0
        var fieldStart = start
        var quoted = false
        func endField(at end: Int) { record.append(start: fieldStart, end: end, quoted: quoted) }
        func separatorAt(_ at: Int) -> Bool? {
            guard bytes[at] == first else { return false }
            guard separatorCount > 1 else { return true }
            guard at + separatorCount <= count else { return atEOF ? false : nil }
            for offset in 1..<separatorCount where bytes[at + offset] != separator[offset] { return false }
            return true
        }
        while index < count {
            let byte = bytes[index]
            if byte == quote && index == fieldStart {
                // A quoted field: up to the closing quote; "" is one quote; line breaks are data.
                quoted = true
                index += 1
                var closed = false
                while index < count {
                    let inner = bytes[index]
                    if inner == quote {
                        if index + 1 < count {
                            if bytes[index + 1] == quote {
                                index += 2
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
                endField(at: index)
                index += separatorCount
                fieldStart = index
                quoted = false
            } else if separatorAt(index) == nil {
                return nil
            } else if byte == lf || byte == cr {
                if byte == cr && index + 1 >= count && !atEOF { return nil } // CR may be followed by LF
                endField(at: index)
                index += byte == cr && index + 1 < count && bytes[index + 1] == lf ? 2 : 1
                line += lines + 1
                record.complete(in: bytes)
                return index
            } else {
                // Plain bytes (a quote inside a field is one of them) up to a separator or line break.
                index += 1
                while index < count {
                    let next = bytes[index]
                    if next == first || next == lf || next == cr { break }
                    index += 1
                }
            }
        }
        // The bytes ended inside the record.
        guard atEOF else { return nil }
        guard index != fieldStart || record.count > 0 else { return nil }
        endField(at: count)
        line += lines
        record.complete(in: bytes)
        return count
    }

    /// Unquotes the raw field `range` (it starts with a quote) in place: the quotes go, `""`
    /// inside them becomes one quote, bytes after the closing quote stay as they are.
    /// Returns where the field's content now ends (it starts where the raw field did).
    fileprivate static func unquote(_ bytes: UnsafeMutableBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let quote = UInt8(ascii: "\"")
        var read = range.lowerBound + 1, write = range.lowerBound
        var inQuotes = true
        while read < range.upperBound {
            let byte = bytes[read]
            read += 1
            if inQuotes && byte == quote {
                guard read < range.upperBound, bytes[read] == quote else { inQuotes = false; continue }
                read += 1  // "" is one quote
            }
            bytes[write] = byte
            write += 1
        }
        return write
    }
}
