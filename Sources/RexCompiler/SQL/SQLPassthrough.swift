import RexData
import RexLanguage

/// Script variables in SQL that rex passes through (SPEC §5: `:exec`, `sql "…"`): the text
/// is read by a lexer of the connection's dialect (`SQLPassthroughRules`), and each
/// `$(NAME)` becomes a value by where it stands:
/// - in code, where a value can stand: a bound parameter (`?`), never text;
/// - inside a string literal or quoted name: the value escaped into it by that form's rules
///   (`SQLQuoting.quotedContent`), or an error where it cannot be escaped;
/// - inside a comment, or escaped by a backslash: `$(NAME)` as written.
/// So no value can end a literal, open a comment or start another statement.
public enum SQLPassthrough {
    /// `template` as a statement with `?` for each parameter, in order (for `:exec`). Text
    /// that ends inside a `--` comment gets a line break, so that what a driver appends
    /// (psqlODBC's cursor declaration) is not commented out.
    public static func statement(_ template: TemplateText, rules: SQLPassthroughRules) throws -> SQLStatement {
        var parameters: [Value] = []
        var text = try expand(template, rules: rules) { value in
            parameters.append(value)
            return "?"
        }
        if case .comment(let elements)? = scan(TemplateText(text), rules: rules).last, elements.first == .scalar("-") {
            text += "\n"
        }
        return SQLStatement(text: text, parameters: parameters)
    }

    /// `template` as compiled SQL: each parameter as a marker that `SQLStatement(compiled:)`
    /// turns into `?` and a bound value (the form `SQLGenerator` output has).
    public static func compiled(_ template: TemplateText, rules: SQLPassthroughRules) throws -> String {
        try expand(template, rules: rules, parameter: ParameterMarker.encode)
    }

    /// The text of `template` with each slot written for where it stands; `parameter` gives
    /// the text of a bound parameter (`?`, or the generator's marker).
    public static func expand(_ template: TemplateText, rules: SQLPassthroughRules,
                              parameter: (Value) -> String) throws -> String {
        for case .text(let text) in template.parts where SQLQuoting.containsNul(text) { throw SQLPassthroughError.nulInText }
        let rewrite = rules.rewritesForDriver && template.hasVariables
        var output = String.UnicodeScalarView()
        for segment in scan(template, rules: rules) {
            switch segment {
            case .code(let elements):
                for element in elements {
                    switch element {
                    case .scalar(let c): output.append(c)
                    case .slot(let name): output.append(contentsOf: parameter(ScriptVariables.literal(try value(name, in: template))).unicodeScalars)
                    }
                }
            case .quoted(let form, let body, let closed):
                var inside = String.UnicodeScalarView()
                for element in body {
                    switch element {
                    case .scalar(let c): inside.append(c)
                    case .slot(let name): inside.append(contentsOf: try escaped(try value(name, in: template), into: form, name: name).unicodeScalars)
                    }
                }
                if rewrite, form.kind == .identifier, form.open != "\"", closed {
                    // The same name as a "…" name, which the driver's marker scan understands.
                    let name = form.escape == .doubling ? String(inside).replacingDoubled(form.close) : String(inside)
                    output.append(contentsOf: SQLQuoting.identifier(name, open: "\"", close: "\"").unicodeScalars)
                    continue
                }
                output.append(contentsOf: form.prefix.unicodeScalars)
                output.append(form.open)
                output.append(contentsOf: inside)
                if closed { output.append(form.close) }
            case .dollarQuoted(let tag, let body, let closed):
                let delimiter = "$" + tag + "$"
                var inside = String.UnicodeScalarView()
                var hasValue = false
                for element in body {
                    switch element {
                    case .scalar(let c): inside.append(c)
                    case .slot(let name):
                        let text = try value(name, in: template)
                        guard !SQLQuoting.containsNul(text) else { throw SQLPassthroughError.nulInLiteral(name: name) }
                        inside.append(contentsOf: text.unicodeScalars)
                        hasValue = true
                    }
                }
                // The first delimiter after the opening one must be the closing one.
                let withClose = String(inside) + delimiter
                if hasValue, let first = withClose.range(of: delimiter), first.lowerBound != withClose.index(withClose.endIndex, offsetBy: -delimiter.count) {
                    throw SQLPassthroughError.cannotEscape(name: template.names.first { name in body.contains(.slot(name)) } ?? "",
                                                           into: "the dollar-quoted string \(delimiter)…\(delimiter)",
                                                           why: "its value would contain \(delimiter), which ends it")
                }
                output.append(contentsOf: delimiter.unicodeScalars)
                output.append(contentsOf: inside)
                if closed { output.append(contentsOf: delimiter.unicodeScalars) }
            case .comment(let elements):
                if rewrite {
                    output.append(" ")
                    continue
                }
                for element in elements {
                    switch element {
                    case .scalar(let c): output.append(c)
                    case .slot(let name): output.append(contentsOf: "$(\(name))".unicodeScalars)
                    }
                }
            }
        }
        return String(output)
    }

