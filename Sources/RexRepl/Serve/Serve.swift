import Foundation
import RexLanguage
import RexODBC
import RexRuntime

/// `rex --serve` (SPEC §5, docs/SERVE.md): reads requests as JSON lines on stdin and
/// answers each with JSON lines on stdout, every message carrying the request's id and a
/// final `done`. One session serves every request, so `let`, `:connect` and `:context`
/// persist; Ctrl-C (SIGINT) cancels the running statement and the loop goes on.
public final class ServeLoop {
    /// The protocol's version, in the `ready` message.
    public static let protocolVersion = 1

    let repl: Repl
    let responder: ServeResponder
    let keepGoing: Bool

    /// Takes over `repl`'s output: from now on its results, printed text, notices and errors
    /// become messages (the start-up file's and `--connect`'s with id `null`), and `Pwd=?`
    /// asks the client unless `REX_PASSWORD` is set.
    /// - Parameter keepGoing: default for requests without `keep_going` (`--keep-going`).
    public init(repl: Repl, keepGoing: Bool) {
        self.repl = repl
        self.keepGoing = keepGoing
        let channel = ServeChannel(output: ServeChannel.claimStandardOutput())
        responder = ServeResponder(channel: channel, repl: repl)
        repl.serve = responder
        repl.format = .json
        let session = repl.session
        session.notice = { [responder] in responder.text($0 + "\n", stream: .stderr) }
        session.echo = { [responder] in responder.text(ConnectionString.maskPasswords(in: $0) + "\n", stream: .stderr) }
        session.connections.askPassword = { [responder] prompt in responder.askInput(prompt: prompt, password: true) }
    }

    /// Answers requests until the input ends or `:quit`.
    public func run() -> ExitStatus {
        responder.requestID = .null
        responder.send("ready", [("version", .string(RexVersion.current)), ("protocol", .int(Self.protocolVersion))])
        while !repl.quitRequested, let line = responder.channel.readLine() {
            guard let parsed = ServeRequest.parse(line) else { continue }
            switch parsed {
            case .failure(let problem):
                responder.requestID = problem.id
                responder.send("error", [("kind", .string("protocol")), ("message", .string(problem.message)),
                                         ("rendered", .string("error: " + problem.message))])
                responder.send("done", [("status", .string("error"))])
            case .success(let request):
                responder.requestID = request.id
                let status = answer(request)
                responder.send("done", [("status", .string(status))])
            }
        }
        return .success
    }

    /// Runs one request; returns the `done` status: `ok`, `error` or `cancelled`.
    private func answer(_ request: ServeRequest) -> String {
        switch request.kind {
        case .code(let code, let keepGoing, let maxRows):
            responder.maxRows = maxRows
            defer { responder.maxRows = nil }
            // As at the REPL prompt: an interrupt that came while idle cancels nothing.
            InterruptController.shared.clearPending()
            let status = repl.runText(code, keepGoing: keepGoing ?? self.keepGoing)
            InterruptController.shared.clearPending()
            switch status {
            case .success: return "ok"
            case .interrupted: return "cancelled"
            default: return "error"
            }
        case .complete(let text, let cursor):
            let scalars = Array(text.unicodeScalars)
            let end = min(max(cursor ?? scalars.count, 0), scalars.count)
            var before = String.UnicodeScalarView()
            before.append(contentsOf: scalars[..<end])
            let found = Completion(repl: repl).candidates(for: String(before))
            let word = found.word, matches = found.matches
            responder.send("completion", [
                ("matches", .array(matches.map(ServeJSON.string))),
                ("cursor_start", .int(end - word.unicodeScalars.count)), ("cursor_end", .int(end)),
            ])
            return "ok"
        case .isComplete(let text):
            let complete = text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || isStatementComplete(text)
            responder.send("is_complete", [("status", .string(complete ? "complete" : "incomplete")),
                                           ("indent", .string(complete ? "" : "  "))])
            return "ok"
        case .input:
            responder.send("error", [("kind", .string("protocol")), ("message", .string("no input was asked for")),
                                     ("rendered", .string("error: no input was asked for"))])
            return "error"
        }
    }
}
