import RexCompiler
import RexData

/// The schemas a front-end fuzz input runs against, read from comment lines at its top
/// (rex ignores them, so the rest of the input is ordinary rex):
///
/// ```
/// #table n: id:int,a:int,x:float,s:text,b:bool
/// #sql: a:int,a:text
/// table n | filter a > 0
/// ```
/// `#table NAME: COLUMNS` declares a table; `#sql: COLUMNS` is the schema of every
/// `sql "…"` source. COLUMNS is a conformance-case header (`name:type,…`, names may be
/// double-quoted). A table not declared gets `defaultTable`; `csv` sources get
/// `csvSchema`. The fuzzer mutates these lines too, so odd schemas are explored as well.
struct FuzzSchemaProvider: SchemaProvider {
    /// Columns of every table the input does not declare: the names the docs and tests use.
    static let defaultTable = Schema([
        Field("id", .int), Field("a", .int), Field("b", .int), Field("n", .int), Field("k", .text),
        Field("v", .int), Field("x", .float), Field("y", .float), Field("s", .text), Field("g", .text),
        Field("d", .date), Field("ts", .datetime), Field("p", .bool), Field("raw", .bytes),
        Field("ArrDelay", .int), Field("DayOfWeek", .text), Field("Origin", .text), Field("Species", .text),
        Field("Sepal_Length", .float), Field("Petal_Width", .float), Field("year", .int),
        Field("customer_id", .int), Field("currency", .text), Field("code", .text),
    ])
    static let csvSchema = Schema([Field("path", .text), Field("n", .int), Field("x", .float), Field("day", .date)])
    static let defaultSQLSchema = Schema([Field("one", .int), Field("s", .text)])

    var tables: [String: Schema] = [:]
    var sqlResult = Self.defaultSQLSchema

    /// Reads the `#table`/`#sql` lines at the top of `source`.
    init(header source: String) {
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("#") else { break }
            if line.hasPrefix("#table "), let colon = line.firstIndex(of: ":") {
                let name = line[line.index(line.startIndex, offsetBy: 7)..<colon].trimmingCharacters(in: .whitespaces)
                // A database table has at least one column and no two of the same name.
                var seen = Set<String>()
                let fields = Self.columns(line[line.index(after: colon)...]).filter { seen.insert($0.name).inserted }
                if !name.isEmpty && !fields.isEmpty { tables[name] = Schema(fields) }
            } else if line.hasPrefix("#sql:") {
                // A query's result may repeat a name or have an empty one (T-SQL's `SELECT 1`).
                sqlResult = Schema(Self.columns(line.dropFirst(5)))
            }
        }
    }

    /// `name:type,…` with CSV quoting of names; an unknown type reads as text.
    static func columns(_ text: Substring) -> [Field] {
        var fields: [Field] = []
        var cell = ""
        var quoted = false
        var characters = text.trimmingCharacters(in: .whitespaces)[...]
        func finish() {
            if let colon = cell.lastIndex(of: ":") {
                let type = DataType(rawValue: String(cell[cell.index(after: colon)...])) ?? .text
                fields.append(Field(String(cell[..<colon]), type))
            } else if !cell.isEmpty {
                fields.append(Field(cell, .text))
            }
            cell = ""
        }
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" { cell.append("\""); characters.removeFirst() } else { quoted = false }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                finish()
            } else {
                cell.append(character)
            }
        }
        finish()
        return fields
    }

    func tableSchema(_ nameParts: [String]) throws -> Schema? {
        let name = nameParts.joined(separator: ".")
        if let schema = tables[name] { return schema }
        // Names a user cannot have meant map to no table, so `unknown table` paths run too.
        return name.hasPrefix("no") ? nil : Self.defaultTable
    }

    func tableNames() -> [String] { tables.keys.sorted() + ["flights", "orders"] }

    func sqlSchema(_ query: String) throws -> Schema { sqlResult }

    func csvSchema(path: String, separator: String) throws -> Schema { Self.csvSchema }
}
