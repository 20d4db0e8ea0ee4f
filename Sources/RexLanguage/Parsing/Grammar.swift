/// Words with a fixed meaning in some position of the grammar (SPEC §2).
public enum Grammar {
    /// The built-in verbs (reserved only right after `|`).
    public static let verbs: [String] = [
        "filter", "select", "drop", "derive", "rename", "summarize", "sort", "take", "distinct",
        "join", "append", "collect", "summary", "linmod", "plot", "python",
    ]

    /// Words that start a source when followed by their argument.
    public static let sourceKeywords: [String] = ["table", "sql", "csv", "sample", "python"]

    /// Words of the expression grammar; a column with one of these names must be backtick-quoted.
    public static let expressionKeywords: Set<String> = [
        "and", "or", "not", "is", "null", "in", "between", "true", "false",
    ]

    /// Words that end or qualify a list (`by`, `offset`, `on`) or a `join` (`this`, `that`):
    /// the printer quotes columns with these names to keep them unambiguous.
    static let contextualKeywords: Set<String> = ["by", "offset", "on", "this", "that"]

    /// The plot kinds of SPEC §2.
    public static let plotKinds: [String] = ["scatter", "hist", "bar", "line", "box", "matrix"]

    /// True when `name` can be written without backticks anywhere.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        let simple = name.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || ($0 >= "0" && $0 <= "9") }
        return simple && !expressionKeywords.contains(name) && !contextualKeywords.contains(name)
    }
}
