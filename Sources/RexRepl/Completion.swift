import CEditLineShim
import Foundation
import RexCompiler
import RexData
import RexRuntime

/// Tab completion (SPEC §5): verbs, functions, commands, `let` names, table names
/// and column names of tables on the current connection.
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
    static let settings = ["maxrows", "timing", "echo", "images", "timeout", "upload_limit"]
    static let keywords = ["table", "sql", "csv", "sample", "let", "def", "by", "on", "offset", "inner", "left", "full",
                           "replace", "append", "and", "or", "not", "in", "is", "null", "between", "true", "false",
                           "iris", "airline"]

    /// Candidates for the word that ends `line` (the text before the cursor).
    func candidates(for line: String) -> (word: String, matches: [String]) {
        let word = String(line.reversed().prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" }.reversed())
        if word.hasPrefix(":") {
            let prefix = String(word.dropFirst())
            return (prefix, Self.commands.filter { $0.hasPrefix(prefix) })
        }
        // `:set NAME`: the setting names.
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        if words.first == ":set" && words.count == 2 {
            return (word, Self.settings.filter { $0.hasPrefix(word) })
        }
        var names = CompilerEnvironment.builtinVerbs + ScalarFunction.allCases.map(\.rawValue)
            + AggregateFunction.allCases.map(\.rawValue) + Self.keywords
        if let connection = repl.session.connections.current,
           let tables = try? connection.connection.tables() {
            names += tables.map(\.name)
            // Columns of the tables this line mentions.
            for table in tables where line.contains(table.name) {
                names += ((try? connection.connection.columns(ofTable: table.name, schema: table.schema)) ?? []).map(\.name)
            }
        }
        let matches = Array(Set(names.filter { $0.hasPrefix(word) })).sorted()
        return (word, matches)
    }
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
            let (word, matches) = completer.candidates(for: line)
            guard !matches.isEmpty else { return UInt8(CC_REFRESH_BEEP) }
            let common = matches.dropFirst().reduce(matches[0]) { prefix, match in
                String(zip(prefix, match).prefix { $0 == $1 }.map(\.0))
            }
            if common.count > word.count {
                _ = rex_el_insert(editLine, String(common.dropFirst(word.count)) + (matches.count == 1 ? " " : ""))
                return UInt8(CC_REFRESH)
            }
            FileHandle.standardOutput.write(Data(("\n" + matches.joined(separator: "  ") + "\n").utf8))
            return UInt8(CC_REDISPLAY)
        }
    }
}
