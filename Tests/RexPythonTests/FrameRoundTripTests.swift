import Foundation
import RexData
import RexPython
import Testing

/// Columns of every rex type, with nulls, crossing into pandas and back.
@Suite("Swift columns ↔ pandas")
struct FrameRoundTripTests {
    let python = PythonInterpreter.shared

    /// One column of each type; row 1 is null everywhere, the rest are edge values.
    static func allTypes() -> Table {
        let day = { (y: Int, m: Int, d: Int) in Value.date(Int32(CivilDate(year: y, month: m, day: d).daysSinceEpoch)) }
        return Table(schema: Schema([
            Field("i", .int), Field("f", .float), Field("b", .bool), Field("s", .text),
            Field("d", .date), Field("t", .datetime), Field("y", .bytes),
        ]), columns: [
            Column(type: .int, values: [.int(Int64.max), .null, .int(Int64.min), .int(0)]),
            Column(type: .float, values: [.float(1.5), .null, .float(-0.0), .float(1e300)]),
            Column(type: .bool, values: [.bool(true), .null, .bool(false), .bool(true)]),
            Column(type: .text, values: [.text("naïve ✓"), .null, .text(""), .text("a\u{0}b")]),
            Column(type: .date, values: [day(2024, 2, 29), .null, day(1677, 9, 22), day(2262, 4, 11)]),
            Column(type: .datetime, values: [.datetime(1_700_000_000_123_456), .null, .datetime(-1), .datetime(0)]),
            Column(type: .bytes, values: [.bytes([0, 255, 1]), .null, .bytes([]), .bytes(Array("x".utf8))]),
        ])
    }

