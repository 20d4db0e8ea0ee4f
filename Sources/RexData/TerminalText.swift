/// Text as rex shows it on a terminal: a control character in a value (an escape
/// sequence that sets the window title or moves the cursor, a carriage return that
/// overwrites a line) is shown as a visible escape, never sent raw (SPEC §5).
///
/// Shown as escapes: C0 controls (`\t`, `\n`, `\r`, else `\x1b` style), DEL and the C1
/// controls (`\x7f`, `\x9b`), the line and paragraph separators U+2028/U+2029 and the
/// bidirectional embeddings, overrides and isolates (`\u{202e}` style), which would
/// reorder what the terminal shows. Everything else, a backslash included, is kept.
/// CSV, TSV and JSON output never pass through here: they stay exact.
public enum TerminalText {
    /// `text` for one line, such as a table cell or a column name: every control
    /// character, tabs and line breaks included, is shown as an escape.
    public static func cell(_ text: String) -> String {
        visible(text, keepingLayout: false)
    }

    /// `text` for a message of several lines (an error, printed output): line feeds and
    /// tabs are kept, every other control character is shown as an escape.
    public static func message(_ text: String) -> String {
        visible(text, keepingLayout: true)
    }

    /// True when `scalar` is shown as an escape by `cell`.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The visible spelling of a control character: `\t`, `\n`, `\r`, `\x1b`, `\u{202e}`.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\t": return "\\t"
        case "\n": return "\\n"
        case "\r": return "\\r"
        default:
            let hex = String(scalar.value, radix: 16)
            if scalar.value <= 0xFF { return "\\x" + (hex.count < 2 ? "0" + hex : hex) }
            return "\\u{" + hex + "}"
        }
    }

    private static func visible(_ text: String, keepingLayout: Bool) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if !isControl(scalar) || (keepingLayout && (scalar == "\n" || scalar == "\t")) {
                result.append(scalar)
            } else {
                result.append(contentsOf: escape(scalar).unicodeScalars)
            }
        }
        return String(result)
    }
}
