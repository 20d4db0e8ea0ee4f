import Foundation
import RexData
import RexImage
import RexLanguage
import RexODBC
import RexPython
import RexRuntime

/// Exit statuses of SPEC §5.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case statementFailed = 1
    case badUsage = 2
    case connectionFailed = 3
    case interrupted = 130
}

/// Reads statements — from a terminal with libedit, or from a script, `-e` or stdin —
/// and runs them in one session, printing results and errors (SPEC §5).
public final class Repl {
    public let session: Session
    /// `:format` / `--format`; nil means table on a terminal, CSV otherwise.
    public var format: OutputFormat?
    var variables = ScriptVariables()
    let stdoutIsTerminal: Bool
    let stderrIsTerminal: Bool
    let color: Bool
    var quitRequested = false
    /// Set when `:set timeout` cancelled the running statement.
    var timedOut = false
    /// Elapsed time and rows of a long statement, on interactive terminals only.
    let progress: ProgressLine?
    /// Set by a lost connection: the command line exits with status 3.
    var connectionLost = false
    /// Set by `rex --serve`: results, printed text and errors become protocol messages.
    var serve: ServeResponder?

    public init(session: Session) {
        self.session = session
        stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
        stderrIsTerminal = isatty(STDERR_FILENO) == 1
        color = stdoutIsTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        progress = stderrIsTerminal && isatty(STDIN_FILENO) == 1 ? ProgressLine() : nil
    }

    /// Sets a script variable from `NAME=VALUE`; false when malformed.
    public func setVariable(assignment: String) -> Bool { variables.set(assignment: assignment) }

    /// The prompt for the current context (`rex> ` or `rex[server DB]> `).
    public var prompt: String {
        switch session.context {
        case .local: return "rex> "
        case .server: return "rex[server \(session.connections.current?.name ?? "?")]> "
        }
    }

    static let continuationPrompt = "  ..> "

    // MARK: - Loops

    /// The interactive loop: until `:quit` or Ctrl-D. Ctrl-C clears the line being typed
    /// or cancels the running statement.
    public func runInteractive() -> ExitStatus {
        guard let editor = LineEditor() else {
            writeError("error: cannot initialise line editing (libedit)")
            return runStream(FileHandle.standardInput)
        }
        let historyPath = HistoryFile.path()
        if let historyPath { editor.loadHistory(from: historyPath) }
        Completion.install(on: editor, repl: self)
        var buffer = ""
        while !quitRequested {
            editor.prompt = buffer.isEmpty ? prompt : Self.continuationPrompt
            let line: String
            switch editor.read() {
            case .line(let text):
                line = text
            case .interrupted:
                // Ctrl-C while typing: drop the statement, keep the session.
                buffer = ""
                writeOutput("\n")
                continue
            case .end:
                writeOutput("\n")
                quitRequested = true
                continue
            }
            buffer += buffer.isEmpty ? line : "\n" + line
            if buffer.trimmingCharacters(in: .whitespaces).isEmpty { buffer = ""; continue }
            if !isStatementComplete(buffer) { continue }
            let statement = buffer
            buffer = ""
            if HistoryFile.mayStore(statement) {
                editor.addHistory(statement)
                if let historyPath { editor.saveHistory(to: historyPath) }
            }
            InterruptController.shared.clearPending()
            _ = runText(statement, fileName: nil, keepGoing: true)
        }
        return .success
    }

