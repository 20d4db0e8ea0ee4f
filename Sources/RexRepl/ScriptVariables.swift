import Foundation
/// Script variables (`-v NAME=VALUE`, `:setvar NAME VALUE`) and their `$(NAME)`
/// substitution (SPEC §5): a value always enters a statement as a literal,
/// quoted for where it stands, never spliced in as code.
struct ScriptVariables {
    private(set) var values: [String: String] = [:]

    /// Where a statement's text is going, which decides how values are quoted.
    enum Context {
        /// rex source: a number stays a number, anything else becomes a string
        /// literal; inside a string literal the value is escaped into it.
        case rex
        /// SQL passed through (`:exec`): a number stays a number, anything else
        /// becomes a '…' literal with quotes doubled.
        case sql
        /// Other commands' arguments (`:connect`, `:save` …): the value as is.
        case plain
    }

    struct UndefinedVariable: Error, CustomStringConvertible {
        let name: String
        let known: [String]
        var description: String {
            "error: the variable '\(name)' is not set\n  = help: set it with -v \(name)=VALUE or :setvar \(name) VALUE"
                + (known.isEmpty ? "" : " (set: \(known.sorted().joined(separator: ", ")))")
        }
    }

    mutating func set(_ name: String, _ value: String) {
        values[name] = value
    }

    /// Parses `NAME=VALUE` from the command line.
    mutating func set(assignment: String) -> Bool {
        guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else { return false }
        values[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        return true
    }

    /// Replaces every `$(NAME)` in `text`.
    func substitute(_ text: String, context: Context) throws -> String {
        guard text.contains("$(") else { return text }
        var output = ""
        var quote: Character? = nil     // the open string delimiter in rex/sql text
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "$", text[index...].hasPrefix("$("), let close = text[index...].firstIndex(of: ")") {
                let name = String(text[text.index(index, offsetBy: 2)..<close])
                if isName(name) {
                    guard let value = values[name] else { throw UndefinedVariable(name: name, known: Array(values.keys)) }
                    output += literal(value, context: context, insideQuote: quote)
                    index = text.index(after: close)
                    continue
                }
            }
            if context != .plain {
                if let open = quote {
                    if character == "\\" && context == .rex, text.index(after: index) < text.endIndex {
                        output.append(character)
                        index = text.index(after: index)
                        output.append(text[index])
                        index = text.index(after: index)
                        continue
                    }
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                }
            }
            output.append(character)
            index = text.index(after: index)
        }
        return output
    }

    private func isName(_ name: String) -> Bool {
        guard let first = name.first, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    private func literal(_ value: String, context: Context, insideQuote quote: Character?) -> String {
        switch context {
        case .plain:
            return value
        case .rex:
            let escaped = value.replacingAll("\\", "\\\\").replacingAll("\n", "\\n")
            if let quote { return escaped.replacingAll(String(quote), "\\" + String(quote)) }
            if isNumber(value) { return value }
            return "\"" + escaped.replacingAll("\"", "\\\"") + "\""
        case .sql:
            if let quote { return value.replacingAll(String(quote), String(quote) + String(quote)) }
            if isNumber(value) { return value }
            return "'" + value.replacingAll("'", "''") + "'"
        }
    }

    private func isNumber(_ value: String) -> Bool {
        guard !value.isEmpty, value.allSatisfy({ "0123456789.-+eE".contains($0) }) else { return false }
        return Int64(value) != nil || (Double(value) != nil && value.first != "+" && value.contains { $0.isNumber })
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        components(separatedBy: target).joined(separator: replacement)
    }
}
