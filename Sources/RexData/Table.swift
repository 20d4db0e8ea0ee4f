/// A materialised relation: a schema and one column per field, all of one length.
public struct Table: Sendable, Equatable {
    public var schema: Schema
    public var columns: [Column]

    public init(schema: Schema, columns: [Column]) {
        precondition(schema.fields.count == columns.count, "one column per field")
        precondition(Set(columns.map(\.count)).count <= 1, "columns must have equal lengths")
        self.schema = schema
        self.columns = columns
    }

    /// An empty table of the given schema.
    public init(emptyWith schema: Schema) {
        self.init(schema: schema, columns: schema.fields.map { Column(type: $0.type, values: []) })
    }

    public var rowCount: Int { columns.first?.count ?? 0 }

    /// The column called `name`, if any.
    public func column(named name: String) -> Column? {
        schema.fields.firstIndex { $0.name == name }.map { columns[$0] }
    }

    /// Row `index` as values, in schema order.
    public func row(_ index: Int) -> [Value] { columns.map { $0[index] } }
}