    /// Runs a whole text (a script, `-e` statements, stdin). Stops at the first failed
    /// statement unless `keepGoing`; returns the status of the first failure.
    public func runText(_ text: String, fileName: String? = nil, keepGoing: Bool = false) -> ExitStatus {
        let source = text
        // Script variables become values as the text is lexed (SPEC §5); a `:setvar` in the
        // text applies to the statements after it.
        let parsed = parse(source, fileName: fileName, variables: variables)
        // Statements and syntax errors in source order: run each statement, report each error.
        var pendingErrors = parsed.diagnostics.diagnostics
        var status = ExitStatus.success
        for statement in parsed.statements {
            if quitRequested { break }
            if InterruptController.shared.isStopRequested {
                // Ctrl-C between statements of a script (or during one that finished anyway): stop here.
                InterruptController.shared.clearPending()
                writeError("interrupted")
                return .interrupted
            }
            let before = pendingErrors.filter { $0.span.start.offset < statement.span.start.offset }
            if !before.isEmpty {
                pendingErrors.removeFirst(before.count)
                writeSyntaxErrors(DiagnosticList(before, fileName: fileName), source: source)
                if status == .success { status = .statementFailed }
                if !keepGoing { return status }
            }
            let result = runStatement(statement, source: source, fileName: fileName)
            if result != .success {
                if status == .success { status = result }
                if !keepGoing || result == .interrupted || result == .connectionFailed && fileName != nil { return status }
            }
        }
        if !pendingErrors.isEmpty && !quitRequested {
            writeSyntaxErrors(DiagnosticList(pendingErrors, fileName: fileName), source: source)
            if status == .success { status = .statementFailed }
        }
        if status == .success && InterruptController.shared.isStopRequested {
            // Ctrl-C during the last statement, which finished before any checkpoint saw it.
            InterruptController.shared.clearPending()
            writeError("interrupted")
            return .interrupted
        }
        return status
    }

    /// Reads all of a stream and runs it as a script.
    public func runStream(_ handle: FileHandle, keepGoing: Bool = false) -> ExitStatus {
        let data = handle.readDataToEndOfFile()
        return runText(String(decoding: data, as: UTF8.self), keepGoing: keepGoing)
    }

    // MARK: - One statement

    func runStatement(_ statement: Statement, source: String, fileName: String?) -> ExitStatus {
        let text = slice(source, statement.span)
        let started = Date()
        progress?.start()
        // :set timeout: cancel the statement as Ctrl-C would.
        let timeout = session.settings.timeoutSeconds.map { seconds -> DispatchWorkItem in
            let work = DispatchWorkItem { [weak self] in
                self?.timedOut = true
                InterruptController.shared.deliver()
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(seconds), execute: work)
            return work
        }
        timedOut = false
        defer {
            timeout?.cancel()
            // A timeout cancels this statement only; the script goes on (unlike Ctrl-C).
            if timedOut { InterruptController.shared.clearPending() }
            progress?.stop()
            if session.settings.timing {
                writeError(String(format: "time: %.3f s", Date().timeIntervalSince(started)))
            }
        }
        do {
            if case .command(let name, let argument) = statement.kind {
                return try runCommand(name.name, argument: argument, source: source, fileName: fileName)
            }
            let result = try session.execute(statement, source: text)
            if !result.printed.isEmpty { writePrinted(result.printed) }
            try show(result.outcome)
            return .success
        } catch {
            return report(error, source: source, fileName: fileName)
        }
    }

    /// Shows an error the way SPEC §5 asks and returns the exit status it means.
    func report(_ error: Error, source: String, fileName: String?) -> ExitStatus {
        if let serve { return serve.report(error, source: source, fileName: fileName) }
        switch error {
        case let list as DiagnosticList:
            var list = list
            if list.fileName == nil { list.fileName = fileName }
            writeDiagnostics(render(list, source: source, color: color))
            return .statementFailed
        case let rendered as RenderedDiagnostics:
            writeDiagnostics(rendered.text)
            return .statementFailed
        case let diagnostic as Diagnostic:
            writeDiagnostics(render(diagnostic, source: source, fileName: fileName, color: color))
            return .statementFailed
        case is Interrupted:
            return reportCancel()
        case let odbc as ODBCError where ["HY008", "57014"].contains(odbc.sqlState) || InterruptController.shared.isStopRequested:
            // SQLCancel (Ctrl-C or :set timeout); drivers word a cancelled DDL statement
            // differently (sqliteodbc: "interrupted"), so any failure after a stop request counts.
            return reportCancel()
        case let odbc as ODBCError:
            let headline = odbc.isConnectionLost ? "error: the connection to the server was lost" : "error: the server rejected the statement"
            let help = odbc.isConnectionLost ? "\n  = help: :connect again (or :use another connection)" : ""
            writeError(headline + "\n" + odbc.description + help)
            if odbc.isConnectionLost {
                connectionLost = true
                return .connectionFailed
            }
            return .statementFailed
        case let python as PythonError:
            if python.isInterrupted { return reportCancel() }
            let printed = python.output.map(\.text).joined()
            if !printed.isEmpty { writePrinted(printed) }
            switch python.kind {
            case .exception:
                writeError("error: Python raised \(python.typeName)\n" + python.description)
            case .unavailable:
                writeError("error: " + python.message + "\n  = help: the local context needs Debian's python3 with pandas (make run installs it); server work does not")
            case .conversion, .interrupted:
                writeError("error: " + python.message)
            }
            return .statementFailed
        case let failure as ConnectFailure:
            writeError(failure.description)
            return .connectionFailed
        case let runtime as RuntimeError:
            writeError(runtime.description)
            return .statementFailed
        case let unset as UnsetVariable:
            writeError(unset.description)
            return .statementFailed
        default:
            let text = "\(error)"
            writeError(text.hasPrefix("error:") ? text : "error: \(text)")
            return .statementFailed
        }
    }