    /// The lexical structure of plain SQL `text` as `rules` read it, one entry per segment:
    /// `code:` and the code as written, or the kind of literal, name or comment. Two texts
    /// with equal structures differ only inside literals, names and comments (tests use it
    /// to prove that no value changes a statement's structure).
    public static func segmentKinds(_ text: String, rules: SQLPassthroughRules) -> [String] {
        scan(TemplateText(text), rules: rules).map { segment in
            switch segment {
            case .code(let elements):
                var code = ""
                for case .scalar(let c) in elements { code.unicodeScalars.append(c) }
                return "code:" + code
            case .quoted(let form, _, let closed): return "\(form.kind) \(form.prefix)\(form.open)\(closed ? "" : " unterminated")"
            case .dollarQuoted(let tag, _, let closed): return "dollar $\(tag)$\(closed ? "" : " unterminated")"
            case .comment: return "comment"
            }
        }
    }

    /// `text` (plain SQL) with `prefix` at the start of each line, except where a line
    /// break is inside a string literal or quoted name: there it is part of a value.
    public static func indented(_ text: String, by prefix: String, rules: SQLPassthroughRules) -> String {
        guard text.unicodeScalars.contains("\n") else { return prefix + text }
        var output = String.UnicodeScalarView(prefix.unicodeScalars)
        var remaining = Array(text.unicodeScalars)[...]
        for segment in scan(TemplateText(text), rules: rules) {
            let count: Int
            switch segment {
            case .code(let elements), .comment(let elements): count = elements.count
            case .quoted(let form, let body, let closed):
                count = form.prefix.unicodeScalars.count + 1 + body.count + (closed ? 1 : 0)
            case .dollarQuoted(let tag, let body, let closed):
                count = (tag.unicodeScalars.count + 2) * (closed ? 2 : 1) + body.count
            }
            let piece = remaining.prefix(count)
            remaining = remaining.dropFirst(count)
            switch segment {
            case .code, .comment:
                for c in piece {
                    output.append(c)
                    if c == "\n" { output.append(contentsOf: prefix.unicodeScalars) }
                }
            case .quoted, .dollarQuoted:
                output.append(contentsOf: piece)
            }
        }
        return String(output)
    }

    // MARK: - Scanning

    /// One character of the text, or a `$(NAME)` slot.
    enum Element: Equatable {
        case scalar(Unicode.Scalar)
        case slot(String)
    }

    /// A lexical piece of the text as the dialect reads it.
    enum Segment: Equatable {
        /// SQL code: keywords, names, operators, numbers, white space.
        case code([Element])
        /// A quoted string or name: the body as written (escapes kept), without prefix and delimiters.
        case quoted(SQLPassthroughRules.QuotedForm, body: [Element], closed: Bool)
        /// A PostgreSQL `$tag$…$tag$` string.
        case dollarQuoted(tag: String, body: [Element], closed: Bool)
        /// A `--` or `/* */` comment, delimiters included; slots in it stay as written.
        case comment([Element])
    }

    /// The segments of `template` in order. A slot escaped by a backslash (inside a form that
    /// has backslash escapes) is text as written.
    static func scan(_ template: TemplateText, rules: SQLPassthroughRules) -> [Segment] {
        var elements: [Element] = []
        for part in template.parts {
            switch part {
            case .text(let text): elements.append(contentsOf: text.unicodeScalars.map(Element.scalar))
            case .variable(let name): elements.append(.slot(name))
            }
        }
        var scanner = Scanner(elements: elements, rules: rules)
        return scanner.run()
    }

