import Foundation
import RexData
import RexImage
import RexRuntime

/// Turns what a statement produced into `rex --serve` messages for the request being
/// answered (docs/SERVE.md). The REPL hands it every result, printed text and error
/// while `Repl.serve` is set.
final class ServeResponder {
    /// Which kind of text a `text` message carries.
    enum Stream: String {
        case stdout, stderr
    }

    let channel: ServeChannel
    unowned let repl: Repl
    /// The id of the request being answered (`null` before the first one: start-up file).
    var requestID: ServeJSON = .null
    /// The request's own `maxrows` (0 = every row); nil uses `:set maxrows`.
    var maxRows: Int?

    init(channel: ServeChannel, repl: Repl) {
        self.channel = channel
        self.repl = repl
    }

    func send(_ type: String, _ fields: [(String, ServeJSON)] = []) {
        channel.send(id: requestID, type: type, fields)
    }

    // MARK: - Results

    /// Sends a statement's result: a `table`, `linmod`, `image` or `text` message.
    func show(_ outcome: Outcome) throws {
        switch outcome {
        case .none:
            break
        case .message(let message):
            text(message + "\n", stream: .stdout)
        case .value(let value):
            text(value.description + "\n", stream: .stdout)
        case .image(let image):
            self.image(image, number: repl.session.addImage(image))
        case .table(let rows, .linmod(let formula, let fit, let context)):
            let table = try rows.collect()
            let coefficients = (0..<table.rowCount).map { row in
                ServeJSON.object(zip(table.schema.names, table.columns).map { ($0, JSONCell.value($1, row)) })
            }
            let fitFields = fit.keys.sorted().map { ($0, JSONCell.value(fit[$0] ?? .null)) }
            send("linmod", [
                ("formula", .string(formula)), ("context", .string(context)),
                ("coefficients", .array(coefficients)), ("fit", .object(fitFields)),
                ("text", LinmodReport.render(table, formula: formula, fit: fit, context: context).map(ServeJSON.string) ?? .null),
            ])
        case .table(let rows, .summary):
            // A summary is small: its terminal report rides along for plain-text clients.
            let table = try rows.collect()
            var builder = ServeTableBuilder(limit: nil, floatDigits: repl.session.settings.floatDigits)
            builder.add(table)
            send("table", [("kind", .string("summary"))] + builder.fields(schema: table.schema)
                 + [("text", SummaryReport.render(table).map(ServeJSON.string) ?? .null)])
        case .table(let rows, .plain):
            var builder = ServeTableBuilder(limit: maxRows ?? repl.session.settings.maxRows,
                                            floatDigits: repl.session.settings.floatDigits)
            while let block = try rows.nextBlock() {
                try InterruptController.shared.checkpoint()
                builder.add(block)
            }
            send("table", [("kind", .string("plain"))] + builder.fields(schema: rows.schema))
        }
    }

    /// Sends image `number` of the session (a new result, or one `:show N` asks for again)
    /// as an `image` message with the PNG.
    func image(_ image: ImageResult, number: Int) {
        send("image", [
            ("number", .int(number)), ("format", .string("png")),
            ("width", .int(image.width)), ("height", .int(image.height)), ("bytes", .int(image.png.count)),
            ("pipeline", .string(image.pipeline)), ("context", .string(image.context)),
            ("data", .string(image.png.base64EncodedString())),
        ])
    }

    /// Sends printed output or a notice as a `text` message.
    func text(_ text: String, stream: Stream) {
        guard !text.isEmpty else { return }
        // The REPL says "interrupted" when Ctrl-C stops a script between statements; here the
        // `done` message's status `cancelled` says it.
        if stream == .stderr && text == "interrupted" { return }
        send("text", [("stream", .string(stream.rawValue)), ("text", .string(text))])
    }

    // MARK: - Input

    /// Asks the client for a line (a password) with an `input_request` message and waits for
    /// its `{"id": …, "input": …}` reply. Nil when the client declines (`"input": null`),
    /// the input ends, or Ctrl-C arrives. The answer is never written anywhere.
    func askInput(prompt: String, password: Bool) -> String? {
        send("input_request", [("prompt", .string(prompt)), ("password", .bool(password))])
        var others: [String] = []
        defer { others.forEach(channel.requeue) }
        while let line = channel.readFromInput(cancellable: true) {
            guard let request = ServeRequest(line: line), case .input(let answer) = request.kind else {
                others.append(line)
                continue
            }
            return answer
        }
        return nil
    }
}
