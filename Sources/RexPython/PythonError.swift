/// An error from the embedded Python: an exception raised by the code rex ran,
/// an interrupt (Ctrl-C), data rex cannot convert, or an interpreter that did not start.
public struct PythonError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that react differently (an interrupt keeps the REPL quiet).
    public enum Kind: Sendable, Equatable {
        /// The code raised an exception (`traceback` holds Python's formatted traceback).
        case exception
        /// `PythonInterpreter.interrupt(_:)` (Ctrl-C) stopped the job's code, or refused
        /// the job before it started.
        case interrupted
        /// A result or column has a type rex cannot represent; `message` names the column.
        case conversion
        /// The interpreter could not start (libpython or its standard library is missing).
        case unavailable
    }

    public let kind: Kind
    /// The exception's type name, e.g. `ZeroDivisionError` (`KeyboardInterrupt` when interrupted).
    public let typeName: String
    /// `str(exception)`, or the conversion problem.
    public let message: String
    /// The full formatted traceback, as Python prints it; line numbers are script lines.
    public let traceback: String
    /// The script line (in the caller's numbering, see `firstLine`) where the error arose, if known.
    public let line: Int?
    /// What the code printed before the error, in order (shown before the error).
    public let output: [PythonOutput]

    public init(kind: Kind = .exception, typeName: String, message: String, traceback: String,
                line: Int? = nil, output: [PythonOutput] = []) {
        self.kind = kind
        self.output = output
        self.typeName = typeName
        self.message = message
        self.traceback = traceback
        self.line = line
    }

    /// True when the code was stopped (or refused) by `interrupt(_:)`.
    public var isInterrupted: Bool { kind == .interrupted }

    public var description: String {
        switch kind {
        case .interrupted: return "Python interrupted"
        case .conversion, .unavailable: return message
        case .exception:
            let text = traceback.isEmpty ? "\(typeName): \(message)" : traceback
            return text.hasSuffix("\n") ? String(text.dropLast()) : text
        }
    }
}
