import RexData
import Testing

@Suite("Calendar arithmetic")
struct CivilDateTests {
    @Test("days since the epoch round-trip across the whole supported range", arguments: [
        (1970, 1, 1, Int64(0)), (2000, 3, 1, Int64(11017)), (1, 1, 1, Int64(-719_162)),
        (9999, 12, 31, Int64(2_932_896)), (1900, 2, 28, Int64(-25_509)), (2024, 2, 29, Int64(19_782)),
    ])
    func roundTrip(year: Int, month: Int, day: Int, days: Int64) {
        let date = CivilDate(year: year, month: month, day: day)
        #expect(date.daysSinceEpoch == days)
        #expect(CivilDate(daysSinceEpoch: days) == date)
    }

    @Test("ISO text of dates and datetimes")
    func iso() {
        #expect(Value.date(0).description == "1970-01-01")
        #expect(Value.date(-719_162).description == "0001-01-01")
        #expect(Value.datetime(1_706_689_800_000_000).description == "2024-01-31T08:30:00")
        #expect(Value.datetime(-1).description == "1969-12-31T23:59:59.999999")
        #expect(!CivilDate(year: 2023, month: 2, day: 29).isValid)
    }
}