    private struct Scanner {
        let elements: [Element]
        let rules: SQLPassthroughRules
        var index = 0
        var segments: [Segment] = []
        var code: [Element] = []

        init(elements: [Element], rules: SQLPassthroughRules) {
            self.elements = elements
            self.rules = rules
        }

        func scalar(_ ahead: Int = 0) -> Unicode.Scalar? {
            guard index + ahead < elements.count, case .scalar(let c) = elements[index + ahead] else { return nil }
            return c
        }

        mutating func flushCode() {
            if !code.isEmpty { segments.append(.code(code)); code = [] }
        }

        mutating func run() -> [Segment] {
            while index < elements.count {
                guard let c = scalar() else {
                    code.append(elements[index])   // a slot in code
                    index += 1
                    continue
                }
                if c == "-", scalar(1) == "-" {
                    flushCode()
                    lineComment()
                } else if c == "/", scalar(1) == "*" {
                    flushCode()
                    blockComment()
                } else if let form = rules.quotedForm(prefix: "", open: c) {
                    flushCode()
                    index += 1
                    quoted(form)
                } else if rules.dollarQuotes, c == "$", let tag = dollarTag() {
                    flushCode()
                    index += tag.count + 2
                    dollarQuoted(tag)
                } else if isWordStart(c) {
                    word()
                } else {
                    code.append(.scalar(c))
                    index += 1
                }
            }
            flushCode()
            return segments
        }

        /// A word of code; when it is a quote prefix directly followed by its quote, the literal.
        mutating func word() {
            let start = index
            var text = ""
            while let c = scalar(), isWordPart(c) { text.unicodeScalars.append(c); index += 1 }
            let upper = text.uppercased()
            if upper == "U", scalar() == "&", let open = scalar(1), let form = rules.quotedForm(prefix: "U&", open: open) {
                flushCode()
                index += 2
                quoted(form)
                return
            }
            if rules.isQuotePrefix(upper), let open = scalar(), let form = rules.quotedForm(prefix: upper, open: open) {
                flushCode()
                index += 1
                quoted(form)
                return
            }
            code.append(contentsOf: elements[start..<index])
        }

        /// After the opening delimiter of `form`: the body up to the closing one.
        mutating func quoted(_ form: SQLPassthroughRules.QuotedForm) {
            var body: [Element] = []
            let backslashes = form.escape == .doublingAndBackslash
            while index < elements.count {
                let element = elements[index]
                if backslashes, element == .scalar("\\") {
                    body.append(element)
                    index += 1
                    if index < elements.count {
                        // The escaped character, or an escaped slot: then `$(NAME)` is text.
                        if case .slot(let name) = elements[index] {
                            body.append(contentsOf: "$(\(name))".unicodeScalars.map(Element.scalar))
                        } else {
                            body.append(elements[index])
                        }
                        index += 1
                    }
                    continue
                }
                if element == .scalar(form.close) {
                    // A doubled closing delimiter is one character of the body (not in SQLite's `[…]`).
                    if form.escape != .none, scalar(1) == form.close {
                        body.append(element)
                        body.append(element)
                        index += 2
                        continue
                    }
                    index += 1
                    segments.append(.quoted(form, body: body, closed: true))
                    return
                }
                body.append(element)
                index += 1
            }
            segments.append(.quoted(form, body: body, closed: false))
        }

        /// The tag of a `$tag$` opening at the cursor, if there is one (not `$1`, not inside a name).
        func dollarTag() -> String? {
            if let previous = index > 0 ? elements[index - 1] : nil, case .scalar(let p) = previous, isWordPart(p) { return nil }
            var tag = ""
            var ahead = 1
            while let c = scalar(ahead), c != "$" {
                guard isWordStart(c) || (!tag.isEmpty && isDigit(c)) else { return nil }
                tag.unicodeScalars.append(c)
                ahead += 1
            }
            return scalar(ahead) == "$" ? tag : nil
        }

