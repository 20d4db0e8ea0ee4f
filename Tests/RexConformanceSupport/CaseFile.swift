import Foundation
import RexData
import RexTestSupport

/// One conformance case: datasets, statements, and the expected result (Tests/conformance/README.md).
public struct ConformanceCase: CustomStringConvertible {
    public var name: String
    public var file: String
    /// Datasets used by the case, by table name.
    public var datasets: [String: Table]
    /// `let`/`def` statements and then the pipeline, as written.
    public var source: String
    public var expectation: Expectation
    /// Engines the case does not apply to, with the reason (`--- not tsql: REASON`): on SQL
    /// Server rex keeps the server's collation (SPEC §2), so cases asserting code-point text
    /// order or case-sensitive, trailing-space-significant equality are not run there.
    public var notOn: [String: String] = [:]

    /// True when the case applies to `engine` (`tsql`, `postgres`, `sqlite`, `pandas`).
    public func applies(to engine: String) -> Bool { notOn[engine] == nil }

    public enum Expectation {
        case table(Table)
        case error(String)
    }

    /// A pipeline with `sort` is compared in order; others as multisets.
    public var isOrdered: Bool {
        source.range(of: #"\|\s*(sort|top|count_by)\b"#, options: .regularExpression) != nil
    }

    public var description: String { "\(file): \(name)" }

    public init(name: String, file: String, datasets: [String: Table], source: String, expectation: Expectation) {
        self.name = name
        self.file = file
        self.datasets = datasets
        self.source = source
        self.expectation = expectation
    }
}

public struct CaseFileError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}

