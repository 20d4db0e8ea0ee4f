import RexData

/// How to read a stored value exactly through each driver.
///
/// sqliteodbc converts REAL through 15-significant-digit text, so a double such as 0.1 + 0.2
/// comes back changed. Reading `printf('%!.17g', x)` (the `!` lifts SQLite's 16-digit printf limit) as text and asking the fetch for `.float`
/// (`FetchOptions.requestedTypes`) gives every bit back. Other servers need nothing.
public enum ExactRead {
    /// The select-list expression reading `quotedColumn` (of rex type `type`) exactly on `kind`;
    /// alias it yourself. Pair it with `FetchOptions(requestedTypes:)` holding `type`.
    public static func selectExpression(_ quotedColumn: String, type: DataType, on kind: ServerKind) -> String {
        guard kind == .sqlite, type == .float else { return quotedColumn }
        // printf of NULL is '' in SQLite; keep NULL as NULL.
        return "CASE WHEN \(quotedColumn) IS NULL THEN NULL ELSE printf('%!.17g', \(quotedColumn)) END"
    }
}
