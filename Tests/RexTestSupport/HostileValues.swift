import RexData

/// Script-variable values chosen to break out of wherever they are put (SPEC §5 property
/// test): quotes of every kind, escapes, comment and statement starters, rex and Python
/// block delimiters, `$(` references, combining marks, newlines and NUL-free Unicode.
public enum HostileValues {
    /// Hand-picked values, each aimed at one way out.
    public static let fixed: [String] = [
        "1; DROP TABLE b; select 1",
        "zzz' or 'a'='a",
        "z'); DROP TABLE b; --",
        "1 OR 1=1",
        "'\u{301}; DROP TABLE b; --",          // a quote that is one Character with its combining mark
        "\"\u{301}; DROP TABLE b; --",
        "a\\'; DROP TABLE b; --",              // backslash-quote (PostgreSQL E'' and standard_conforming_strings off)
        "\\",
        "\\\\'",
        "x\n:exec DROP TABLE b",
        "\"\"\"\nimport os\nos.system('echo PWNED')\n\"\"\"",
        "\" + __import__('os').system('echo PWNED') + \"",
        "a` -> table b replace",
        "]; DROP TABLE b; --",
        "$(x)",
        "$$; DROP TABLE b; --",
        "$tag$; DROP TABLE b; --",
        "*/ DROP TABLE b; /*",
        "-- comment",
        "?",
        "'",
        "\"",
        "",
        " ",
        "\r\n",
        "\u{2028}",
        "名前 ü é 🙂 \u{10FFFD}",
        "-0",
        "007",
        "42",
        "-9223372036854775808",
        "9223372036854775808",
        "1e3",
        "NULL",
    ]

    /// Building blocks of random values.
    static let pieces: [String] = [
        "'", "''", "\"", "`", "[", "]", "\\", "\\'", "$", "$$", "$(", "$(x)", ")", "(", ";", "--", "/*", "*/",
        "#", "\n", "\r", "\t", " ", "\"\"\"", "'''", "?", "%", "_", "{", "}", "\u{301}", "\u{200D}", "é", "名",
        "🙂", "\u{10FFFD}", "\u{7F}", "\u{1B}[2J", "DROP TABLE b", "OR 1=1", "E'", "N'", "U&'", "-> table b replace",
        "rexvars", "import os", "0", "1", "-",
    ]

    /// `count` random values from `seed`: concatenations of 1 to 8 pieces.
    public static func random(count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "'" }.joined()
        }
    }
}
