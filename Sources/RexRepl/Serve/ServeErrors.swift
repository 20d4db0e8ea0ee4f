import Foundation
import RexLanguage
import RexODBC
import RexPython
import RexRuntime

/// `error` messages (docs/SERVE.md): each failure as its kind — `syntax`, `type`,
/// `runtime`, `database`, `python` or `connection` — with a one-line `message`, the
/// `rendered` text the terminal would show (the caret diagnostic for language errors)
/// and the details of its kind. Secrets are masked in every text.
extension ServeResponder {
    /// Sends the error a statement failed with; returns the exit status it means, as the
    /// REPL's `report` does.
    func report(_ error: Error, source: String, fileName: String?) -> ExitStatus {
        switch error {
        case let list as DiagnosticList:
            var list = list
            if list.fileName == nil { list.fileName = fileName }
            sendLanguageError(kind: "type", rendered: render(list, source: source, color: false), list.diagnostics)
        case let rendered as RenderedDiagnostics:
            sendLanguageError(kind: "syntax", rendered: rendered.text, [])
        case let diagnostic as Diagnostic:
            sendLanguageError(kind: "type", rendered: render(diagnostic, source: source, fileName: fileName, color: false), [diagnostic])
        case is Interrupted:
            return cancelled()
        case let odbc as ODBCError where ["HY008", "57014"].contains(odbc.sqlState) || InterruptController.shared.isStopRequested:
            return cancelled()
        case let odbc as ODBCError:
            let headline = odbc.isConnectionLost ? "the connection to the server was lost" : "the server rejected the statement"
            let help = odbc.isConnectionLost ? "\n  = help: :connect again (or :use another connection)" : ""
            let records = odbc.diagnostics.map { record -> ServeJSON in
                .object([("sqlstate", .string(record.sqlState)), ("native", .int(Int(record.nativeError))),
                         ("message", .string(masked(record.message)))])
            }
            sendError(kind: "database", message: headline, rendered: "error: \(headline)\n\(odbc.description)\(help)", [
                ("records", .array(records)),
                ("statement", odbc.sql.map { .string(masked($0)) } ?? .null),
                ("connection_lost", .bool(odbc.isConnectionLost)),
            ])
            if odbc.isConnectionLost {
                repl.connectionLost = true
                return .connectionFailed
            }
        case let python as PythonError:
            if python.isInterrupted { return cancelled() }
            let printed = python.output.map(\.text).joined()
            if !printed.isEmpty { text(printed, stream: .stdout) }
            let rendered: String
            switch python.kind {
            case .exception: rendered = "error: Python raised \(python.typeName)\n" + python.description
            case .unavailable: rendered = "error: " + python.message + "\n  = help: the local context needs Debian's python3 with pandas (make run installs it); server work does not"
            case .conversion, .interrupted: rendered = "error: " + python.message
            }
            sendError(kind: "python", message: python.kind == .exception ? "\(python.typeName): \(python.message)" : python.message,
                      rendered: rendered, [
                          ("exception", .string(python.typeName)),
                          ("traceback", python.traceback.isEmpty ? .null : .string(masked(python.traceback))),
                      ])
        case let failure as ConnectFailure:
            sendError(kind: "connection", rendered: failure.description)
            return .connectionFailed
        default:
            let text = "\(error)"
            sendError(kind: "runtime", rendered: text.hasPrefix("error:") ? text : "error: \(text)")
        }
        return .statementFailed
    }

    /// The syntax errors of a request's text.
    func syntaxErrors(_ list: DiagnosticList, source: String) {
        sendLanguageError(kind: "syntax", rendered: render(list, source: source, color: false), list.diagnostics)
    }

    /// Language errors the REPL rendered itself.
    func syntaxError(rendered: String) {
        sendLanguageError(kind: "syntax", rendered: Self.withoutColour(rendered), [])
    }

    /// A statement stopped by Ctrl-C (status `cancelled`) or by `:set timeout` (an error).
    private func cancelled() -> ExitStatus {
        guard repl.timedOut else { return .interrupted }
        let seconds = repl.session.settings.timeoutSeconds ?? 0
        sendError(kind: "runtime", rendered: "error: cancelled: the statement ran longer than the timeout (\(seconds) s)\n  = help: :set timeout 0 turns the limit off")
        return .statementFailed
    }

    private func sendLanguageError(kind: String, rendered: String, _ diagnostics: [Diagnostic]) {
        let items = diagnostics.map { diagnostic -> ServeJSON in
            .object([
                ("message", .string(diagnostic.message)),
                ("line", .int(diagnostic.span.start.line)), ("column", .int(diagnostic.span.start.column)),
                ("end_line", .int(diagnostic.span.end.line)), ("end_column", .int(diagnostic.span.end.column)),
                ("help", diagnostic.help.map(ServeJSON.string) ?? .null),
            ])
        }
        sendError(kind: kind, message: diagnostics.first?.message, rendered: rendered, [("diagnostics", .array(items))])
    }

    /// Sends an `error` message; `message` defaults to the first line of `rendered` without `error: `.
    private func sendError(kind: String, message: String? = nil, rendered: String, _ details: [(String, ServeJSON)] = []) {
        let shown = masked(rendered.hasSuffix("\n") ? String(rendered.dropLast()) : rendered)
        let firstLine = shown.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? shown
        let headline = message.map(masked) ?? (firstLine.hasPrefix("error: ") ? String(firstLine.dropFirst(7)) : firstLine)
        send("error", [("kind", .string(kind)), ("message", .string(headline)), ("rendered", .string(shown))] + details)
    }

    private func masked(_ text: String) -> String { ConnectionString.maskPasswords(in: text) }

    /// `text` without ANSI colour sequences (the REPL colours diagnostics on a terminal).
    static func withoutColour(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
    }
}
