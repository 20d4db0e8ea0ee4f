import RexData
import RexImage
import RexODBC // Table(concatenating:)

/// Rows of a result, read block by block (a server stream, or one local table).
public final class ResultRows {
    public let schema: Schema
    private let next: () throws -> Table?

    public init(schema: Schema, next: @escaping () throws -> Table?) {
        self.schema = schema
        self.next = next
    }

    /// A result that is already in memory.
    public convenience init(_ table: Table) {
        var pending: Table? = table
        self.init(schema: table.schema) {
            defer { pending = nil }
            return pending
        }
    }

    /// The next block, or nil at the end.
    public func nextBlock() throws -> Table? { try next() }

    /// Every remaining row as one table.
    public func collect() throws -> Table {
        var blocks: [Table] = []
        while let block = try nextBlock() { blocks.append(block) }
        return Table(concatenating: blocks, schema: schema)
    }
}

/// What a statement produced.
public enum Outcome {
    /// A table to print; `kind` tells the REPL how a terminal shows it.
    case table(ResultRows, kind: TableKind)
    case image(ImageResult)
    case value(Value)
    /// A short confirmation (`wrote 150 rows to table iris_data`).
    case message(String)
    /// Nothing to show (`let`, `def`).
    case none
}

/// How a result table is meant to be read.
public enum TableKind {
    case plain
    /// An rx_summary table (SPEC §2 `summary`).
    case summary(columns: [String])
    /// A linmod coefficient table with the fit statistics shown under it.
    case linmod(formula: String, fit: [String: Value], context: String)
}

/// What a statement produced, with the text Python printed on the way (shown first).
public struct StatementResult {
    public var printed: String
    public var outcome: Outcome

    public init(printed: String = "", outcome: Outcome) {
        self.printed = printed
        self.outcome = outcome
    }

    /// The same result with a table's rows read into memory (so that nothing streams from
    /// the server any more, e.g. before the tables the query read are dropped).
    func materialized() throws -> StatementResult {
        guard case .table(let rows, let kind) = outcome else { return self }
        return StatementResult(printed: printed, outcome: .table(ResultRows(try rows.collect()), kind: kind))
    }
}
