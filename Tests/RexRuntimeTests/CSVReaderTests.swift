import Foundation
import RexData
@testable import RexRuntime
import Testing

@Suite("CSV source")
struct CSVReaderTests {
    @Test("infers int, float, bool, date, datetime and text from all values")
    func inference() throws {
        let table = try CSVReader.parse("""
        i,f,b,d,t,s,mixed
        1,1.5,true,2024-01-31,2024-01-31T08:30:00,x,1
        -2,2,false,1899-12-31,2024-01-31 08:30:00.25,,abc
        ,,,,,"",2.5
        """)
        #expect(table.schema.fields.map(\.type) == [.int, .float, .bool, .date, .datetime, .text, .text])
        #expect(table.row(0) == [.int(1), .float(1.5), .bool(true), .date(19753), .datetime(1_706_689_800_000_000), .text("x"), .text("1")])
        #expect(table.row(1)[4] == .datetime(1_706_689_800_250_000))
        #expect(table.row(1)[5] == .null)           // empty unquoted field: null
        #expect(table.row(2)[5] == .text(""))       // quoted empty field: empty text
        #expect(table.row(2).prefix(5).allSatisfy { $0.isNull })
    }

    @Test("RFC 4180 quoting, separators, CRLF and a byte order mark")
    func quoting() throws {
        let table = try CSVReader.parse("\u{FEFF}a;b\r\n\"x;\"\"y\"\"\nz\";2\r\n", separator: ";")
        #expect(table.schema.names == ["a", "b"])
        #expect(table.row(0) == [.text("x;\"y\"\nz"), .int(2)])
    }

    @Test("a separator or quote followed by a combining mark still splits and quotes; separators may be any one character")
    func combiningMarks() throws {
        // ",\u{301}" and "\"\u{301}" are single Characters: a reader of Characters sees neither.
        let table = try CSVReader.parse("a,b,c\n\u{301}x,\"\u{301}\"\"y\u{FE0F}\",\u{E0100}\r\n\"\",,\"\u{200D}\"\n")
        #expect(table.rowCount == 2)
        #expect(table.row(0) == [.text("\u{301}x"), .text("\u{301}\"y\u{FE0F}"), .text("\u{E0100}")])
        #expect(table.row(1) == [.text(""), .null, .text("\u{200D}")])
        let section = try CSVReader.parse("k§v\n1§é\n2§\"§\"\n", separator: "§")
        #expect(section.row(0) == [.int(1), .text("é")])
        #expect(section.row(1) == [.int(2), .text("§")])
    }

    @Test("bad files give errors that say where")
    func errors() {
        #expect(throws: CSVError.self) { try CSVReader.parse("a,b\n1\n") }
        #expect(throws: CSVError.self) { try CSVReader.parse("a,a\n1,2\n") }
        #expect(throws: CSVError.self) { try CSVReader.parse("a\n\"open\n") }
        #expect(throws: CSVError.self) { try CSVReader.read(path: "/nonexistent/file.csv") }
    }

    @Test("text after a closing quote stays, a quote inside an unquoted field is data")
    func quoteOddities() throws {
        let table = try CSVReader.parse("a,b,c\n\"ab\"cd,x\"y,\"\"\"\"\n\"\"z,\"q\"\"\",\"\"\n")
        #expect(table.row(0) == [.text("abcd"), .text("x\"y"), .text("\"")])
        #expect(table.row(1) == [.text("z"), .text("q\""), .text("")])
    }

    @Test("floats read from bytes equal Double(String) for every literal form, valid or not")
    func floatLiterals() {
        var literals = ["0", "-0", "-0.0", "1.", ".5", "-.5", "+.5", ".", "-", "+", "e5", "1e", "1e+", "1e-5", "1E5", "1.5e",
                        "1..2", "1e5.5", "--1", "0e5", "0e999999999999", "1e400", "-1e400", "1e-400", "4.9e-324", "2.4e-324",
                        "2.2250738585072014e-308", "1.7976931348623157e308", "1.7976931348623159e308", "9007199254740993",
                        "9007199254740992.5", "123456789012345678901234567890", "0.1", "0.30000000000000004", "1e22", "1e23",
                        "8.5e-23", "4294967296.000001", "18446744073709551615", "18446744073709551616", "1.0000000000000002"]
        // Random literals: 1-25 digits with a point somewhere, optional sign and exponent.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            var text = ["", "-", "+"].randomElement(using: &generator) ?? ""
            let digits = Int.random(in: 1...25, using: &generator)
            let point = Int.random(in: -1...digits, using: &generator)
            for index in 0..<digits {
                if index == point { text += "." }
                text += String(Int.random(in: 0...9, using: &generator))
            }
            if Bool.random(using: &generator) { text += "e" + (["", "-", "+"].randomElement(using: &generator) ?? "") + String(Int.random(in: 0...330, using: &generator)) }
            literals.append(text)
        }
        // Shortest round-trip forms (up to 17 digits) of random doubles, and 16-19 digit
        // mantissas with small exponents: the extended-precision path and its ties.
        for _ in 0..<20_000 {
            let double = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator))
            if double.isFinite { literals.append("\(double)") }
            literals.append(String(Double.random(in: 0..<10_000, using: &generator)))
            let mantissa = UInt64.random(in: 1_000_000_000_000_000...UInt64.max, using: &generator)
            literals.append("\(mantissa)e\(Int.random(in: -30...30, using: &generator))")
        }
        literals += ["9007199254740993e-5", "9007199254740995", "18014398509481985e3", "4611686018427387905e-2"]
        for literal in literals {
            var text = literal
            let parsed = text.withUTF8 { DecimalFloat.parse($0) }
            let valid = text.withUTF8 { DecimalFloat.isLiteral($0) }
            let expected = Double(literal)
            #expect(parsed?.bitPattern == expected?.bitPattern, "\(literal)")
            #expect(valid == (expected != nil), "\(literal)")
        }
    }

    @Test("an int too large for 64 bits is a float; invalid dates are text")
    func edges() throws {
        let table = try CSVReader.parse("big,d\n99999999999999999999,2023-02-29\n")
        #expect(table.schema.fields.map(\.type) == [.float, .text])
    }
}

@Suite("Fetched column conversion")
struct ColumnConversionTests {
    @Test("a datetime before 1970 converts to its own day, not the next one")
    func datesBeforeTheEpoch() throws {
        let noon = CSVReader.parseDateTime("1969-12-31T12:00:00")
        let converted = try ColumnConversion.convert(Column(type: .datetime, values: [noon.map(Value.datetime) ?? .null]), to: .date, name: "d")
        #expect(converted[0] == .date(-1))
        let text = try ColumnConversion.convert(Column(type: .text, values: [.text("1899-12-31 23:59:59.999"), .null]), to: .date, name: "d")
        #expect(text[0] == .date(Int32(CivilDate(year: 1899, month: 12, day: 31).daysSinceEpoch)))
        #expect(text[1] == .null)
        #expect(throws: RuntimeError.self) { _ = try ColumnConversion.convert(Column(type: .text, values: [.text("soon")]), to: .date, name: "d") }
    }
}
