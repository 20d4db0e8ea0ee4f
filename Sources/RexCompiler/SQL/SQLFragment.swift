/// A piece of SQL text and whether it can be used as an operand without parentheses.
struct SQLFragment {
    var text: String
    /// True for names, literals, function calls and `CASE … END`.
    var atomic: Bool

    init(_ text: String, atomic: Bool) {
        self.text = text
        self.atomic = atomic
    }

    /// A template's output: atomic when it is one call (`F(…)`) or one `CASE … END`.
    static func fromTemplate(_ text: String) -> SQLFragment {
        SQLFragment(text, atomic: isSingleCall(text) || isSingleCase(text))
    }

    /// The text, parenthesized unless atomic.
    var operand: String { atomic ? text : "(" + text + ")" }

    private static func isSingleCall(_ text: String) -> Bool {
        guard let open = text.firstIndex(of: "("), text.hasSuffix(")") else { return false }
        let head = text[text.startIndex..<open]
        guard !head.isEmpty, head.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return false }
        return matchingClose(text, from: open) == text.index(before: text.endIndex)
    }

    private static func isSingleCase(_ text: String) -> Bool {
        guard text.hasPrefix("CASE "), text.hasSuffix(" END") else { return false }
        // The CASE must not be closed before the end: count CASE/END words outside quotes.
        var depth = 0
        var word = ""
        var inQuote = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "'" { inQuote.toggle() }
            if !inQuote, character.isLetter {
                word.append(character)
            } else {
                if word == "CASE" { depth += 1 }
                if word == "END" { depth -= 1; if depth == 0 && text.index(after: index) < text.endIndex { return false } }
                word = ""
            }
            index = text.index(after: index)
        }
        return word == "END" && depth == 1
    }

    /// Index of the parenthesis closing the one at `open`, skipping quoted text.
    private static func matchingClose(_ text: String, from open: String.Index) -> String.Index? {
        var depth = 0
        var quote: Character?
        var index = open
        while index < text.endIndex {
            let character = text[index]
            if let q = quote {
                if character == q { quote = nil }
            } else if character == "'" || character == "\"" || character == "[" {
                quote = character == "[" ? "]" : character
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }
}
