import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexODBC

/// Answers the resolver's questions about sources from the current connection's
/// catalog and the CSV reader (SPEC §2 types).
struct SessionSchemaProvider: SchemaProvider {
    let connection: NamedConnection?

    func tableSchema(_ nameParts: [String]) throws -> Schema? {
        guard let connection else {
            throw RuntimeError("'table \(nameParts.joined(separator: "."))' needs a connection",
                               help: "connect first with :connect CONNSTR, or use a csv or sample source")
        }
        let name = nameParts.last ?? ""
        let schema = nameParts.count > 1 ? nameParts[nameParts.count - 2] : nil
        let columns = try connection.connection.columns(ofTable: name, schema: schema)
        if columns.isEmpty { return nil }
        var fields: [Field] = []
        for column in columns {
            guard let type = column.type else {
                throw RuntimeError("column '\(column.name)' of table '\(nameParts.joined(separator: "."))' has type \(column.typeName), which rex cannot read",
                                   help: "select it with a cast in a sql \"…\" source")
            }
            fields.append(Field(column.name, type))
        }
        return Schema(fields)
    }

    func tableNames() -> [String] {
        guard let connection, let tables = try? connection.connection.tables() else { return [] }
        return tables.map(\.name)
    }

    func sqlSchema(_ query: String) throws -> Schema {
        try sqlSchema(TemplateText(query))
    }

    /// The result schema with the query's script variables bound as they will be when it runs.
    func sqlSchema(_ query: TemplateText) throws -> Schema {
        guard let connection else {
            throw RuntimeError("a sql \"…\" source needs a connection", help: "connect first with :connect CONNSTR")
        }
        let rules = try connection.passthroughRules(needed: query.hasVariables)
        let statement = SQLStatement(compiled: try SQLPassthrough.compiled(query, rules: rules))
        return try connection.connection.resultSchema(statement.text, parameters: statement.parameters)
    }

    func csvSchema(path: String, separator: String) throws -> Schema {
        try CSVReader.schema(path: path, separator: separator.first ?? ",", checkpoint: InterruptController.shared.checkpoint)
    }
}

/// CSV schemas kept while the file keeps its size and modification time: Tab completion
/// infers a large CSV's types (a pass over all of it) once, not at every Tab, and a `csv`
/// source read right after its statement was resolved skips that pass.
final class CSVSchemaCache {
    private struct Key: Hashable {
        let path: String
        let separator: String
        let size: UInt64
        let modified: Date
    }

    private var entries: [Key: Schema] = [:]

    /// The cached schema of `path`, or `infer()`'s, kept for next time.
    func schema(path: String, separator: String, infer: () throws -> Schema) throws -> Schema {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.uint64Value,
              let modified = attributes[.modificationDate] as? Date else { return try infer() }
        let key = Key(path: path, separator: separator, size: size, modified: modified)
        if let schema = entries[key] { return schema }
        let schema = try infer()
        if entries.count >= 16 { entries.removeAll() }
        entries[key] = schema
        return schema
    }

    /// The schema kept for `path` if the file still has the size and modification time it
    /// had when the schema was inferred.
    func cached(path: String, separator: String) -> Schema? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.uint64Value,
              let modified = attributes[.modificationDate] as? Date else { return nil }
        return entries[Key(path: path, separator: separator, size: size, modified: modified)]
    }
}

/// `base`, with CSV schemas through a `CSVSchemaCache`.
struct CachingCSVSchemaProvider: SchemaProvider {
    let base: SessionSchemaProvider
    let cache: CSVSchemaCache

    func tableSchema(_ nameParts: [String]) throws -> Schema? { try base.tableSchema(nameParts) }
    func tableNames() -> [String] { base.tableNames() }
    func sqlSchema(_ query: String) throws -> Schema { try base.sqlSchema(query) }
    func sqlSchema(_ query: TemplateText) throws -> Schema { try base.sqlSchema(query) }
    func csvSchema(path: String, separator: String) throws -> Schema {
        try cache.schema(path: path, separator: separator) { try base.csvSchema(path: path, separator: separator) }
    }
}