    @Test("each type crosses with nullable dtypes and comes back equal, nulls exact")
    func everyType() throws {
        let table = Self.allTypes()
        let dtypes = try python.run(code: "result = ','.join(str(t) for t in df.dtypes)", input: table)
        // Dates are Int32 day numbers and datetimes Int64 microseconds (the local runtime's
        // representation, which covers 0001-01-01 … 9999-12-31).
        #expect(dtypes.result == .value(.text("Int64,Float64,boolean,string,Int32,Int64,object")))
        let nulls = try python.run(code: "result = ','.join(str(n) for n in df.isna().sum())", input: table)
        #expect(nulls.result == .value(.text("1,1,1,1,1,1,1")))
        let values = try python.run(code: """
            result = repr([df.i[0], df.i[2], df.s[0], df.s[3], int(df.d[0]), int(df.t[0]), df.y[0]])
            """, input: table)
        #expect(values.result == .value(.text(
            "[9223372036854775807, -9223372036854775808, 'naïve ✓', 'a\\x00b', 19782, 1700000000123456, b'\\x00\\xff\\x01']")))
        // An Int64 column comes back as a datetime when the caller expects one (generated code's result types).
        let back = try python.run(code: "result = df", input: table, resultTypes: ["t": .datetime])
        #expect(back.result == .table(table))
    }

    @Test("repeated text and bytes values cross as shared objects and come back equal")
    func repeatedValues() throws {
        let words = ["Monday", "", "naïve ✓", "Monday ", String(repeating: "long ", count: 20)]
        let values: [Value] = (0..<5_000).map { $0 % 7 == 3 ? .null : .text(words[($0 * 31) % words.count]) }
        let table = Table(schema: Schema([Field("s", .text), Field("y", .bytes)]), columns: [
            Column(type: .text, values: values),
            Column(type: .bytes, values: values.map { if case .text(let s) = $0 { return .bytes(Array(s.utf8)) }; return .null }),
        ])
        // The short words are one object each; the long value (over 64 bytes) is made per row.
        let distinct = try python.run(code: "result = len({id(v) for v in df.s if isinstance(v, str) and len(v) < 64})", input: table)
        #expect(distinct.result == .value(.int(4)))
        let back = try python.run(code: "result = df", input: table)
        #expect(back.result == .table(table))
    }

    @Test("dates and datetimes outside datetime64[ns] cross as day and microsecond numbers, unshifted")
    func outOfRangeDates() throws {
        let first = Int32(CivilDate(year: 1, month: 1, day: 1).daysSinceEpoch)
        let last = Int32(CivilDate(year: 9999, month: 12, day: 31).daysSinceEpoch)
        let lastMicro = Int64(last) * 86_400_000_000 + 86_399_999_999
        let table = Table(schema: Schema([Field("d", .date), Field("t", .datetime)]), columns: [
            Column(type: .date, values: [.date(first), .date(last), .null]),
            Column(type: .datetime, values: [.datetime(Int64(first) * 86_400_000_000), .datetime(lastMicro), .null]),
        ])
        let seen = try python.run(code: "result = repr([df.d.dtype.name, int(df.d[0]), int(df.d[1]), str(df.d[2]), int(df.t[0]), int(df.t[1])])", input: table)
        #expect(seen.result == .value(.text(
            "['Int32', -719162, 2932896, '<NA>', -62135596800000000, 253402300799999999]")))
        let back = try python.run(code: "result = df", input: table, resultTypes: ["t": .datetime])
        #expect(back.result == .table(table))
    }

    @Test("a float NaN becomes null; numpy dtypes map to rex types")
    func numpyDtypes() throws {
        let run = try python.run(code: """
            import numpy as np, pandas as pd
            result = pd.DataFrame({
                'i': np.array([1, -2], dtype=np.int64), 'i32': np.array([3, 4], dtype=np.int32),
                'f': np.array([np.nan, 2.5]), 'b': np.array([True, False]),
                's': np.array(['x', None], dtype=object), 'c': pd.Categorical(['u', 'v']),
                't': pd.to_datetime(['2020-01-01T10:00', None]),
                'z': pd.to_datetime(['2020-01-01T10:00+02:00', None]),
            })
            """)
        let table = try #require(run.result.table)
        #expect(table.schema.fields.map(\.type) == [.int, .int, .float, .bool, .text, .text, .datetime, .datetime])
        #expect(table.row(0) == [.int(1), .int(3), .null, .bool(true), .text("x"), .text("u"),
                                 .datetime(1_577_872_800_000_000), .datetime(1_577_865_600_000_000)])
        #expect(table.row(1) == [.int(-2), .int(4), .float(2.5), .bool(false), .null, .text("v"), .null, .null])
    }

    @Test("unsupported dtypes give an error naming the column")
    func unsupported() throws {
        for (code, column) in [("result = pd.DataFrame({'ok': [1], 'cx': [1 + 2j]})", "cx"),
                               ("result = pd.DataFrame({'nested': [[1, 2]]})", "nested"),
                               ("result = pd.DataFrame({'mix': ['a', 1]})", "mix")] {
            let error = try #require(throws: PythonError.self) {
                _ = try python.run(code: "import pandas as pd\n" + code)
            }
            #expect(error.kind == .conversion)
            #expect(error.message.contains("'\(column)'"))
        }
    }

    @Test("empty frames keep their schema")
    func empty() throws {
        let table = Table(emptyWith: Self.allTypes().schema)
        let run = try python.run(code: "result = df if len(df) == 0 and list(df.columns) == list('ifbsdty') else None", input: table,
                                 resultTypes: ["t": .datetime])
        #expect(run.result == .table(table))
        let none = try python.run(code: "import pandas as pd\nresult = pd.DataFrame()")
        #expect(none.result == .table(Table(schema: Schema([]), columns: [])))
    }

    @Test("1,000,000-row columns cross both ways")
    func millionRows() throws {
        let count = 1_000_000
        let ints = (0..<count).map { Int64($0) * 3 - 7 }
        let validity = (0..<count).map { $0 % 10 != 3 }
        var text = VarBuffer()
        for index in 0..<count { text.append(index % 2 == 0 ? "even" : "odd \(index % 7)") }
        let table = Table(schema: Schema([Field("n", .int), Field("x", .float), Field("s", .text)]), columns: [
            Column(storage: .int(ints.enumerated().map { validity[$0.offset] ? $0.element : 0 }), validity: validity),
            Column(storage: .float(ints.map { Double($0) / 4 }), validity: Array(repeating: true, count: count)),
            Column(storage: .text(text), validity: Array(repeating: true, count: count)),
        ])
        let sums = try python.run(code: "result = f'{df.n.sum()} {df.n.isna().sum()} {df.x.sum()} {(df.s == \"even\").sum()}'", input: table)
        let expectedSum = zip(ints, validity).reduce(Int64(0)) { $0 + ($1.1 ? $1.0 : 0) }
        let expectedFloat = ints.reduce(0.0) { $0 + Double($1) / 4 }
        #expect(sums.result == .value(.text("\(expectedSum) 100000 \(expectedFloat) 500000")))
        let back = try python.run(code: "result = df", input: table)
        #expect(back.result == .table(table))
    }
}

extension PythonResult {
    var table: Table? { if case .table(let table) = self { return table }; return nil }
}
