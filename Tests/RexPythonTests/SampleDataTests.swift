import RexData
import Testing

@Suite("Sample data")
struct SampleDataTests {
    @Test("iris is Fisher's 150 rows with R's column means")
    func iris() throws {
        let iris = try #require(SampleData.table(named: "iris"))
        #expect(iris.rowCount == 150)
        #expect(iris.schema.names == ["Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width", "Species"])
        #expect(iris.row(0) == [.float(5.1), .float(3.5), .float(1.4), .float(0.2), .text("setosa")])
        #expect(iris.row(149) == [.float(5.9), .float(3.0), .float(5.1), .float(1.8), .text("virginica")])
        let means = (0..<4).map { index -> Double in
            guard case .float(let values) = iris.columns[index].storage else { return .nan }
            return values.reduce(0, +) / Double(values.count)
        }
        for (mean, expected) in zip(means, [5.843333, 3.057333, 3.758, 1.199333]) {
            #expect(abs(mean - expected) < 1e-6)
        }
        guard case .text(let species) = iris.columns[4].storage else {
            Issue.record("Species should be text")
            return
        }
        let counts = Dictionary((0..<150).map { (species.string(at: $0), 1) }, uniquingKeysWith: +)
        #expect(counts == ["setosa": 50, "versicolor": 50, "virginica": 50])
        #expect(SampleData.table(named: "nope") == nil)
        #expect(SampleData.names == ["airline", "iris"])
        #expect(SampleData.schema(named: "iris") == iris.schema)
    }

    @Test("airline has AirlineDemoSmall's shape and is the same every time")
    func airline() throws {
        let airline = try #require(SampleData.table(named: "airline"))
        #expect(airline.rowCount == 600_000)
        #expect(airline.schema == Schema([Field("ArrDelay", .int), Field("CRSDepTime", .float), Field("DayOfWeek", .text)]))
        #expect(SampleData.schema(named: "airline") == airline.schema)
        guard case .int(let delays) = airline.columns[0].storage,
              case .float(let departures) = airline.columns[1].storage,
              case .text(let days) = airline.columns[2].storage else {
            Issue.record("unexpected storage")
            return
        }
        let validity = airline.columns[0].validity
        var present: [Int64] = []
        for row in 0..<delays.count where validity[row] { present.append(delays[row]) }
        let missing = airline.rowCount - present.count
        #expect(missing == airline.columns[0].nullCount)
        let missingShare = Double(missing) / 600_000
        #expect(missingShare > 0.025 && missingShare < 0.033)
        #expect(present.min() == -86 && present.max() == 1490)
        let mean = Double(present.reduce(0, +)) / Double(present.count)
        var squares = 0.0
        for delay in present { squares += (Double(delay) - mean) * (Double(delay) - mean) }
        let sd = (squares / Double(present.count - 1)).squareRoot()
        #expect(mean > 8 && mean < 14)
        #expect(sd > 32 && sd < 48)
        #expect(departures.allSatisfy { $0 >= 0 && $0 < 24 })
        #expect(airline.columns[1].nullCount == 0 && airline.columns[2].nullCount == 0)
        // Count levels by (first byte, length), which tells the seven names apart cheaply.
        var counts: [String: Int] = [:]
        var keyCounts = [Int](repeating: 0, count: 256 * 16)
        var firstRow: [Int: Int] = [:]
        days.offsets.withUnsafeBufferPointer { offsets in
            days.bytes.withUnsafeBufferPointer { bytes in
                for row in 0..<days.count {
                    let key = Int(bytes[offsets[row]]) * 16 + (offsets[row + 1] - offsets[row])
                    keyCounts[key] += 1
                    if keyCounts[key] == 1 { firstRow[key] = row }
                }
            }
        }
        for (key, row) in firstRow { counts[days.string(at: row)] = keyCounts[key] }
        #expect(Set(counts.keys) == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
        #expect(counts.values.reduce(0, +) == 600_000)
        #expect(Set(counts.values).count == 7)  // uneven
        let again = try #require(SampleData.table(named: "airline"))
        #expect(checksum(again) == checksum(airline))
        #expect(checksum(airline) == Self.pinnedChecksum)
        #expect(missing == Self.pinnedMissing)
    }

    static let pinnedChecksum: UInt64 = 5_152_162_422_871_299_054
    static let pinnedMissing = 17_363

    /// An FNV-1a-style hash over every 64-bit value, validity flag and text byte.
    func checksum(_ table: Table) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<T>(_ values: [T], _ word: (T) -> UInt64) {
            values.withUnsafeBufferPointer { values in
                for value in values { hash = (hash ^ word(value)) &* 0x0000_0100_0000_01B3 }
            }
        }
        for column in table.columns {
            mix(column.validity) { $0 ? 1 : 0 }
            switch column.storage {
            case .int(let values): mix(values) { UInt64(bitPattern: $0) }
            case .float(let values): mix(values) { $0.bitPattern }
            case .text(let buffer): mix(buffer.bytes) { UInt64($0) }; mix(buffer.offsets) { UInt64($0) }
            default: mix([0xDEAD]) { $0 }
            }
        }
        return hash
    }
}
