import RexData

/// What running a Python block produced: its printed output and its `result`.
public struct PythonRun: Sendable, Equatable {
    /// Everything written to `sys.stdout` / `sys.stderr`, in order.
    public var output: [PythonOutput]
    public var result: PythonResult

    public init(output: [PythonOutput], result: PythonResult) {
        self.output = output
        self.result = result
    }

    /// All output as one text, in the order it was written.
    public var printed: String { output.map(\.text).joined() }
}

/// One write to `sys.stdout` or `sys.stderr`.
public struct PythonOutput: Sendable, Equatable {
    public enum Stream: Sendable, Equatable { case stdout, stderr }

    public var stream: Stream
    public var text: String

    public init(stream: Stream, text: String) {
        self.stream = stream
        self.text = text
    }
}

/// The `result` variable after a run, as rex sees it.
public enum PythonResult: Sendable, Equatable {
    /// The code did not set `result`.
    case none
    /// A pandas DataFrame (or Series) converted to columns.
    case table(Table)
    /// PNG bytes: `result` was PNG `bytes` or a matplotlib Figure / Axes (saved with Agg).
    case image([UInt8])
    /// A scalar: int, float, str, bool, date, datetime, non-PNG bytes; None (or NaN, NA) is `.null`.
    case value(Value)
}
