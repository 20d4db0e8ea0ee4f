"""rex runtime: the helpers that compiled pandas code calls (SPEC §2-§3).

Imported as ``_rex``. Targets pandas 1.5 with nullable dtypes (``Int64``,
``Float64``, ``boolean``, ``string``) and fixes every
place where pandas differs from SQL (ENGINES.md): three-valued logic,
empty aggregates, NA join keys, ``not in`` with nulls, silent Int64
overflow, half-to-even rounding, floor modulo, ``str.strip`` and
``str.replace('')``.

Conventions:
- A value is either a pandas Series (one value per row) or a Python scalar
  (a constant); ``NA`` is the null scalar.
- Aggregates take a Series and an optional ``Groups``; they return a Series
  indexed by group number (0..k-1). Without groups there is one group, so
  ``mean(s)`` is a one-element Series.
- Domain errors of math functions (sqrt or ln of a negative, ln of 0,
  0 to a negative power) give null, like division by zero.
- Integer overflow raises ``RexError``.
- A float result that is infinite or undefined (NaN) is null; underflow gives 0.
- Dates and datetimes are calendar values over 0001-01-01 … 9999-12-31, which
  ``datetime64[ns]`` (1677–2262) cannot hold. Inside generated code a date is an
  ``Int32`` column of days since 1970-01-01 and a datetime an ``Int64`` column of
  microseconds since 1970-01-01T00:00:00 (scalars: plain ``int``). Every operation
  (comparison, sort, min/max, grouping, joins, distinct) is then exact integer work;
  the functions that must know a value is a date (``year``, ``text``, ``date``, …)
  get its rex type from the generated code. User-facing steps (python blocks,
  ``plot``, ``summary``, ``linmod``) get ``datetime64[ns]`` columns, or
  ``datetime.date``/``datetime.datetime`` objects when a value is outside that range
  (``user_frame``).
"""

import builtins as _b
import datetime as _dt
import decimal as _decimal
import io as _io
import math as _math
import re as _re
import sys as _sys
import warnings as _warnings

import numpy as _np
import pandas as _pd

NA = _pd.NA
INT_MIN = -(2 ** 63)
INT_MAX = 2 ** 63 - 1

#: rex type name -> pandas dtype.
DTYPES = {
    "int": "Int64",
    "float": "Float64",
    "text": "string",
    "bool": "boolean",
    "date": "Int32",
    "datetime": "Int64",
    "bytes": object,
}


class RexError(Exception):
    """An error in rex semantics (overflow, bad arguments) raised at run time."""


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """Python warnings go to the process's stderr, never into captured output (which a
    terminal, CSV or JSON result shows on stdout)."""
    stream = _sys.__stderr__
    if stream is None:
        return
    try:
        stream.write(_warnings.formatwarning(message, category, filename, lineno, line))
        stream.flush()
    except (OSError, ValueError):
        pass


_warnings.showwarning = _show_warning


# MARK: - Inputs: samples and bindings
#
# ``table``/``sql``/``csv`` leaves are not read here: the executor binds their
# frames as the variables ``_source0``, ``_source1``, … of the generated code.
# Bundled samples and collected ``let`` bindings live in this module (it stays
# loaded between runs), registered once by the executor.

_samples = {}
_sample_loaders = {}
_bindings = {}


def register_sample(name, frame_or_loader):
    """Register bundled data: a DataFrame, or a function returning one (called once, lazily)."""
    if callable(frame_or_loader):
        _sample_loaders[name] = frame_or_loader
        _samples.pop(name, None)
    else:
        _samples[name] = frame_or_loader


def sample(name):
    """The bundled data set ``name`` (``sample iris``)."""
    if name not in _samples:
        if name not in _sample_loaders:
            raise RexError("unknown sample %r (known: %s)" % (name, ", ".join(sorted(set(_samples) | set(_sample_loaders)))))
        _samples[name] = _sample_loaders[name]()
    return _samples[name].copy()


def register_binding(name, frame):
    """Cache the data of a collected ``let`` binding."""
    _bindings[name] = frame


def binding(name):
    """The cached data of a collected ``let`` binding."""
    if name not in _bindings:
        raise RexError("the binding %r has no local data" % name)
    return _bindings[name].copy()


def script_variables(frame):
    """The dict ``rexvars`` a python block receives: the one row of ``frame`` (one column
    per script variable, int or text, SPEC §5) as plain ``int`` and ``str`` values."""
    values = {}
    for name in frame.columns:
        value = frame[name].iloc[0]
        values[name] = int(value) if isinstance(value, (int, _np.integer)) else str(value)
    return values


# MARK: - Values and alignment


def is_na(x):
    """True for a null scalar (None, NA, NaN, NaT)."""
    if x is None or x is NA or x is _pd.NaT:
        return True
    if isinstance(x, float) and _math.isnan(x):
        return True
    return False


def _index(*args):
    for a in args:
        if isinstance(a, _pd.Series):
            return a.index
    return None


def _pyvalues(s):
    """A Series as a list of Python values, None for null."""
    if s.dtype.kind == "M":
        return [None if v is _pd.NaT else v for v in s.tolist()]
    out = s.astype(object).tolist()
    return [None if is_na(v) else v for v in out]


def _columns(args, index):
    cols = []
    for a in args:
        if isinstance(a, _pd.Series):
            cols.append(_pyvalues(a))
        else:
            cols.append([None if is_na(a) else a] * len(index))
    return cols


def _typed(values, type_name, index=None):
    """Python values (None = null) as a Series of the nullable dtype of ``type_name``."""
    values = [None if is_na(v) else v for v in values]
    if type_name == "date":
        values = [None if v is None else _days_of(v) for v in values]
    elif type_name == "datetime":
        values = [None if v is None else _micros_of(v) for v in values]
    if type_name == "bytes":
        return _pd.Series(values, dtype=object, index=index)
    if type_name == "int":
        for v in values:
            if v is not None and not (INT_MIN <= v <= INT_MAX):
                raise RexError("integer overflow: %d is outside the 64-bit range" % v)
    if type_name is None:
        type_name = _infer_type(values)
    return _pd.Series(_pd.array(values, dtype=DTYPES[type_name]), index=index)


def _infer_type(values):
    for v in values:
        if v is None:
            continue
        if isinstance(v, bool) or isinstance(v, _np.bool_):
            return "bool"
        if isinstance(v, (int, _np.integer)):
            return "int"
        if isinstance(v, (float, _np.floating)):
            return "float"
        if isinstance(v, str):
            return "text"
        if isinstance(v, _dt.datetime):
            return "datetime"
        if isinstance(v, _dt.date):
            return "date"
        if isinstance(v, (bytes, bytearray)):
            return "bytes"
    return "float"


def elementwise(fn, type_name, *args):
    """Apply ``fn`` to the non-null values of each row; null if any argument is null."""
    index = _index(*args)
    if index is None:
        vals = [None if is_na(a) else a for a in args]
        if _b.any(v is None for v in vals):
            return NA
        r = fn(*vals)
        return NA if r is None else r
    cols = _columns(args, index)
    out = []
    for row in zip(*cols):
        if _b.any(v is None for v in row):
            out.append(None)
        else:
            out.append(fn(*row))
    return _typed(out, type_name, index)


def broadcast(x, index, type_name=None):
    """``x`` as a Series over ``index`` (a scalar is repeated), with a nullable dtype."""
    if isinstance(x, _pd.Series):
        if type_name is not None and str(x.dtype) != str(DTYPES[type_name]):
            return cast(x, type_name)
        return x
    if isinstance(x, Const):
        type_name, x = x.type_name, x.value
        if callable(x):
            # A computed constant runs only when there are rows to hold it (as SQL computes it).
            x = x() if len(index) else None
    if type_name in ("date", "datetime"):
        missing = is_na(x)
        value = 0 if missing else _days_of(x) if type_name == "date" else _micros_of(x)
        values = _np.full(len(index), value, dtype="int32" if type_name == "date" else "int64")
        return _pd.Series(_pd.arrays.IntegerArray(values, _np.full(len(index), missing)), index=index)
    return _typed([x] * len(index), type_name, index)


class Const:
    """A constant column value with its rex type (so a null constant keeps its type)."""

    def __init__(self, value, type_name):
        self.value = value
        self.type_name = type_name

    def __repr__(self):
        value = "<computed>" if callable(self.value) else repr(self.value)
        return "_rex.const(%s, %r)" % (value, self.type_name)


def const(value, type_name):
    """A constant output column of rex type ``type_name``."""
    return Const(value, type_name)


def date(text):
    """A date literal ``YYYY-MM-DD``: its day number (days since 1970-01-01)."""
    return _days_of(_dt.date.fromisoformat(text))


def datetime(text):
    """A datetime literal ``YYYY-MM-DDTHH:MM:SS[.ffffff]``: microseconds since 1970-01-01T00:00:00."""
    return _micros_of(_dt.datetime.fromisoformat(text))


# MARK: - Dates and datetimes as numbers (see the module docstring)

_EPOCH_DATE = _dt.date(1970, 1, 1)
_EPOCH_DATETIME = _dt.datetime(1970, 1, 1)
_DAY_MICROS = 86_400_000_000
#: Day numbers that ``datetime64[ns]`` can hold (1677-09-22 … 2262-04-10, whole days).
_NS_MIN_DAY, _NS_MAX_DAY = -106751, 106750


def _days_of(v):
    """The day number of a date-like Python value (int days, date, datetime, Timestamp)."""
    if isinstance(v, (bool, _np.bool_)):
        raise RexError("a bool is not a date")
    if isinstance(v, (int, _np.integer)):
        return int(v)
    if isinstance(v, _pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, _np.datetime64):
        return int(v.astype("datetime64[D]").astype("int64"))
    if isinstance(v, _dt.datetime):
        v = v.date()
    if isinstance(v, _dt.date):
        return (v - _EPOCH_DATE).days
    raise RexError("%r is not a date" % (v,))


