import CEditLineShim
import Foundation
import RexCompiler
import RexData
import RexRuntime

/// What Tab offers for the end of a line.
struct Completions: Equatable {
    /// The text being completed (the end of the line).
    var word: String
    /// Everything that may replace `word`, sorted.
    var matches: [String]
    /// Typed after a unique match: a space after a name, the closing quote after a file
    /// inside `csv "…"`, nothing after a file of `:run`/`:save`; never after a directory.
    var suffix = " "
}

/// Tab completion (SPEC §5): verbs, functions, commands, `let` names, table names, column
/// names (of server tables the line mentions, and of the pipeline typed so far, whatever its
/// source: `sample`, `csv`, a `let`, a table), and file paths inside `csv "…"`, `:run` and `:save`.
final class Completion {
    unowned let repl: Repl

    init(repl: Repl) {
        self.repl = repl
    }

    /// Binds TAB on `editor` to a completer; the editor keeps it alive.
    static func install(on editor: LineEditor, repl: Repl) {
        let completion = Completion(repl: repl)
        editor.completion = completion
        editor.installCompletion(completion)
    }

    static let commands = ["connect", "use", "disconnect", "connections", "context", "tables", "describe", "sql", "python",
                           "explain", "exec", "run", "images", "save", "show", "format", "set", "setvar", "server", "help", "quit"]
    /// The names `:set` takes.
    static let settings = ["maxrows", "digits", "pager", "timing", "echo", "images", "timeout", "upload_limit", "bulk_copy"]
    static let keywords = ["table", "sql", "csv", "sample", "let", "def", "by", "on", "offset", "inner", "left", "full",
                           "replace", "append", "and", "or", "not", "in", "is", "null", "between", "true", "false",
                           "iris", "airline"]

    /// Candidates for the word that ends `line` (the text before the cursor).
    func candidates(for line: String) -> Completions {
        if let path = PathCompletion.pathBeingTyped(in: line) {
            return Completions(word: path.partial, matches: PathCompletion.matches(for: path.partial), suffix: path.suffix)
        }
        // Inside any other text literal there is nothing to offer.
        if PathCompletion.openQuote(in: line) != nil { return Completions(word: "", matches: []) }
        let word = String(line.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }.reversed())
        if word.hasPrefix(":") {
            let prefix = String(word.dropFirst())
            return Completions(word: prefix, matches: Self.commands.filter { $0.hasPrefix(prefix) })
        }
        // `:set NAME`: the setting names.
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        if words.first == ":set" && words.count == 2 {
            return Completions(word: word, matches: Self.settings.filter { $0.hasPrefix(word) })
        }
        let compiler = repl.session.compiler
        var names = CompilerEnvironment.builtinVerbs + ScalarFunction.allCases.map(\.rawValue)
            + AggregateFunction.allCases.map(\.rawValue) + Self.keywords
            + compiler.bindingNames + compiler.verbNames + compiler.functionNames
        if let connection = repl.session.connections.current,
           let tables = try? connection.connection.tables() {
            names += tables.map(\.name)
            // Columns of the tables this line mentions.
            for table in tables where line.contains(table.name) {
                names += ((try? connection.connection.columns(ofTable: table.name, schema: table.schema)) ?? []).map(\.name)
            }
        }
        // Columns of the pipeline before the step being typed (`sample iris | filter Sepal_W`).
        if let prefix = Self.pipelinePrefix(of: line), let schema = repl.session.schema(ofPipeline: prefix) {
            names += schema.names
        }
        let matches = Array(Set(names.filter { $0.hasPrefix(word) })).sorted()
        return Completions(word: word, matches: matches)
    }

    /// The pipeline before the step the cursor is in, when the cursor is past a `|`:
    /// `let x = sample iris | filter a > 1 | sort Sep` gives `sample iris | filter a > 1`.
    /// Looks inside the innermost unclosed parenthesis (a join's right side), after the
    /// last `;`, past `let NAME =`, `-> …` and the command words of `:sql`, `:python`,
    /// `:explain`. Text inside string literals is skipped. Nil when there is no `|`.
    static func pipelinePrefix(of line: String) -> String? {
        let characters = Array(line)
        var segmentStarts = [0]          // where the pipeline of each open parenthesis starts
        var lastBar: [Int?] = [nil]      // the last top-level `|` of each open parenthesis
        var inString = false
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if inString {
                if character == "\\" { index += 1 } else if character == "\"" { inString = false }
            } else {
                switch character {
                case "\"": inString = true
                case "(":
                    segmentStarts.append(index + 1)
                    lastBar.append(nil)
                case ")" where segmentStarts.count > 1:
                    segmentStarts.removeLast()
                    lastBar.removeLast()
                case ";":
                    segmentStarts[segmentStarts.count - 1] = index + 1
                    lastBar[lastBar.count - 1] = nil
                case "|":
                    lastBar[lastBar.count - 1] = index
                default: break
                }
            }
            index += 1
        }
        guard let start = segmentStarts.last, let bar = lastBar.last ?? nil else { return nil }
        var text = String(characters[start..<bar]).trimmingCharacters(in: .whitespaces)
        // `let NAME = PIPELINE`
        if text.hasPrefix("let "), let equals = text.firstIndex(of: "=") {
            text = String(text[text.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        }
        // `:sql [dialect] P`, `:python P`, `:explain P`
        for command in [":sql", ":python", ":explain"] where text.hasPrefix(command + " ") {
            text = String(text.dropFirst(command.count)).trimmingCharacters(in: .whitespaces)
            if command == ":sql", let first = text.split(separator: " ").first,
               ["tsql", "postgres", "sqlite", "ansi"].contains(String(first)) {
                text = String(text.dropFirst(first.count)).trimmingCharacters(in: .whitespaces)
            }
        }
        return text.isEmpty || text.hasPrefix(":") ? nil : text
    }
}

