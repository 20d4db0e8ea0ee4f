import Foundation
import RexData
import RexImage
import RexLanguage
import RexODBC
import RexPython
import RexRuntime

/// The `:commands` of SPEC §5.
extension Repl {
    /// Script variables in a command's argument are values (SPEC §5): the argument is split
    /// into words first, then each `$(NAME)` is replaced by its whole value inside its word,
    /// so a value (spaces and newlines included) is never more than part of one word.
    func runCommand(_ name: String, argument: String, source: String, fileName: String?) throws -> ExitStatus {
        let rawWords = argument.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let takesWords: Set<String> = ["use", "disconnect", "context", "tables", "describe", "save", "show", "format", "set"]
        let words = takesWords.contains(name) ? try rawWords.map(variables.expand) : rawWords
        switch name {
        case "help":
            if argument.lowercased() == "python" {
                // The interpreter in use, its sys.path and packages: this starts Python.
                writeOutput(try PythonInterpreter.shared.environmentReport() + "\n")
                break
            }
            guard let help = Help.topic(argument) else {
                throw RuntimeError("no help on '\(argument)'", help: "topics: \(Help.topics)")
            }
            writeOutput(help + "\n")
        case "quit", "q", "exit":
            quitRequested = true
        case "connect":
            return try connect(argument)
        case "use":
            guard words.count == 1 else { throw RuntimeError(":use needs one connection name", help: ":connections lists them") }
            try session.connections.use(words[0])
            writeOutput("using \(words[0])\n")
        case "disconnect":
            let closed = try session.connections.disconnect(words.first)
            if session.connections.current == nil && session.context == .server { session.context = .local }
            writeOutput("disconnected \(closed)\n")
        case "connections":
            let all = session.connections.all
            if all.isEmpty { writeOutput("no connections\n") }
            for named in all {
                let mark = named.name == session.connections.currentName ? "*" : " "
                writeOutput("\(mark) \(named.name)  \(named.product), dialect \(named.dialect)  \(named.connection.connectionString.masked)\n")
            }
        case "context":
            try setContext(words.first)
        case "tables":
            try listTables(pattern: words.first)
        case "describe":
            guard let table = words.first else { throw RuntimeError(":describe needs a table name") }
            try describe(table)
        case "sql":
            try showSQL(argument)
        case "python":
            try showPython(argument)
        case "explain":
            try showPlan(argument)
        case "exec":
            try exec(argument)
        case "run":
            guard !argument.isEmpty else { throw RuntimeError(":run needs a file name") }
            let path = try variables.expand(argument)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuntimeError("cannot read \(path.debugDescription)", help: "check the path")
            }
            return runText(String(decoding: data, as: UTF8.self), fileName: path)
        case "images":
            if session.images.isEmpty { writeOutput("no images yet\n") }
            for (index, image) in session.images.enumerated() { writeOutput(image.note(number: index + 1) + "\n") }
        case "save":
            try saveImage(words)
        case "show":
            let image = try pickImage(words.first)
            if let serve {
                serve.image(image.image, number: image.number)   // the client draws it
            } else {
                if let escape = TerminalImageProtocol.detect(isTerminal: stdoutIsTerminal).escapeSequence(for: image.image.png) {
                    writeOutput(escape)
                }
                writeOutput(image.image.note(number: image.number) + "\n")
            }
        case "format":
            guard let word = words.first, let chosen = OutputFormat(rawValue: word) else {
                throw RuntimeError(":format needs one of table, csv, tsv, json, markdown")
            }
            format = chosen
        case "set":
            try set(words)
        case "setvar":
            try variables.apply(setvarArgument: argument)
        case "server":
            if argument == "check" {
                writeOutput(try session.serverCheck(on: try requireConnection()).rendered())
                break
            }
            guard argument == "install" else { throw RuntimeError("unknown :server command '\(argument)'", help: ":server check or :server install") }
            let connection = try requireConnection()
            guard connection.connection.serverKind == .postgres else {
                throw RuntimeError(":server install is for PostgreSQL (plpython3u) in this build",
                                   help: "SQL Server's external scripts need no install; SQLite has no server Python")
            }
            // Print the DDL (and what the grant means), then run it in one transaction.
            let version = try session.installServerPython(on: connection) { writeOutput($0) }
            let role = Session.serverPythonRole
            writeOutput("installed rex.run (rex server runtime \(version)) on \(connection.name): members of \(role) can now run "
                        + "plot and python steps there, and so any code as the database server's OS user; grant it with GRANT \(role) TO <role>\n")
        default:
            let commands = ["help", "quit", "connect", "use", "disconnect", "connections", "context", "tables", "describe",
                            "sql", "python", "explain", "exec", "run", "images", "save", "show", "format", "set", "setvar", "server"]
            throw RuntimeError("unknown command ':\(name)'", help: suggest(name, from: commands).map { "did you mean ':\($0)'?" } ?? ":help lists the commands")
        }
        return .success
    }

    // MARK: - Connections and contexts

    /// `:connect CONNSTR|DSN [as NAME]`; script variables are expanded in each part after the split.
    func connect(_ argument: String) throws -> ExitStatus {
        var text = argument
        var name: String?
        let parts = argument.components(separatedBy: " ")
        if parts.count >= 3, parts[parts.count - 2] == "as" {
            name = try variables.expand(parts[parts.count - 1])
            text = parts.dropLast(2).joined(separator: " ")
        }
        text = try Repl.connectionText(text, variables: variables)
        guard !text.isEmpty else { throw RuntimeError(":connect needs a connection string or DSN", help: ":connect Driver={PostgreSQL Unicode};Server=…;Database=…;Uid=…;Pwd=?") }
        let named = try session.connections.connect(text, name: name)
        if let warning = named.connection.serverKind.warning { writeError(warning) }
        writeOutput("connected to \(named.name) (\(named.product), dialect \(named.dialect))\n")
        return .success
    }

    /// A `:connect` argument with its script variables expanded as values (SPEC §5): the
    /// connection string is split into `key=value` pairs first, then a `$(NAME)` in a value
    /// becomes part of that value, written back braced as the driver reads it (`{…}`, `}}`),
    /// so a `;` or a brace in it cannot end the value or add a key (`Pwd=$(pw)` with
    /// `x;Driver=/tmp/evil.so` would make the driver manager load that library). A variable
    /// cannot make a key; an argument without `=` (a DSN, or a whole `$(conn)`) is the whole value.
    static func connectionText(_ text: String, variables: ScriptVariables) throws -> String {
        guard text.contains("$("), text.contains("=") else { return try variables.expand(text) }
        let pairs = try ConnectionString(text).pairs.map { pair -> ConnectionString.Pair in
            let key = try variables.expand(pair.key)
            if key != pair.key, key.unicodeScalars.contains(where: { ";={}".unicodeScalars.contains($0) }) || key.isEmpty {
                throw RuntimeError("a script variable cannot write a connection-string key: '\(pair.key)' would become '\(ConnectionString.maskPasswords(in: key))'",
                                   help: "use $(NAME) only in values: Pwd=$(pw)")
            }
            return ConnectionString.Pair(key: key, value: try variables.expand(pair.value))
        }
        return ConnectionString(pairs: pairs).text
    }

    func setContext(_ word: String?) throws {
        switch word {
        case nil:
            break
        case "local":
            session.context = .local
        case "server":
            guard session.connections.current != nil else {
                throw RuntimeError("the server context needs a connection", help: "connect first with :connect CONNSTR")
            }
            session.context = .server
        default:
            throw RuntimeError("unknown context '\(word ?? "")'", help: "use :context local or :context server")
        }
        writeOutput(session.contextDescription + "\n")
    }

    // MARK: - Catalog

    func listTables(pattern: String?) throws {
        let connection = try requireConnection()
        let tables = try connection.connection.tables(matching: pattern.map { $0.replacingOccurrences(of: "*", with: "%") })
        let schema = Schema([Field("schema", .text), Field("name", .text), Field("kind", .text)])
        let table = Table(schema: schema, columns: [
            Column(type: .text, values: tables.map { $0.schema.map(Value.text) ?? .null }),
            Column(type: .text, values: tables.map { .text($0.name) }),
            Column(type: .text, values: tables.map { .text($0.kind.lowercased()) }),
        ])
        try show(.table(ResultRows(table), kind: .plain))
    }

    func describe(_ name: String) throws {
        let connection = try requireConnection()
        let parts = name.split(separator: ".").map(String.init)
        let columns = try connection.connection.columns(ofTable: parts.last ?? name, schema: parts.count > 1 ? parts[0] : nil)
        guard !columns.isEmpty else {
            let names = (try? connection.connection.tables().map(\.name)) ?? []
            throw RuntimeError("no table or view named '\(name)'", help: suggest(name, from: names).map { "did you mean '\($0)'?" } ?? ":tables lists them")
        }
        let schema = Schema([Field("column", .text), Field("type", .text), Field("server_type", .text), Field("nullable", .bool)])
        let table = Table(schema: schema, columns: [
            Column(type: .text, values: columns.map { .text($0.name) }),
            Column(type: .text, values: columns.map { $0.type.map { .text($0.rawValue) } ?? .text("unsupported") }),
            Column(type: .text, values: columns.map { .text($0.typeName + ($0.size.map { "(\($0))" } ?? "")) }),
            Column(type: .bool, values: columns.map { $0.nullable.map(Value.bool) ?? .null }),
        ])
        try show(.table(ResultRows(table), kind: .plain))
    }

    func requireConnection() throws -> NamedConnection {
        guard let current = session.connections.current else {
            throw RuntimeError("not connected", help: "connect first with :connect CONNSTR")
        }
        return current
    }

    // MARK: - Compiled code

    func showSQL(_ argument: String) throws {
        var text = argument
        var dialect: String?
        if let first = argument.split(separator: " ").first, ["tsql", "postgres", "sqlite", "ansi"].contains(String(first)) {
            dialect = String(first)
            text = String(argument.dropFirst(first.count)).trimmingCharacters(in: .whitespaces)
        }
        let pipeline = try parseOnePipeline(text, command: "sql")
        writeOutput(try compilingArgument(text) { try session.compileSQL(pipeline, dialect: dialect) } + "\n")
    }

    func showPython(_ argument: String) throws {
        let pipeline = try parseOnePipeline(argument, command: "python")
        writeOutput(try compilingArgument(argument) { try session.compilePython(pipeline) })
    }

    /// `:explain P`: where each part of the pipeline runs, its code, and the columns that cross.
    func showPlan(_ argument: String) throws {
        let pipeline = try parseOnePipeline(argument, command: "explain")
        writeOutput(try compilingArgument(argument) { try session.explain(pipeline) })
    }

    private func parseOnePipeline(_ text: String, command: String) throws -> Pipeline {
        guard !text.isEmpty else { throw RuntimeError(":\(command) needs a pipeline", help: ":\(command) sample iris | take 3") }
        let parsed = parsePipeline(text, variables: variables)
        guard let pipeline = parsed.pipeline else {
            if parsed.diagnostics.hasErrors { throw RenderedDiagnostics(text: render(parsed.diagnostics, source: text, color: color)) }
            throw RuntimeError(":\(command) needs exactly one pipeline")
        }
        return pipeline
    }

    /// Runs `body` on a pipeline given to a command; its language errors point into `text`
    /// (the command's argument), so they are rendered against it.
    func compilingArgument<T>(_ text: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let list as DiagnosticList {
            throw RenderedDiagnostics(text: render(list, source: text, color: color))
        }
    }

    // MARK: - Raw SQL

    /// `:exec RAW-SQL`: passthrough; prints each result set and row count, and the
    /// server's messages. Its script variables are placed by the dialect's lexer: bound
    /// parameters where a value can stand, escaped into string literals (SPEC §5).
    func exec(_ sql: String) throws {
        let connection = try requireConnection()
        guard !sql.isEmpty else { throw RuntimeError(":exec needs SQL") }
        let statement = try session.passthroughStatement(variables.template(sql))
        let cancel: @Sendable () -> Void = { connection.connection.cancel() }
        let outcomes: [StatementOutcome]
        do {
            outcomes = try InterruptController.shared.run(cancel: cancel) {
                try connection.connection.executeBatch(statement.text, parameters: statement.parameters)
            }
        } catch {
            showServerMessages(connection)
            throw error
        }
        showServerMessages(connection)
        for outcome in outcomes {
            switch outcome {
            case .rows(let table): try show(.table(ResultRows(table), kind: .plain))
            case .rowCount(let count): writeOutput("\(count) row\(count == 1 ? "" : "s") affected\n")
            }
        }
        if outcomes.isEmpty { writeOutput("ok\n") }
    }

    /// The server's messages since the last statement (PRINT, RAISERROR … 10, RAISE NOTICE),
    /// on stderr as sqlcmd and psql show them (`ODBCDiagnostic.shownAsServerMessage`).
    func showServerMessages(_ connection: NamedConnection) {
        for message in connection.connection.takeMessages() { writeError(message.shownAsServerMessage) }
    }

    // MARK: - Images and settings

    private func pickImage(_ word: String?) throws -> (number: Int, image: ImageResult) {
        guard !session.images.isEmpty else { throw RuntimeError("there are no images yet", help: "make one with … | plot …") }
        let number = try word.map { text -> Int in
            guard let n = Int(text), n >= 1, n <= session.images.count else {
                throw RuntimeError("there is no image \(text)", help: "images are numbered 1 to \(session.images.count); :images lists them")
            }
            return n
        } ?? session.images.count
        return (number, session.images[number - 1])
    }

    private func saveImage(_ words: [String]) throws {
        let (numberWord, path): (String?, String?) = words.count >= 2 ? (words[0], words[1]) : (nil, words.first)
        guard let path else { throw RuntimeError(":save needs a file name", help: ":save [N] FILE.png") }
        let picked = try pickImage(numberWord)
        try OutputFile.write(try picked.image.savedPNG(software: "rex"), to: path)
        writeOutput("saved \(path) (\(picked.image.width)×\(picked.image.height), \(ImageResult.size(picked.image.png.count)))\n")
    }

    private func set(_ words: [String]) throws {
        guard words.count == 2 else { throw RuntimeError(":set needs a name and a value", help: "e.g. :set maxrows 100") }
        let (name, value) = (words[0], words[1])
        func onOff() throws -> Bool {
            guard value == "on" || value == "off" else { throw RuntimeError(":set \(name) takes on or off") }
            return value == "on"
        }
        switch name {
        case "maxrows":
            guard let n = Int(value), n >= 2 else { throw RuntimeError(":set maxrows needs a number of at least 2") }
            session.settings.maxRows = n
        case "digits":
            let range = FloatDisplay.digitRange
            guard let n = Int(value), range.contains(n) else {
                throw RuntimeError(":set digits needs a number of significant digits from \(range.lowerBound) to \(range.upperBound)",
                                   help: "floats in the terminal table show \(FloatDisplay.defaultDigits) by default; csv, json and the other formats stay exact")
            }
            session.settings.floatDigits = n
        case "pager": session.settings.pager = try onOff()
        case "timing": session.settings.timing = try onOff()
        case "echo": session.settings.echo = try onOff()
        case "bulk_copy": session.settings.bulkCopy = try onOff()
        case "images":
            guard value == "inline" || value == "off" else { throw RuntimeError(":set images takes inline or off") }
            session.settings.imagesInline = value == "inline"
        case "timeout":
            guard let seconds = Int(value), seconds >= 0 else { throw RuntimeError(":set timeout needs seconds (0 = none)") }
            session.settings.timeoutSeconds = seconds == 0 ? nil : seconds
        case "upload_limit":
            guard let rows = Int(value.replacingOccurrences(of: "_", with: "")), rows >= 0 else {
                throw RuntimeError(":set upload_limit needs a number of rows (0 = never upload)")
            }
            session.settings.uploadLimit = rows
        default:
            throw RuntimeError("unknown setting '\(name)'", help: "settings: \(Completion.settings.joined(separator: ", "))")
        }
    }
}

/// Language errors already rendered against the text they point into.
struct RenderedDiagnostics: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}
