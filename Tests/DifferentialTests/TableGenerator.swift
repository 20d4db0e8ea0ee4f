import Foundation
import RexData

/// Random typed tables: each column comes from a fixed pool, so tables `t` and `u` share
/// names (with the same types) to join on, and each pool column has its own kind of values.
enum TableGenerator {
    struct PoolColumn {
        var column: FuzzColumn
        var values: (inout FuzzRandom) -> Value
    }

    static let pool: [PoolColumn] = [
        // Join and group keys: few distinct values, so joins and groups match.
        PoolColumn(column: FuzzColumn(name: "k", type: .int, tame: true, ascii: false)) { .int(Int64($0.int(0...4))) },
        PoolColumn(column: FuzzColumn(name: "g", type: .text, tame: false, ascii: true)) { .text($0.pick(["a", "b", "B", "", " a"])) },
        // Extremes.
        PoolColumn(column: FuzzColumn(name: "i", type: .int, tame: false, ascii: false)) { .int(wildInt(&$0)) },
        PoolColumn(column: FuzzColumn(name: "j", type: .int, tame: false, ascii: false)) { .int(wildInt(&$0)) },
        PoolColumn(column: FuzzColumn(name: "f", type: .float, tame: false, ascii: false)) { .float(wildFloat(&$0)) },
        PoolColumn(column: FuzzColumn(name: "s", type: .text, tame: false, ascii: false)) { .text(wildText(&$0, ascii: false)) },
        PoolColumn(column: FuzzColumn(name: "a", type: .text, tame: false, ascii: true)) { .text(wildText(&$0, ascii: true)) },
        PoolColumn(column: FuzzColumn(name: "d", type: .date, tame: false, ascii: false)) { .date(wildDate(&$0)) },
        PoolColumn(column: FuzzColumn(name: "ts", type: .datetime, tame: false, ascii: false)) { .datetime(wildDatetime(&$0)) },
        PoolColumn(column: FuzzColumn(name: "b", type: .bool, tame: false, ascii: false)) { .bool($0.chance(0.5)) },
        // Moderate numbers whose sums are exact in any order.
        PoolColumn(column: FuzzColumn(name: "n", type: .int, tame: true, ascii: false)) { .int(Int64($0.int(-100...100))) },
        PoolColumn(column: FuzzColumn(name: "x", type: .float, tame: true, ascii: false)) { .float(Double($0.int(-800...800)) / 8) },
    ]

    /// A table of 0…`maxRows` rows over `columns` pool columns (null in about one cell in six).
    static func table(_ random: inout FuzzRandom, columns: [FuzzColumn], maxRows: Int) -> Table {
        let rows = random.chance(0.1) ? 0 : random.int(1...maxRows)
        let generators = columns.map { column in pool.first { $0.column.name == column.name }! }
        let values: [[Value]] = generators.map { generator in
            (0..<rows).map { _ in random.chance(0.16) ? .null : generator.values(&random) }
        }
        return Table(schema: Schema(columns.map { Field($0.name, $0.type) }),
                     columns: zip(columns, values).map { Column(type: $0.type, values: $1) })
    }

    /// Pool columns for a table: `count` of them, `k` usually among them.
    static func columns(_ random: inout FuzzRandom, count: Int) -> [FuzzColumn] {
        var chosen = random.sample(pool.map(\.column).filter { $0.name != "k" }, count: count)
        if random.chance(0.75) { chosen.insert(pool[0].column, at: random.int(0...chosen.count)) }
        return chosen
    }

    // MARK: - Values

    static let extremeInts: [Int64] = [
        Int64.max, Int64.min, Int64.max - 1, Int64.min + 1,
        9_007_199_254_740_992, 9_007_199_254_740_993, -9_007_199_254_740_993, 9_007_199_254_740_991,
        2_147_483_648, -2_147_483_649, 4_294_967_296, 3_000_000_000, 4_611_686_018_427_387_904,
    ]
    /// No -0.0: a SQLite REAL column stores it as 0.0 (ENGINES.md), so table data cannot hold
    /// it on every engine (computed -0.0 is still generated, by literals in pipelines).
    static let extremeFloats: [Double] = [
        0.0, 1.0, -1.5, 2.5, -2.5, 0.5, 0.1, 0.2, 0.3, 0.30000000000000004, 2.675,
        1e308, -1e308, 1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 1e-300,
        9007199254740992.0, 9007199254740994.0, 4503599627370495.5, 0.49999999999999994,
        1e15, 1e16, 1e19, -1e19, 9.223372036854775807e18, 123456.789, 1e-7, 3.0e10,
    ]

