/// How one dialect's lexer reads SQL that rex passes through (`:exec`, `sql "…"`): its
/// string literals, quoted identifiers and comments, so that `SQLPassthrough` knows where
/// each `$(NAME)` stands. One value per dialect; every dialect difference of passthrough
/// scanning is in this file.
public struct SQLPassthroughRules: Sendable, Hashable {
    /// One quoted form: `'…'`, `N'…'`, `E'…'`, `"…"`, `[…]` …
    public struct QuotedForm: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case string, identifier
        }

        /// How the inside writes characters that would end it.
        public enum Escape: Sendable, Hashable {
            /// The closing delimiter doubled (`''`, `]]`).
            case doubling
            /// The closing delimiter doubled, and `\` escapes the next character (`E'…'`).
            case doublingAndBackslash
            /// Nothing can be escaped: the closing delimiter cannot occur inside (SQLite `[…]`).
            case none
            /// A value cannot be escaped into it reliably (PostgreSQL `U&'…'`, whose escape
            /// character a later `UESCAPE` may change).
            case refusesValues
        }

        /// The word written right before the opening delimiter (`N`, `E`, `U&`), upper case; empty for none.
        public var prefix: String
        public var open: Unicode.Scalar
        public var close: Unicode.Scalar
        public var kind: Kind
        public var escape: Escape
    }

    /// The dialect's name (`tsql`, `postgres`, `sqlite`, `ansi`).
    public var dialect: String
    public var quotedForms: [QuotedForm]
    /// `/* … */` comments nest (T-SQL, PostgreSQL).
    public var nestedBlockComments: Bool
    /// PostgreSQL `$tag$ … $tag$` strings.
    public var dollarQuotes: Bool
    /// The driver finds `?` markers knowing only `'…'` and `"…"` (sqliteodbc): with
    /// parameters, comments are sent as a space and other quoted names as `"…"` names,
    /// which the server reads the same, so that a quote in them cannot hide a marker.
    public var rewritesForDriver = false

    /// The rules for a dialect by its name; unknown names get the ANSI rules.
    /// - Parameter standardConformingStrings: PostgreSQL's setting of that name; when off,
    ///   a backslash escapes the next character in a plain `'…'` literal too.
    public static func forDialect(_ name: String, standardConformingStrings: Bool = true) -> SQLPassthroughRules {
        switch name {
        case "tsql": return tsql
        case "postgres": return postgres(standardConformingStrings: standardConformingStrings)
        case "sqlite": return sqlite
        default: return ansi
        }
    }

    /// SQL Server: `'…'` and `N'…'` with `''`; `"…"` and `[…]` names with `""` and `]]`;
    /// `--` and nested `/* */` comments.
    public static let tsql = SQLPassthroughRules(dialect: "tsql", quotedForms: [
        QuotedForm(prefix: "", open: "'", close: "'", kind: .string, escape: .doubling),
        QuotedForm(prefix: "N", open: "'", close: "'", kind: .string, escape: .doubling),
        QuotedForm(prefix: "", open: "\"", close: "\"", kind: .identifier, escape: .doubling),
        QuotedForm(prefix: "", open: "[", close: "]", kind: .identifier, escape: .doubling),
    ], nestedBlockComments: true, dollarQuotes: false)

    /// PostgreSQL: `'…'` (with backslash escapes when `standard_conforming_strings` is off),
    /// `E'…'`, `B'…'`, `X'…'`, `N'…'`, `U&'…'`, `$tag$…$tag$`; `"…"` and `U&"…"` names;
    /// `--` and nested `/* */` comments.
    public static func postgres(standardConformingStrings: Bool) -> SQLPassthroughRules {
        let plain: QuotedForm.Escape = standardConformingStrings ? .doubling : .doublingAndBackslash
        return SQLPassthroughRules(dialect: "postgres", quotedForms: [
            QuotedForm(prefix: "", open: "'", close: "'", kind: .string, escape: plain),
            QuotedForm(prefix: "N", open: "'", close: "'", kind: .string, escape: plain),
            QuotedForm(prefix: "B", open: "'", close: "'", kind: .string, escape: plain),
            QuotedForm(prefix: "X", open: "'", close: "'", kind: .string, escape: plain),
            QuotedForm(prefix: "E", open: "'", close: "'", kind: .string, escape: .doublingAndBackslash),
            QuotedForm(prefix: "U&", open: "'", close: "'", kind: .string, escape: .refusesValues),
            QuotedForm(prefix: "", open: "\"", close: "\"", kind: .identifier, escape: .doubling),
            QuotedForm(prefix: "U&", open: "\"", close: "\"", kind: .identifier, escape: .refusesValues),
        ], nestedBlockComments: true, dollarQuotes: true)
    }

    /// SQLite: `'…'` and `X'…'` with `''`; `"…"`, `` `…` `` and `[…]` names (brackets
    /// have no escape); `--` and `/* */` comments (not nested).
    public static let sqlite = SQLPassthroughRules(dialect: "sqlite", quotedForms: [
        QuotedForm(prefix: "", open: "'", close: "'", kind: .string, escape: .doubling),
        QuotedForm(prefix: "X", open: "'", close: "'", kind: .string, escape: .doubling),
        QuotedForm(prefix: "", open: "\"", close: "\"", kind: .identifier, escape: .doubling),
        QuotedForm(prefix: "", open: "`", close: "`", kind: .identifier, escape: .doubling),
        QuotedForm(prefix: "", open: "[", close: "]", kind: .identifier, escape: .none),
    ], nestedBlockComments: false, dollarQuotes: false, rewritesForDriver: true)

    /// Standard SQL: `'…'` with `''`, `"…"` names with `""`, `--` and `/* */` comments.
    public static let ansi = SQLPassthroughRules(dialect: "ansi", quotedForms: [
        QuotedForm(prefix: "", open: "'", close: "'", kind: .string, escape: .doubling),
        QuotedForm(prefix: "", open: "\"", close: "\"", kind: .identifier, escape: .doubling),
    ], nestedBlockComments: false, dollarQuotes: false)

    /// The quoted form opened by `open` right after the word `prefix` (empty: no word).
    func quotedForm(prefix: String, open: Unicode.Scalar) -> QuotedForm? {
        quotedForms.first { $0.prefix == prefix && $0.open == open }
    }

    /// True when `word` (upper case) is a prefix of some quoted form.
    func isQuotePrefix(_ word: String) -> Bool {
        !word.isEmpty && quotedForms.contains { $0.prefix == word }
    }
}
