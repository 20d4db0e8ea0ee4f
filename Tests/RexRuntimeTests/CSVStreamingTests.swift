import Foundation
import RexData
@testable import RexRuntime
import Testing

@Suite("CSV source streams")
struct CSVStreamingTests {
    @Test("codes with leading zeros or a plus stay text; 0, -0, 0.5, 0e5 stay numbers; 0001-01-01 is a date")
    func leadingZeros() throws {
        let table = try CSVReader.parse("""
        zip,neg,half,phone,zero,negzero,frac,exp,day,big
        007,-07,00.5,+442071234567,0,-0,0.5,0e5,0001-01-01,-9223372036854775808
        123,5,1.5,+1,10,3,2,1,2024-02-29,9223372036854775807
        """)
        #expect(table.schema.fields.map(\.type) == [.text, .text, .text, .text, .int, .int, .float, .float, .date, .int])
        #expect(table.row(0).prefix(4) == [.text("007"), .text("-07"), .text("00.5"), .text("+442071234567")])
        #expect(table.row(0)[5] == .int(0) && table.row(0)[7] == .float(0))
        #expect(table.row(0)[9] == .int(.min) && table.row(1)[9] == .int(.max))
        #expect(try CSVReader.parse("x\n+5\n").schema.fields[0].type == .text)
        #expect(try CSVReader.parse("x\n1e+5\n-.5\n").schema.fields[0].type == .float)
    }

    @Test("a file read in chunks of any size gives the table the whole text gives", arguments: [1, 2, 3, 5, 8, 64])
    func chunkBoundaries(chunkSize: Int) throws {
        let text = "\u{FEFF}a§b§c\r\n\"x§\"\"y\"\"\r\nz\"§2§\r\n\"\"§§\"\u{301}\"\n§-1§é🦀\n\"end\"\"\"§7§\"\"\r\n"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rex-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("t.csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let whole = try CSVReader.parse(text, separator: "§")
        #expect(whole.rowCount == 4)
        #expect(whole.row(0) == [.text("x§\"y\"\r\nz"), .int(2), .null])
        #expect(whole.row(1) == [.text(""), .null, .text("\u{301}")])
        #expect(whole.row(3) == [.text("end\""), .int(7), .text("")])
        let chunked = try CSVReader.read(path: path, separator: "§", chunkSize: chunkSize)
        #expect(chunked == whole)
        #expect(try CSVReader.schema(path: path, separator: "§", chunkSize: chunkSize) == whole.schema)
        // No final line break, and an unclosed quote at the end, in chunks too.
        try Data("a,b\n1,\"x\"".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try CSVReader.read(path: path, chunkSize: chunkSize).row(0) == [.int(1), .text("x")])
        try Data("a\n\"open\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: CSVError.self) { try CSVReader.read(path: path, chunkSize: chunkSize) }
    }

    @Test("every value is parsed exactly from its bytes: floats round-trip, malformed UTF-8 becomes U+FFFD")
    func exactValues() throws {
        let floats = [0.1 + 0.2, 5e-324, 1.7976931348623157e308, -2.2250738585072014e-308, 123456789.12345678]
        let table = try CSVReader.parse("f\n" + floats.map { "\($0)" }.joined(separator: "\n") + "\n")
        for (row, value) in floats.enumerated() { #expect(table.row(row)[0] == .float(value)) }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rex-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("bad.csv").path
        try Data([0x74, 0x0A, 0x61, 0xFF, 0x62, 0x0A]).write(to: URL(fileURLWithPath: path))
        #expect(try CSVReader.read(path: path).row(0) == [.text("a\u{FFFD}b")])
    }
}

@Suite("CSV schemas found while resolving are reused by the read")
struct CSVKnownSchemaTests {
    private func file(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rex-known-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a read with the known schema gives the table an inferring read gives; another header is an error")
    func knownSchema() throws {
        let path = try file("a,b,c\n1,2.5,x\n,3,\"y,z\"\n-4,,\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let inferred = try CSVReader.read(path: path)
        let known = try CSVReader.read(path: path, knownSchema: CSVReader.schema(path: path))
        #expect(known.schema == inferred.schema)
        #expect((0..<known.rowCount).map(known.row) == (0..<inferred.rowCount).map(inferred.row))
        let renamed = Schema([Field("a", .int), Field("B", .float), Field("c", .text)])
        let error = #expect(throws: CSVError.self) { _ = try CSVReader.read(path: path, knownSchema: renamed) }
        #expect(error?.message == "\(path): the file changed while it was read")
    }

    @Test("a statement's csv source keeps its schema for the read while the file is unchanged; a change is seen")
    func sessionCache() throws {
        let path = try file("n,s\n1,a\n2,b\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let session = try Session()
        let first = try #require(try runStatements("csv \"\(path)\" | summarize total = sum(n)", in: session))
        #expect(first.row(0) == [.int(3)])
        #expect(session.csvSchemas.cached(path: path, separator: ",") == Schema([Field("n", .int), Field("s", .text)]))
        // Rewritten with another size: inferred afresh (n is a float now).
        try Data("n,s\n1.5,a\n2,b\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(session.csvSchemas.cached(path: path, separator: ",") == nil)
        let second = try #require(try runStatements("csv \"\(path)\" | summarize total = sum(n)", in: session))
        #expect(second.row(0) == [.float(3.5)])
    }
}
