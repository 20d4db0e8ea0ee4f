import Foundation
import RexPrelude

/// The bundled data sets of `sample NAME` (SPEC §2), built in pure Swift so that
/// using them never starts the embedded Python.
///
/// - `iris`: Fisher's iris measurements (150 rows, as R's `datasets::iris`), read
///   from the embedded `prelude/data/iris.csv`.
/// - `airline`: 600,000 rows shaped like revoscalepy's AirlineDemoSmall
///   (`ArrDelay` int with about 2.9% missing, `CRSDepTime` float 0–24,
///   `DayOfWeek` text Monday…Sunday), generated from a fixed seed: the same rows
///   on every run.
public enum SampleData {
    /// The names `sample` accepts, sorted.
    public static let names = ["airline", "iris"]

    /// The sample table called `name`, or nil when there is none.
    public static func table(named name: String) -> Table? {
        switch name {
        case "iris": return iris()
        case "airline": return airline()
        default: return nil
        }
    }

    /// The schema of the sample table called `name` (without building its rows).
    public static func schema(named name: String) -> Schema? {
        switch name {
        case "iris": return irisSchema
        case "airline": return airlineSchema
        default: return nil
        }
    }

    // MARK: - iris

    static let irisSchema = Schema([
        Field("Sepal_Length", .float), Field("Sepal_Width", .float),
        Field("Petal_Length", .float), Field("Petal_Width", .float),
        Field("Species", .text),
    ])

    /// Parses the embedded iris CSV (header row, four numbers and a species per line).
    static func iris() -> Table? {
        guard let text = Prelude.text("data/iris.csv") else { return nil }
        var measures: [[Double]] = Array(repeating: [], count: 4)
        var species = VarBuffer()
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 5 else { return nil }
            for index in 0..<4 {
                guard let value = Double(fields[index]) else { return nil }
                measures[index].append(value)
            }
            species.append(String(fields[4]))
        }
        let validity = Array(repeating: true, count: species.count)
        let columns = measures.map { Column(storage: .float($0), validity: validity) }
            + [Column(storage: .text(species), validity: validity)]
        return Table(schema: irisSchema, columns: columns)
    }

    // MARK: - airline

    static let airlineSchema = Schema([
        Field("ArrDelay", .int), Field("CRSDepTime", .float), Field("DayOfWeek", .text),
    ])

    /// Rows of the generated airline sample.
    public static let airlineRowCount = 600_000

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Generates the airline sample. Delays are a normal core (on-time flights)
    /// plus an exponential tail of late flights that grows with the departure
    /// hour, clamped to −86…1490 (both bounds occur); 2.9% of delays are missing.
    /// Works on raw buffers so that even a debug build takes only seconds.
    static func airline() -> Table {
        let count = airlineRowCount
        let names = weekdays.map { Array($0.utf8) }

        var delays = [Int64](repeating: 0, count: count)
        var delayValid = [Bool](repeating: true, count: count)
        var departures = [Double](repeating: 0, count: count)
        var dayIndex = [Int](repeating: 0, count: count)
        delays.withUnsafeMutableBufferPointer { delays in
            delayValid.withUnsafeMutableBufferPointer { delayValid in
                departures.withUnsafeMutableBufferPointer { departures in
                    dayIndex.withUnsafeMutableBufferPointer { dayIndex in
                        generateFlights(delays: delays, delayValid: delayValid, departures: departures, days: dayIndex)
                    }
                }
            }
        }
        // The extremes of the original data, at fixed rows.
        delays[123_456] = 1490
        delayValid[123_456] = true
        delays[456_789] = -86
        delayValid[456_789] = true

        let allValid = [Bool](repeating: true, count: count)
        return Table(schema: airlineSchema, columns: [
            Column(storage: .int(delays), validity: delayValid),
            Column(storage: .float(departures), validity: allValid),
            Column(storage: .text(textBuffer(indices: dayIndex, names: names)), validity: allValid),
        ])
    }

    /// Fills one row per index from a fixed seed.
    private static func generateFlights(delays: UnsafeMutableBufferPointer<Int64>, delayValid: UnsafeMutableBufferPointer<Bool>,
                                        departures: UnsafeMutableBufferPointer<Double>, days: UnsafeMutableBufferPointer<Int>) {
        var random = SplitMix64(seed: 0x5EED_A1B1_DE1A_7000)
        // AirlineDemoSmall's weekday frequencies (Monday … Sunday).
        let dayWeights = CumulativeWeights([97_975, 77_725, 78_875, 81_304, 82_987, 86_159, 94_975])
        // Relative number of departures scheduled in each hour 0…23.
        let hourWeights = CumulativeWeights([3, 1, 1, 1, 2, 8, 40, 62, 66, 60, 58, 56, 58, 57, 55, 54, 58, 60, 56, 48, 40, 28, 16, 8])
        for row in 0..<delays.count {
            let hour = hourWeights.pick(random.next())
            let minute = Int(random.next() % 12) * 5
            let departure = Double(hour) + Double(minute) / 60
            departures[row] = departure
            days[row] = dayWeights.pick(random.next())
            var delay = -4 + 11 * random.normal()
            if random.uniform() < 0.25 {
                delay -= (30 + 2.2 * departure) * log(1 - random.uniform())
            }
            delays[row] = Int64(min(1490, max(-86, delay.rounded())))
            delayValid[row] = random.uniform() >= 0.029
        }
    }

    /// A text buffer whose value i is names[indices[i]].
    static func textBuffer(indices: [Int], names: [[UInt8]]) -> VarBuffer {
        var offsets = [Int](repeating: 0, count: indices.count + 1)
        offsets.withUnsafeMutableBufferPointer { offsets in
            indices.withUnsafeBufferPointer { indices in
                for row in 0..<indices.count { offsets[row + 1] = offsets[row] + names[indices[row]].count }
            }
        }
        var bytes = [UInt8](repeating: 0, count: offsets[indices.count])
        bytes.withUnsafeMutableBytes { bytes in
            offsets.withUnsafeBufferPointer { offsets in
                indices.withUnsafeBufferPointer { indices in
                    for row in 0..<indices.count {
                        names[indices[row]].withUnsafeBytes { name in
                            (bytes.baseAddress! + offsets[row]).copyMemory(from: name.baseAddress!, byteCount: name.count)
                        }
                    }
                }
            }
        }
        return VarBuffer(bytes: bytes, offsets: offsets)
    }
}

/// Draws an index with probability weights[i] / total from one random number.
struct CumulativeWeights {
    private let bounds: [UInt64]
    private let total: UInt64

    init(_ weights: [UInt64]) {
        var running: UInt64 = 0
        bounds = weights.map { running += $0; return running }
        total = running
    }

    func pick(_ random: UInt64) -> Int {
        let target = random.multipliedFullWidth(by: total).high  // uniform in 0..<total
        var index = 0
        while target >= bounds[index] { index += 1 }
        return index
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic generator, for the
/// sample data and for tests that must replay the same random cases.
public struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal draw (Box–Muller, one of the pair).
    mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1.0p-53)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}
