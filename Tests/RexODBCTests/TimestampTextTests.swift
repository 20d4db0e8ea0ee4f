@testable import RexODBC
import RexData
import Testing

/// Zoned timestamps arrive as text (psqlODBC timestamptz, SQL Server datetimeoffset) and are normalised to UTC.
@Suite("Timestamps with offsets, as servers print them")
struct TimestampTextTests {
    @Test("offsets in every spelling", arguments: [
        ("2024-03-01 10:00:00+05:30", instant(2024, 3, 1, 4, 30)),
        ("2024-03-01 10:00:00.5-08", instant(2024, 3, 1, 18, 0, 0, micros: 500_000)),
        ("2024-03-01 10:00:00.1234567 +05:30", instant(2024, 3, 1, 4, 30, 0, micros: 123_456)),
        ("2024-03-01T10:00:00Z", instant(2024, 3, 1, 10)),
        ("2024-03-01 00:30:00+01", instant(2024, 2, 29, 23, 30)),
        ("0001-01-01 00:00:00+00", instant(1, 1, 1)),
        ("9999-12-31 23:59:59.999999+00", instant(9999, 12, 31, 23, 59, 59, micros: 999_999)),
        ("1900-01-01 00:00:00+00:19:32", instant(1899, 12, 31, 23, 40, 28)),
        ("2024-03-01", instant(2024, 3, 1)),
    ])
    func parses(text: String, expected: Int64) {
        #expect(parseTimestampToUTC(text) == expected)
    }

    @Test("malformed text is rejected", arguments: ["infinity", "2024-02-30 00:00:00+00", "2024-03-01 25:00:00", "2024-03-01 10:00:00+5:3x", ""])
    func rejects(text: String) {
        #expect(parseTimestampToUTC(text) == nil)
    }
}
