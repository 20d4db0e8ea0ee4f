/// `$(NAME)` in a Python block (SPEC §5): in the block's code — outside its string
/// literals and comments — a reference becomes `rexvars["NAME"]`, an item of the mapping
/// the block receives; the value's text never enters the code. Inside a string or a
/// comment (f-strings included) `$(NAME)` is text as written.
enum PythonVariables {
    /// One reference in code: the name, and where it is (in scalars of the code).
    struct Reference: Equatable {
        var name: String
        var offset: Int
        var length: Int
    }

    /// The references in the code of `code`, in order.
    static func references(in code: String) -> [Reference] {
        let scalars = Array(code.unicodeScalars)
        var references: [Reference] = []
        var index = 0
        while index < scalars.count {
            let c = scalars[index]
            if c == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            } else if c == "'" || c == "\"" {
                index = endOfString(scalars, quoteAt: index)
            } else if isWordStart(c) {
                let start = index
                while index < scalars.count, isWordPart(scalars[index]) { index += 1 }
                if index < scalars.count, scalars[index] == "'" || scalars[index] == "\"", isStringPrefix(scalars[start..<index]) {
                    index = endOfString(scalars, quoteAt: index)
                }
            } else if let reference = ScriptVariables.reference(in: scalars, at: index) {
                references.append(Reference(name: reference.name, offset: index, length: reference.length))
                index += reference.length
            } else {
                index += 1
            }
        }
        return references
    }

    /// `code` with each reference in code replaced by `rexvars["NAME"]` (names are ASCII
    /// identifiers, so the subscript is always a plain string literal).
    static func rewrite(_ code: String) -> String {
        let found = references(in: code)
        guard !found.isEmpty else { return code }
        let scalars = Array(code.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        for reference in found {
            output.append(contentsOf: scalars[index..<reference.offset])
            output.append(contentsOf: "rexvars[\"\(reference.name)\"]".unicodeScalars)
            index = reference.offset + reference.length
        }
        output.append(contentsOf: scalars[index...])
        return String(output)
    }

    /// The index just after the string literal whose opening quote is at `quote`
    /// (the end of the text when it is unterminated). A backslash always takes the next
    /// character with it, in raw strings too (`r"\""` is one string).
    private static func endOfString(_ scalars: [Unicode.Scalar], quoteAt quote: Int) -> Int {
        let q = scalars[quote]
        let triple = quote + 2 < scalars.count && scalars[quote + 1] == q && scalars[quote + 2] == q
        var index = quote + (triple ? 3 : 1)
        while index < scalars.count {
            let c = scalars[index]
            if c == "\\" { index += 2; continue }
            if !triple && c == "\n" { return index }
            if c == q {
                if !triple { return index + 1 }
                if index + 2 < scalars.count, scalars[index + 1] == q, scalars[index + 2] == q { return index + 3 }
            }
            index += 1
        }
        return scalars.count
    }

    private static func isStringPrefix(_ word: ArraySlice<Unicode.Scalar>) -> Bool {
        var text = ""
        text.unicodeScalars.append(contentsOf: word)
        return ["r", "u", "b", "f", "br", "rb", "fr", "rf"].contains(text.lowercased())
    }

    private static func isWordStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }

    private static func isWordPart(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || c.properties.numericType != nil }
}

extension PythonBlock {
    /// The code as it runs: each `$(NAME)` in code is `rexvars["NAME"]` (see `PythonVariables`).
    public var runnableCode: String { PythonVariables.rewrite(code) }
}
