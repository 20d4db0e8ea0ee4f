/// Python source of `_rex_bridge`, the Python half of the bridge: it assembles
/// pandas columns from the buffers Swift hands over, takes frames apart into
/// buffers for Swift, runs user code with output captured, classifies `result`,
/// and serves registered module sources (`import _rex`).
///
/// Loaded once when the interpreter starts. pandas and numpy are imported on
/// first use, not at start, so `evaluate` stays cheap.
let bridgeSource = #"""
"""rex bridge: Swift columns <-> pandas, running code, results (loaded as _rex_bridge)."""
import builtins
import datetime as _dt
import importlib
import importlib.abc
import importlib.util
import linecache
import os
import sys
import traceback

# Plots are rendered to PNG bytes, never to a window.
os.environ["MPLBACKEND"] = "Agg"

EPOCH_DATE = _dt.date(1970, 1, 1)
EPOCH_DATETIME = _dt.datetime(1970, 1, 1)
ONE_MICROSECOND = _dt.timedelta(microseconds=1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ConversionError(Exception):
    """A value or column that rex cannot represent."""


def _libs():
    import numpy
    import pandas
    return pandas, numpy


def remember_source(filename, source):
    """Lets tracebacks show lines of code that has no file."""
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


# MARK: - Registered modules (import _rex)

_sources = {}


class _SourceFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path=None, target=None):
        if name in _sources:
            return importlib.util.spec_from_loader(name, self, origin=_sources[name][1])
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        source, filename = _sources[module.__name__]
        module.__file__ = filename
        remember_source(filename, source)
        exec(compile(source, filename, "exec"), module.__dict__)


sys.meta_path.insert(0, _SourceFinder())


def register_module(name, source, filename):
    """Makes `import name` run `source`; a module already imported is forgotten."""
    _sources[name] = (source, filename)
    sys.modules.pop(name, None)


def import_module(name):
    return importlib.import_module(name)


# MARK: - Swift columns -> pandas


def _mask(valid, np):
    return ~np.frombuffer(valid, dtype=np.bool_)


def column_int(values, valid):
    pd, np = _libs()
    return pd.arrays.IntegerArray(np.frombuffer(values, dtype=np.int64), _mask(valid, np))


def column_float(values, valid):
    pd, np = _libs()
    data = np.frombuffer(values, dtype=np.float64)
    return pd.arrays.FloatingArray(data, _mask(valid, np) | np.isnan(data))


def column_bool(values, valid):
    pd, np = _libs()
    return pd.arrays.BooleanArray(np.frombuffer(values, dtype=np.bool_), _mask(valid, np))


def column_date(values, valid):
    """Int32 day numbers (days since 1970-01-01), the local runtime's date representation:
    it covers 0001-01-01 ... 9999-12-31, which datetime64[ns] cannot (rex_runtime.py)."""
    pd, np = _libs()
    return pd.arrays.IntegerArray(np.frombuffer(values, dtype=np.int32).copy(), _mask(valid, np))


def column_datetime(values, valid):
    """Int64 microseconds since 1970-01-01T00:00:00, the local runtime's datetime representation."""
    pd, np = _libs()
    return pd.arrays.IntegerArray(np.frombuffer(values, dtype=np.int64).copy(), _mask(valid, np))


def column_text(values):
    """values: a list of str, with pandas.NA for null."""
    pd, np = _libs()
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return pd.arrays.StringArray(array)


def column_bytes(values):
    """values: a list of bytes, with None for null."""
    pd, np = _libs()
    array = np.empty(len(values), dtype=object)
    array[:] = values
    return pd.array(array, dtype=object)


def make_frame(names, arrays, rows):
    pd, np = _libs()
    if not arrays:
        return pd.DataFrame(index=pd.RangeIndex(rows))
    # The arrays are new and this frame's alone: no copy.
    frame = pd.DataFrame({i: array for i, array in enumerate(arrays)}, copy=False)
    frame.columns = list(names)
    return frame


def pandas_na():
    pd, np = _libs()
    return pd.NA


# MARK: - pandas -> Swift columns


def frame_columns(frame, hints):
    """[(name, kind, values, valid)] for Swift. kind is a rex type name; values is a
    contiguous numpy array for int/float/bool/date/datetime (valid a bool array) or a
    list with None for null for text/bytes (valid None). hints maps names to the rex
    type the caller expects (used for date vs datetime and all-null columns)."""
    pd, np = _libs()
    if isinstance(frame.index, pd.MultiIndex) or any(n is not None for n in frame.index.names):
        frame = frame.reset_index()
    result = []
    for i in range(frame.shape[1]):
        name = frame.columns[i]
        name = name if isinstance(name, str) else str(name)
        result.append((name,) + _column(name, frame.iloc[:, i], hints.get(name), pd, np))
    return result


