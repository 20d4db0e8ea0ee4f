import RexData

/// Writes a result table that arrives block by block (bounded memory).
public protocol ResultWriter {
    func begin(_ schema: Schema)
    func write(_ block: Table)
    func end(rowCount: Int)
}

/// Output formats of `:format` / `--format` (SPEC §5).
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, markdown
}
