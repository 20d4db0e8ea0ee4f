import RexData

/// The result of lexing: tokens (ending with `.end`), problems found, and whether the text
/// stopped inside a string, backtick name or `"""` block (the REPL then asks for more).
struct LexResult {
    var tokens: [Token]
    var diagnostics: [Diagnostic]
    var endsInsideLiteral: Bool
    /// Tokens that stand for a script variable that is not set (already reported): a
    /// statement containing one must not run.
    var unsetVariableSpans: [SourceSpan] = []
}

/// Turns rex source into tokens with spans (SPEC §2). Never fails: bad text becomes an
/// `.invalid` token plus a diagnostic.
///
/// Script variables are values here (SPEC §5): `$(NAME)` in code becomes a literal token
/// (`ScriptVariables.literal`), inside a string its value becomes part of the string's
/// value (and the token keeps the slot in `template`, for `sql "…"`), in a Python block it
/// is checked and its value travels with the block. Nothing is ever lexed twice. A
/// `:setvar` line sets its variable for the text after it, as running it will.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var variables: ScriptVariables
    private var index = 0
    private var line = 1
    private var column = 1
    private var offset = 0
    private var parenDepth = 0
    private var tokens: [Token] = []
    private var diagnostics: [Diagnostic] = []
    private var endsInsideLiteral = false
    private var unsetVariableSpans: [SourceSpan] = []

    init(_ source: String, variables: ScriptVariables = ScriptVariables()) {
        scalars = Array(source.unicodeScalars)
        self.variables = variables
    }

    static func lex(_ source: String, variables: ScriptVariables = ScriptVariables()) -> LexResult {
        var lexer = Lexer(source, variables: variables)
        return lexer.run()
    }

    // MARK: - Driver

    private mutating func run() -> LexResult {
        while let c = peek() {
            let start = location
            switch c {
            case " ", "\t", "\r":
                advance()
            case "\n":
                advance()
                if tokens.last?.kind != .newline { emit(.newline, from: start) }
            case "#":
                while let d = peek(), d != "\n" { advance() }
            case ":" where atStatementStart && isLetter(peek(1)):
                lexCommand(start)
            case "\"" where peek(1) == "\"" && peek(2) == "\"":
                var allSet = true
                let block = lexTripleQuoted(start, python: true, allVariablesSet: &allSet)
                emit(.python(block), from: start)
                // An unset variable in the block: the statement must not run.
                if !allSet { unsetVariableSpans.append(tokens[tokens.count - 1].span) }
            case "\"", "'":
                lexString(start, quote: c)
            case "`":
                lexQuotedIdentifier(start)
            case "@":
                lexTemporal(start)
            case "$" where peek(1) == "(":
                lexVariable(start)
            default:
                if isDigit(c) {
                    lexNumber(start)
                } else if isIdentifierStart(c) {
                    var name = ""
                    while let d = peek(), isIdentifierPart(d) { name.unicodeScalars.append(d); advance() }
                    emit(.identifier(name), from: start)
                } else {
                    lexSymbol(start, c)
                }
            }
        }
        tokens.append(Token(.end, span: SourceSpan(start: location, end: location)))
        return LexResult(tokens: tokens, diagnostics: diagnostics, endsInsideLiteral: endsInsideLiteral,
                         unsetVariableSpans: unsetVariableSpans)
    }

    private var atStatementStart: Bool {
        guard parenDepth == 0, let last = tokens.last else { return true }
        return last.kind == .newline || last.isSymbol(";")
    }

    // MARK: - Cursor

    private var location: SourceLocation { SourceLocation(line: line, column: column, offset: offset) }

    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? {
        index + ahead < scalars.count ? scalars[index + ahead] : nil
    }

    private mutating func advance() {
        guard index < scalars.count else { return }
        let c = scalars[index]
        index += 1
        offset += UTF8.width(c)
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
    }

    private mutating func emit(_ kind: Token.Kind, from start: SourceLocation) {
        tokens.append(Token(kind, span: SourceSpan(start: start, end: location)))
    }

    private mutating func report(_ message: String, from start: SourceLocation, help: String? = nil) {
        diagnostics.append(Diagnostic(message, at: SourceSpan(start: start, end: location), help: help))
    }

    // MARK: - Character classes

    private func isDigit(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c >= "0" && c <= "9"
    }

    private func isLetter(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return c == "_" || c.properties.isAlphabetic
    }

    private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool { isLetter(c) }

    private func isIdentifierPart(_ c: Unicode.Scalar) -> Bool { isLetter(c) || isDigit(c) }

    // MARK: - Tokens

    private mutating func lexSymbol(_ start: SourceLocation, _ c: Unicode.Scalar) {
        let two: [String] = ["==", "!=", "<=", ">=", "->", "=>"]
        if let next = peek(1) {
            let pair = String(c) + String(next)
            if two.contains(pair) {
                advance(); advance()
                emit(.symbol(pair), from: start)
                return
            }
        }
        let single: Set<Unicode.Scalar> = ["<", ">", "+", "-", "*", "/", "%", "|", ",", "(", ")", "=", "~", ".", ";"]
        advance()
        if single.contains(c) {
            if c == "(" { parenDepth += 1 }
            if c == ")" { parenDepth = max(0, parenDepth - 1) }
            if c == ";" { parenDepth = 0 }
            emit(.symbol(String(c)), from: start)
        } else {
            let text = String(c)
            report("unexpected character '\(text)'", from: start,
                   help: c == "!" ? "use 'not' for negation, '!=' for inequality"
                       : c == "$" ? "a script variable is written $(NAME)" : nil)
            emit(.invalid(text), from: start)
        }
    }

    private mutating func lexNumber(_ start: SourceLocation) {
        var text = ""
        var isDecimal = false
        while let d = peek(), isDigit(d) { text.unicodeScalars.append(d); advance() }
        if peek() == ".", isDigit(peek(1)) {
            isDecimal = true
            text.append("."); advance()
            while let d = peek(), isDigit(d) { text.unicodeScalars.append(d); advance() }
        }
        if peek() == "e" || peek() == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if isDigit(peek(signed ? 2 : 1)) {
                isDecimal = true
                text.append("e"); advance()
                if signed, let s = peek() { text.unicodeScalars.append(s); advance() }
                while let d = peek(), isDigit(d) { text.unicodeScalars.append(d); advance() }
            }
        }
        if let d = peek(), isIdentifierPart(d) {
            while let d = peek(), isIdentifierPart(d) { text.unicodeScalars.append(d); advance() }
            report("invalid number '\(text)'", from: start,
                   help: "a name cannot start with a digit; quote it with backticks: `\(text)`")
            emit(.invalid(text), from: start)
            return
        }
        if isDecimal {
            if let value = Double(text), value.isFinite {
                emit(.decimal(value), from: start)
            } else {
                report("number '\(text)' is out of range", from: start)
                emit(.invalid(text), from: start)
            }
        } else if let value = Int64(text) {
            emit(.integer(value), from: start)
        } else if text == "9223372036854775808", tokens.last?.isSymbol("-") == true {
            // `-9223372036854775808`: the parser folds the minus into the literal.
            emit(.integer(Int64.min), from: start)
        } else {
            report("integer '\(text)' is too large for a 64-bit int", from: start,
                   help: "write it as a decimal (\(text).0) to get a float")
            emit(.invalid(text), from: start)
        }
    }

    private mutating func lexString(_ start: SourceLocation, quote: Unicode.Scalar) {
        advance()
        var value = ""
        // The string as written, with `$(NAME)` slots, kept when it has any.
        var parts: [TemplateText.Part] = []
        var pendingText = ""
        var usedValues: [String: String] = [:]
        var unset = false
        while true {
            guard let c = peek() else {
                report("unterminated string", from: start, help: "close it with \(quote)")
                endsInsideLiteral = true
                emit(.invalid(String(quote) + value), from: start)
                return
            }
            if c == quote { advance(); break }
            if c == "\\" {
                let escapeStart = location
                advance()
                let decoded: Character?
                switch peek() {
                case "\"": decoded = "\""
                case "'": decoded = "'"
                case "\\": decoded = "\\"
                case "n": decoded = "\n"
                case "t": decoded = "\t"
                case "$": decoded = "$"
                case let other?:
                    decoded = nil
                    advance()
                    report("unknown escape '\\\(other)' in string", from: escapeStart,
                           help: "the escapes are \\\" \\' \\\\ \\n \\t \\$")
                case nil:
                    continue
                }
                if let decoded {
                    advance()
                    value.append(decoded)
                    pendingText.append(decoded)
                }
                continue
            }
            if c == "$", let reference = ScriptVariables.reference(in: scalars, at: index) {
                let referenceStart = location
                for _ in 0..<reference.length { advance() }
                guard let variable = variables[reference.name] else {
                    reportUnset(reference.name, from: referenceStart)
                    unset = true
                    continue
                }
                value += variable
                usedValues[reference.name] = variable
                if !pendingText.isEmpty { parts.append(.text(pendingText)); pendingText = "" }
                parts.append(.variable(reference.name))
                continue
            }
            value.unicodeScalars.append(c)
            pendingText.unicodeScalars.append(c)
            advance()
        }
        emit(.string(value), from: start)
        if unset {
            // The statement must not run with a value missing.
            unsetVariableSpans.append(tokens[tokens.count - 1].span)
            return
        }
        if !usedValues.isEmpty {
            if !pendingText.isEmpty { parts.append(.text(pendingText)) }
            tokens[tokens.count - 1].template = TemplateText(parts: parts, values: usedValues)
        }
    }

    /// `$(NAME)` in code: a literal token of the variable's value (int or text).
    private mutating func lexVariable(_ start: SourceLocation) {
        guard let reference = ScriptVariables.reference(in: scalars, at: index) else {
            advance()
            report("unexpected character '$'", from: start, help: "a script variable is written $(NAME): letters, digits and _")
            emit(.invalid("$"), from: start)
            return
        }
        for _ in 0..<reference.length { advance() }
        guard let value = variables[reference.name] else {
            reportUnset(reference.name, from: start)
            // A placeholder keeps the parser from follow-on errors; the statement does not run.
            emit(.string(""), from: start)
            unsetVariableSpans.append(tokens[tokens.count - 1].span)
            return
        }
        switch ScriptVariables.literal(value) {
        case .int(let number) where number == .min:
            // As the lexer reads `-9223372036854775808`: a minus the parser folds into the literal.
            emit(.symbol("-"), from: start)
            emit(.integer(number), from: start)
        case .int(let number):
            emit(.integer(number), from: start)
        default:
            emit(.string(value), from: start)
            // As a `sql` source's text it is one slot: a value, never SQL code.
            tokens[tokens.count - 1].template = TemplateText(parts: [.variable(reference.name)], values: [reference.name: value])
        }
    }

    private mutating func reportUnset(_ name: String, from start: SourceLocation) {
        let known = variables.values.keys.sorted()
        report("the variable '\(name)' is not set", from: start,
               help: "set it with -v \(name)=VALUE or :setvar \(name) VALUE" + (known.isEmpty ? "" : " (set: \(known.joined(separator: ", ")))"))
    }

    private mutating func lexQuotedIdentifier(_ start: SourceLocation) {
        advance()
        var name = ""
        while true {
            guard let c = peek() else {
                report("unterminated quoted name", from: start, help: "close it with `")
                endsInsideLiteral = true
                emit(.invalid("`" + name), from: start)
                return
            }
            advance()
            if c == "`" {
                if peek() == "`" { name.append("`"); advance(); continue }
                break
            }
            name.unicodeScalars.append(c)
        }
        if name.isEmpty {
            report("empty quoted name", from: start)
            emit(.invalid("``"), from: start)
            return
        }
        emit(.quotedIdentifier(name), from: start)
    }

    /// `@2024-01-31` or `@2024-01-31T08:30:00[.ffffff]`.
    private mutating func lexTemporal(_ start: SourceLocation) {
        advance()
        var text = ""
        while let c = peek(), isIdentifierPart(c) || c == "-" || c == ":" || c == "." {
            // A trailing `.` followed by a non-digit is not part of the literal.
            if c == ".", !isDigit(peek(1)) { break }
            text.unicodeScalars.append(c)
            advance()
        }
        if let value = TemporalLiteral.parse(text) {
            emit(.temporal(value), from: start)
        } else {
            let looksRight = TemporalLiteral.hasValidShape(text)
            report(looksRight ? "invalid date '@\(text)'" : "invalid date literal '@\(text)'", from: start,
                   help: looksRight ? "that day does not exist" : "write dates as @2024-01-31 and datetimes as @2024-01-31T08:30:00")
            emit(.invalid("@" + text), from: start)
        }
    }

    /// `"""…"""`: raw text, dedented; the cursor ends after the closing quotes. For a Python
    /// block (`python`), the script variables its code references are checked and captured
    /// (`allVariablesSet` tells whether each one was set).
    private mutating func lexTripleQuoted(_ start: SourceLocation, python: Bool) -> PythonBlock {
        var allSet = true
        return lexTripleQuoted(start, python: python, allVariablesSet: &allSet)
    }

    private mutating func lexTripleQuoted(_ start: SourceLocation, python: Bool, allVariablesSet: inout Bool) -> PythonBlock {
        advance(); advance(); advance()
        var raw = ""
        let contentLine = line
        let contentStart = location
        var closed = false
        while let c = peek() {
            if c == "\"", peek(1) == "\"", peek(2) == "\"" {
                advance(); advance(); advance()
                closed = true
                break
            }
            raw.unicodeScalars.append(c)
            advance()
        }
        if !closed {
            report("unterminated Python block", from: start, help: "close it with \"\"\"")
            endsInsideLiteral = true
        }
        var block = PythonText.block(raw: raw, openingLine: contentLine)
        if python {
            let captured = capturePythonVariables(raw, from: contentStart)
            block.variables = captured.values
            allVariablesSet = captured.allSet
        }
        return block
    }

    /// The values of the variables referenced in a Python block's code (its raw text starts
    /// at `contentStart`); an unset one is reported where it is written.
    private mutating func capturePythonVariables(_ raw: String, from contentStart: SourceLocation) -> (values: [String: String], allSet: Bool) {
        var captured: [String: String] = [:]
        var allSet = true
        let rawScalars = Array(raw.unicodeScalars)
        var cursor = contentStart
        var walked = 0
        for reference in PythonVariables.references(in: raw) {
            while walked < reference.offset {
                let c = rawScalars[walked]
                cursor = SourceLocation(line: c == "\n" ? cursor.line + 1 : cursor.line, column: c == "\n" ? 1 : cursor.column + 1,
                                        offset: cursor.offset + UTF8.width(c))
                walked += 1
            }
            if let value = variables[reference.name] {
                captured[reference.name] = value
            } else {
                allSet = false
                let end = SourceLocation(line: cursor.line, column: cursor.column + reference.length,
                                         offset: cursor.offset + reference.length)
                diagnostics.append(Diagnostic("the variable '\(reference.name)' is not set", at: SourceSpan(start: cursor, end: end),
                                              help: "set it with -v \(reference.name)=VALUE or :setvar \(reference.name) VALUE"))
            }
        }
        return (captured, allSet)
    }

    /// `:name rest of line`, or `:name """…"""`.
    private mutating func lexCommand(_ start: SourceLocation) {
        advance()
        var name = ""
        while let c = peek(), isIdentifierPart(c) { name.unicodeScalars.append(c); advance() }
        while let c = peek(), c == " " || c == "\t" { advance() }
        var argument = ""
        if peek() == "\"", peek(1) == "\"", peek(2) == "\"" {
            argument = lexTripleQuoted(location, python: false).code
            while let c = peek(), c == " " || c == "\t" || c == "\r" { advance() }
            if let c = peek(), c != "\n" {
                let restStart = location
                while let d = peek(), d != "\n" { advance() }
                report("unexpected text after the closing \"\"\" of :\(name)", from: restStart,
                       help: "put the next statement on its own line")
                emit(.invalid(":" + name), from: start)
                return
            }
        } else {
            while let c = peek(), c != "\n" { argument.unicodeScalars.append(c); advance() }
            while let last = argument.unicodeScalars.last, last == " " || last == "\t" || last == "\r" {
                argument.unicodeScalars.removeLast()
            }
        }
        emit(.command(name: name, argument: argument), from: start)
        if name == "setvar" {
            // Takes effect for the statements after it, as running it will (a bad one is reported then).
            try? variables.apply(setvarArgument: argument)
        }
    }
}

