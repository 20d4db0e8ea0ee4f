import RexData

/// Gathers a result table for one `table` message (docs/SERVE.md): every row when there
/// are at most `limit`, else the first `limit / 2` and the last `limit - limit / 2` with
/// the total between, as the terminal cuts it. Rows are encoded as they stream in and
/// only the kept ones are held, so memory stays bounded however long the result.
struct ServeTableBuilder {
    /// Most rows sent; nil sends every row.
    let limit: Int?
    private(set) var rowCount = 0
    private var head: [ServeJSON] = []
    /// The latest rows after the head, a ring of at most `tailLimit` rows starting at `tailStart`.
    private var tail: [ServeJSON] = []
    private var tailStart = 0

    init(limit: Int?) {
        self.limit = limit.flatMap { $0 > 0 ? max($0, 2) : nil }
    }

    private var headLimit: Int { limit.map { $0 / 2 } ?? Int.max }
    private var tailLimit: Int { limit.map { $0 - $0 / 2 } ?? Int.max }

    mutating func add(_ block: Table) {
        for row in 0..<block.rowCount {
            let encoded = ServeJSON.array(block.columns.map { JSONCell.value($0, row) })
            rowCount += 1
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

    /// True when rows were left out.
    var truncated: Bool { rowCount > head.count + tail.count }

    /// The message's fields for a table of `schema`.
    func fields(schema: Schema) -> [(String, ServeJSON)] {
        let lastRows = Array(tail[tailStart...] + tail[..<tailStart])
        let columns = ServeJSON.array(schema.fields.map {
            .object([("name", .string($0.name)), ("type", .string($0.type.rawValue))])
        })
        return [
            ("columns", columns),
            ("rows", .array(truncated ? head : head + lastRows)),
            ("tail", .array(truncated ? lastRows : [])),
            ("row_count", .int(rowCount)),
            ("truncated", .bool(truncated)),
        ]
    }
}
