import RexData
import RexRuntime

/// Gathers a result table for one `table` message (docs/SERVE.md): every row when there
/// are at most `limit`, else the first `limit / 2` and the last `limit - limit / 2` with
/// the total between, as the terminal cuts it. Rows are encoded as they stream in and
/// only the kept ones are held, so memory stays bounded however long the result.
struct ServeTableBuilder {
    /// Most rows sent; nil sends every row.
    let limit: Int?
    /// Significant digits of the `display` texts of float cells (`:set digits`).
    let floatDigits: Int
    private(set) var rowCount = 0
    private var head: [Row] = []
    /// The latest rows after the head, a ring of at most `tailLimit` rows starting at `tailStart`.
    private var tail: [Row] = []
    private var tailStart = 0

    /// One kept row: its exact values, and its float cells as a terminal shows them (null when
    /// the table has no float column).
    private struct Row {
        var values: ServeJSON
        var display: ServeJSON
    }

    init(limit: Int?, floatDigits: Int = FloatDisplay.defaultDigits) {
        self.limit = limit.flatMap { $0 > 0 ? max($0, 2) : nil }
        self.floatDigits = floatDigits
    }

    private var headLimit: Int { limit.map { $0 / 2 } ?? Int.max }
    private var tailLimit: Int { limit.map { $0 - $0 / 2 } ?? Int.max }

    mutating func add(_ block: Table) {
        let hasFloats = Self.hasFloats(block.schema)
        for row in 0..<block.rowCount {
            rowCount += 1
            let encoded = Row(values: .array(block.columns.map { JSONCell.value($0, row) }),
                              display: hasFloats ? .array(block.columns.map { displayCell($0, row) }) : .null)
            if head.count < headLimit {
                head.append(encoded)
            } else if tail.count < tailLimit {
                tail.append(encoded)
            } else {
                tail[tailStart] = encoded
                tailStart = (tailStart + 1) % tail.count
            }
        }
    }

    /// A `display` is sent only for tables with a float column.
    private static func hasFloats(_ schema: Schema) -> Bool {
        schema.fields.contains { $0.type == .float }
    }

    /// A float cell as the terminal table shows it (FloatDisplay, the session's digits);
    /// null for NULL and for every other type, which clients show from the value itself.
    private func displayCell(_ column: Column, _ row: Int) -> ServeJSON {
        guard column.validity[row], case .float(let values) = column.storage else { return .null }
        return .string(FloatDisplay.text(values[row], digits: floatDigits))
    }

    /// True when rows were left out.
    var truncated: Bool { rowCount > head.count + tail.count }

    /// The message's fields for a table of `schema`.
    func fields(schema: Schema) -> [(String, ServeJSON)] {
        let lastRows = Array(tail[tailStart...] + tail[..<tailStart])
        let columns = ServeJSON.array(schema.fields.map {
            .object([("name", .string($0.name)), ("type", .string($0.type.rawValue))])
        })
        let shownRows = truncated ? head : head + lastRows
        let shownTail = truncated ? lastRows : []
        var fields: [(String, ServeJSON)] = [
            ("columns", columns),
            ("rows", .array(shownRows.map(\.values))),
            ("tail", .array(shownTail.map(\.values))),
            ("row_count", .int(rowCount)),
            ("truncated", .bool(truncated)),
        ]
        if Self.hasFloats(schema) {
            fields.append(("display", .object([("rows", .array(shownRows.map(\.display))),
                                               ("tail", .array(shownTail.map(\.display)))])))
        }
        return fields
    }
}