/// Dedenting of `"""…"""` blocks, as Python's `textwrap.dedent`.
enum PythonText {
    /// The block for the raw text between the quotes. When the opening line holds only
    /// whitespace after `"""`, that line is dropped and the code starts on the next line.
    static func block(raw: String, openingLine: Int) -> PythonBlock {
        var text = Substring(raw)
        var firstLine = openingLine
        if let newline = text.firstIndex(of: "\n"),
           text[..<newline].allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) {
            text = text[text.index(after: newline)...]
            firstLine += 1
        }
        return PythonBlock(code: dedent(String(text)), firstLine: firstLine)
    }

    /// Removes the common leading whitespace of all non-blank lines; blank lines become empty.
    static func dedent(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices where lines[i].allSatisfy({ $0 == " " || $0 == "\t" }) {
            lines[i] = ""
        }
        var margin: Substring?
        for line in lines where !line.isEmpty {
            let indent = line.prefix { $0 == " " || $0 == "\t" }
            if let current = margin {
                margin = commonPrefix(current, indent)
            } else {
                margin = indent
            }
        }
        guard let margin, !margin.isEmpty else { return lines.joined(separator: "\n") }
        return lines.map { $0.isEmpty ? $0 : String($0.dropFirst(margin.count)) }.joined(separator: "\n")
    }

    private static func commonPrefix(_ a: Substring, _ b: Substring) -> Substring {
        var count = 0
        for (x, y) in zip(a, b) {
            if x != y { break }
            count += 1
        }
        return a.prefix(count)
    }
}