        mutating func dollarQuoted(_ tag: String) {
            let delimiter = Array(("$" + tag + "$").unicodeScalars)
            var body: [Element] = []
            while index < elements.count {
                if (0..<delimiter.count).allSatisfy({ scalar($0) == delimiter[$0] }) {
                    index += delimiter.count
                    segments.append(.dollarQuoted(tag: tag, body: body, closed: true))
                    return
                }
                body.append(elements[index])
                index += 1
            }
            segments.append(.dollarQuoted(tag: tag, body: body, closed: false))
        }

        mutating func lineComment() {
            var body: [Element] = []
            while index < elements.count, elements[index] != .scalar("\n") {
                body.append(elements[index])
                index += 1
            }
            segments.append(.comment(body))
        }

        mutating func blockComment() {
            var body: [Element] = [elements[index], elements[index + 1]]
            index += 2
            var depth = 1
            while index < elements.count {
                if scalar() == "*", scalar(1) == "/" {
                    body.append(contentsOf: elements[index...(index + 1)])
                    index += 2
                    depth -= 1
                    if depth == 0 { break }
                    continue
                }
                if rules.nestedBlockComments, scalar() == "/", scalar(1) == "*" {
                    body.append(contentsOf: elements[index...(index + 1)])
                    index += 2
                    depth += 1
                    continue
                }
                body.append(elements[index])
                index += 1
            }
            segments.append(.comment(body))
        }

        func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
        func isWordStart(_ c: Unicode.Scalar) -> Bool {
            if c.isASCII { return c == "_" || (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
            return c.properties.isAlphabetic
        }
        /// PostgreSQL names may contain `$` after their first character.
        func isWordPart(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || isDigit(c) || (rules.dollarQuotes && c == "$") }
    }

    // MARK: - Values

    private static func value(_ name: String, in template: TemplateText) throws -> String {
        guard let value = template.values[name] else {
            throw UnsetVariable(name: name, known: [])
        }
        return value
    }

    /// `value` written inside `form` so that it stays inside.
    private static func escaped(_ value: String, into form: SQLPassthroughRules.QuotedForm, name: String) throws -> String {
        let what = form.kind == .string ? "a \(form.prefix)\(form.open)…\(form.close) string" : "a \(form.prefix)\(form.open)…\(form.close) name"
        guard !SQLQuoting.containsNul(value) else { throw SQLPassthroughError.nulInLiteral(name: name) }
        switch form.escape {
        case .doubling:
            return SQLQuoting.quotedContent(value, close: form.close, backslashEscapes: false)
        case .doublingAndBackslash:
            return SQLQuoting.quotedContent(value, close: form.close, backslashEscapes: true)
        case .none:
            guard !value.unicodeScalars.contains(form.close) else {
                throw SQLPassthroughError.cannotEscape(name: name, into: what, why: "its value contains \(form.close), which cannot be escaped there")
            }
            return value
        case .refusesValues:
            throw SQLPassthroughError.cannotEscape(name: name, into: what, why: "rex cannot escape a value into it reliably")
        }
    }
}

private extension String {
    /// With each doubled `delimiter` (`]]`, ``` `` ```) written once: the name a quoted body means.
    func replacingDoubled(_ delimiter: Unicode.Scalar) -> String {
        var scalars = String.UnicodeScalarView()
        var skipNext = false
        for scalar in unicodeScalars {
            if skipNext { skipNext = false; continue }
            scalars.append(scalar)
            if scalar == delimiter { skipNext = true }
        }
        return String(scalars)
    }
}

/// Why a script variable cannot stand where it is written in passthrough SQL.
public enum SQLPassthroughError: Error, Equatable, CustomStringConvertible {
    case cannotEscape(name: String, into: String, why: String)
    case nulInLiteral(name: String)
    case nulInText

    public var description: String {
        switch self {
        case .cannotEscape(let name, let into, let why):
            return "error: $(\(name)) cannot go inside \(into): \(why)\n  = help: write $(\(name)) outside the quotes, where it is a bound parameter"
        case .nulInLiteral(let name):
            return "error: the value of $(\(name)) contains a NUL character, which SQL text cannot carry\n  = help: write $(\(name)) outside quotes, where it is a bound parameter"
        case .nulInText:
            return "error: the SQL text contains a NUL character, which SQL text cannot carry"
        }
    }
}
