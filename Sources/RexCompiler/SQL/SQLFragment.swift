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

    // The scans below read UTF-8 bytes (compiling spends its time here on long guarded
    // expressions): every byte they look for is ASCII, which no byte of a multi-byte
    // character equals; such bytes count as letters, as the characters they belong to may be.

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    private static func isSingleCall(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let open = bytes.firstIndex(of: UInt8(ascii: "(")), bytes.last == UInt8(ascii: ")") else { return false }
        let head = bytes[bytes.startIndex..<open]
        guard !head.isEmpty, head.allSatisfy({ isWordByte($0) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_") })
        else { return false }
        return matchingClose(text, from: open) == bytes.index(before: bytes.endIndex)
    }

    private static func isSingleCase(_ text: String) -> Bool {
        guard text.hasPrefix("CASE "), text.hasSuffix(" END") else { return false }
        // The CASE must not be closed before the end: count CASE/END words outside quotes.
        var depth = 0
        var wordStart: String.Index?
        var inQuote = false
        let bytes = text.utf8
        func endWord(at end: String.Index) -> Substring.UTF8View? {
            guard let start = wordStart else { return nil }
            wordStart = nil
            return bytes[start..<end]
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") { inQuote.toggle() }
            if !inQuote, isWordByte(byte) {
                if wordStart == nil { wordStart = index }
            } else if let word = endWord(at: index) {
                if word.elementsEqual("CASE".utf8) { depth += 1 }
                if word.elementsEqual("END".utf8) {
                    depth -= 1
                    if depth == 0 && bytes.index(after: index) < bytes.endIndex { return false }
                }
            }
            index = bytes.index(after: index)
        }
        return endWord(at: bytes.endIndex).map { $0.elementsEqual("END".utf8) } == true && depth == 1
    }

    /// How deeply `text` nests parentheses, skipping quoted text.
    static func nestingDepth(_ text: String) -> Int {
        var deepest = 0
        scanParentheses(text, from: text.utf8.startIndex) { depth, _ in
            deepest = max(deepest, depth)
            return true
        }
        return deepest
    }

    /// Index of the parenthesis closing the one at `open`, skipping quoted text.
    private static func matchingClose(_ text: String, from open: String.Index) -> String.Index? {
        var close: String.Index?
        scanParentheses(text, from: open) { depth, index in
            if depth == 0 { close = index }
            return depth != 0
        }
        return close
    }

    /// Calls `visit` with the depth after each parenthesis of `text` from `start` that is not
    /// in quoted text ('…', "…", […]) and its index, until `visit` returns false.
    private static func scanParentheses(_ text: String, from start: String.Index, _ visit: (Int, String.Index) -> Bool) {
        var depth = 0
        var quote: UInt8?
        let bytes = text.utf8
        var index = start
        while index < bytes.endIndex {
            let byte = bytes[index]
            if let q = quote {
                if byte == q { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "[") {
                quote = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : byte
            } else if byte == UInt8(ascii: "(") || byte == UInt8(ascii: ")") {
                depth += byte == UInt8(ascii: "(") ? 1 : -1
                if !visit(depth, index) { return }
            }
            index = bytes.index(after: index)
        }
    }
}