/// Reads `.rexcase` files.
public enum CaseFileParser {
    /// Every case file under Tests/conformance/cases, parsed, in file order.
    public static func loadAll() throws -> [ConformanceCase] {
        let directory = TestEnvironment.packageRoot.appendingPathComponent("Tests/conformance/cases")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var cases: [ConformanceCase] = []
        for file in files.sorted() where file.hasSuffix(".rexcase") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            cases += try parse(text, file: file)
        }
        return cases
    }

    public static func parse(_ text: String, file: String) throws -> [ConformanceCase] {
        var cases: [ConformanceCase] = []
        var shared: [String: Table] = [:]
        var current: ConformanceCase?
        var section: String?
        var sectionArgument = ""
        var lines: [String] = []

        func finishSection() throws {
            guard var c = current, let name = section else { return }
            let body = lines
            lines = []
            switch name {
            case "data":
                let table = try parseTable(body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, where: "\(file): \(c.name): data \(sectionArgument)")
                c.datasets[sectionArgument] = table
                shared[sectionArgument] = table
            case "use":
                guard let table = shared[sectionArgument] else {
                    throw CaseFileError(message: "\(file): \(c.name): no dataset '\(sectionArgument)' defined earlier in the file")
                }
                c.datasets[sectionArgument] = table
            case "pipeline":
                c.source = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            case "expect":
                if sectionArgument == "error" {
                    c.expectation = .error(body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines))
                } else {
                    c.expectation = .table(try parseTable(body.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, where: "\(file): \(c.name): expect"))
                }
            case "note":
                break
            case "not":
                // `--- not ENGINE: REASON`, a line of its own with no body.
                let parts = sectionArgument.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw CaseFileError(message: "\(file): \(c.name): '--- not \(sectionArgument)' needs 'ENGINE: REASON'")
                }
                c.notOn[parts[0]] = parts[1]
            default:
                throw CaseFileError(message: "\(file): \(c.name): unknown section '--- \(name)'")
            }
            current = c
            section = nil
        }

        func finishCase() throws {
            try finishSection()
            if let c = current {
                if c.source.isEmpty { throw CaseFileError(message: "\(file): \(c.name): no pipeline") }
                cases.append(c)
            }
            current = nil
        }

        for raw in text.components(separatedBy: "\n") {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : raw
            if line.hasPrefix("=== ") {
                try finishCase()
                current = ConformanceCase(name: String(line.dropFirst(4)).trimmingCharacters(in: .whitespaces), file: file,
                                          datasets: [:], source: "", expectation: .error("no expectation"))
            } else if line.hasPrefix("--- ") {
                try finishSection()
                let words = line.dropFirst(4).split(separator: " ", maxSplits: 1).map(String.init)
                section = words.first
                sectionArgument = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
                if section == "use" || section == "not" { try finishSection() }
            } else if section != nil {
                lines.append(line)
            }
        }
        try finishCase()
        return cases
    }

    /// A header `col:type,…` and rows in the case cell syntax.
    public static func parseTable(_ lines: [String], where location: String) throws -> Table {
        guard let header = lines.first else { throw CaseFileError(message: "\(location): missing header") }
        var fields: [Field] = []
        for item in try cells(header, where: location) {
            guard let item, let colon = item.lastIndex(of: ":"),
                  let type = DataType(rawValue: String(item[item.index(after: colon)...])) else {
                throw CaseFileError(message: "\(location): header item '\(item ?? "NULL")' is not NAME:TYPE")
            }
            fields.append(Field(String(item[..<colon]), type))
        }
        var values = Array(repeating: [Value](), count: fields.count)
        for (number, line) in lines.dropFirst().enumerated() {
            let row = try cells(line, where: location)
            guard row.count == fields.count else {
                throw CaseFileError(message: "\(location): row \(number + 1) has \(row.count) cells, header has \(fields.count)")
            }
            for (index, cell) in row.enumerated() {
                values[index].append(try value(cell, fields[index].type, where: "\(location), row \(number + 1)"))
            }
        }
        return Table(schema: Schema(fields), columns: zip(fields, values).map { Column(type: $0.type, values: $1) })
    }

    /// Splits a line at commas; `"…"` quotes with `""` doubling; bare NULL is nil.
    public static func cells(_ line: String, where location: String) throws -> [String?] {
        var result: [String?] = []
        var field = ""
        var quoted = false
        var inQuotes = false
        var iterator = Array(line)[...]
        while let character = iterator.popFirst() {
            if inQuotes {
                if character == "\"" {
                    if iterator.first == "\"" { field.append("\""); iterator.removeFirst() } else { inQuotes = false }
                } else {
                    field.append(character)
                }
            } else if character == "\"" && field.isEmpty {
                inQuotes = true
                quoted = true
            } else if character == "," {
                result.append(quoted || field != "NULL" ? field : nil)
                field = ""
                quoted = false
            } else {
                field.append(character)
            }
        }
        if inQuotes { throw CaseFileError(message: "\(location): unclosed quote in '\(line)'") }
        result.append(quoted || field != "NULL" ? field : nil)
        return result
    }

    public static func value(_ cell: String?, _ type: DataType, where location: String) throws -> Value {
        guard let cell else { return .null }
        func fail() -> CaseFileError { CaseFileError(message: "\(location): '\(cell)' is not a \(type)") }
        switch type {
        case .int: guard let v = Int64(cell) else { throw fail() }; return .int(v)
        case .float: guard let v = Double(cell) else { throw fail() }; return .float(v)
        case .bool: guard cell == "true" || cell == "false" else { throw fail() }; return .bool(cell == "true")
        case .text: return .text(cell)
        case .date:
            let parts = cell.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { throw fail() }
            return .date(Int32(CivilDate(year: parts[0], month: parts[1], day: parts[2]).daysSinceEpoch))
        case .datetime:
            let pieces = cell.split(whereSeparator: { $0 == "T" || $0 == " " })
            guard pieces.count == 2 else { throw fail() }
            let d = pieces[0].split(separator: "-").compactMap { Int($0) }
            let t = pieces[1].split(separator: ":").compactMap { Double($0) }
            guard d.count == 3, t.count == 3 else { throw fail() }
            let days = CivilDate(year: d[0], month: d[1], day: d[2]).daysSinceEpoch
            let micros = Int64((t[0] * 3600 + t[1] * 60) * 1_000_000) + Int64((t[2] * 1_000_000).rounded())
            return .datetime(days * 86_400_000_000 + micros)
        case .bytes: throw fail()
        }
    }
}
