import RexData

/// One lexical token of rex source with its span.
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A bare name: `Species`, `filter`, `and`.
        case identifier(String)
        /// A backtick-quoted name: `` `Arr Delay` `` (never a keyword).
        case quotedIdentifier(String)
        case integer(Int64)
        case decimal(Double)
        /// A `"…"` or `'…'` string with escapes processed.
        case string(String)
        /// A literal value that needs no further parsing: `@2024-01-31` (`Value.date`) or a datetime.
        case temporal(Value)
        /// A `"""…"""` block, dedented.
        case python(PythonBlock)
        /// `:name rest-of-line` (or a following `"""…"""` block).
        case command(name: String, argument: String)
        /// An operator or punctuation: `==`, `|`, `->`, `(`, `;` …
        case symbol(String)
        /// A line break (statement splitting decides whether it ends a statement).
        case newline
        /// Text that could not be lexed (already reported as a diagnostic).
        case invalid(String)
        /// The end of the input.
        case end
    }

    public var kind: Kind
    public var span: SourceSpan
    /// For a `.string` that contains `$(NAME)` references: the string as written with its
    /// slots and their values (a `sql "…"` source needs them; elsewhere the value is used).
    public var template: TemplateText?

    public init(_ kind: Kind, span: SourceSpan, template: TemplateText? = nil) {
        self.kind = kind
        self.span = span
        self.template = template
    }

    /// The name of a bare identifier, nil otherwise.
    var bareName: String? {
        if case .identifier(let name) = kind { return name }
        return nil
    }

    /// True for the symbol `text`.
    func isSymbol(_ text: String) -> Bool {
        if case .symbol(let s) = kind { return s == text }
        return false
    }

    /// True for the bare identifier `word` (keywords are bare, never backtick-quoted).
    func isWord(_ word: String) -> Bool { bareName == word }

    /// A short description for error messages: `'filter'`, `end of input`.
    var display: String {
        switch kind {
        case .identifier(let name): return "'\(name)'"
        case .quotedIdentifier(let name): return "'`\(name)`'"
        case .integer(let value): return "'\(value)'"
        case .decimal(let value): return "'\(value)'"
        case .string: return "a string"
        case .temporal(let value): return "'@\(value)'"
        case .python: return "a Python block"
        case .command(let name, _): return "':\(name)'"
        case .symbol(let s): return "'\(s)'"
        case .newline: return "end of line"
        case .invalid(let text): return "'\(text)'"
        case .end: return "end of input"
        }
    }
}