    /// A statement stopped by Ctrl-C (status 130) or by `:set timeout` (a failed statement).
    private func reportCancel() -> ExitStatus {
        guard timedOut else {
            writeError("interrupted")
            return .interrupted
        }
        writeError("error: cancelled: the statement ran longer than the timeout (\(session.settings.timeoutSeconds ?? 0) s)\n  = help: :set timeout 0 turns the limit off")
        return .statementFailed
    }

    // MARK: - Output

    /// The format results print in now.
    var effectiveFormat: OutputFormat { format ?? (stdoutIsTerminal ? .table : .csv) }

    func show(_ outcome: Outcome) throws {
        if let serve { return try serve.show(outcome) }
        switch outcome {
        case .none:
            break
        case .message(let text):
            writeOutput(text + "\n")
        case .value(let value):
            guard effectiveFormat == .table else {
                writeOutput(value.description + "\n")
                break
            }
            if case .float(let number) = value {
                writeOutput(FloatDisplay.text(number, digits: session.settings.floatDigits) + "\n")
            } else {
                writeOutput(TerminalText.message(value.description) + "\n")
            }
        case .image(let image):
            let number = session.addImage(image)
            let protocolKind = session.settings.imagesInline
                ? TerminalImageProtocol.detect(isTerminal: stdoutIsTerminal) : .off
            if let escape = protocolKind.escapeSequence(for: image.png) { writeOutput(escape) }
            writeOutput(image.note(number: number) + "\n")
        case .table(let rows, .summary) where effectiveFormat == .table:
            let table = try rows.collect()
            if let report = SummaryReport.render(table) {
                writeResult(report)
            } else {
                try show(.table(ResultRows(table), kind: .plain))
            }
        case .table(let rows, .linmod(let formula, let fit, let context)) where effectiveFormat == .table:
            let table = try rows.collect()
            writeResult(LinmodReport.render(table, formula: formula, fit: fit, context: context) ?? "")
        case .table(let rows, .linmod(_, let fit, _)) where effectiveFormat == .json:
            // The coefficients and, beside them, the fit (SPEC §2 linmod).
            var coefficients = ""
            let writer = JSONWriter { coefficients += $0 }
            let table = try rows.collect()
            writer.begin(table.schema)
            writer.write(table)
            writer.end(rowCount: table.rowCount)
            let fitItems = fit.keys.sorted().map { key -> String in
                let value = fit[key] ?? .null
                let text: String
                switch value {
                case .int(let v): text = String(v)
                case .float(let v) where v.isFinite: text = ValueText.float(v)
                default: text = "null"
                }
                return "    " + jsonString(key) + ": " + text
            }
            writeOutput("{\n  \"coefficients\": " + coefficients.trimmingCharacters(in: .newlines).replacingOccurrences(of: "\n", with: "\n  ")
                        + ",\n  \"fit\": {\n" + fitItems.joined(separator: ",\n") + "\n  }\n}\n")
        case .table(let rows, _):
            // The terminal table is written once it is complete (it may go through the
            // pager); the other formats stream as the rows arrive.
            var tableText = ""
            let writer = effectiveFormat == .table ? makeWriter { tableText += $0 } : makeWriter()
            writer.begin(rows.schema)
            var count = 0
            while let block = try rows.nextBlock() {
                progress?.add(rows: block.rowCount)
                writer.write(block)
                count += block.rowCount
            }
            writer.end(rowCount: count)
            if !tableText.isEmpty { writeResult(tableText) }
        }
    }

