import CPython
import RexData

extension PythonInterpreter {
    /// Runs Python code (generated pandas code or a user's `python """…"""` block)
    /// with each input table bound as a pandas DataFrame.
    ///
    /// `print` output (stdout and stderr) is captured in order. After the code
    /// runs, `result` (see `resultName`) becomes a table (DataFrame or Series), an
    /// image (PNG bytes, or a matplotlib Figure/Axes saved as PNG with Agg), or a
    /// value. Each run gets a fresh namespace; `import _rex` gives the runtime.
    ///
    /// - Parameters:
    ///   - code: Python source.
    ///   - inputs: frames to bind, by variable name (e.g. `[("df", table)]`).
    ///   - firstLine: the script line of the code's first line; tracebacks and
    ///     `PythonError.line` use script lines.
    ///   - fileName: the file name tracebacks show (`"<rex>"`, or the script's path).
    ///   - resultName: the variable holding the result.
    ///   - resultTypes: rex types the caller expects for result columns: a
    ///     datetime64 column of midnights expected as `date` becomes a date column,
    ///     a float column of whole numbers expected as `int` an int column, an
    ///     all-null object column takes the expected type. Date and bytes columns
    ///     of the inputs are expected as such by default.
    ///   - job: names this run for `interrupt(_:)`; create it before the call and
    ///     give it to whatever may interrupt the run.
    /// - Throws: `PythonError`: `.exception` with the traceback and output so far,
    ///   `.interrupted` after `interrupt(job)`, `.conversion` for a result rex cannot hold.
    public func run(code: String, inputs: [(name: String, table: Table)], firstLine: Int = 1,
                    fileName: String = "<rex>", resultName: String = "result",
                    resultTypes: [String: DataType] = [:], job: PythonJob = PythonJob()) throws -> PythonRun {
        try run(code: code, inputs: PythonInputs(inputs), firstLine: firstLine, fileName: fileName,
                resultName: resultName, resultTypes: resultTypes, job: job)
    }

    /// `run(code:inputs:…)` with the inputs in a box the run empties once they are DataFrames:
    /// a caller that keeps no other reference to the tables frees each column as soon as
    /// pandas has its own copy, before the code runs.
    public func run(code: String, inputs: PythonInputs, firstLine: Int = 1,
                    fileName: String = "<rex>", resultName: String = "result",
                    resultTypes: [String: DataType] = [:], job: PythonJob = PythonJob()) throws -> PythonRun {
        // Types pandas cannot tell apart default to the inputs' types: a date column stays a
        // date while it holds midnights; an all-null or empty object column keeps bytes.
        var hints: [String: DataType] = [:]
        for field in inputs.schemas.flatMap(\.fields) where [.date, .bytes].contains(field.type) {
            hints[field.name] = field.type
        }
        hints.merge(resultTypes) { $1 }
        return try perform(job: job) { bridge in
            let frames = try inputs.takeFrames(bridge: bridge)
            let outcome = try bridge.callMethod("run", [
                .string(code), .string(fileName), .int(firstLine), .dictionary(frames), .string(resultName),
            ])
            let output = try Self.output(try outcome.tupleItem(1))
            if try outcome.tupleItem(0).string() == "error" {
                let typeName = try outcome.tupleItem(2).string()
                let line = Int(try outcome.tupleItem(5).int64())
                throw PythonError(kind: typeName == "KeyboardInterrupt" ? .interrupted : .exception,
                                  typeName: typeName, message: try outcome.tupleItem(3).string(),
                                  traceback: try outcome.tupleItem(4).string(),
                                  line: line > 0 ? line : nil, output: output)
            }
            guard PyObject_IsTrue(try outcome.tupleItem(3).pointer) == 1 else {
                return PythonRun(output: output, result: .none)
            }
            do {
                let result = try Self.result(try outcome.tupleItem(2), resultTypes: hints, bridge: bridge)
                return PythonRun(output: output, result: result)
            } catch let error as PythonError {
                throw PythonError(kind: error.kind, typeName: error.typeName, message: error.message,
                                  traceback: error.traceback, line: error.line, output: output)
            }
        }
    }

    /// Runs code with one input frame (`df` by default); see `run(code:inputs:…)`.
    public func run(code: String, input: Table? = nil, inputName: String = "df", firstLine: Int = 1,
                    fileName: String = "<rex>", resultTypes: [String: DataType] = [:],
                    job: PythonJob = PythonJob()) throws -> PythonRun {
        try run(code: code, inputs: input.map { [(inputName, $0)] } ?? [], firstLine: firstLine,
                fileName: fileName, resultTypes: resultTypes, job: job)
    }

    private static func output(_ chunks: PyRef) throws -> [PythonOutput] {
        let count = PyList_Size(chunks.pointer)
        guard count >= 0 else { throw takePythonError() }
        var output: [PythonOutput] = []
        for index in 0..<count {
            guard let borrowed = PyList_GetItem(chunks.pointer, index) else { throw takePythonError() }
            let chunk = PyRef(borrowing: borrowed)
            let stream: PythonOutput.Stream = try chunk.tupleItem(0).int64() == 2 ? .stderr : .stdout
            let text = try chunk.tupleItem(1).string()
            // Merge consecutive writes to one stream (print writes text and "\n" separately).
            if let last = output.last, last.stream == stream {
                output[output.count - 1].text += text
            } else {
                output.append(PythonOutput(stream: stream, text: text))
            }
        }
        return output
    }

    private static func result(_ value: PyRef, resultTypes: [String: DataType], bridge: PyRef) throws -> PythonResult {
        let described = try bridge.callMethod("describe_result", [value])
        switch try described.tupleItem(0).string() {
        case "table":
            return .table(try FrameConversion.table(from: try described.tupleItem(1), hints: resultTypes, bridge: bridge))
        case "image":
            let column = try FrameConversion.value(kind: "bytes", object: try described.tupleItem(1))
            if case .bytes(let png) = column { return .image(png) }
            return .none
        default:
            return .value(try FrameConversion.value(kind: try described.tupleItem(1).string(), object: try described.tupleItem(2)))
        }
    }
}

/// Tables to bind as DataFrames for one run, handed over: the run takes them out of the box
/// and frees each column once it is converted (`FrameConversion.frame(taking:)`).
public final class PythonInputs: @unchecked Sendable {
    private var tables: [(name: String, table: Table)]
    /// The inputs' schemas (kept after the tables are taken).
    let schemas: [Schema]

    public init(_ tables: [(name: String, table: Table)]) {
        self.tables = tables
        schemas = tables.map(\.table.schema)
    }

    /// The DataFrames, by name; the box is empty afterwards. On the Python thread with the GIL.
    fileprivate func takeFrames(bridge: PyRef) throws -> [(String, PyRef)] {
        var taken = tables
        tables = []
        var frames: [(String, PyRef)] = []
        for index in taken.indices {
            frames.append((taken[index].name, try FrameConversion.frame(taking: &taken[index].table, bridge: bridge)))
        }
        return frames
    }
}
