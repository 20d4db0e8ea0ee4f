"""rex server runtime: runs one `plot` or `python` step where the data lives (SPEC §3).

It is embedded in the server's function when it is created (`:server install`
makes rex.run, a superuser's session gets pg_temp.rex_run) and runs inside the
database's Python (PostgreSQL's plpython3u; SQL Server's external scripts later);
each call brings only the step, as data. It is written
for Python >= 3.7 and pandas >= 0.23: no nullable dtypes, no f-strings that need
3.8, nothing from the client's runtime. It returns one self-describing payload
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


def png(figure):
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
    """The step's result as JSON bytes: kind image, table, value or none."""
    import pandas as pd
    out = {"printed": printed}
    if result is None:
        out["kind"] = "none"
    elif isinstance(result, (bytes, bytearray)) and bytes(result[:8]) == b"\x89PNG\r\n\x1a\n":
        out["kind"] = "image"
        out["png"] = base64.b64encode(bytes(result)).decode("ascii")
    elif hasattr(result, "savefig"):
        out["kind"] = "image"
        out["png"] = base64.b64encode(png(result)).decode("ascii")
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


def main(records, spec):
    """Runs the step in `spec` (code, columns, types, variables) on `records` (dict rows).
    The block's script variables arrive as data, the dict `rexvars` (SPEC §5)."""
    df = frame(records, spec["columns"], spec["types"])
    namespace = {"df": df, "plot": plot, "rexvars": dict(spec.get("variables") or {}), "__name__": "__rex__"}
    captured = io.StringIO()
    saved = sys.stdout
    sys.stdout = captured
    try:
        exec(compile(spec["code"], "<rex>", "exec"), namespace)
    finally:
        sys.stdout = saved
    return payload(namespace.get("result"), captured.getvalue())
