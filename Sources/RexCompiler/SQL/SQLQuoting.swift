import RexData

/// The one place where identifiers are quoted and literals escaped (SPEC §3).
///
/// Every name and every literal the SQL generator writes passes through here, so a
/// column called `a]b` or `x"; DROP TABLE t; --` is always one quoted identifier.
/// Quoting doubles the closing delimiter; no backslash escapes are ever used.
/// Work is done on Unicode scalars, so a quote followed by a combining mark is
/// still doubled.
public enum SQLQuoting {
    /// `name` quoted with `open`/`close`, the closing delimiter doubled (`a]b` → `[a]]b]`).
    /// Babelfish (AWS's T-SQL layer) rejects `]]` inside a bracketed name; SQL Server accepts
    /// it. No workaround: a name with `]` fails on Babelfish only.
    public static func identifier(_ name: String, open: Unicode.Scalar, close: Unicode.Scalar) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(open)
        for scalar in name.unicodeScalars {
            scalars.append(scalar)
            if scalar == close { scalars.append(close) }
        }
        scalars.append(close)
        return String(scalars)
    }

    /// `text` as a string literal in single quotes with `'` doubled, behind `prefix` (`N` on T-SQL).
    public static func string(_ text: String, prefix: String) -> String {
        prefix + "'" + quotedContent(text, close: "'", backslashEscapes: false) + "'"
    }

    /// `text` for PostgreSQL, right whatever `standard_conforming_strings` is: `'…'` with
    /// `'` doubled, or, when it has a backslash, `E'…'` with `\` and `'` doubled.
    public static func postgresString(_ text: String) -> String {
        text.unicodeScalars.contains("\\")
            ? "E'" + quotedContent(text, close: "'", backslashEscapes: true) + "'"
            : string(text, prefix: "")
    }

    /// `text` written inside a quoted form (a string literal or a quoted name, as SQL
    /// passthrough finds them) whose closing delimiter is `close`: that delimiter doubled,
    /// and, where a backslash escapes (`E'…'`), each backslash doubled too.
    public static func quotedContent(_ text: String, close: Unicode.Scalar, backslashEscapes: Bool) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            if scalar == close || (backslashEscapes && scalar == "\\") { scalars.append(scalar) }
        }
        return String(scalars)
    }

    /// `text` with LIKE metacharacters escaped: each (and the escape character itself)
    /// preceded by the escape character, or each wrapped in brackets (`[%]`, `[_]`, `[[]`).
    /// - Parameter metacharacters: `%` and `_` everywhere, plus `[` on T-SQL.
    public static func likeEscaped(_ text: String, metacharacters: [Unicode.Scalar],
                                   style: SQLDialect.LikeEscapeStyle) -> String {
        let replacements = likeReplacements(metacharacters: metacharacters, style: style)
        var result = ""
        for scalar in text.unicodeScalars {
            if let replacement = replacements.first(where: { $0.character == scalar }) {
                result += replacement.escaped
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// The characters `likeEscaped` changes and what each becomes, in an order in which
    /// chained `REPLACE` calls give the same text (a pattern computed on the server): the
    /// character the escapes themselves introduce (`\` or `[`) comes first, so it is never
    /// escaped twice.
    public static func likeReplacements(metacharacters: [Unicode.Scalar],
                                        style: SQLDialect.LikeEscapeStyle) -> [(character: Unicode.Scalar, escaped: String)] {
        switch style {
        case .character(let escape):
            let characters = [escape] + metacharacters.filter { $0 != escape }
            return characters.map { ($0, String(escape) + String($0)) }
        case .brackets:
            let characters: [Unicode.Scalar] = ["["] + metacharacters.filter { $0 != "[" }
            return characters.map { ($0, "[" + String($0) + "]") }
        }
    }

    /// Upper-case hexadecimal digits of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789ABCDEF")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return text
    }

    /// True when `text` contains a NUL, which no SQL text can carry.
    public static func containsNul(_ text: String) -> Bool {
        text.unicodeScalars.contains("\u{0}")
    }
}