def _fail(name, what):
    raise ConversionError(
        f"column {name!r} {what}; rex columns are int, float, text, bool, date, datetime or bytes"
        f" (convert it first, e.g. df[{name!r}] = df[{name!r}].astype(str))")


def _column(name, series, hint, pd, np):
    types = pd.api.types
    dtype = series.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        series = series.astype(object)
        dtype = series.dtype
    if types.is_bool_dtype(dtype) and dtype != object:
        valid = series.notna().to_numpy(dtype=np.bool_)
        return ("bool", np.ascontiguousarray(series.to_numpy(dtype=np.bool_, na_value=False)), valid)
    if types.is_integer_dtype(dtype) and hint == "datetime":
        # The local runtime's datetimes: microseconds since the epoch.
        valid = series.notna().to_numpy(dtype=np.bool_)
        return ("datetime", np.ascontiguousarray(series.to_numpy(dtype=np.int64, na_value=0)), valid)
    if str(dtype).lower() == "int32" and hint == "date":
        # The local runtime's dates: days since the epoch.
        valid = series.notna().to_numpy(dtype=np.bool_)
        return ("date", np.ascontiguousarray(series.to_numpy(dtype=np.int32, na_value=0)), valid)
    if types.is_integer_dtype(dtype):
        valid = series.notna().to_numpy(dtype=np.bool_)
        if str(dtype).lower() == "uint64" and valid.any() and series[valid].max() > np.iinfo(np.int64).max:
            _fail(name, "has unsigned values above the 64-bit int range")
        values = series.to_numpy(dtype=np.int64, na_value=0)
        return ("int", np.ascontiguousarray(values), valid)
    if types.is_float_dtype(dtype):
        values = series.to_numpy(dtype=np.float64, na_value=np.nan)
        valid = ~np.isnan(values)
        values = np.where(valid, values, 0.0)  # NaN is null; null slots hold 0
        if hint == "int" and np.all(values == np.trunc(values)) and np.all(np.abs(values) < 2.0**63):
            return ("int", values.astype(np.int64), valid)
        return ("float", values, valid)
    if types.is_datetime64_any_dtype(dtype):
        if getattr(dtype, "tz", None) is not None:
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        nanos = series.to_numpy(dtype="datetime64[ns]").view(np.int64)
        valid = nanos != np.iinfo(np.int64).min
        if hint == "date" and np.all(nanos[valid] % 86_400_000_000_000 == 0):
            return ("date", np.where(valid, nanos // 86_400_000_000_000, 0).astype(np.int32), valid)
        return ("datetime", np.where(valid, nanos // 1000, 0).astype(np.int64), valid)
    if isinstance(dtype, pd.StringDtype):
        return ("text", series.to_numpy(dtype=object, na_value=None).tolist(), None)
    if dtype != object:
        _fail(name, f"has dtype {dtype}, which rex cannot read")
    return _object_column(name, series, hint, pd, np)


def _object_column(name, series, hint, pd, np):
    missing = series.isna().to_numpy(dtype=np.bool_)
    objects = series.to_numpy(dtype=object, copy=True)
    objects[missing] = None
    inferred = pd.api.types.infer_dtype(series, skipna=True)
    if inferred == "empty":
        kind = hint or "text"
        if kind in ("text", "bytes"):
            return (kind, objects.tolist(), None)
        width = {"int": np.int64, "float": np.float64, "bool": np.bool_, "date": np.int32, "datetime": np.int64}[kind]
        return (kind, np.zeros(len(objects), dtype=width), np.zeros(len(objects), dtype=np.bool_))
    valid = ~missing
    if inferred == "string":
        return ("text", objects.tolist(), None)
    if inferred == "bytes":
        return ("bytes", objects.tolist(), None)
    if inferred == "boolean":
        return ("bool", np.array([bool(v) if v is not None else False for v in objects], dtype=np.bool_), valid)
    if inferred == "integer":
        try:
            values = np.array([int(v) if v is not None else 0 for v in objects], dtype=np.int64)
        except OverflowError:
            _fail(name, "has integers beyond the 64-bit range")
        return ("int", values, valid)
    if inferred in ("floating", "mixed-integer-float", "decimal"):
        values = np.array([float(v) if v is not None else np.nan for v in objects], dtype=np.float64)
        valid = ~np.isnan(values)
        return ("float", np.where(valid, values, 0.0), valid)
    if inferred == "date":
        days = np.array([(v - EPOCH_DATE).days if v is not None else 0 for v in objects], dtype=np.int32)
        if hint == "datetime":
            return ("datetime", days.astype(np.int64) * 86_400_000_000, valid)
        return ("date", days, valid)
    if inferred == "datetime":
        micros = np.array([_micros(v) if v is not None else 0 for v in objects], dtype=np.int64)
        if hint == "date" and np.all(micros % 86_400_000_000 == 0):
            return ("date", (micros // 86_400_000_000).astype(np.int32), valid)
        return ("datetime", micros, valid)
    kinds = sorted({type(v).__name__ for v in objects if v is not None})
    _fail(name, "holds values of type " + ", ".join(kinds[:4]) + " that rex cannot read")


def _micros(value):
    pd, np = _libs()
    if isinstance(value, pd.Timestamp):
        if value.tzinfo is not None:
            value = value.tz_convert("UTC").tz_localize(None)
        return value.value // 1000
    if value.tzinfo is not None:
        value = value.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    return (value - EPOCH_DATETIME) // ONE_MICROSECOND


# MARK: - results


def describe_result(value):
    """('none',) | ('table', frame) | ('image', png bytes) | ('value', kind, plain value)."""
    if value is None:
        return ("value", "null", None)
    pd = sys.modules.get("pandas")
    np = sys.modules.get("numpy")
    if pd is not None:
        if isinstance(value, pd.DataFrame):
            return ("table", value)
        if isinstance(value, pd.Series):
            return ("table", value.to_frame(value.name if value.name is not None else "value"))
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        if data.startswith(PNG_SIGNATURE):
            return ("image", data)
        return ("value", "bytes", data)
    figure = _figure(value)
    if figure is not None:
        return ("image", _png(figure))
    if isinstance(value, bool):
        return ("value", "bool", value)
    if isinstance(value, int):
        if not -2**63 <= value < 2**63:
            raise ConversionError(f"result {value} is beyond rex's 64-bit int range")
        return ("value", "int", value)
    if isinstance(value, float):
        return ("value", "null", None) if value != value else ("value", "float", value)
    if isinstance(value, str):
        return ("value", "text", value)
    if pd is not None:
        if value is pd.NA or value is pd.NaT:
            return ("value", "null", None)
        if isinstance(value, pd.Timestamp):
            return ("value", "datetime", _micros(value))
    if np is not None and isinstance(value, np.generic):
        if isinstance(value, np.datetime64):
            return describe_result(pd.Timestamp(value) if pd is not None else value.item())
        return describe_result(value.item())
    if isinstance(value, _dt.datetime):
        return ("value", "datetime", _micros(value))
    if isinstance(value, _dt.date):
        return ("value", "date", (value - EPOCH_DATE).days)
    raise ConversionError(
        f"result is a {type(value).__module__}.{type(value).__name__}; set result to a DataFrame, "
        "PNG bytes, a matplotlib Figure, or a number, text, bool, date or None")


def _figure(value):
    module = type(value).__module__ or ""
    if not module.startswith("matplotlib"):
        return None
    if hasattr(value, "savefig"):
        return value
    figure = getattr(value, "figure", None)  # an Axes
    return figure if hasattr(figure, "savefig") else None


def _png(figure):
    import io
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(figure)
    return buffer.getvalue()


# MARK: - running code


class _Capture:
    """A text stream that records writes, in order, as (stream, text)."""
    encoding = "utf-8"
    errors = "strict"

    def __init__(self, chunks, stream):
        self._chunks = chunks
        self._stream = stream

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            self._chunks.append((self._stream, text))
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def writable(self):
        return True

    def readable(self):
        return False


def _error(error, filename):
    """(type name, message, formatted traceback, script line or 0) of an exception."""
    tb = error.__traceback__
    # Drop the bridge's own frames: show the user's code and what it called.
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    line = 0
    if isinstance(error, SyntaxError) and error.filename == filename:
        line = error.lineno or 0
        formatted = "".join(traceback.format_exception_only(type(error), error))
    else:
        formatted = "".join(traceback.format_exception(type(error), error, tb))
        walk = tb
        while walk is not None:
            if walk.tb_frame.f_code.co_filename == filename:
                line = walk.tb_lineno
            walk = walk.tb_next
    return (type(error).__name__, str(error), formatted, line)


def run(code, filename, first_line, inputs, result_name):
    """Runs code with the inputs bound; ('ok', chunks, result or None, has result) or
    ('error', chunks, type name, message, traceback, line). chunks: [(1|2, text)]."""
    chunks = []
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")  # each run starts without figures left by earlier runs
    namespace = {"__name__": "__rex__", "__builtins__": builtins}
    namespace.update(inputs)
    source = "\n" * max(first_line - 1, 0) + code
    remember_source(filename, source)
    saved = (sys.stdout, sys.stderr)
    sys.stdout, sys.stderr = _Capture(chunks, 1), _Capture(chunks, 2)
    try:
        exec(compile(source, filename, "exec"), namespace)
    except BaseException as error:  # KeyboardInterrupt and SystemExit too: rex keeps running
        sys.stdout, sys.stderr = saved
        return ("error", chunks) + _error(error, filename)
    finally:
        sys.stdout, sys.stderr = saved
    return ("ok", chunks, namespace.get(result_name), result_name in namespace)
"""#
