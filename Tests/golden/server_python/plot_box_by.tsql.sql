DECLARE @meta nvarchar(max), @png varbinary(max);
EXEC sp_execute_external_script
    @language = N'Python',
    @script = N'"""rex server runtime: runs one `plot` or `python` step where the data lives (SPEC §3).

On PostgreSQL it is embedded in the server''s function when it is created
(`:server install` makes rex.run, a superuser''s session gets pg_temp.rex_run) and
runs inside plpython3u; each call brings only the step, as data (`main`). On SQL
Server it is the first part of the @script of sp_execute_external_script, the step
(code, columns, types, variables) follows as literals, and `sqlserver_main` reads
InputDataSet (named df) and fills the OUTPUT parameters. It is written
for Python >= 3.7 and pandas >= 0.23: no nullable dtypes, no f-strings that need
3.8, nothing from the client''s runtime. It returns one self-describing payload
(JSON bytes): an image, a table or a value, plus what the step printed.
"""
import base64
import io
import json
import sys


def frame(records, columns, types):
    """The input rows as a DataFrame; missing values are None/NaN/NaT."""
    import pandas as pd
    data = {}
    for name, kind in zip(columns, types):
        values = [row[name] for row in records]
        if kind in ("int", "float"):
            data[name] = pd.to_numeric(pd.Series([None if v is None else float(v) for v in values], dtype="float64"))
            if kind == "int" and data[name].notna().all():
                data[name] = data[name].astype("int64")
        elif kind in ("date", "datetime"):
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce")
        else:
            data[name] = pd.Series(values, dtype="object")
    return pd.DataFrame(data, columns=list(columns))


def plot(df, kind, args, options):
    """A matplotlib (Agg) figure of the SPEC §2 plot kinds."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    import pandas as pd
    width = float(options.get("width", 9.6 if kind == "matrix" else 8.0))
    height = float(options.get("height", 9.6 if kind == "matrix" else 6.0))
    dpi = int(options.get("dpi", 100))
    for name in list(args) + [options.get("color"), options.get("by")]:
        if name is not None and name not in df.columns:
            raise ValueError("plot %s: unknown column %r" % (kind, name))
    if kind == "matrix":
        cols = list(args) or [c for c in df.columns if df[c].dtype.kind in "if"]
        axes = pd.plotting.scatter_matrix(df[cols].astype("float64"), figsize=(width, height))
        fig = np.asarray(axes).flat[0].get_figure()
        fig.set_dpi(dpi)
    else:
        fig = plt.figure(figsize=(width, height), dpi=dpi)
        ax = fig.add_subplot(1, 1, 1)
        if kind == "scatter":
            color = options.get("color")
            if color is None:
                ax.scatter(df[args[0]], df[args[1]], s=12)
            else:
                for level in sorted(v for v in df[color].dropna().unique()):
                    part = df[df[color] == level]
                    ax.scatter(part[args[0]], part[args[1]], s=12, label=str(level))
                ax.legend(title=color)
            ax.set_xlabel(args[0])
            ax.set_ylabel(args[1])
        elif kind == "hist":
            ax.hist(df[args[0]].dropna().astype("float64"), bins=int(options.get("bins", 10)))
            ax.set_xlabel(args[0])
            ax.set_ylabel("count")
        elif kind == "bar":
            part = df[[args[0], args[1]]].dropna()
            ax.bar([str(v) for v in part[args[0]]], part[args[1]])
            ax.set_xlabel(args[0])
            ax.set_ylabel(args[1])
        elif kind == "line":
            part = df[[args[0], args[1]]].dropna().sort_values(args[0])
            ax.plot(part[args[0]], part[args[1]])
            ax.set_xlabel(args[0])
            ax.set_ylabel(args[1])
        elif kind == "box":
            by = options.get("by")
            if by is None:
                ax.boxplot([df[args[0]].dropna()], labels=[args[0]])
            else:
                levels = sorted(v for v in df[by].dropna().unique())
                ax.boxplot([df[df[by] == level][args[0]].dropna() for level in levels], labels=[str(v) for v in levels])
                ax.set_xlabel(by)
            ax.set_ylabel(args[0])
        else:
            raise ValueError("unknown plot kind %r" % kind)
    if options.get("title"):
        fig.suptitle(str(options["title"]))
    return fig


