import CODBC

// unixODBC's SQLWCHAR is UTF-16. rex always talks to drivers through the wide
// API so that text is exact whatever the process locale (ENGINES.md).

extension String {
    /// Decodes `count` UTF-16 code units (or up to the first NUL when count is nil).
    init(decodingWide units: [SQLWCHAR], count: Int? = nil) {
        let end = count.map { Swift.min($0, units.count) } ?? (units.firstIndex(of: 0) ?? units.count)
        self = String(decoding: units[0..<end], as: UTF16.self)
    }

    /// The UTF-16 code units of this string, NUL-terminated, for the wide ODBC API.
    var wideNulTerminated: [SQLWCHAR] { Array(utf16) + [0] }
}

/// Writes the UTF-16 code units of the UTF-8 bytes `utf8` to `target`, which has room for at
/// least `utf8.count` units (never more units than bytes), and returns how many it wrote. A
/// malformed sequence becomes U+FFFD, as `String(decoding:as:)` does; rex's text buffers are
/// valid UTF-8. One pass over the bytes, no `String` in between: uploads of text columns
/// (PostgreSQL array literals, SQL Server bulk copy) transcode every value through here.
func transcodeUTF8ToUTF16(_ utf8: UnsafeBufferPointer<UInt8>, into target: UnsafeMutablePointer<UInt16>) -> Int {
    var count = 0
    let n = utf8.count
    var i = 0
    while i < n {
        let lead = utf8[i]
        if lead < 0x80 { target[count] = UInt16(lead); count += 1; i += 1; continue }
        var scalar: UInt32 = 0xFFFD, length = 1
        func continuation(_ k: Int) -> UInt32? {
            guard i + k < n, utf8[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(utf8[i + k] & 0x3F)
        }
        if lead & 0xE0 == 0xC0, let b1 = continuation(1) {
            let value = UInt32(lead & 0x1F) << 6 | b1
            if value >= 0x80 { scalar = value; length = 2 }
        } else if lead & 0xF0 == 0xE0, let b1 = continuation(1), let b2 = continuation(2) {
            let value = UInt32(lead & 0x0F) << 12 | b1 << 6 | b2
            if value >= 0x800, !(0xD800...0xDFFF).contains(value) { scalar = value; length = 3 }
        } else if lead & 0xF8 == 0xF0, let b1 = continuation(1), let b2 = continuation(2), let b3 = continuation(3) {
            let value = UInt32(lead & 0x07) << 18 | b1 << 12 | b2 << 6 | b3
            if (0x10000...0x10FFFF).contains(value) { scalar = value; length = 4 }
        }
        if scalar >= 0x10000 {
            let v = scalar - 0x10000
            target[count] = UInt16(0xD800 | (v >> 10)); target[count + 1] = UInt16(0xDC00 | (v & 0x3FF))
            count += 2
        } else {
            target[count] = UInt16(scalar); count += 1
        }
        i += length
    }
    return count
}