    /// Writes a result shown in table format: through the pager when it is taller than the
    /// screen, stdout is a terminal and `:set pager` is on (SPEC §5), else as it is.
    func writeResult(_ text: String) {
        guard stdoutIsTerminal, session.settings.pager, effectiveFormat == .table,
              Pager.isTaller(text, than: terminalHeight()), let command = Pager.command() else {
            writeOutput(text)
            return
        }
        // The rows are all here: the progress line stops before the pager takes the screen.
        progress?.stop()
        if !Pager.show(text, command: command) { writeOutput(text) }
        // Ctrl-C inside the pager was the pager's; it must not stop the next statement.
        InterruptController.shared.clearPending()
    }

    /// A writer for the current format; `output` defaults to stdout.
    func makeWriter(output: ((String) -> Void)? = nil) -> ResultWriter {
        let output: (String) -> Void = output ?? { [unowned self] in self.writeOutput($0) }
        switch effectiveFormat {
        case .table:
            return BoxTableWriter(maxRows: session.settings.maxRows, terminalWidth: terminalWidth(), color: color,
                                  floatDigits: session.settings.floatDigits, output: output)
        case .csv: return DelimitedWriter(style: .csv, output: output)
        case .tsv: return DelimitedWriter(style: .tsv, output: output)
        case .json: return JSONWriter(output: output)
        case .markdown: return MarkdownWriter(output: output)
        }
    }

    func writeOutput(_ text: String) {
        if let serve { return serve.text(text, stream: .stdout) }
        progress?.erase()
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes a message to stderr: secrets masked (`SecretMasking`), control characters
    /// other than line feeds and tabs shown as escapes (`TerminalText`), since messages
    /// quote server errors and values.
    func writeError(_ text: String) {
        if let serve { return serve.text(ConnectionString.maskPasswords(in: text), stream: .stderr) }
        writeStandardError(TerminalText.message(ConnectionString.maskPasswords(in: text)))
    }

    /// Shows the syntax errors of a text (rendered with a caret; `--serve`: an error message).
    func writeSyntaxErrors(_ list: DiagnosticList, source: String) {
        if let serve { return serve.syntaxErrors(list, source: source) }
        writeDiagnostics(render(list, source: source, color: color))
    }

    /// Writes rendered diagnostics (already safe for the terminal, maybe coloured) to stderr, secrets masked.
    func writeDiagnostics(_ text: String) {
        if let serve { return serve.syntaxError(rendered: ConnectionString.maskPasswords(in: text)) }
        writeStandardError(ConnectionString.maskPasswords(in: text))
    }

    /// What a step printed (Python's `print`): on a terminal (table format) control
    /// characters other than line feeds and tabs are shown as escapes; otherwise exact.
    func writePrinted(_ text: String) {
        let shown = effectiveFormat == .table ? TerminalText.message(text) : text
        writeOutput(shown.hasSuffix("\n") ? shown : shown + "\n")
    }

    private func writeStandardError(_ text: String) {
        progress?.erase()
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}

/// The text of `span` in `source` (UTF-8 offsets).
func slice(_ source: String, _ span: SourceSpan) -> String {
    let bytes = Array(source.utf8)
    let start = max(0, min(span.start.offset, bytes.count))
    let end = max(start, min(span.end.offset, bytes.count))
    return String(decoding: bytes[start..<end], as: UTF8.self)
}

/// Columns of the terminal on stdout (80 when unknown).
func terminalWidth() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) { return columns }
    return 80
}