def figure_png(figure):
    """The figure as PNG bytes (not named png: that is an OUTPUT parameter on SQL Server)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    import matplotlib.pyplot as plt
    plt.close(figure)
    return buffer.getvalue()


def rex_type(series):
    kind = series.dtype.kind
    if kind == "b":
        return "bool"
    if kind in "iu":
        return "int"
    if kind == "f":
        return "float"
    if kind == "M":
        return "datetime"
    values = [v for v in series if v is not None]
    if values and all(isinstance(v, bool) for v in values):
        return "bool"
    return "text"


def cell(value, kind):
    if value is None:
        return None
    try:
        import pandas as pd
        if pd.isnull(value):
            return None
    except (TypeError, ValueError):
        pass
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    if kind == "datetime":
        return value.isoformat()
    return str(value)


def payload(result, printed):
    """The step''s result as JSON bytes: kind image, table, value or none."""
    import pandas as pd
    out = {"printed": printed}
    if result is None:
        out["kind"] = "none"
    elif isinstance(result, (bytes, bytearray)) and bytes(result[:8]) == b"\x89PNG\r\n\x1a\n":
        out["kind"] = "image"
        out["png"] = base64.b64encode(bytes(result)).decode("ascii")
    elif hasattr(result, "savefig"):
        out["kind"] = "image"
        out["png"] = base64.b64encode(figure_png(result)).decode("ascii")
    elif isinstance(result, pd.DataFrame):
        types = [rex_type(result[c]) for c in result.columns]
        out["kind"] = "table"
        out["columns"] = [str(c) for c in result.columns]
        out["types"] = types
        out["rows"] = [[cell(v, t) for v, t in zip(row, types)] for row in result.itertuples(index=False, name=None)]
    else:
        out["kind"] = "value"
        if isinstance(result, bool):
            out["type"], out["value"] = "bool", result
        elif isinstance(result, int):
            out["type"], out["value"] = "int", result
        elif isinstance(result, float):
            out["type"], out["value"] = "float", result
        else:
            out["type"], out["value"] = "text", str(result)
    return json.dumps(out).encode("utf-8")


def run_step(df, spec, first_line=1):
    """Runs the step''s code on `df`: (its `result`, what it printed). The code is compiled
    as "<rex>" behind first_line - 1 empty lines, so tracebacks count script lines.
    The block''s script variables arrive as data, the dict `rexvars` (SPEC §5)."""
    namespace = {"df": df, "plot": plot, "rexvars": dict(spec.get("variables") or {}), "__name__": "__rex__"}
    captured = io.StringIO()
    saved = sys.stdout
    sys.stdout = captured
    try:
        exec(compile("\n" * max(first_line - 1, 0) + spec["code"], "<rex>", "exec"), namespace)
    finally:
        sys.stdout = saved
    return namespace.get("result"), captured.getvalue()


def main(records, spec):
    """Runs the step in `spec` (code, columns, types, variables) on `records` (dict rows)."""
    df = frame(records, spec["columns"], spec["types"])
    result, printed = run_step(df, spec)
    return payload(result, printed)


# SQL Server (sp_execute_external_script). Rules of its Python bridge (SQL Server 2019,
# Python 3.7, pandas 0.23): InputDataSet cannot hold datetime2, time or datetimeoffset
# (rex sends datetimes as ISO text, CONVERT style 126); bigint arrives as float64 and a
# NULL int as NaN; bit with NULLs and text arrive as objects. Result columns have no names
# (only a result-set clause of EXEC names them, which sqlglot cannot parse), so names
# and rex types travel in @meta.

def typed(series, kind):
    """One InputDataSet column as `frame` builds it from PostgreSQL''s rows."""
    import pandas as pd
    values = [None if v is None or (isinstance(v, float) and v != v) else v for v in series.tolist()]
    if kind in ("int", "float"):
        column = pd.Series([None if v is None else float(v) for v in values], dtype="float64")
        if kind == "int" and column.notna().all():
            column = column.astype("int64")
        return column
    if kind in ("date", "datetime"):
        column = pd.to_datetime(pd.Series(values, dtype="object"), errors="coerce", utc=True)
        return column.dt.tz_localize(None)
    if kind == "bool":
        return pd.Series([None if v is None else bool(v) for v in values], dtype="object")
    if kind == "bytes":
        return pd.Series([None if v is None else bytes(v) for v in values], dtype="object")
    return pd.Series([None if v is None else str(v) for v in values], dtype="object")


def input_frame(data, columns, types):
    """InputDataSet as a frame with rex''s column names (in order) and the types of `frame`."""
    import pandas as pd
    frame_data = {}
    for index, (name, kind) in enumerate(zip(columns, types)):
        frame_data[name] = typed(data.iloc[:, index], kind)
    return pd.DataFrame(frame_data, columns=list(columns))


def error_text(error, code, first_line):
    """The traceback of an error in the step''s code: only its own frames, script lines."""
    import traceback
    lines = code.split("\n")
    if isinstance(error, SyntaxError) and error.filename == "<rex>":
        number = error.lineno or 0
        text = lines[number - first_line] if 0 <= number - first_line < len(lines) else ""
        return "  line %d\n    %s\nSyntaxError: %s" % (number, text.strip(), error.msg)
    out = ["Traceback (most recent call last):"]
    for entry in traceback.extract_tb(error.__traceback__):
        if entry[0] != "<rex>":
            continue
        number = entry[1]
        out.append("  line %d, in %s" % (number, "the python block" if entry[2] == "<module>" else entry[2]))
        if 0 <= number - first_line < len(lines):
            out.append("    " + lines[number - first_line].strip())
    out.append("".join(traceback.format_exception_only(type(error), error)).strip())
    return "\n".join(out)


def output_cell(value, kind):
    """A payload cell (see `cell`) as text: ints in full, floats by repr, datetimes in ISO."""
    if value is None:
        return None
    if kind == "float":
        return repr(float(value))
    if kind == "bool":
        return "true" if value else "false"
    return str(value)


def sqlserver_main(data, spec):
    """Runs the step on InputDataSet `data`: (meta JSON text, PNG bytes or None, the rows
    for OutputDataSet). meta holds kind, printed and, by kind: columns and types (table),
    type and value (value), error (the step''s traceback)."""
    import pandas as pd
    first_line = int(spec.get("first_line") or 1)
    df = input_frame(data, spec["columns"], spec["types"])
    try:
        result, printed = run_step(df, spec, first_line)
    except Exception as error:  # the user''s error, shown with script lines
        meta = {"kind": "error", "printed": "", "error": error_text(error, spec["code"], first_line)}
        return json.dumps(meta), None, pd.DataFrame()
    out = json.loads(payload(result, printed).decode("utf-8"))
    if out["kind"] == "image":
        image = base64.b64decode(out.pop("png"))
        return json.dumps(out), image, pd.DataFrame()
    if out["kind"] == "table":
        rows = out.pop("rows")
        columns = ["c%d" % i for i in range(len(out["columns"]))]
        cells = [[output_cell(v, t) for v, t in zip(row, out["types"])] for row in rows]
        table = pd.DataFrame(cells, columns=columns, dtype="object") if cells else pd.DataFrame(columns=columns, dtype="object")
        return json.dumps(out), None, table
    return json.dumps(out), None, pd.DataFrame()


# The step (rex): every value below is a literal; only the code runs, as "<rex>".
rex_step = {
    "columns": ["Sepal_Length", "Sepal_Width", "Petal_Length", "Petal_Width", "Species"],
    "types": ["float", "float", "float", "float", "text"],
    "variables": {},
    "first_line": 1,
    "code": "\n".join([
        "result = plot(df, \"box\", [\"Petal_Length\"], {\"by\": \"Species\"})",
        "",
    ]),
}
meta, rex_png, OutputDataSet = sqlserver_main(df, rex_step)
if rex_png is not None:
    png = rex_png
',
    @input_data_1 = N'SELECT [Sepal_Length], [Sepal_Width], [Petal_Length], [Petal_Width], [Species]
FROM [iris_data] AS t0',
    @input_data_1_name = N'df',
    @params = N'@meta nvarchar(max) OUTPUT, @png varbinary(max) OUTPUT',
    @meta = @meta OUTPUT,
    @png = @png OUTPUT;
SELECT @meta AS meta, @png AS png;
