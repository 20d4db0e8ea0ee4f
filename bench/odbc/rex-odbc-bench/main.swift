// rex-odbc-bench: reads one query's result through RexODBC in blocks and reports rows,
// time and memory on one line. Used by bench/odbc/run.sh (rex vs pyodbc) and by the
// bounded-memory test, which needs a process of its own to measure peak RSS.
//
//   rex-odbc-bench CONNECTION-STRING SQL
// prints: rows=N blocks=B rows_per_block=R seconds=S base_kib=K peak_kib=P data_bytes=D
//   rex-odbc-bench --values CONNECTION-STRING SQL
// prints the process locale (`locale=…`, taken from the environment as rex does), then every
// row's values separated by tabs (the Unicode test runs it under LANG=C).
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
