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
