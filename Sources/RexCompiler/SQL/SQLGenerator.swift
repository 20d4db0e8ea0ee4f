import RexData
import RexLanguage

/// Compiles a relation of the typed IR to one SELECT statement in a dialect (SPEC §3).
///
/// ```swift
/// let sql = try SQLGenerator(dialect: .tsql).generate(relation)
/// // table t | filter x > 1 | sort -x | take 5  →
/// // SELECT TOP (5) [x] FROM [t] AS t0 WHERE [x] > 1
/// // ORDER BY CASE WHEN t0.[x] IS NULL THEN 1 ELSE 0 END, t0.[x] DESC
/// ```
/// The text is deterministic. Verbs merge into one SELECT while SQL's clause order
/// allows, otherwise the query so far becomes a derived table (`FROM (…) AS t1`).
/// `ORDER BY` appears only at the outermost level or beside `TOP`/`OFFSET`/`LIMIT`.
public struct SQLGenerator: Sendable {
    public let dialect: SQLDialect
    /// How `sql "…"` sources are read to place their script variables (PostgreSQL's
    /// depend on the session's `standard_conforming_strings`).
    public var passthroughRules: SQLPassthroughRules

    public init(dialect: SQLDialect, passthroughRules: SQLPassthroughRules? = nil) {
        self.dialect = dialect
        self.passthroughRules = passthroughRules ?? .forDialect(dialect.name)
    }

    /// The SELECT statement for `relation`. Script variables of its `sql "…"` sources are
    /// in it as parameter markers: run it as `SQLStatement(compiled:)`, which binds them.
    /// - Throws: `SQLGenerationError` for local-only sources, analytic verbs, names the
    ///   dialect cannot hold, or a T-SQL `sql "…"` source that cannot be wrapped but has verbs after it;
    ///   `SQLPassthroughError` for a script variable that cannot stand where it is written.
    public func generate(_ relation: Relation) throws -> String {
        try checkNames(relation)
        if case .scan(.sql(let template)) = relation.kind {
            let text = try passthroughText(template)
            if !canWrap(text) { return trimmedQuery(text) }
        }
        let sources = relation.sources
        let lowering = SQLLowering(dialect: dialect, generator: self,
                                   commonTables: !sources.contains { if case .sql = $0 { return true }; return false },
                                   tableNames: sources.compactMap { if case .table(let parts) = $0, parts.count == 1 { return parts[0] }; return nil })
        let block = try lowering.lower(relation)
        return lowering.withCommonTables(try lowering.print(block, derived: false))
    }

    /// The text of a `sql "…"` source with its script variables as parameter markers
    /// (or escaped into the literal around them).
    func passthroughText(_ template: TemplateText) throws -> String {
        try SQLPassthrough.compiled(template, rules: passthroughRules)
    }

    /// Whether a `sql "…"` source can be a derived table in this dialect.
    public func canWrap(_ sql: String) -> Bool {
        if dialect.wrapsAnyQuery { return true }
        let words = sqlWords(sql)
        if words.first == "WITH" { return false }
        var hasOrderBy = false
        for (index, word) in words.enumerated() where word == "ORDER" && index + 1 < words.count && words[index + 1] == "BY" {
            hasOrderBy = true
        }
        return !hasOrderBy || words.contains("TOP") || words.contains("OFFSET")
    }

    /// Upper-cased words of `sql` outside quotes and comments.
    private func sqlWords(_ sql: String) -> [String] {
        var words: [String] = []
        var word = ""
        var quote: Character?
        var previous: Character = " "
        var lineComment = false
        for character in sql {
            if lineComment { if character == "\n" { lineComment = false }; previous = character; continue }
            if let q = quote {
                if character == q { quote = nil }
            } else if character == "'" || character == "\"" || character == "[" {
                quote = character == "[" ? "]" : character
            } else if character == "-" && previous == "-" {
                lineComment = true
                word = ""
            } else if character.isLetter || character == "_" {
                word.append(character)
            } else {
                if !word.isEmpty { words.append(word.uppercased()); word = "" }
            }
            previous = character
        }
        if !word.isEmpty { words.append(word.uppercased()) }
        return words
    }

    func trimmedQuery(_ text: String) -> String {
        var result = Substring(text)
        while let last = result.last, last.isWhitespace || last == ";" { result.removeLast() }
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        return String(result)
    }

    /// Every name the query will contain must fit the dialect.
    private func checkNames(_ relation: Relation) throws {
        for field in relation.schema.fields { try dialect.checkIdentifier(field.name) }
        if case .scan(.table(let parts)) = relation.kind {
            for part in parts { try dialect.checkIdentifier(part) }
        }
        for input in relation.inputs { try checkNames(input) }
    }
}