/// Parsing of `@…` date and datetime literals.
enum TemporalLiteral {
    /// `2024-01-31` → `.date`, `2024-01-31T08:30:00[.ffffff]` → `.datetime`; nil if malformed or nonexistent.
    static func parse(_ text: String) -> Value? {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard let datePart = parts.first, let date = parseDate(datePart) else { return nil }
        let days = date.daysSinceEpoch
        if parts.count == 1 {
            guard let small = Int32(exactly: days) else { return nil }
            return .date(small)
        }
        guard let micros = parseTime(parts[1]) else { return nil }
        let (product, overflow) = days.multipliedReportingOverflow(by: 86_400_000_000)
        guard !overflow else { return nil }
        return .datetime(product + micros)
    }

    /// True when the text has the form of a date or datetime, whether or not the day exists.
    static func hasValidShape(_ text: String) -> Bool {
        let parts = text.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
        guard let datePart = parts.first, fields(datePart, separator: "-", widths: [4, 2, 2]) != nil else { return false }
        return parts.count == 1 || parseTime(parts[1]) != nil || fields(parts[1].prefix(8), separator: ":", widths: [2, 2, 2]) != nil
    }

    private static func parseDate(_ text: Substring) -> CivilDate? {
        guard let f = fields(text, separator: "-", widths: [4, 2, 2]) else { return nil }
        let date = CivilDate(year: f[0], month: f[1], day: f[2])
        return date.isValid ? date : nil
    }

    /// `HH:MM:SS[.ffffff]` → microseconds since midnight.
    private static func parseTime(_ text: Substring) -> Int64? {
        let pieces = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let clock = pieces.first, let f = fields(clock, separator: ":", widths: [2, 2, 2]),
              f[0] < 24, f[1] < 60, f[2] < 60 else { return nil }
        var micros = Int64(f[0] * 3600 + f[1] * 60 + f[2]) * 1_000_000
        if pieces.count == 2 {
            let digits = pieces[1]
            guard (1...6).contains(digits.count), digits.allSatisfy(\.isASCII), let value = Int64(digits) else { return nil }
            var scale: Int64 = 1
            for _ in digits.count..<6 { scale *= 10 }
            micros += value * scale
        }
        return micros
    }

    private static func fields(_ text: Substring, separator: Character, widths: [Int]) -> [Int]? {
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == widths.count else { return nil }
        var values: [Int] = []
        for (part, width) in zip(parts, widths) {
            guard part.count == width, part.allSatisfy({ $0.isASCII && $0.isNumber }), let v = Int(part) else { return nil }
            values.append(v)
        }
        return values
    }
}