/// File names for Tab inside `csv "…"` (and `png "…"`), after `:run` and after `:save [N]`.
enum PathCompletion {
    /// The partial path the cursor is at the end of, and what follows a unique file.
    static func pathBeingTyped(in line: String) -> (partial: String, suffix: String)? {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix(":run ") {
            return (String(trimmed.dropFirst(":run ".count)).trimmingPrefixSpaces(), "")
        }
        if trimmed.hasPrefix(":save ") {
            let words = trimmed.split(separator: " ", omittingEmptySubsequences: false).filter { !$0.isEmpty }
            let endsWithSpace = trimmed.hasSuffix(" ")
            // `:save FILE` or `:save N FILE`: the word being typed is the file when it is not the image number.
            let current = endsWithSpace ? "" : String(words.last ?? "")
            let typedBefore = endsWithSpace ? words.count - 1 : words.count - 2
            if typedBefore == 0 || (typedBefore == 1 && Int(words[1]) != nil) {
                if typedBefore == 0 && !current.isEmpty && current.allSatisfy(\.isNumber) { return nil }
                return (current, "")
            }
            return nil
        }
        // Inside an unclosed string literal: is the word before it csv or png?
        let pipelineCommand = [":sql ", ":python ", ":explain "].contains { trimmed.hasPrefix($0) }
        guard !trimmed.hasPrefix(":") || pipelineCommand, let quote = openQuote(in: line) else { return nil }
        let before = line[..<quote].trimmingCharacters(in: .whitespaces)
        let source = before.reversed().prefix { $0.isLetter }.reversed()
        guard ["csv", "png"].contains(String(source)) else { return nil }
        let partial = String(line[line.index(after: quote)...])
        guard !partial.contains("\\") else { return nil }
        return (partial, "\"")
    }

    /// Where the string literal the line ends inside starts (its `"`); nil when the line
    /// does not end inside one. A backslash inside a literal escapes the next character.
    static func openQuote(in line: String) -> String.Index? {
        var open: String.Index?
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if open != nil && character == "\\" {
                index = line.index(after: index)
                if index == line.endIndex { break }
            } else if character == "\"" {
                open = open == nil ? index : nil
            }
            index = line.index(after: index)
        }
        return open
    }

    /// Entries of the directory of `partial` whose names start with its last component, as
    /// `partial` would continue (`data/ir` → `data/iris.csv`); directories end with `/`.
    /// Hidden entries only when the component starts with a dot. Sorted.
    static func matches(for partial: String, fileManager: FileManager = .default) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let directoryPart = slash.map { String(partial[...$0]) } ?? ""      // "data/" or ""
        let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        var directory = directoryPart.isEmpty ? "." : directoryPart
        if directory.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            directory = home + directory.dropFirst(1)
        }
        guard let entries = try? fileManager.contentsOfDirectory(atPath: directory) else { return [] }
        var matches: [String] = []
        for name in entries where name.hasPrefix(namePrefix) {
            if name.hasPrefix(".") && !namePrefix.hasPrefix(".") { continue }
            var isDirectory: ObjCBool = false
            _ = fileManager.fileExists(atPath: (directory as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            matches.append(directoryPart + name + (isDirectory.boolValue ? "/" : ""))
        }
        return matches.sorted()
    }
}

private extension String {
    func trimmingPrefixSpaces() -> String { String(drop { $0 == " " }) }
}

extension LineEditor {
    /// Binds TAB to `completion`'s candidates (common prefix, or the list of matches).
    func installCompletion(_ completion: Completion) {
        setClient(Unmanaged.passUnretained(completion).toOpaque())
        bindCompletion { editLine, _ in
            guard let editLine, let client = rex_el_get_client(editLine) else { return UInt8(CC_ERROR) }
            let completer = Unmanaged<Completion>.fromOpaque(client).takeUnretainedValue()
            var buffer = [CChar](repeating: 0, count: 4096)
            let length = rex_el_line_before_cursor(editLine, &buffer, Int32(buffer.count))
            let line = String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let completions = completer.candidates(for: line)
            let (word, matches) = (completions.word, completions.matches)
            guard let first = matches.first else { return UInt8(CC_REFRESH_BEEP) }
            let common = matches.dropFirst().reduce(first) { prefix, match in
                String(zip(prefix, match).prefix { $0 == $1 }.map(\.0))
            }
            let unique = matches.count == 1
            if common.count > word.count || (unique && !first.hasSuffix("/")) {
                let suffix = unique && !first.hasSuffix("/") ? completions.suffix : ""
                guard common.count > word.count || !suffix.isEmpty else { return UInt8(CC_REFRESH) }
                _ = rex_el_insert(editLine, String(common.dropFirst(word.count)) + suffix)
                return UInt8(CC_REFRESH)
            }
            FileHandle.standardOutput.write(Data(("\n" + matches.joined(separator: "  ") + "\n").utf8))
            return UInt8(CC_REDISPLAY)
        }
    }
}
