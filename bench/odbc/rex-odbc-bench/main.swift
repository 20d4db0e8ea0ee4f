// rex-odbc-bench: reads one query's result through RexODBC in blocks and reports rows,
// time and memory on one line. Used by bench/odbc/run.sh (rex vs pyodbc) and by the
// bounded-memory test, which needs a process of its own to measure peak RSS.
//
//   rex-odbc-bench CONNECTION-STRING SQL
// prints: rows=N blocks=B rows_per_block=R seconds=S base_kib=K peak_kib=P data_bytes=D
//   rex-odbc-bench --values CONNECTION-STRING SQL
// prints the process locale (`locale=…`, taken from the environment as rex does), then every
// row's values separated by tabs (the Unicode test runs it under LANG=C).
//   rex-odbc-bench --upload CONNECTION-STRING TABLE ROWS [arrays|values|unnest [ROWS-PER-BATCH]]
// creates TABLE (bigint, float8, text of ~20 characters, date; 5% NULLs, deterministic) and
// uploads ROWS rows with `Connection.insert` in one transaction (the server's method, or the one named); prints rows, seconds (the
// insert alone) and peak memory (bench/ and docs/BENCHMARKS.md).
import Foundation
import RexData
import RexODBC

func memoryKiB(_ key: String) -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0
}

setlocale(LC_ALL, "")
var arguments = CommandLine.arguments
let printValues = arguments.count > 1 && arguments[1] == "--values"
if arguments.count >= 5, arguments[1] == "--upload" {
    do {
        let connection = try Connection(connectionString: arguments[2])
        let name = arguments[3], count = Int(arguments[4]) ?? 0
        var ints: [Int64] = [], floats: [Double] = [], days: [Int32] = [], text = VarBuffer()
        var valid: [[Bool]] = [[], [], [], []]
        var state: UInt64 = 0x5EED
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        for row in 0..<count {
            for column in 0..<4 { valid[column].append(next() % 20 != 0) }
            ints.append(Int64(bitPattern: next()) >> 20)
            floats.append(Double(next() % 1_000_000_000) / 1000.0)
            text.append("name \(row) " + String(repeating: "x", count: Int(next() % 10)))
            days.append(Int32(next() % 20_000))
        }
        let table = Table(schema: Schema([Field("i", .int), Field("f", .float), Field("t", .text), Field("d", .date)]), columns: [
            Column(storage: .int(ints), validity: valid[0]), Column(storage: .float(floats), validity: valid[1]),
            Column(storage: .text(text), validity: valid[2]), Column(storage: .date(days), validity: valid[3]),
        ])
        let types = connection.serverKind == .postgres ? ["bigint", "float8", "text", "date"] : ["INTEGER", "REAL", "TEXT", "DATE"]
        _ = try? connection.execute("DROP TABLE \(name)")
        try connection.execute("CREATE TABLE \(name) (i \(types[0]), f \(types[1]), t \(types[2]), d \(types[3]))")
        let start = Date()
        let methods: [String: BulkInsertMethod] = ["arrays": .parameterArrays, "values": .multiRowValues, "unnest": .unnestArrays]
        let method = arguments.count > 5 ? methods[arguments[5]] : nil
        let maxRows = arguments.count > 6 ? Int(arguments[6]) : nil
        let inserted = try connection.insert(table, into: name, quotedColumns: ["i", "f", "t", "d"], method: method, maxRowsPerBatch: maxRows)
        print("rows=\(inserted) seconds=\(Date().timeIntervalSince(start)) peak_kib=\(memoryKiB("VmHWM:"))")
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("rex-odbc-bench: \(error)\n".utf8))
        exit(1)
    }
}
if printValues { arguments.remove(at: 1) }
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: rex-odbc-bench [--values] CONNECTION-STRING SQL\n".utf8))
    exit(2)
}
do {
    if printValues {
        let connection = try Connection(connectionString: arguments[1])
        print("locale=\(String(cString: setlocale(LC_CTYPE, nil)))")
        let table = try connection.fetchAll(arguments[2])
        for row in 0..<table.rowCount { print(table.row(row).map(\.description).joined(separator: "\t")) }
        exit(0)
    }
    let connection = try Connection(connectionString: arguments[1])
    let base = memoryKiB("VmRSS:")
    let start = Date()
    let stream = try connection.query(arguments[2])
    var rows = 0, blocks = 0, dataBytes = 0
    while let block = try stream.nextBlock() {
        rows += block.rowCount
        blocks += 1
        for column in block.columns {
            switch column.storage {
            case .int(let v): dataBytes += v.count * 8
            case .float(let v): dataBytes += v.count * 8
            case .bool(let v): dataBytes += v.count
            case .date(let v): dataBytes += v.count * 4
            case .datetime(let v): dataBytes += v.count * 8
            case .text(let b), .bytes(let b): dataBytes += b.bytes.count + b.offsets.count * 8
            }
            dataBytes += column.count
        }
    }
    let seconds = Date().timeIntervalSince(start)
    print("rows=\(rows) blocks=\(blocks) rows_per_block=\(stream.rowsPerBlock) seconds=\(seconds) base_kib=\(base) peak_kib=\(memoryKiB("VmHWM:")) data_bytes=\(dataBytes)")
} catch {
    FileHandle.standardError.write(Data("rex-odbc-bench: \(error)\n".utf8))
    exit(1)
}
