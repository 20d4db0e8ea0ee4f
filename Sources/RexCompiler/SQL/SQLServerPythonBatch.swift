import RexData

/// The T-SQL batch that runs one `plot` or `python` step on SQL Server (SPEC §3):
///
/// ```sql
/// DECLARE @meta nvarchar(max), @png varbinary(max);
/// EXEC sp_execute_external_script
///     @language = N'Python',
///     @script = N'<server runtime> <the step as literals> <the call>',
///     @input_data_1 = N'<the compiled SELECT of the step's input>',
///     @input_data_1_name = N'df',
///     @params = N'@meta nvarchar(max) OUTPUT, @png varbinary(max) OUTPUT',
///     @meta = @meta OUTPUT,
///     @png = @png OUTPUT;
/// SELECT @meta AS meta, @png AS png;
/// ```
///
/// The script's result comes back in three parts: a table's rows as the script's result
/// set (before the last one; every cell as text, since only `WITH RESULT SETS` names or
/// types the columns of an external script, and sqlglot cannot parse it), the JSON
/// `@meta` (kind, what the step printed, a table's column names and rex types, a value,
/// or the step's error) and a PNG in `@png`.
///
/// SQL Server rules kept here:
/// - Every value inside `N'…'` — the script, the input query (itself holding quoted
///   literals) — is quoted by `SQLDialect.tsql.quoteString` (quotes doubled); no text is
///   ever spliced in unquoted. `GO` is a batch separator only for sqlcmd and SSMS, and the
///   batch goes to ODBC as one statement; the user's code is written as one Python string
///   literal per line, so no line of the batch is ever a bare `GO` from it anyway.
/// - External scripts cannot read `datetime2`, `time` or `datetimeoffset` columns; rex
///   types all of those as datetime (time as text), so datetime columns travel as ISO text
///   (`CONVERT(nvarchar(30), …, 126)`), which the runtime parses (offsets to UTC).
/// - `bigint` arrives as float64 (a NULL int as NaN); the runtime makes a column without
///   NULLs int64 again, exact within ±2^53.
/// - The script is Python 3.7 and pandas 0.23 (SQL Server 2019's runtime): the server
///   runtime (`prelude/rex_server.py`) is written for that.
public enum SQLServerPythonBatch {
    /// The name the input frame has in the script (`@input_data_1_name`).
    public static let inputName = "df"

    /// The step's input as external scripts can read it: datetime columns as ISO text
    /// (the generator keeps the input's order, so a sorted input stays sorted).
    public static func readableInput(_ input: Relation) -> Relation {
        guard input.schema.fields.contains(where: { $0.type == .datetime }) else { return input }
        let items = input.schema.fields.map { field -> NamedExpression in
            let column = IRExpression(.column(field.name), type: field.type)
            if field.type == .datetime {
                return NamedExpression(field.name, IRExpression(.function(.toText, [column]), type: .text))
            }
            return NamedExpression(field.name, column)
        }
        let schema = Schema(input.schema.fields.map { Field($0.name, $0.type == .datetime ? .text : $0.type) })
        return Relation(.project(input, items), schema: schema)
    }

    /// The Python of `@script`: the server runtime, then the step as literals (its columns
    /// and rex types, script variables as data, the first script line of its code, and the
    /// code as one string literal per line), then the call that fills `@meta`, `@png` and
    /// `OutputDataSet`.
    /// - Parameters:
    ///   - runtime: the server runtime's source (`prelude/rex_server.py`).
    ///   - code: the step's Python, which reads `df` and sets `result`.
    ///   - firstLine: the script line of the code's first line (tracebacks count script lines).
    ///   - variables: the block's script variables (an int or a text each).
    ///   - schema: the input's columns with their rex types (before `readableInput`).
    public static func script(runtime: String, code: String, firstLine: Int, variables: [String: Value],
                              schema: Schema) -> String {
        let columns = schema.fields.map { PythonLiteral.string($0.name) }
        let types = schema.fields.map { PythonLiteral.string($0.type.rawValue) }
        let variableItems = variables.keys.sorted().map { name -> String in
            let value: String
            switch variables[name] {
            case .int(let number): value = String(number)
            case .text(let text): value = PythonLiteral.string(text)
            case let other?: value = PythonLiteral.string(other.description)
            case nil: value = "None"
            }
            return PythonLiteral.string(name) + ": " + value
        }
        let codeLines = code.split(separator: "\n", omittingEmptySubsequences: false)
            .map { "        " + PythonLiteral.string(String($0)) + "," }
        var text = runtime
        if !text.hasSuffix("\n") { text += "\n" }
        text += """


        # The step (rex): every value below is a literal; only the code runs, as "<rex>".
        rex_step = {
            "columns": [\(columns.joined(separator: ", "))],
            "types": [\(types.joined(separator: ", "))],
            "variables": {\(variableItems.joined(separator: ", "))},
            "first_line": \(firstLine),
            "code": "\\n".join([
        \(codeLines.joined(separator: "\n"))
            ]),
        }
        meta, rex_png, OutputDataSet = sqlserver_main(\(inputName), rex_step)
        if rex_png is not None:
            png = rex_png

        """
        return text
    }

    /// The whole batch for `script` over `inputQuery` (compiled T-SQL whose parameters are
    /// already written as literals).
    public static func batch(script: String, inputQuery: String) -> String {
        let quote = SQLDialect.tsql.quoteString
        return """
        DECLARE @meta nvarchar(max), @png varbinary(max);
        EXEC sp_execute_external_script
            @language = N'Python',
            @script = \(quote(script)),
            @input_data_1 = \(quote(inputQuery)),
            @input_data_1_name = \(quote(inputName)),
            @params = N'@meta nvarchar(max) OUTPUT, @png varbinary(max) OUTPUT',
            @meta = @meta OUTPUT,
            @png = @png OUTPUT;
        SELECT @meta AS meta, @png AS png;
        """
    }
}