def _micros_of(v):
    """Microseconds since the epoch of a datetime-like Python value."""
    if isinstance(v, (bool, _np.bool_)):
        raise RexError("a bool is not a datetime")
    if isinstance(v, (int, _np.integer)):
        return int(v)
    if isinstance(v, _pd.Timestamp):
        if v.tzinfo is not None:
            v = v.tz_convert("UTC").tz_localize(None)
        return v.value // 1000
    if isinstance(v, _np.datetime64):
        return int(v.astype("datetime64[us]").astype("int64"))
    if isinstance(v, _dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        return (v - _EPOCH_DATETIME) // _dt.timedelta(microseconds=1)
    if isinstance(v, _dt.date):
        return (v - _EPOCH_DATE).days * _DAY_MICROS
    raise RexError("%r is not a datetime" % (v,))


def _days_from_civil(y, m, d):
    """Day numbers of proleptic Gregorian (year, month, day) int64 arrays (H. Hinnant)."""
    y = y - (m <= 2)
    era = _np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * (m + _np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _civil_from_days(z):
    """(year, month, day) int64 arrays of day numbers (H. Hinnant)."""
    z = _np.asarray(z, dtype="int64") + 719468
    era = _np.floor_divide(z, 146097)
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + _np.where(mp < 10, 3, -9)
    y = yoe + era * 400 + (m <= 2)
    return y, m, d


def _days_in_month(y, m):
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    lengths = _np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype="int64")
    return lengths[_np.clip(m, 0, 12)] + ((m == 2) & leap)


def _date_array(days, mask, index):
    return _pd.Series(_pd.arrays.IntegerArray(_np.where(mask, 0, days).astype("int32"), mask.copy()), index=index)


def _one(fn, x, *extra):
    """Run the Series function ``fn`` on ``x``; a scalar runs as a one-row Series."""
    if isinstance(x, _pd.Series):
        return fn(x, *extra)
    if is_na(x):
        return NA
    v = fn(_pd.Series([x], dtype=object), *extra).iloc[0]
    if is_na(v):
        return NA
    return v.item() if isinstance(v, _np.generic) else v


def _pad(values, width):
    return _pd.Series(values, dtype="int64").astype(str).str.zfill(width)


def _iso_dates(days):
    """ISO ``YYYY-MM-DD`` texts of an int64 array of day numbers."""
    y, m, d = _civil_from_days(days)
    return (_pad(y, 4) + "-" + _pad(m, 2) + "-" + _pad(d, 2)).to_numpy(dtype=object)


def _iso_datetimes(micros):
    """ISO ``YYYY-MM-DDTHH:MM:SS[.ffffff]`` texts of an int64 array of microseconds; the
    fraction without trailing zeros (``…:55.5``), as PostgreSQL and SQLite write it."""
    micros = _np.asarray(micros, dtype="int64")
    days = _np.floor_divide(micros, _DAY_MICROS)
    rest = micros - days * _DAY_MICROS
    seconds, fraction = rest // 1_000_000, rest % 1_000_000
    text = _pd.Series(_iso_dates(days)) + "T" + _pad(seconds // 3600, 2) + ":" + _pad(seconds // 60 % 60, 2) \
        + ":" + _pad(seconds % 60, 2)
    with_fraction = fraction != 0
    if with_fraction.any():
        text = text.where(~with_fraction, text + "." + _pad(fraction, 6).str.rstrip("0"))
    return text.to_numpy(dtype=object)


def user_frame(df, types):
    """``df`` as users see it (python blocks, plot, summary, linmod): the date and datetime
    columns named in ``types`` become ``datetime64[ns]``, or ``datetime.date`` /
    ``datetime.datetime`` objects when a value is outside that type's range."""
    if df is None or not types:
        return df
    out = df.copy()
    for name, type_name in types.items():
        if name not in out.columns or type_name not in ("date", "datetime"):
            continue
        s = out[name]
        if s.dtype.kind == "M" or s.dtype == object:
            continue
        values, mask = _ints(s, s.index)
        micros = values * _DAY_MICROS if type_name == "date" else values
        present = micros[~mask]
        limit = _NS_MAX_DAY * _DAY_MICROS
        if len(present) == 0 or (present.min() >= _NS_MIN_DAY * _DAY_MICROS and present.max() < limit):
            stamps = micros.astype("datetime64[us]").astype("datetime64[ns]")
            stamps[mask] = _np.datetime64("NaT")
            out[name] = _pd.Series(stamps, index=s.index)
        else:
            objects = _np.empty(len(values), dtype=object)
            for i, (v, missing) in enumerate(zip(values.tolist(), mask.tolist())):
                if not missing:
                    objects[i] = _EPOCH_DATE + _dt.timedelta(days=v) if type_name == "date" \
                        else _EPOCH_DATETIME + _dt.timedelta(microseconds=v)
            out[name] = _pd.Series(objects, index=s.index, dtype=object)
    return out


# MARK: - Frames


def frame(*_keys, _index=None, **columns):
    """Build a result frame from columns (Series, scalars or ``const``).

    Positional arguments are frames whose columns come first (group keys).
    The row count is ``_index``'s, else the first Series', else one row.
    """
    index = _index
    if index is None:
        for k in _keys:
            index = k.index
            break
    if index is None:
        index = _index_of(columns.values())
    data = {}
    for k in _keys:
        for name in k.columns:
            data[name] = k[name].set_axis(index) if len(k.index) == len(index) else k[name]
    for name, value in columns.items():
        s = broadcast(value, index)
        if not s.index.equals(index):
            s = s.reindex(index) if len(s) != len(index) else s.set_axis(index)
        data[name] = s
    return _pd.DataFrame(data, index=index)


def _index_of(values):
    for v in values:
        if isinstance(v, _pd.Series):
            return v.index
    return _pd.RangeIndex(1)


def select(_df, **columns):
    """Exactly these columns (in order), computed over the rows of ``_df``."""
    return frame(_index=_df.index, **columns)


def derive(_df, _order=None, **columns):
    """Every column of ``_df``, with these added (or replaced in place). ``_order``: the
    output's column order, given when a column is replaced (the executor may not have
    fetched a replaced column, which would otherwise come last)."""
    out = _df.copy()
    for name, value in columns.items():
        out[name] = broadcast(value, _df.index)
    if _order is not None:
        out = out[[name for name in _order if name in out.columns]]
    return out


def nullable(x):
    """A user block's DataFrame with nullable dtypes (NaN becomes null); anything else unchanged."""
    if not isinstance(x, _pd.DataFrame):
        return x
    out = {}
    for name in x.columns:
        s = x[name]
        kind, dtype = s.dtype.kind, str(s.dtype)
        if dtype in ("Int64", "Float64", "boolean", "string") or kind == "M":
            out[name] = s
        elif kind in "iu":
            out[name] = s.astype("Int64")
        elif kind == "f":
            out[name] = s.astype("Float64")
        elif kind == "b":
            out[name] = s.astype("boolean")
        elif kind == "O" and _b.all(isinstance(v, str) or is_na(v) for v in s.tolist()):
            out[name] = _typed(s.tolist(), "text", s.index)
        else:
            out[name] = s
    return _pd.DataFrame(out, index=x.index)


def when_rows(df, compute, type_name):
    """A constant part of a row-wise expression: ``compute()`` when the frame has rows (SQL
    computes it per row, so over no rows nothing is computed and nothing raises). A null
    constant, and the constant over no rows, is a null column of the constant's type: an
    untyped null would make `int + null` a float column."""
    value = compute() if len(df.index) else NA
    if not isinstance(value, _pd.Series) and is_na(value):
        return _typed([None] * len(df.index), type_name, df.index)
    return value


def true(mask, df=None):
    """A filter mask: true stays, false and null drop (SQL WHERE). A constant condition
    comes as an argument-free callable, computed only when the frame has rows (as a SQL
    engine computes it per row: over no rows nothing is computed and nothing raises)."""
    if isinstance(mask, _pd.Series):
        return mask.fillna(False).astype(bool).to_numpy()
    n = len(df.index) if df is not None else 0
    if callable(mask):
        if n == 0:
            return _np.full(0, False)
        mask = mask()
    keep = (mask is True) or (isinstance(mask, (bool, _np.bool_)) and bool(mask))
    return _np.full(n, keep)


def cast(x, type_name):
    """Convert a column to the nullable dtype of ``type_name`` (no semantic change)."""
    if not isinstance(x, _pd.Series):
        return x
    if type_name in ("date", "datetime") and (x.dtype.kind == "M" or x.dtype == object):
        return _typed(_pyvalues(x), type_name, x.index)
    if type_name == "bytes":
        return x.astype(object)
    if type_name == "int" and x.dtype.kind == "f":
        return to_int(x)
    return x.astype(DTYPES[type_name])


# MARK: - Logic and comparison


def and_(a, b):
    """SQL AND (false wins over null)."""
    if not isinstance(a, _pd.Series) and not isinstance(b, _pd.Series):
        return _scalar_bool(a) & _scalar_bool(b)
    return _bool(a, _index(a, b)) & _bool(b, _index(a, b))


def or_(a, b):
    """SQL OR (true wins over null)."""
    if not isinstance(a, _pd.Series) and not isinstance(b, _pd.Series):
        return _scalar_bool(a) | _scalar_bool(b)
    return _bool(a, _index(a, b)) | _bool(b, _index(a, b))


def not_(a):
    """SQL NOT (null stays null)."""
    if isinstance(a, _pd.Series):
        return ~_bool(a, a.index)
    if is_na(a):
        return NA
    return not a


def _scalar_bool(x):
    return NA if is_na(x) else bool(x)


def _bool(x, index):
    if isinstance(x, _pd.Series):
        return x if str(x.dtype) == "boolean" else x.astype("boolean")
    return _typed([x] * len(index), "bool", index)


_OPS = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
}


def compare(a, op, b):
    """``a op b`` with SQL nulls for any type (dates, bytes): null if either side is null."""
    fn = _OPS[op]
    return elementwise(lambda x, y: bool(fn(_cmpkey(x), _cmpkey(y))), "bool", a, b)


def _cmpkey(v):
    if isinstance(v, _pd.Timestamp):
        return v.to_pydatetime()
    if isinstance(v, _dt.date) and not isinstance(v, _dt.datetime):
        return _dt.datetime(v.year, v.month, v.day)
    return v


def _needs_compare(x):
    """True for Series whose ``==`` does not give SQL nulls (datetime64, Python objects)."""
    return isinstance(x, _pd.Series) and (x.dtype.kind == "M" or str(x.dtype) == "object")


def eq(a, b):
    """``a == b`` with SQL nulls."""
    if not isinstance(a, _pd.Series) and is_na(a) or not isinstance(b, _pd.Series) and is_na(b):
        index = _index(a, b)
        return NA if index is None else _typed([None] * len(index), "bool", index)
    if _needs_compare(a) or _needs_compare(b):
        return compare(a, "==", b)
    r = a == b
    if isinstance(r, _pd.Series) and str(r.dtype) != "boolean":
        r = r.astype("boolean")
    return r


def is_null(x):
    """``x is null`` (never null itself)."""
    if isinstance(x, _pd.Series):
        return x.isna().astype("boolean")
    return is_na(x)


def is_not_null(x):
    """``x is not null``."""
    if isinstance(x, _pd.Series):
        return x.notna().astype("boolean")
    return not is_na(x)


def isin(x, values):
    """``x in (v1, v2, …)``: true if equal to one, else null if any side is null, else false."""
    result = False
    for v in values:
        result = or_(result, eq(x, v))
    if isinstance(result, _pd.Series) or not isinstance(x, _pd.Series):
        return result
    return _bool(result, x.index)


def not_in(x, values):
    """``x not in (…)``: never true when the list holds a null (SQL)."""
    return not_(isin(x, values))


# MARK: - Arithmetic


def _ints(x, index):
    """(int64 values, null mask) of an integer Series or scalar."""
    if isinstance(x, _pd.Series):
        return x.to_numpy(dtype="int64", na_value=0), x.isna().to_numpy()
    if is_na(x):
        return _np.zeros(len(index), dtype="int64"), _np.ones(len(index), dtype=bool)
    return _np.full(len(index), int(x), dtype="int64"), _np.zeros(len(index), dtype=bool)


def _floats(x, index):
    """(float64 values, null mask) of a numeric Series or scalar."""
    if isinstance(x, _pd.Series):
        mask = x.isna().to_numpy()
        vals = x.astype("Float64").to_numpy(dtype="float64", na_value=_np.nan)
        return vals, mask
    if is_na(x):
        return _np.full(len(index), _np.nan), _np.ones(len(index), dtype=bool)
    return _np.full(len(index), float(x)), _np.zeros(len(index), dtype=bool)


def _is_int(x):
    if isinstance(x, _pd.Series):
        return x.dtype.kind in "iu" or str(x.dtype) in ("Int64", "Int32", "Int16", "Int8")
    return isinstance(x, (int, _np.integer)) and not isinstance(x, bool)


def _int_result(values, mask, index):
    return _pd.Series(_pd.arrays.IntegerArray(values.astype("int64"), mask.copy()), index=index)


def _float_result(values, mask, index):
    """A Float64 Series; an infinite or undefined (NaN) value is null (SPEC §2)."""
    values = _np.asarray(values, dtype="float64")
    mask = mask | ~_np.isfinite(values)
    return _pd.Series(_pd.arrays.FloatingArray(_np.where(mask, 0.0, values), mask), index=index)


def _check_int(v):
    if not (INT_MIN <= v <= INT_MAX):
        raise RexError("integer overflow: the result %d is outside the 64-bit range" % v)
    return v


def _exact_check(a, b, mask, op, index_positions):
    """Recompute suspicious rows exactly with Python ints and raise on overflow."""
    for i in index_positions:
        if not mask[i]:
            _check_int(op(int(a[i]), int(b[i])))


def _int_arith(a, b, op, name):
    if not isinstance(a, _pd.Series) and not isinstance(b, _pd.Series):
        if is_na(a) or is_na(b):
            return NA
        return _check_int(op(int(a), int(b)))
    index = _index(a, b)
    av, am = _ints(a, index)
    bv, bm = _ints(b, index)
    mask = am | bm
    with _np.errstate(over="ignore"):
        r = op(av, bv)
        approx = op(av.astype("float64"), bv.astype("float64"))
    suspicious = _np.nonzero((_np.abs(approx) > 2.0 ** 62) & ~mask)[0]
    _exact_check(av, bv, mask, op, suspicious)
    return _int_result(_np.where(mask, 0, r), mask, index)


def _float_arith(a, b, op):
    """``op`` on floats (an int operand widens); an infinite result is null, underflow 0."""
    if not isinstance(a, _pd.Series) and not isinstance(b, _pd.Series):
        if is_na(a) or is_na(b):
            return NA
        return _finite(op(float(a), float(b)))
    index = _index(a, b)
    av, am = _floats(a, index)
    bv, bm = _floats(b, index)
    mask = am | bm
    with _np.errstate(all="ignore"):
        r = op(_np.where(mask, 0.0, av), _np.where(mask, 0.0, bv))
    return _float_result(r, mask, index)


def _finite(v):
    """A float scalar, or null when it is infinite or NaN."""
    v = float(v)
    return v if _math.isfinite(v) else NA


def add(a, b):
    """``a + b``; on ints, overflow is an error; an infinite float is null."""
    if _is_int(a) and _is_int(b):
        return _int_arith(a, b, lambda x, y: x + y, "+")
    return _float_arith(a, b, lambda x, y: x + y)


def sub(a, b):
    """``a - b``; on ints, overflow is an error; an infinite float is null."""
    if _is_int(a) and _is_int(b):
        return _int_arith(a, b, lambda x, y: x - y, "-")
    return _float_arith(a, b, lambda x, y: x - y)


def mul(a, b):
    """``a * b``; on ints, overflow is an error; an infinite float is null."""
    if _is_int(a) and _is_int(b):
        return _int_arith(a, b, lambda x, y: x * y, "*")
    return _float_arith(a, b, lambda x, y: x * y)


def neg(a):
    """``-a``; on ints, overflow is an error."""
    if _is_int(a):
        return _int_arith(0, a, lambda x, y: x - y, "-") if isinstance(a, _pd.Series) else (NA if is_na(a) else _check_int(-int(a)))
    return -a


def div(a, b):
    """``a / b``: always float; division by zero is null."""
    if not isinstance(a, _pd.Series) and not isinstance(b, _pd.Series):
        if is_na(a) or is_na(b) or b == 0:
            return NA
        return _finite(float(a) / float(b))
    index = _index(a, b)
    av, am = _floats(a, index)
    bv, bm = _floats(b, index)
    mask = am | bm | (bv == 0)
    with _np.errstate(all="ignore"):
        r = av / _np.where(mask, 1.0, bv)
    return _float_result(r, mask, index)


def mod(a, b):
    """``a % b`` on ints: the sign of the dividend (``-7 % 3`` is -1); ``% 0`` is null."""
    if not isinstance(a, _pd.Series) and not isinstance(b, _pd.Series):
        if is_na(a) or is_na(b) or b == 0:
            return NA
        a, b = int(a), int(b)
        return _check_int(a - b * _trunc_div(a, b))
    index = _index(a, b)
    av, am = _ints(a, index)
    bv, bm = _ints(b, index)
    mask = am | bm | (bv == 0)
    safe = _np.where(mask, 1, bv)
    safe = _np.where(safe == -1, 1, safe)  # x % -1 is 0; avoids INT_MIN % -1 trouble
    r = _np.fmod(av, safe)
    return _int_result(_np.where(mask, 0, r), mask, index)


def _trunc_div(a, b):
    q = _b.abs(a) // _b.abs(b)
    return q if (a >= 0) == (b >= 0) else -q


# MARK: - Math functions


def _float_fn(x, fn, domain=None):
    if not isinstance(x, _pd.Series):
        if is_na(x):
            return NA
        if domain is not None and not domain(float(x)):
            return NA
        with _np.errstate(all="ignore"):
            return _finite(fn(_np.float64(x)))
    vals, mask = _floats(x, x.index)
    if domain is not None:
        with _np.errstate(invalid="ignore"):
            mask = mask | ~domain(vals)
    with _np.errstate(all="ignore"):
        r = fn(_np.where(mask, 1.0, vals))
    return _float_result(r, mask, x.index)


def sqrt(x):
    """Square root; null for a negative (domain error)."""
    return _float_fn(x, _np.sqrt, lambda v: v >= 0)


def exp(x):
    """e to the x."""
    return _float_fn(x, _np.exp)


def ln(x):
    """Natural logarithm; null for x <= 0."""
    return _float_fn(x, _np.log, lambda v: v > 0)


def log10(x):
    """Base-10 logarithm; null for x <= 0."""
    return _float_fn(x, _np.log10, lambda v: v > 0)


def power(a, b):
    """``a`` to the power ``b`` as a float; null where undefined (0 to a negative, a negative
    to a fraction) or infinite."""
    if not isinstance(a, _pd.Series) and not isinstance(b, _pd.Series):
        if is_na(a) or is_na(b):
            return NA
        r = power(_pd.Series([float(a)], dtype="Float64"), float(b)).iloc[0]
        return NA if is_na(r) else float(r)
    index = _index(a, b)
    av, am = _floats(a, index)
    bv, bm = _floats(b, index)
    mask = am | bm
    with _np.errstate(all="ignore"):
        mask = mask | ((av == 0) & (bv < 0)) | ((av < 0) & (bv != _np.trunc(bv)))
        r = _np.power(_np.where(mask, 1.0, av), _np.where(mask, 1.0, bv))
    return _float_result(r, mask, index)


def abs_(x):
    """Absolute value, keeping the type; int overflow is an error."""
    if _is_int(x):
        if isinstance(x, _pd.Series):
            vals, mask = _ints(x, x.index)
            if (~mask & (vals == INT_MIN)).any():
                raise RexError("integer overflow: abs of the smallest 64-bit integer")
            return _int_result(_np.abs(vals), mask, x.index)
        return NA if is_na(x) else _check_int(_b.abs(int(x)))
    if isinstance(x, _pd.Series):
        return x.abs()
    return NA if is_na(x) else _b.abs(x)


def floor(x):
    """Largest integral value <= x (keeps the type)."""
    if _is_int(x):
        return x
    return _float_fn(x, _np.floor)


def ceil(x):
    """Smallest integral value >= x (keeps the type)."""
    if _is_int(x):
        return x
    return _float_fn(x, _np.ceil)


def _round_one(v, n):
    # Digits beyond ±400 change nothing more: every double lies between 1e-400 and 1e400.
    n = _b.max(-400, _b.min(400, n))
    if isinstance(v, (int, _np.integer)) and not isinstance(v, bool):
        if n >= 0:
            return int(v)
        q = _decimal.Decimal(int(v)).quantize(_decimal.Decimal(1).scaleb(-n), rounding=_decimal.ROUND_HALF_UP)
        return _check_int(int(q))
    v = float(v)
    if not _math.isfinite(v):
        return None
    with _decimal.localcontext() as ctx:
        ctx.prec = 1000  # 1e308 to 400 digits needs 709
        d = _decimal.Decimal(repr(v)).quantize(_decimal.Decimal(1).scaleb(-n), rounding=_decimal.ROUND_HALF_UP)
    r = float(d)
    if not _math.isfinite(r):
        return None  # beyond the float range (the largest double to -308 digits): null, SPEC §2
    return 0.0 if r == 0 else r


def round_(x, n=0):
    """Round the shortest decimal form half away from zero (``round(2.675, 2)`` is 2.68)."""
    type_name = "int" if _is_int(x) else "float"
    if type_name == "float" and isinstance(x, _pd.Series) and isinstance(n, (int, _np.integer)) \
            and not isinstance(n, bool) and 0 <= n <= 15:
        return _round_floats(x, int(n))
    return elementwise(lambda v, k: _round_one(v, int(k)), type_name, x, n)


def _round_floats(x, n):
    """Vectorised rounding; values whose scaled form is near a half go through decimal."""
    vals, mask = _floats(x, x.index)
    scale = 10.0 ** n
    with _np.errstate(all="ignore"):
        y = _np.abs(vals) * scale
        r = _np.sign(vals) * _np.floor(y + 0.5) / scale
        frac = y - _np.floor(y)
        near = ~mask & _np.isfinite(vals) & ((_np.abs(frac - 0.5) < 1e-6) | (y >= 2.0 ** 52))
    r = _np.where(_np.isfinite(vals), r, vals)
    for i in _np.nonzero(near)[0]:
        r[i] = _round_one(float(vals[i]), n)
    r = _np.where(r == 0, 0.0, r)
    return _float_result(r, mask, x.index)


# MARK: - Conversions


_INT_TEXT = _re.compile(r"^[+-]?[0-9]+$")
_FLOAT_TEXT = _re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
_DATE_TEXT = _re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")


def _to_int_one(v):
    if isinstance(v, str):
        if not _INT_TEXT.match(v):
            return None
        r = int(v)
        return r if INT_MIN <= r <= INT_MAX else None
    if isinstance(v, (bool, _np.bool_)):
        return int(bool(v))
    if isinstance(v, (int, _np.integer)):
        return int(v)
    f = float(v)
    if _math.isnan(f):
        return None
    if _math.isinf(f):
        raise RexError("integer overflow: int() of an infinite float")
    return _check_int(int(f))  # int() truncates toward zero


def to_int(x):
    """``int(x)``: truncates toward zero; text that is not an integer literal is null."""
    if isinstance(x, _pd.Series) and x.dtype.kind == "f" or str(getattr(x, "dtype", "")) == "Float64":
        vals, mask = _floats(x, x.index)
        if (~mask & ((vals >= 2.0 ** 63) | (vals < -(2.0 ** 63)) | _np.isinf(vals))).any():
            raise RexError("integer overflow: int() of a float outside the 64-bit range")
        return _int_result(_np.trunc(_np.where(mask, 0, vals)).astype("int64"), mask, x.index)
    return elementwise(_to_int_one, "int", x)


def _to_float_one(v):
    if isinstance(v, str):
        if not _FLOAT_TEXT.match(v):
            return None
        v = float(v)
        return v if _math.isfinite(v) else None  # beyond the double range: not a valid literal
    return float(v)


def to_float(x):
    """``float(x)``; text that is not a number literal is null."""
    if isinstance(x, _pd.Series) and x.dtype.kind in "iuf" or str(getattr(x, "dtype", "")) in ("Int64", "Float64"):
        return x.astype("Float64")
    return elementwise(_to_float_one, "float", x)


def _to_text_one(v):
    if isinstance(v, (bool, _np.bool_)):
        return "true" if v else "false"
    if isinstance(v, (float, _np.floating)):
        return _float_texts(_np.array([v], dtype="float64"))[0]
    if isinstance(v, _pd.Timestamp):
        v = v.to_pydatetime()
    if isinstance(v, _dt.datetime):
        return _iso_datetimes(_np.array([_micros_of(v)]))[0]
    if isinstance(v, _dt.date):
        return _iso_dates(_np.array([_days_of(v)]))[0]
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    return str(v)


_TWO_53 = 2.0 ** 53


def _float_texts(values):
    """The text of each float (an object array of str): its shortest round-trip form,
    exactly as rex's CSV output writes it (Swift's ``Double.description``).

    The digits are the shortest that read back to the same double (Python's ``repr``
    and numpy's ``str`` give the same digits). The layout: exponential ``d[.ddd]e±XX``
    (at least two exponent digits) when |x| > 2**53 or |x| < 1e-4 (and x != 0), else
    positional with at least one digit after the point (``100.0``, ``-0.0``, ``0.0001``).
    Python already writes that, except for 2**53 < |x| < 1e16, which it writes positionally.
    """
    values = _np.asarray(values, dtype="float64")
    out = _np.array(list(map(repr, values.tolist())), dtype=object)
    magnitude = _np.abs(values)
    for i in _np.nonzero((magnitude > _TWO_53) & (magnitude < 1e16))[0]:
        text = out[i]
        sign = "-" if text.startswith("-") else ""
        whole = text.lstrip("-").split(".")[0]
        digits = whole.rstrip("0")
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        out[i] = "%s%se+%02d" % (sign, mantissa, len(whole) - 1)
    return out


def _text_of(s, type_name):
    """``text(x)`` of a Series whose values have rex type ``type_name``."""
    type_name = type_name or _type_of(s) or "text"
    index = s.index
    if type_name == "text":
        return s.astype("string")
    mask = s.isna().to_numpy()
    if type_name == "float":
        values, mask = _floats(s, index)
        texts = _float_texts(_np.where(mask, 0.0, values))
    elif type_name == "int":
        texts = _ints(s, index)[0].astype(str).astype(object)
    elif type_name == "bool":
        texts = _np.where(s.astype("boolean").to_numpy(dtype=bool, na_value=False), "true", "false").astype(object)
    elif type_name == "date":
        texts = _iso_dates(_np.where(mask, 0, _ints(s, index)[0]))
    elif type_name == "datetime":
        texts = _iso_datetimes(_np.where(mask, 0, _ints(s, index)[0]))
    else:
        return elementwise(_to_text_one, "text", s)
    texts = texts.copy()
    texts[mask] = None
    return _typed(texts.tolist(), "text", index)


def to_text(x, type_name=None):
    """``text(x)``: ints as digits, floats in their shortest round-trip form (as CSV
    output writes them), bools true/false, dates and datetimes ISO; ``type_name`` is x's rex type."""
    if isinstance(x, _pd.Series):
        return _text_of(x, type_name)
    if is_na(x):
        return NA
    if type_name in ("date", "datetime"):
        return _text_of(_pd.Series([x], dtype="Int64"), type_name).iloc[0]
    return _to_text_one(x)


def _dates_of_text(s):
    """(day numbers, null mask) of ISO ``YYYY-MM-DD`` texts; anything else (or a day that
    does not exist, or year 0) is null."""
    parts = s.astype("string").str.extract(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
    mask = parts[0].isna().to_numpy()
    y = parts[0].fillna("1").astype("int64").to_numpy()
    m = parts[1].fillna("1").astype("int64").to_numpy()
    d = parts[2].fillna("1").astype("int64").to_numpy()
    bad = (y < 1) | (m < 1) | (m > 12) | (d < 1)
    bad |= d > _days_in_month(y, _np.where(bad, 1, m))
    mask = mask | bad
    days = _days_from_civil(_np.where(mask, 1970, y), _np.where(mask, 1, m), _np.where(mask, 1, d))
    return days, mask


def to_date(x, type_name=None):
    """``date(x)``: ISO text (YYYY-MM-DD; invalid text is null), a datetime's day, or a date."""
    if type_name is None:
        type_name = "text" if isinstance(x, str) or (isinstance(x, _pd.Series) and _type_of(x) == "text") \
            else "date" if isinstance(x, _pd.Series) and _type_of(x) == "date" else "datetime"
    if type_name == "date":
        return cast(x, "date")

    def convert(s):
        if type_name == "text":
            days, mask = _dates_of_text(s)
        else:
            micros, mask = _ints(s, s.index)
            days = _np.floor_divide(micros, _DAY_MICROS)
        return _date_array(days, mask, s.index)
    return _one(convert, x)


# MARK: - Conditionals


def _nulls(index, type_name):
    """A Series of nulls of rex type ``type_name``."""
    dtype = DTYPES.get(type_name, object) if type_name else object
    return _pd.Series(_pd.array([None] * len(index), dtype=dtype), index=index)


def _branch(value, frame, positions, type_name):
    """A branch of ``if``/``coalesce`` on the rows of ``frame`` at ``positions``: a function
    of the frame (generated code: ``lambda df: …``, evaluated only on those rows), a Series
    over all rows, or a value."""
    if callable(value):
        value = value(frame.iloc[positions])
    elif isinstance(value, _pd.Series):
        value = value.iloc[positions]
    return broadcast(value, frame.index[positions], type_name)


def _thunk(x):
    """A constant ``if``/``coalesce``/``case`` argument: generated code passes one that computes
    something as ``lambda: …``, run only when that argument is chosen (SPEC §2)."""
    return x() if callable(x) else x


def _chosen(x, type_name):
    """The chosen constant argument as a value of the expression's type: an int branch of a
    float ``if`` is a float (``text(if(false, 0.5, 3))`` is ``3.0``)."""
    x = _thunk(x)
    if type_name == "float" and isinstance(x, (int, _np.integer)) and not isinstance(x, (bool, _np.bool_)):
        return float(x)
    return x


def if_(c, a, b, type_name=None, frame=None):
    """``if(c, a, b)``: ``a`` where ``c`` is true, ``b`` where it is false or null.

    A branch given as a function of ``frame`` is evaluated only on the rows that select it
    (an overflow in the branch not taken is no error, SPEC §2)."""
    if frame is not None and (callable(a) or callable(b)):
        index = frame.index
        keep = true(c) if isinstance(c, _pd.Series) else _np.full(len(index), (not is_na(c)) and bool(c))
        out = _nulls(index, type_name).array.copy()
        for branch, rows in ((a, keep), (b, ~keep)):
            positions = _np.nonzero(rows)[0]
            if len(positions):
                out[positions] = _branch(branch, frame, positions, type_name).array
        return _pd.Series(out, index=index)
    index = _index(c, a, b)
    if index is None:
        return _chosen(a, type_name) if (not is_na(c) and bool(c)) else _chosen(b, type_name)
    keep = true(c) if isinstance(c, _pd.Series) else _np.full(len(index), (not is_na(c)) and bool(c))
    # A constant branch given as ``lambda: …`` runs only when some row takes it.
    a = _thunk(a) if keep.any() else (NA if callable(a) else a)
    b = _thunk(b) if (~keep).any() else (NA if callable(b) else b)
    av = broadcast(a, index, type_name)
    bv = broadcast(b, index, type_name)
    if type_name is None and str(av.dtype) != str(bv.dtype):
        av, bv = av.astype(object), bv.astype(object)
    out = bv.copy()
    out[keep] = av[keep]
    return out if type_name is None else broadcast(out, index, type_name)


def coalesce(*args, type_name=None, frame=None):
    """The first non-null argument; an argument given as a function of ``frame`` is
    evaluated only on the rows still null."""
    if frame is not None and _b.any(callable(a) for a in args):
        index = frame.index
        out = _nulls(index, type_name).array.copy()
        missing = _np.ones(len(index), dtype=bool)
        for a in args:
            positions = _np.nonzero(missing)[0]
            if not len(positions):
                break
            value = _branch(a, frame, positions, type_name)
            present = value.notna().to_numpy()
            out[positions[present]] = value.array[present]
            missing[positions[present]] = False
        return _pd.Series(out, index=index)
    index = _index(*args)
    if index is None:
        for a in args:
            a = _chosen(a, type_name)
            if not is_na(a):
                return a
        return NA
    out = None
    for a in args:
        if out is not None and not out.isna().any():
            break  # a later argument (``lambda: …`` if it computes something) is not needed
        s = broadcast(_thunk(a), index, type_name)
        out = s if out is None else out.where(out.notna(), s)
    return out


def _case_rows(c, frame, positions):
    """Which of the rows of ``frame`` at ``positions`` a ``case`` condition selects (true only)."""
    if callable(c):
        c = c(frame.iloc[positions])
    elif isinstance(c, _pd.Series):
        c = c.iloc[positions]
    if isinstance(c, _pd.Series):
        return true(c)
    return _np.full(len(positions), (not is_na(c)) and bool(c))


def case_(*args, type_name=None, frame=None):
    """``case(C1 => V1, …, else => V)`` from ``C1, V1, …, V``: the value of the first true
    condition, else the last value. Given ``frame``, a condition is evaluated only on the rows
    no earlier condition chose, and a value only on the rows that select it (SPEC §2)."""
    conditions, values, other = args[0:-1:2], args[1:-1:2], args[-1]
    if frame is not None:
        index = frame.index
        out = _nulls(index, type_name).array.copy()
        undecided = _np.ones(len(index), dtype=bool)
        for c, v in zip(conditions, values):
            positions = _np.nonzero(undecided)[0]
            if not len(positions):
                break
            chosen = positions[_case_rows(c, frame, positions)]
            if len(chosen):
                out[chosen] = _branch(v, frame, chosen, type_name).array
                undecided[chosen] = False
        positions = _np.nonzero(undecided)[0]
        if len(positions):
            out[positions] = _branch(other, frame, positions, type_name).array
        return _pd.Series(out, index=index)
    index = _index(*args)
    if index is None:
        for c, v in zip(conditions, values):
            c = _thunk(c)
            if not is_na(c) and bool(c):
                return _chosen(v, type_name)
        return _chosen(other, type_name)
    out = _nulls(index, type_name).array.copy()
    undecided = _np.ones(len(index), dtype=bool)
    for c, v in list(zip(conditions, values)) + [(True, other)]:
        if not undecided.any():
            break  # a later condition or value (``lambda: …`` if it computes something) is not needed
        c = _thunk(c)
        keep = true(c) if isinstance(c, _pd.Series) else _np.full(len(index), (not is_na(c)) and bool(c))
        chosen = undecided & keep
        if chosen.any():
            out[chosen] = broadcast(_thunk(v), index, type_name).array[chosen]
        undecided &= ~chosen
    return _pd.Series(out, index=index)


# MARK: - Text


def length(s):
    """Characters, trailing spaces included."""
    if isinstance(s, _pd.Series):
        return s.astype("string").str.len().astype("Int64")
    return NA if is_na(s) else len(s)


def trim(s):
    """Remove leading and trailing spaces (only U+0020, not tabs or newlines)."""
    if isinstance(s, _pd.Series):
        return s.astype("string").str.strip(" ")
    return NA if is_na(s) else s.strip(" ")


def lower(s):
    """Lower case (Python's Unicode rules)."""
    if isinstance(s, _pd.Series):
        return s.astype("string").str.lower()
    return NA if is_na(s) else s.lower()


def upper(s):
    """Upper case (Python's Unicode rules)."""
    if isinstance(s, _pd.Series):
        return s.astype("string").str.upper()
    return NA if is_na(s) else s.upper()


def _substr_one(s, start, n=None):
    start = _b.max(int(start), 1)
    if n is None:
        return s[start - 1:]
    n = int(n)
    if n < 0:
        return ""
    return s[start - 1:start - 1 + n]


def substr(s, start, n=None):
    """``substr(s, start[, len])``: 1-based; a start below 1 counts as 1; a negative length gives ''."""
    if isinstance(s, _pd.Series) and not isinstance(start, _pd.Series) and not is_na(start) \
            and not isinstance(n, _pd.Series) and not is_na(n):
        begin = _b.max(int(start), 1) - 1
        if n is None:
            return s.astype("string").str.slice(begin)
        if int(n) < 0:
            return s.astype("string").str.slice(0, 0)
        return s.astype("string").str.slice(begin, begin + int(n))
    if n is None:
        return elementwise(lambda a, b: _substr_one(a, b), "text", s, start)
    return elementwise(lambda a, b, c: _substr_one(a, b, c), "text", s, start, n)


def _text_series_and_literal(s, t):
    """True when ``s`` is a Series and ``t`` a non-null str (the vectorised case)."""
    return isinstance(s, _pd.Series) and isinstance(t, str)


def contains(s, t):
    """True when ``t`` occurs in ``s`` (literally: no wildcards)."""
    if _text_series_and_literal(s, t):
        return s.astype("string").str.contains(t, regex=False).astype("boolean")
    return elementwise(lambda a, b: b in a, "bool", s, t)


def starts_with(s, t):
    """True when ``s`` starts with ``t``."""
    if _text_series_and_literal(s, t):
        return s.astype("string").str.startswith(t).astype("boolean")
    return elementwise(lambda a, b: a.startswith(b), "bool", s, t)


def ends_with(s, t):
    """True when ``s`` ends with ``t``."""
    if _text_series_and_literal(s, t):
        return s.astype("string").str.endswith(t).astype("boolean")
    return elementwise(lambda a, b: a.endswith(b), "bool", s, t)


def replace(s, a, b):
    """Replace every occurrence of ``a`` by ``b``; an empty ``a`` changes nothing."""
    if _text_series_and_literal(s, a) and isinstance(b, str):
        text = s.astype("string")
        return text if a == "" else text.str.replace(a, b, regex=False)
    return elementwise(lambda x, y, z: x.replace(y, z) if y != "" else x, "text", s, a, b)


def concat(*args):
    """Concatenate as text; null if any argument is null."""
    index = _index(*args)
    if index is not None and _b.all(isinstance(a, str) or (isinstance(a, _pd.Series) and _type_of(a) == "text")
                                    for a in args):
        out = None
        for a in args:
            part = a.astype("string") if isinstance(a, _pd.Series) else a
            out = part if out is None else out + part
        return broadcast(out, index, "text")

    def cat(*vals):
        return "".join(v if isinstance(v, str) else _to_text_one(v) for v in vals)
    return elementwise(cat, "text", *args)


# MARK: - Dates


def _date_part(x, part, type_name):
    """A part of dates (day numbers) or datetimes (microseconds) as ints."""
    def parts(s):
        values, mask = _ints(s, s.index)
        values = _np.where(mask, 0, values)
        if type_name == "datetime":
            days = _np.floor_divide(values, _DAY_MICROS)
            if part == "hour":
                r = (values - days * _DAY_MICROS) // 3_600_000_000
                return _int_result(r, mask, s.index)
        else:
            days = values
            if part == "hour":
                return _int_result(_np.zeros(len(values), dtype="int64"), mask, s.index)
        if part == "weekday":
            r = (days + 3) % 7 + 1  # 1970-01-01 was a Thursday
        else:
            y, m, d = _civil_from_days(days)
            r = {"year": y, "month": m, "day": d}[part]
        return _int_result(r, mask, s.index)
    return _one(parts, x)


def year(x, type_name="date"):
    """The year of a date or datetime."""
    return _date_part(x, "year", type_name)


def month(x, type_name="date"):
    """The month (1-12)."""
    return _date_part(x, "month", type_name)


def day(x, type_name="date"):
    """The day of the month."""
    return _date_part(x, "day", type_name)


def hour(x, type_name="datetime"):
    """The hour (0 for a date)."""
    return _date_part(x, "hour", type_name)


def weekday(x, type_name="date"):
    """The day of the week, 1 = Monday … 7 = Sunday."""
    return _date_part(x, "weekday", type_name)


# Date arithmetic on day numbers: exact integers and the civil calendar (no DateOffset,
# which wraps past 2262). Results must stay within 0001-01-01 … 9999-12-31.
_MIN_DAY, _MAX_DAY = -719162, 2932896


def _on_rows(fn, *args):
    """``fn(index, *args)`` over the rows of the Series among ``args``; all scalars: one value."""
    index = _index(*args)
    if index is None:
        v = fn(_pd.RangeIndex(1), *args).iloc[0]
        return NA if is_na(v) else int(v)
    return fn(index, *args)


def _check_days(days, mask, what):
    bad = ((days < _MIN_DAY) | (days > _MAX_DAY)) & ~mask
    if bad.any():
        raise RexError("date out of range: %s is outside 0001-01-01 … 9999-12-31" % what)


def add_days(d, n):
    """``d + n``: a date plus ``n`` days (``d - n`` is generated as ``d + -n``)."""
    def run(index, d, n):
        dv, dm = _ints(d, index)
        nv, nm = _ints(n, index)
        mask = dm | nm
        nv = _np.where(mask, 0, nv)
        huge = (nv > 10 ** 7) | (nv < -(10 ** 7))
        r = _np.where(mask, 0, dv) + _np.where(huge, 10 ** 7, nv)
        _check_days(r, mask, "d + n")
        return _date_array(r, mask, index)
    return _on_rows(run, d, n)


def diff_days(a, b):
    """``d1 - d2``: the days between two dates (int)."""
    def run(index, a, b):
        av, am = _ints(a, index)
        bv, bm = _ints(b, index)
        mask = am | bm
        return _int_result(_np.where(mask, 0, av - bv), mask, index)
    return _on_rows(run, a, b)


def add_months(d, n):
    """``add_months(d, n)``: the day clamped to the last day of the target month."""
    def run(index, d, n):
        dv, dm = _ints(d, index)
        nv, nm = _ints(n, index)
        mask = dm | nm
        nv = _np.clip(_np.where(mask, 0, nv), -(10 ** 6), 10 ** 6)
        y, m, day = _civil_from_days(_np.where(mask, 0, dv))
        total = y * 12 + (m - 1) + nv
        ny = _np.floor_divide(total, 12)
        nm_ = total - ny * 12 + 1
        r = _days_from_civil(ny, nm_, _np.minimum(day, _days_in_month(ny, nm_)))
        _check_days(r, mask, "add_months(d, n)")
        return _date_array(r, mask, index)
    return _on_rows(run, d, n)


def date_trunc(unit, x, type_name="date"):
    """The first day (a datetime: its midnight) of the year, quarter, month, week (Monday) or
    day of ``x``; a datetime keeps its type."""
    def run(index, x):
        values, mask = _ints(x, index)
        values = _np.where(mask, 0, values)
        days = _np.floor_divide(values, _DAY_MICROS) if type_name == "datetime" else values
        y, m, _ = _civil_from_days(days)
        one = _np.ones_like(y)
        if unit == "year":
            r = _days_from_civil(y, one, one)
        elif unit == "quarter":
            r = _days_from_civil(y, (m - 1) // 3 * 3 + 1, one)
        elif unit == "month":
            r = _days_from_civil(y, m, one)
        elif unit == "week":
            r = days - (days + 3) % 7  # 1970-01-01 was a Thursday (Monday = 0)
        elif unit == "day":
            r = days
        else:
            raise RexError("unknown date_trunc unit %r" % (unit,))
        if type_name == "datetime":
            return _int_result(_np.asarray(r, dtype="int64") * _DAY_MICROS, mask, index)
        return _date_array(r, mask, index)
    return _on_rows(run, x)


# MARK: - Groups and aggregates


class Groups:
    """Rows grouped by key columns (nulls form one group, as in SQL GROUP BY).

    ``codes[i]`` is the group number of row i; ``keys`` holds one row per group.
    Without key columns there is exactly one group, even for no rows.
    """

    def __init__(self, df, keys=()):
        keys = list(keys)
        self.index = df.index
        n = len(df.index)
        if not keys:
            self.codes = _np.zeros(n, dtype="int64")
            self.count = 1
            self.keys = _pd.DataFrame(index=_pd.RangeIndex(1))
            return
        if n == 0:
            self.codes = _np.zeros(0, dtype="int64")
            self.count = 0
            self.keys = df[keys].iloc[0:0].reset_index(drop=True)
            return
        combined = None
        for k in keys:
            codes, uniques = _pd.factorize(df[k], use_na_sentinel=False)
            codes = _np.asarray(codes, dtype="int64")
            if combined is None:
                combined = codes
            else:
                # Renumber the pairs densely so the combined code never overflows.
                combined = combined * (len(uniques) + 1) + codes
                combined = _np.unique(combined, return_inverse=True)[1].reshape(-1)
        _, first, inverse = _np.unique(combined, return_index=True, return_inverse=True)
        self.codes = _np.asarray(inverse, dtype="int64").reshape(-1)
        self.count = len(first)
        self.keys = df[keys].iloc[first].reset_index(drop=True)

    def key(self, name):
        """A key column, one value per group."""
        return self.keys[name]

    def rows(self, per_group):
        """Spread a per-group Series back to one value per row (window aggregates)."""
        per_group = broadcast(per_group, _pd.RangeIndex(self.count))
        values = per_group.array.take(self.codes)
        return _pd.Series(values, index=self.index)


def groups(df, keys=()):
    """Group ``df`` by the key column names (``[]``: one group of all rows)."""
    return Groups(df, keys)


def _groups_for(s, g):
    return g if g is not None else Groups(_pd.DataFrame(index=s.index))


def _type_of(s):
    kind = s.dtype.kind
    name = str(s.dtype)
    if name == "boolean" or kind == "b":
        return "bool"
    if name == "Int32":
        return "date"  # day numbers (see the module docstring); ints are Int64
    if name.startswith("Int") or kind in "iu":
        return "int"
    if name.startswith("Float") or kind == "f":
        return "float"
    if kind == "M":
        return "datetime"
    if name == "string":
        return "text"
    return None


def count(s=None, g=None, df=None):
    """``count()`` of rows (pass ``g`` or ``df``) or ``count(x)`` of non-null values."""
    if s is None:
        grp = g if g is not None else Groups(df if df is not None else _pd.DataFrame())
        return _int_result(_np.bincount(grp.codes, minlength=grp.count).astype("int64"),
                           _np.zeros(grp.count, dtype=bool), _pd.RangeIndex(grp.count))
    grp = _groups_for(s, g)
    mask = s.notna().to_numpy()
    counts = _np.bincount(grp.codes[mask], minlength=grp.count).astype("int64")
    return _int_result(counts, _np.zeros(grp.count, dtype=bool), _pd.RangeIndex(grp.count))


def count_distinct(s, g=None):
    """Distinct non-null values."""
    grp = _groups_for(s, g)
    mask = s.notna().to_numpy()
    pairs = _pd.DataFrame({"g": grp.codes[mask], "v": _pd.Series(_pyvalues(s[mask]), dtype=object)})
    counts = pairs.drop_duplicates().groupby("g").size().reindex(_pd.RangeIndex(grp.count), fill_value=0)
    return _int_result(counts.to_numpy().astype("int64"), _np.zeros(grp.count, dtype=bool), _pd.RangeIndex(grp.count))


def sum_(s, g=None):
    """Sum of non-null values; null when there are none; int overflow is an error."""
    grp = _groups_for(s, g)
    target = _pd.RangeIndex(grp.count)
    mask = s.notna().to_numpy()
    codes = grp.codes[mask]
    present = _np.bincount(codes, minlength=grp.count) > 0
    if _type_of(s) == "int":
        vals = s.to_numpy(dtype="int64", na_value=0)[mask]
        approx = _np.bincount(codes, weights=vals.astype("float64"), minlength=grp.count)
        with _np.errstate(over="ignore"):
            exact = _pd.Series(vals).groupby(codes).sum().reindex(target, fill_value=0).to_numpy().astype("int64")
        for k in _np.nonzero(_np.abs(approx) > 2.0 ** 62)[0]:
            total = _b.sum(int(v) for v in vals[codes == k])
            _check_int(total)
        return _int_result(_np.where(present, exact, 0), ~present, target)
    if _type_of(s) == "bool":
        raise RexError("sum() needs numbers, not bool")
    vals = s.astype("Float64").to_numpy(dtype="float64", na_value=0.0)[mask]
    sums = _pd.Series(vals).groupby(codes).sum().reindex(target, fill_value=0.0).to_numpy()
    return _float_result(sums, ~present, target)


def _plain_means(s, g):
    """(groups, group codes of the non-null values, the values, count per group, mean per
    group), the mean the sum in row order over the count, as every SQL engine's AVG."""
    grp = _groups_for(s, g)
    mask = s.notna().to_numpy()
    codes = grp.codes[mask]
    vals = s.astype("Float64").to_numpy(dtype="float64", na_value=0.0)[mask]
    n = _np.bincount(codes, minlength=grp.count).astype("float64")
    with _np.errstate(all="ignore"):
        m = _np.bincount(codes, weights=vals, minlength=grp.count) / n
    return grp, codes, vals, n, m


def _moments(s, g):
    """`_plain_means` with the mean corrected by the mean deviation (two passes), for var/sd."""
    grp, codes, vals, n, m = _plain_means(s, g)
    with _np.errstate(all="ignore"):
        m = m + _np.bincount(codes, weights=vals - m[codes], minlength=grp.count) / n
    return grp, codes, vals, n, m


def mean(s, g=None):
    """Mean of non-null values as a float: the sum over the count (the corrected mean of
    `_moments` can differ from SQL's AVG in the last digit, and so would `text(mean(x))`);
    null when there are none."""
    grp, _, _, n, m = _plain_means(s, g)
    return _float_result(_np.where(n > 0, m, 0.0), n == 0, _pd.RangeIndex(grp.count))


def median(s, g=None):
    """Median: the middle value, or the midpoint of the middle two for an even count, as
    every SQL dialect computes it: low + (high - low) / 2 when both have one sign (PostgreSQL's
    percentile_cont interpolation), (low + high) / 2 when they straddle 0, so that it never
    overflows (numpy's mean of 1e308 and 1e308 is infinite); null when empty."""
    grp = _groups_for(s, g)
    target = _pd.RangeIndex(grp.count)
    mask = s.notna().to_numpy()
    codes = grp.codes[mask]
    vals = s.astype("Float64").to_numpy(dtype="float64", na_value=0.0)[mask]
    n = _np.bincount(codes, minlength=grp.count)
    present = n > 0
    if len(vals) == 0:
        return _float_result(_np.zeros(grp.count), ~present, target)
    ordered = vals[_np.lexsort((vals, codes))]
    start = _np.cumsum(n) - n
    low = ordered[_np.where(present, start + (n - 1) // 2, 0)]
    high = ordered[_np.where(present, start + n // 2, 0)]
    with _np.errstate(all="ignore"):
        mid = _np.where((low < 0) & (high > 0), (low + high) / 2, low + (high - low) / 2)
    return _float_result(_np.where(present, mid, 0.0), ~present, target)


def var(s, g=None):
    """Sample variance (n−1); null with fewer than 2 values. Two passes (corrected
    two-pass algorithm): exact enough for values far from 0 with a small spread."""
    grp, codes, vals, n, m = _moments(s, g)
    with _np.errstate(all="ignore"):
        d = vals - m[codes]
        ss = _np.bincount(codes, weights=d * d, minlength=grp.count)
        c = _np.bincount(codes, weights=d, minlength=grp.count)
        r = (ss - c * c / n) / (n - 1)
    few = n < 2
    return _float_result(_np.where(few, 0.0, _np.maximum(r, 0.0)), few, _pd.RangeIndex(grp.count))


def sd(s, g=None):
    """Sample standard deviation (n−1); null with fewer than 2 values."""
    v = var(s, g)
    values, mask = _floats(v, v.index)
    return _float_result(_np.sqrt(_np.where(mask, 0.0, values)), mask, v.index)


def _extreme(s, g, pick):
    """Per-group min/max, exact for every type: numbers as int64/float64 (never through
    float for ints), dates as day numbers, text and bytes through the rank of each
    distinct value (code-point order)."""
    grp = _groups_for(s, g)
    target = _pd.RangeIndex(grp.count)
    type_name = _type_of(s)
    mask = s.notna().to_numpy()
    codes = grp.codes[mask]
    present = s[mask]
    uniques = None
    if type_name in ("int", "date"):
        vals = present.to_numpy(dtype="int64")
    elif type_name == "float":
        vals = present.to_numpy(dtype="float64")
    elif type_name == "bool":
        vals = present.astype("boolean").to_numpy(dtype=bool).astype("int64")
    else:
        ids, uniques = _pd.factorize(present)
        order = sorted(range(len(uniques)), key=lambda i: _cmpkey(uniques[i]))
        rank = _np.empty(len(order), dtype="int64")
        rank[_np.array(order, dtype="int64")] = _np.arange(len(order))
        vals = rank[_np.asarray(ids, dtype="int64")]
    found = _np.bincount(codes, minlength=grp.count) > 0
    best = _np.zeros(grp.count, dtype=vals.dtype)
    if len(vals):
        # numpy int64/float64 groupby is exact; only the groups present get a value (a
        # reindex would put NaN in the missing ones and turn ints into floats).
        per_group = getattr(_pd.Series(vals).groupby(codes), pick)()
        best[per_group.index.to_numpy(dtype="int64")] = per_group.to_numpy(dtype=vals.dtype)
    missing = ~found
    if type_name == "int":
        return _int_result(best, missing, target)
    if type_name == "date":
        return _date_array(best, missing, target)
    if type_name == "float":
        return _float_result(best, missing, target)
    if type_name == "bool":
        return _pd.Series(_pd.arrays.BooleanArray(best.astype(bool), missing), index=target)
    by_rank = _np.empty(len(uniques), dtype=object)
    by_rank[rank] = _np.asarray(uniques, dtype=object)
    out = [None if missing[k] else by_rank[best[k]] for k in range(grp.count)]
    return _typed(out, type_name or _infer_type(out), target)


def min_(s, g=None):
    """Smallest non-null value (text by code point); null when none."""
    return _extreme(s, g, "min")


def max_(s, g=None):
    """Largest non-null value (text by code point); null when none."""
    return _extreme(s, g, "max")


def any_(s, g=None):
    """True if any non-null value is true; null when all are null."""
    return _bool_groups(s, g, "max")


def all_(s, g=None):
    """True if every non-null value is true; null when all are null."""
    return _bool_groups(s, g, "min")


def _bool_groups(s, g, how):
    if not isinstance(s, _pd.Series):
        raise RexError("any()/all() need a boolean column")
    grp = _groups_for(s, g)
    target = _pd.RangeIndex(grp.count)
    mask = s.notna().to_numpy()
    codes = grp.codes[mask]
    vals = s.astype("boolean").to_numpy(dtype=bool, na_value=False)[mask].astype("int64")
    n = _np.bincount(codes, minlength=grp.count)
    if len(vals) == 0:
        return _typed([None] * grp.count, "bool", target)
    r = getattr(_pd.Series(vals).groupby(codes), how)().reindex(target, fill_value=0).to_numpy()
    return _pd.Series(_pd.arrays.BooleanArray(r.astype(bool), n == 0), index=target)


# MARK: - Sorting, limits, distinct, append


def _sort_codes(s, descending):
    """Integer ranks of a column with nulls last in both directions (ints exact, never
    through float)."""
    mask = s.isna().to_numpy()
    n_valid = int((~mask).sum())
    codes = _np.zeros(len(s), dtype="int64")
    if n_valid:
        kind = _type_of(s)
        if kind in ("int", "date"):
            uniq, inv = _np.unique(s[~mask].to_numpy(dtype="int64"), return_inverse=True)
        elif kind == "float":
            uniq, inv = _np.unique(s[~mask].to_numpy(dtype="float64"), return_inverse=True)
        elif kind == "bool":
            uniq, inv = _np.unique(s[~mask].astype("boolean").to_numpy(dtype=bool), return_inverse=True)
        elif kind == "datetime":
            uniq, inv = _np.unique(s[~mask].to_numpy(), return_inverse=True)
        else:
            codes_, uniques = _pd.factorize(s[~mask])
            uniq = sorted(range(len(uniques)), key=lambda i: _cmpkey(uniques[i]))
            rank = _np.empty(len(uniq), dtype="int64")
            rank[_np.array(uniq, dtype="int64")] = _np.arange(len(uniq))
            inv = rank[_np.asarray(codes_, dtype="int64")]
        inv = _np.asarray(inv, dtype="int64").reshape(-1)
        if descending:
            inv = len(uniq) - 1 - inv
        codes[~mask] = inv
        codes[mask] = len(uniq)
    return codes


def sort(df, keys):
    """Sort by ``[(series, descending), …]``: stable, nulls last both ways, text by code point."""
    if len(df.index) == 0 or not keys:
        return df
    columns = [_sort_codes(broadcast(s, df.index), desc) for s, desc in keys]
    order = _np.lexsort(tuple(reversed(columns)))
    return df.iloc[order]


def take(df, count, offset=0):
    """Rows ``offset`` … ``offset + count - 1``."""
    return df.iloc[offset:offset + count]


class OrderedGroups:
    """The rows of a frame in window order for ``derive … [by …] sort …`` (SPEC §2).

    A stable sort by group, then the sort keys (nulls last, text by code point, as the
    ``sort`` verb); every method computes on plain int64/float64 arrays plus a null mask in
    that order and returns one value per row in the frame's own order. pandas 1.5's
    ``cumsum``/``rank`` on nullable dtypes give NA after the first missing value, leave NA
    ranks and overflow silently (ENGINES.md), so none of them is used on nullable data.
    """

    def __init__(self, df, keys, order):
        self.index = df.index
        n = len(df.index)
        self.codes = Groups(df, keys).codes if keys else _np.zeros(n, dtype="int64")
        columns = [_sort_codes(broadcast(s, df.index), desc) for s, desc in order]
        key_matrix = _np.array(columns, dtype="int64").reshape(len(columns), n)
        # lexsort: the last key is the primary one; mergesort order is stable.
        # lexsort: the last key is the primary one (the group); it is a stable sort.
        self.perm = _np.lexsort(tuple(reversed(columns)) + (self.codes,)).astype("int64")
        sorted_codes = self.codes[self.perm]
        pos = _np.arange(n, dtype="int64")
        new_group = _np.ones(n, dtype=bool)
        if n:
            new_group[1:] = sorted_codes[1:] != sorted_codes[:-1]
        #: For each sorted position, the sorted position where its group starts.
        self.start = _np.maximum.accumulate(_np.where(new_group, pos, 0)) if n else pos
        self.sorted_codes = sorted_codes
        # A new tie block where the group starts or any key differs from the previous row.
        new_block = new_group.copy()
        if n and len(columns):
            sk = key_matrix[:, self.perm]
            new_block[1:] |= (sk[:, 1:] != sk[:, :-1]).any(axis=0)
        self.new_block = new_block

    def _restore(self, values_sorted, mask_sorted, kind):
        n = len(self.perm)
        values = _np.empty(n, dtype=values_sorted.dtype)
        mask = _np.empty(n, dtype=bool)
        values[self.perm] = values_sorted
        mask[self.perm] = mask_sorted
        if kind == "int":
            return _int_result(values, mask, self.index)
        return _float_result(values, mask, self.index)

    def _segment_cumsum(self, vals):
        cs = _np.cumsum(vals)
        return cs - cs[self.start] + vals[self.start]

    def row_number(self):
        n = len(self.perm)
        pos = _np.arange(n, dtype="int64")
        return self._restore(pos - self.start + 1, _np.zeros(n, dtype=bool), "int")

    def rank(self):
        n = len(self.perm)
        pos = _np.arange(n, dtype="int64")
        first = _np.maximum.accumulate(_np.where(self.new_block, pos, 0)) if n else pos
        return self._restore(first - self.start + 1, _np.zeros(n, dtype=bool), "int")

    def dense_rank(self):
        n = len(self.perm)
        blocks = self._segment_cumsum(self.new_block.astype("int64")) if n else _np.zeros(0, dtype="int64")
        return self._restore(blocks, _np.zeros(n, dtype=bool), "int")

    def _shift(self, s, k):
        """The value ``k`` rows earlier (k > 0) or later (k < 0) in the group; null past the edge."""
        n = len(self.perm)
        pos = _np.arange(n, dtype="int64")
        src = pos - k
        inside = (src >= 0) & (src < n)
        src_c = _np.clip(src, 0, _b.max(n - 1, 0))
        inside &= self.sorted_codes[src_c] == self.sorted_codes if n else inside
        take_sorted = _np.where(inside, self.perm[src_c] if n else src_c, -1)
        target = _np.empty(n, dtype="int64")
        target[self.perm] = take_sorted
        values = _pd.Series(s).array.take(target, allow_fill=True)
        return _pd.Series(values, index=self.index)

    def lag(self, s, k=1):
        return self._shift(broadcast(s, self.index), int(k))

    def lead(self, s, k=1):
        return self._shift(broadcast(s, self.index), -int(k))

    def running(self, how, s=None):
        """A running aggregate over the rows so far in the group: nulls are skipped, and a
        value is null while there is no non-null value yet (``count``: 0)."""
        n = len(self.perm)
        if s is None:
            return self._restore(_np.arange(n, dtype="int64") - self.start + 1, _np.zeros(n, dtype=bool), "int")
        s = broadcast(s, self.index)
        kind = _type_of(s)
        valid = s.notna().to_numpy()[self.perm]
        seen = self._segment_cumsum(valid.astype("int64")) if n else _np.zeros(0, dtype="int64")
        none = seen == 0
        if how == "count":
            return self._restore(seen, _np.zeros(n, dtype=bool), "int")
        if how == "sum" and kind == "int":
            vals = _np.where(valid, s.to_numpy(dtype="int64", na_value=0)[self.perm], 0)
            approx = self._segment_cumsum(vals.astype("float64")) if n else vals.astype("float64")
            if n and _np.abs(approx).max() > 2.0 ** 62:
                # Exact check with Python ints: a running sum outside 64 bits is an error,
                # as on every engine (each partial sum is an output value).
                # (only when a partial sum nears the limit)
                totals = {}
                for code, v in zip(self.sorted_codes.tolist(), vals.tolist()):
                    totals[code] = totals.get(code, 0) + v
                    _check_int(totals[code])
            with _np.errstate(over="ignore"):
                sums = self._segment_cumsum(vals) if n else vals
            return self._restore(sums, none, "int")
        if how in ("sum", "mean"):
            vals = _np.where(valid, s.astype("Float64").to_numpy(dtype="float64", na_value=0.0)[self.perm], 0.0)
            sums = self._segment_cumsum(vals) if n else vals
            if how == "mean":
                with _np.errstate(all="ignore"):
                    sums = sums / _np.where(none, 1, seen)
            return self._restore(sums, none, "float")
        if how in ("min", "max", "any", "all"):
            pick = "cummin" if how in ("min", "all") else "cummax"
            if kind in ("int", "date", "bool", "float"):
                if kind == "float":
                    raw = s.astype("Float64").to_numpy(dtype="float64", na_value=0.0)
                    fill = _np.inf if pick == "cummin" else -_np.inf
                else:
                    raw = s.astype("Int64" if kind != "bool" else "boolean").to_numpy(dtype="int64", na_value=0) \
                        if kind != "date" else s.to_numpy(dtype="int64", na_value=0)
                    info = _np.iinfo("int64")
                    fill = info.max if pick == "cummin" else info.min
                vals = _np.where(valid, raw[self.perm], fill)
                best = getattr(_pd.Series(vals).groupby(self.sorted_codes), pick)().to_numpy(dtype=vals.dtype) \
                    if n else vals
                best = _np.where(none, 0, best)
                values = _np.empty(n, dtype=best.dtype)
                mask = _np.empty(n, dtype=bool)
                values[self.perm] = best
                mask[self.perm] = none
                if kind == "int":
                    return _int_result(values, mask, self.index)
                if kind == "float":
                    return _float_result(values, mask, self.index)
                if kind == "date":
                    return _date_array(values, mask, self.index)
                return _pd.Series(_pd.arrays.BooleanArray(values.astype(bool), mask), index=self.index)
            # text and datetime: through the code-point rank of each value
            ranks = _sort_codes(s, False)
            vals = _np.where(valid, ranks[self.perm], _np.iinfo("int64").max if pick == "cummin" else -1)
            best = getattr(_pd.Series(vals).groupby(self.sorted_codes), pick)().to_numpy(dtype="int64") \
                if n else vals
            # each rank's value, read back without a per-row loop
            svals = s.to_numpy(dtype=object)
            by_rank = _np.empty(int(ranks.max()) + 1 if n else 0, dtype=object)
            present = s.notna().to_numpy()
            by_rank[ranks[present]] = svals[present]
            picked = _np.empty(n, dtype=object)
            picked[:] = None
            if n:
                picked[~none] = by_rank[best[~none]]
            out = _np.empty(n, dtype=object)
            out[self.perm] = picked
            return _pd.Series(_pd.array(out, dtype=s.dtype), index=self.index)
        raise RexError(how + " is not available as a running value")


def ordered_groups(df, keys, order):
    """``OrderedGroups`` of ``df`` by the key column names, ordered by ``[(series, desc), …]``."""
    return OrderedGroups(df, keys, order)


def take_per_group(df, keys, count):
    """The first ``count`` rows of each group in the frame's order (``take N by``); null
    keys form one group (``Groups`` factorizes them as a value)."""
    if len(df.index) == 0:
        return df
    codes = Groups(df, keys).codes if keys else _np.zeros(len(df.index), dtype="int64")
    seen = _pd.Series(codes).groupby(codes).cumcount().to_numpy()
    return df[seen < count]


def distinct(df):
    """Unique rows (nulls equal to each other, as SQL DISTINCT)."""
    return df.drop_duplicates().reset_index(drop=True)


def append(top, bottom):
    """Rows of both frames, columns matched by name (``bottom`` already in ``top``'s order)."""
    bottom = bottom[list(top.columns)]
    out = _pd.concat([top.reset_index(drop=True), bottom.reset_index(drop=True)], ignore_index=True)
    for name in top.columns:
        if str(out[name].dtype) != str(top[name].dtype) and top[name].dtype != object:
            out[name] = out[name].astype(top[name].dtype)
    return out


# MARK: - Joins

#: Largest result of a join with no equality condition (SPEC §2).
CROSS_JOIN_LIMIT = 10_000_000


def join(left, right, kind, on=(), output=(), where=None):
    """SQL join of two frames.

    ``on``: ``[(left_column, right_column), …]`` equality keys (null keys never match).
    ``where``: optional ``lambda this, that: mask`` for the rest of the condition,
    evaluated on candidate pairs (``this``/``that`` are the two sides' rows).
    ``output``: ``[(name, "left", col) | (name, "right", col) | (name, "coalesce", lcol, rcol), …]``.
    ``kind``: ``"inner"``, ``"left"`` or ``"full"``.
    """
    if kind not in ("inner", "left", "full"):
        raise RexError("unknown join kind %r" % kind)
    L = left.reset_index(drop=True)
    R = right.reset_index(drop=True)
    if on:
        lk = _pd.DataFrame({"k%d" % i: L[a] for i, (a, _) in enumerate(on)})
        rk = _pd.DataFrame({"k%d" % i: R[b] for i, (_, b) in enumerate(on)})
        lk["__l"] = _np.arange(len(L))
        rk["__r"] = _np.arange(len(R))
        lk = lk[lk.drop(columns="__l").notna().all(axis=1)]
        rk = rk[rk.drop(columns="__r").notna().all(axis=1)]
        names = ["k%d" % i for i in range(len(on))]
        for name in names:
            if str(lk[name].dtype) != str(rk[name].dtype):
                numeric = {"int", "float"}
                if _type_of(lk[name]) in numeric and _type_of(rk[name]) in numeric:
                    # int widens to float, as in a filter's comparison (SPEC §2)
                    lk[name] = lk[name].astype("Float64")
                    rk[name] = rk[name].astype("Float64")
                else:
                    lk[name] = lk[name].astype(object)
                    rk[name] = rk[name].astype(object)
        pairs = lk.merge(rk, on=names, how="inner")[["__l", "__r"]]
    else:
        if len(L) * len(R) > CROSS_JOIN_LIMIT:
            raise RexError("this join has no equality condition and would produce %d rows (limit %d); "
                           "add an equality to the condition" % (len(L) * len(R), CROSS_JOIN_LIMIT))
        pairs = _pd.DataFrame({"__l": _np.repeat(_np.arange(len(L)), len(R)),
                               "__r": _np.tile(_np.arange(len(R)), len(L))})
    li = pairs["__l"].to_numpy(dtype="int64")
    ri = pairs["__r"].to_numpy(dtype="int64")
    if where is not None and len(li):
        this = L.iloc[li].reset_index(drop=True)
        that = R.iloc[ri].reset_index(drop=True)
        keep = true(where(this, that), this)
        li, ri = li[keep], ri[keep]
    if kind in ("left", "full"):
        missing = _np.setdiff1d(_np.arange(len(L)), li)
        li = _np.concatenate([li, missing])
        ri = _np.concatenate([ri, _np.full(len(missing), -1, dtype="int64")])
    if kind == "full":
        missing = _np.setdiff1d(_np.arange(len(R)), ri[ri >= 0])
        li = _np.concatenate([li, _np.full(len(missing), -1, dtype="int64")])
        ri = _np.concatenate([ri, missing])
    index = _pd.RangeIndex(len(li))
    data = {}
    # An output column whose source the executor did not fetch (column pruning: nothing
    # later uses it) is left out.
    for item in output:
        name, side = item[0], item[1]
        if side == "left":
            if item[2] in L.columns:
                data[name] = _pick(L[item[2]], li, index)
        elif side == "right":
            if item[2] in R.columns:
                data[name] = _pick(R[item[2]], ri, index)
        elif side == "coalesce":
            a = _pick(L[item[2]], li, index) if item[2] in L.columns else None
            b = _pick(R[item[3]], ri, index) if item[3] in R.columns else None
            if a is not None and b is not None:
                if str(a.dtype) != str(b.dtype) and "Float64" in (str(a.dtype), str(b.dtype)):
                    # An int key joined with a float key: the output is a float (SPEC §2 widening).
                    a, b = a.astype("Float64"), b.astype("Float64")
                data[name] = a.where(a.notna(), b)
            elif a is not None or b is not None:
                data[name] = a if a is not None else b
        else:
            raise RexError("unknown join output side %r" % side)
    return _pd.DataFrame(data, index=index)


def _pick(column, positions, index):
    values = column.array.take(positions, allow_fill=True)
    return _pd.Series(values, index=index)


# MARK: - Analytic verbs: summary


def _single_float(result):
    """The one value of a one-group aggregate result as a Python float, or None when null."""
    values, mask = _floats(result, result.index)
    return None if mask[0] else float(values[0])


_SUMMARY_COLUMNS = ["Name", "Level", "Count", "Mean", "StdDev", "Min", "Max", "ValidObs", "MissingObs"]


def summary(df, columns=None):
    """rx_summary as a table (SPEC §2): one row per numeric column, one per level of text/bool columns."""
    names = list(columns) if columns else list(df.columns)
    rows = []
    for name in names:
        if name not in df.columns:
            raise RexError("summary: unknown column %r" % name)
        s = df[name]
        kind = _type_of(s)
        missing = int(s.isna().sum())
        valid = len(s) - missing
        if kind in ("int", "float"):
            vals = s.astype("Float64").to_numpy(dtype="float64", na_value=_np.nan)
            vals = vals[~_np.isnan(vals)]
            # The `mean` and `sd` aggregates, as a server's summary computes them (numpy's
            # pairwise mean differs in the last digit, and its overflow is infinite, not null).
            m = _single_float(mean(s))
            sdv = _single_float(sd(s))
            lo = float(vals.min()) if valid else None
            hi = float(vals.max()) if valid else None
            rows.append([name, None, None, m, sdv, lo, hi, valid, missing])
        elif kind in ("text", "bool"):
            values = _pyvalues(s)
            counts = {}
            for v in values:
                if v is not None:
                    key = ("true" if v else "false") if kind == "bool" else v
                    counts[key] = counts.get(key, 0) + 1
            if not counts:
                rows.append([name, None, 0, None, None, None, None, 0, missing])
            for level in sorted(counts):
                rows.append([name, level, counts[level], None, None, None, None, counts[level], missing])
        elif columns:
            raise RexError("summary: column %r has type %s; summary takes int, float, text and bool columns"
                           % (name, str(s.dtype)))
    types = ["text", "text", "int", "float", "float", "float", "float", "int", "int"]
    data = {}
    for i, col in enumerate(_SUMMARY_COLUMNS):
        data[col] = _typed([r[i] for r in rows], types[i])
    return _pd.DataFrame(data)


# MARK: - Analytic verbs: linmod (the linear model and its distributions: rex_linmod.py)


def _linmod_module():
    try:
        import _rex_linmod as module  # embedded
    except ImportError:
        try:
            import rex_linmod as module  # prelude/ on sys.path (Tests/python)
        except ImportError:  # this file loaded by path: the module beside it
            import importlib.util
            import os
            name = "rex_linmod"
            if name not in _sys.modules:
                spec = importlib.util.spec_from_file_location(name, os.path.join(os.path.dirname(__file__), "rex_linmod.py"))
                loaded = importlib.util.module_from_spec(spec)
                _sys.modules[name] = loaded
                spec.loader.exec_module(loaded)
            module = _sys.modules[name]
    return module


def linmod(df, y, xs, intercept=True):
    """``linmod Y ~ X1 + X2 [- 1]``: the coefficient table (rex_linmod.linmod)."""
    return _linmod_module().linmod(df, y, xs, intercept)


def last_fit():
    """The fit statistics of the most recent ``linmod`` in this process (a dict), or None."""
    return _linmod_module().last_fit()


_kept_fits = {}


def keep_fit(key):
    """Keeps the fit of the ``linmod`` that just ran under ``key``, in the same run, so that
    another session's linmod between this run and ``take_fit`` cannot replace it."""
    _kept_fits[key] = last_fit()


def take_fit(key):
    """The fit kept under ``key`` (removed), or None."""
    return _kept_fits.pop(key, None)


def __getattr__(name):
    # linmod_fit, t_pvalue, f_pvalue, betainc, ... live in rex_linmod.py.
    if name in ("linmod_fit", "t_pvalue", "f_pvalue", "betainc"):
        return getattr(_linmod_module(), name)
    raise AttributeError("module %r has no attribute %r" % (__name__, name))


# MARK: - Analytic verbs: plot


def plot(df, kind, args=(), options=None):
    """A matplotlib (Agg) plot as PNG bytes.

    kinds: ``scatter X Y`` (option ``color``), ``hist X`` (``bins``), ``bar X Y``,
    ``line X Y``, ``box Y`` (``by``), ``matrix [COLS]``; options ``title``,
    ``width``/``height`` (inches), ``dpi``.
    """
    import matplotlib
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    options = dict(options or {})
    args = list(args)
    for name in args + [options.get("color"), options.get("by")]:
        if name is not None and name not in df.columns:
            raise RexError("plot %s: unknown column %r" % (kind, name))
    width = float(options.get("width", 9.6 if kind == "matrix" else 8.0))
    height = float(options.get("height", 9.6 if kind == "matrix" else 6.0))
    dpi = int(options.get("dpi", 100))
    title = options.get("title")

    def need(k):
        if len(args) != k:
            raise RexError("plot %s needs %d column%s, got %d" % (kind, k, "" if k == 1 else "s", len(args)))

    def numeric(name):
        return df[name].astype("Float64").to_numpy(dtype="float64", na_value=_np.nan) \
            if _type_of(df[name]) in ("int", "float", "bool") else _np.array(_pyvalues(df[name]), dtype=object)

    fig = plt.figure(figsize=(width, height), dpi=dpi)
    try:
        if kind == "matrix":
            plt.close(fig)
            cols = args or [c for c in df.columns if _type_of(df[c]) in ("int", "float")]
            if not cols:
                raise RexError("plot matrix needs numeric columns")
            data = _pd.DataFrame({c: numeric(c) for c in cols})
            empty = [c for c in cols if not _np.isfinite(data[c].to_numpy(dtype="float64")).any()]
            if empty:
                raise RexError("plot matrix: column %r has no values to plot" % empty[0])
            axes = _pd.plotting.scatter_matrix(data, figsize=(width, height))
            fig = _np.asarray(axes).flat[0].get_figure()
            fig.set_dpi(dpi)
        else:
            ax = fig.add_subplot(1, 1, 1)
            if kind == "scatter":
                need(2)
                xv, yv = numeric(args[0]), numeric(args[1])
                color = options.get("color")
                if color is None:
                    ax.scatter(xv, yv, s=12)
                else:
                    cv = _pyvalues(df[color])
                    levels = sorted({v for v in cv if v is not None}, key=lambda v: (str(type(v)), v))
                    for level in levels:
                        sel = _np.array([v == level for v in cv])
                        ax.scatter(xv[sel], yv[sel], s=12, label=str(level))
                    if levels:
                        ax.legend(title=color)
                ax.set_xlabel(args[0])
                ax.set_ylabel(args[1])
            elif kind == "hist":
                need(1)
                v = numeric(args[0])
                ax.hist(v[~_np.isnan(v)], bins=int(options.get("bins", 10)))
                ax.set_xlabel(args[0])
                ax.set_ylabel("count")
            elif kind in ("bar", "line"):
                need(2)
                xs = [str(v) if kind == "bar" else v for v in _pyvalues(df[args[0]])]
                yv = numeric(args[1])
                keep = [i for i, v in enumerate(xs) if v is not None and not _np.isnan(yv[i])]
                xk = [xs[i] for i in keep]
                yk = yv[keep]
                if kind == "bar":
                    ax.bar(xk, yk)
                else:
                    order = sorted(range(len(xk)), key=lambda i: xk[i])
                    ax.plot([xk[i] for i in order], yk[order])
                ax.set_xlabel(args[0])
                ax.set_ylabel(args[1])
            elif kind == "box":
                need(1)
                v = numeric(args[0])
                by = options.get("by")
                if by is None:
                    ax.boxplot([v[~_np.isnan(v)]], labels=[args[0]])
                elif not [x for x in _pyvalues(df[by]) if x is not None]:
                    ax.set_xlabel(by)  # no groups: empty axes
                else:
                    gv = _pyvalues(df[by])
                    levels = sorted({x for x in gv if x is not None}, key=lambda x: (str(type(x)), x))
                    data = [v[_np.array([x == level for x in gv]) & ~_np.isnan(v)] for level in levels]
                    ax.boxplot(data, labels=[str(level) for level in levels])
                    ax.set_xlabel(by)
                ax.set_ylabel(args[0])
            else:
                raise RexError("unknown plot kind %r (scatter, hist, bar, line, box, matrix)" % kind)
        if title is not None:
            fig.suptitle(str(title))
        buffer = _io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi)
        return buffer.getvalue()
    finally:
        plt.close(fig)


# MARK: - rex spellings of functions whose names are Python builtins
# (the module's own code calls the builtins through ``_b``).
sum = sum_
min = min_
max = max_
any = any_
all = all_
abs = abs_
round = round_