    static func wildInt(_ random: inout FuzzRandom) -> Int64 {
        switch random.int(0...3) {
        case 0: return Int64(random.int(-3...3))
        case 1: return Int64(random.int(-1_000_000...1_000_000))
        case 2: return Int64(bitPattern: random.next())
        default:
            return random.pick(extremeInts)
        }
    }

    static func wildFloat(_ random: inout FuzzRandom) -> Double {
        let value = signedWildFloat(&random)
        return value == 0 ? 0.0 : value // never -0.0 (see extremeFloats)
    }

    private static func signedWildFloat(_ random: inout FuzzRandom) -> Double {
        switch random.int(0...3) {
        case 0: return Double(random.int(-20...20)) / 4
        case 1:
            // A random double of moderate exponent with all 53 bits of mantissa.
            let mantissa = Double(random.next() >> 11) / Double(1 << 53)
            return (random.chance(0.5) ? -1 : 1) * mantissa * pow(10, Double(random.int(-12...15)))
        case 2: return Double(bitPattern: random.next() & 0x7FEF_FFFF_FFFF_FFFF) * (random.chance(0.5) ? -1 : 1)
        default:
            return random.pick(extremeFloats)
        }
    }

    static let asciiTexts = ["", " ", "a", "A", "abc", "ABC", "NULL", "null", "NA", "NaN", "a b ", "  x  ",
                             "'", "\"", "\\", "tab\there", "%", "_", "a%b_c", "[x]", "$x", "$(x)", "12abc",
                             "1e5", "1.5", "-7", "007", "0", "2024-02-29", "2023-02-29", "zz", "true",
                             "9223372036854775807", "99999999999999999999", "0001-01-01", "0000-01-01", "x,y", "\\n"]
    /// Beyond ASCII: accents (precomposed and combining), letters that change length in upper
    /// case, emoji (with joiners), right-to-left text.
    static let unicodeTexts = ["é", "e\u{301}", "É", "naïve", "😀", "👩‍👩‍👧", "ß", "İ", "ǅ", "Ωmega", "日本語",
                               "שלום", "a\u{301}\u{302}", "\u{FEFF}bom", "ﬁ", "𝔘", "Ä'\"\\"]

    static func wildText(_ random: inout FuzzRandom, ascii: Bool) -> String {
        // No U+0000 (PostgreSQL text cannot hold it; ENGINES.md) and no line breaks (a conformance
        // case's data rows are lines, so such a value could not be written as a case).
        let choices = ascii ? asciiTexts : asciiTexts + unicodeTexts + unicodeTexts
        switch random.int(0...4) {
        case 0: return random.pick(choices) + random.pick(choices)
        case 1 where !ascii: return random.pick(unicodeTexts)
        default: return random.pick(choices)
        }
    }

    static func days(_ year: Int, _ month: Int, _ day: Int) -> Int32 {
        Int32(CivilDate(year: year, month: month, day: day).daysSinceEpoch)
    }

    static func wildDate(_ random: inout FuzzRandom) -> Int32 {
        switch random.int(0...2) {
        case 0: return days(random.int(1990...2030), random.int(1...12), random.int(1...28))
        case 1: return days(random.int(1...9999), random.int(1...12), random.int(1...28))
        default:
            let edges: [Int32] = [days(1, 1, 1), days(9999, 12, 31), days(1677, 9, 21), days(1677, 9, 20),
                                  days(2262, 4, 11), days(2262, 4, 12), days(1970, 1, 1), days(1969, 12, 31),
                                  days(2000, 2, 29), days(2024, 2, 29), days(1900, 3, 1), days(1899, 12, 30),
                                  days(1582, 10, 10), days(2024, 12, 31)]
            return random.pick(edges)
        }
    }

    static func wildDatetime(_ random: inout FuzzRandom) -> Int64 {
        let second = Int64(random.int(0...86_399)) * 1_000_000
        let fraction: Int64 = random.pick([0, 0, 0, 500_000, 1, 123_456, 999_999])
        return Int64(wildDate(&random)) * 86_400_000_000 + second + fraction
    }
}
