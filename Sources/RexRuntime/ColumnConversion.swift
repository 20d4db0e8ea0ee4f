import RexData

/// Brings fetched columns to the rex types the compiler expects. Some drivers report
/// computed values loosely — sqliteodbc gives booleans as integers and dates and
/// datetimes as text — so a column read as one type is converted to the type its
/// pipeline has (SPEC §2 types), value by value, exactly.
enum ColumnConversion {
    /// `table` with each column converted to the type of the same position in `schema`.
    static func conform(_ table: Table, to schema: Schema) throws -> Table {
        guard table.schema.fields.map(\.type) != schema.fields.map(\.type) else {
            return Table(schema: schema, columns: table.columns)
        }
        guard table.columns.count == schema.fields.count else {
            throw RuntimeError("the server returned \(table.columns.count) columns where \(schema.fields.count) were expected")
        }
        let columns = try zip(table.columns, schema.fields).map { column, field in
            try convert(column, to: field.type, name: field.name)
        }
        return Table(schema: schema, columns: columns)
    }

    static func convert(_ column: Column, to type: DataType, name: String) throws -> Column {
        if column.type == type { return column }
        var values: [Value] = []
        values.reserveCapacity(column.count)
        for row in 0..<column.count {
            let value = column[row]
            guard !value.isNull else { values.append(.null); continue }
            guard let converted = convert(value, to: type) else {
                throw RuntimeError("column '\(name)' came back as \(column.type) with the value \(value), which is not a \(type)",
                                   help: "check the column's type on the server")
            }
            values.append(converted)
        }
        return Column(type: type, values: values)
    }

    private static func convert(_ value: Value, to type: DataType) -> Value? {
        switch (value, type) {
        case (.int(let v), .bool): return .bool(v != 0)
        case (.int(let v), .float): return .float(Double(v))
        case (.float(let v), .int): return Int64(exactly: v).map(Value.int)
        case (.float(let v), .bool): return .bool(v != 0)
        case (.text(let t), .date):
            if let days = CSVReader.parseDate(t) { return .date(Int32(days)) }
            return CSVReader.parseDateTime(t).map { .date(Int32(CivilDate.split(microsecondsSinceEpoch: $0).days)) }
        case (.text(let t), .datetime):
            if let micros = CSVReader.parseDateTime(t) { return .datetime(micros) }
            return CSVReader.parseDate(t).map { .datetime($0 * CivilDate.microsecondsPerDay) }
        case (.text(let t), .int): return Int64(t).map(Value.int)
        case (.text(let t), .float): return Double(t).map(Value.float)
        case (.text(let t), .bool): return t == "1" || t == "true" ? .bool(true) : t == "0" || t == "false" ? .bool(false) : nil
        case (.datetime(let micros), .date): return .date(Int32(CivilDate.split(microsecondsSinceEpoch: micros).days))
        case (.date(let days), .datetime): return .datetime(Int64(days) * CivilDate.microsecondsPerDay)
        default: return nil
        }
    }
}
