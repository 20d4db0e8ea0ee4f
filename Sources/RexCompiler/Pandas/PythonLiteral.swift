import RexData

/// Python source spellings of names and values: the one place where text
/// becomes Python code, so every name and string is escaped the same way.
public enum PythonLiteral {
    /// A double-quoted Python string literal that evaluates to exactly `text`.
    ///
    /// Backslashes, quotes and every control or line-separator character are
    /// escaped; other Unicode is kept as is (generated code is UTF-8).
    public static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x7F {
                    out += "\\x" + hex(v, width: 2)
                } else if (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 || v == 0xFEFF {
                    out += "\\u" + hex(v, width: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A Python expression for a rex value (`_rex.NA` for null).
    public static func value(_ value: Value) -> String {
        switch value {
        case .null: return "_rex.NA"
        case .int(let v): return String(v)
        case .float(let v): return float(v)
        case .text(let v): return string(v)
        case .bool(let v): return v ? "True" : "False"
        case .date(let days):
            return "_rex.date(" + string(CivilDate(daysSinceEpoch: Int64(days)).iso) + ")"
        case .datetime(let micros):
            return "_rex.datetime(" + string(CivilDate.isoDateTime(microsecondsSinceEpoch: micros)) + ")"
        case .bytes(let bytes):
            return "b\"" + bytes.map { "\\x" + hex(UInt32($0), width: 2) }.joined() + "\""
        }
    }

    /// A float literal that reads back to exactly `v` (`float("inf")` for infinities; NaN is null).
    public static func float(_ v: Double) -> String {
        if v.isNaN { return "_rex.NA" }
        if v.isInfinite { return v < 0 ? "float(\"-inf\")" : "float(\"inf\")" }
        // Swift's description is the shortest round-trip form ("2.675", "1e-05", "5e+20"),
        // which Python reads back exactly.
        return "\(v)"
    }

    /// True when `name` can be written as a keyword argument (`f(name=…)`): an ASCII
    /// identifier, not a Python keyword, not starting with `_` (reserved for the runtime).
    public static func isPlainKeyword(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "_", !("0"..."9").contains(first) else {
            return false
        }
        for scalar in name.unicodeScalars {
            let ok = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ("0"..."9").contains(scalar) || scalar == "_"
            if !ok { return false }
        }
        return !keywords.contains(name)
    }

    /// Keyword arguments in order: `a=…` where the name allows it, else `**{"a b": …}`.
    public static func keywordArguments(_ items: [(name: String, code: String)]) -> String {
        keywordArgumentList(items).joined(separator: ", ")
    }

    /// The parts of `keywordArguments`, one per argument (consecutive `**{…}` items merged).
    public static func keywordArgumentList(_ items: [(name: String, code: String)]) -> [String] {
        var parts: [String] = []
        var pending: [String] = []
        func flush() {
            if !pending.isEmpty { parts.append("**{" + pending.joined(separator: ", ") + "}") }
            pending = []
        }
        for item in items {
            if isPlainKeyword(item.name) {
                flush()
                parts.append(item.name + "=" + item.code)
            } else {
                pending.append(string(item.name) + ": " + item.code)
            }
        }
        flush()
        return parts
    }

    /// `head(arg, arg)` on one line when it fits in `width` characters, else one argument per line.
    public static func call(_ head: String, _ arguments: [String], indent: String = "", width: Int = 100) -> String {
        let flat = head + "(" + arguments.joined(separator: ", ") + ")"
        if indent.count + flat.count <= width || arguments.count < 2 { return flat }
        return head + "(\n" + arguments.map { indent + "    " + $0 + ",\n" }.joined() + indent + ")"
    }

    /// A Python list of string literals.
    public static func stringList(_ items: [String]) -> String {
        "[" + items.map(string).joined(separator: ", ") + "]"
    }

    /// Text safe to put in a `#` comment (one line; control characters escaped).
    public static func comment(_ text: String, limit: Int = 60) -> String {
        var literal = string(text)
        if literal.count > limit {
            literal = String(literal.prefix(limit)) + "…"
        }
        return literal
    }

    private static let keywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
        "return", "try", "while", "with", "yield", "match", "case",
    ]

    private static func hex(_ v: UInt32, width: Int) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
