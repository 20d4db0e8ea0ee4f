import Foundation
import RexData
import RexODBC
import RexTestSupport

/// The servers every data-path test runs on.
enum TestServer: String, CaseIterable, CustomStringConvertible, Sendable {
    case postgres
    case sqlite

    var description: String { rawValue }

    /// A new connection (SQLite: a new temporary database file).
    func connect() throws -> Connection {
        switch self {
        case .postgres: return try Connection(connectionString: try TestEnvironment.postgres)
        case .sqlite: return try Connection(connectionString: TestEnvironment.sqliteDatabase().connectionString)
        }
    }

    /// The column type used for a rex type in test tables.
    func sqlType(_ type: DataType) -> String {
        switch (self, type) {
        case (.postgres, .int): return "bigint"
        case (.postgres, .float): return "double precision"
        case (.postgres, .text): return "text"
        case (.postgres, .bool): return "boolean"
        case (.postgres, .date): return "date"
        case (.postgres, .datetime): return "timestamp"
        case (.postgres, .bytes): return "bytea"
        case (.sqlite, .int): return "INTEGER"
        case (.sqlite, .float): return "REAL"
        case (.sqlite, .text): return "TEXT"
        case (.sqlite, .bool): return "BOOLEAN"
        case (.sqlite, .date): return "DATE"
        case (.sqlite, .datetime): return "TIMESTAMP"
        case (.sqlite, .bytes): return "BLOB"
        }
    }
}

/// A tiny local identifier quoting for tests (the real one lives in RexCompiler/SQL).
func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

/// A table name no other test uses.
func uniqueTableName(_ prefix: String) -> String {
    prefix + "_" + UUID().uuidString.prefix(8).lowercased()
}

/// Creates `name` with the schema of `table` and inserts its rows.
func createAndInsert(_ table: Table, named name: String, on server: TestServer, connection: Connection,
                     method: BulkInsertMethod? = nil) throws {
    let columns = table.schema.fields.map { "\(quoted($0.name)) \(server.sqlType($0.type))" }
    try connection.execute("CREATE TABLE \(quoted(name)) (\(columns.joined(separator: ", ")))")
    try connection.insert(table, into: quoted(name), quotedColumns: table.schema.names.map(quoted), method: method)
}

/// Reads `name` back ordered by its first column, floats exact on SQLite too.
func readBack(_ name: String, schema: Schema, on server: TestServer, connection: Connection,
              options: FetchOptions = FetchOptions()) throws -> Table {
    let select = schema.fields.map {
        ExactRead.selectExpression(quoted($0.name), type: $0.type, on: connection.serverKind) + " AS " + quoted($0.name)
    }
    var options = options
    options.requestedTypes = schema.fields.map(\.type)
    return try connection.fetchAll("SELECT \(select.joined(separator: ", ")) FROM \(quoted(name)) ORDER BY 1", options: options)
}

/// Rows of a table as values, for comparisons with readable failures.
func rows(_ table: Table) -> [[Value]] { (0..<table.rowCount).map(table.row) }

/// Deterministic pseudo-random bytes (SplitMix64).
func pseudoRandomBytes(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
    var state = seed
    var bytes = [UInt8]()
    bytes.reserveCapacity(count)
    while bytes.count < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        withUnsafeBytes(of: z) { bytes.append(contentsOf: $0.prefix(count - bytes.count)) }
    }
    return bytes
}

/// Days since the epoch of a calendar date.
func day(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> Int32 {
    Int32(CivilDate(year: year, month: month, day: dayOfMonth).daysSinceEpoch)
}

/// Microseconds since the epoch of a date and time (UTC).
func instant(_ year: Int, _ month: Int, _ dayOfMonth: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0, micros: Int = 0) -> Int64 {
    Int64(day(year, month, dayOfMonth)) * 86_400_000_000 + Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + Int64(micros)
}

/// Peak and current resident memory of this process in KiB (/proc/self/status).
func memoryStatus() -> (peak: Int, current: Int) {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func value(_ key: String) -> Int {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0
    }
    return (value("VmHWM:"), value("VmRSS:"))
}
