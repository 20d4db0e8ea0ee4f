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
