"""A small, slow model of rex's SPEC §2 semantics, used only to cross-check the
expected results written in cases/*.rexcase (it is not an engine of rex).

Usage: /usr/bin/python3 Tests/conformance/reference.py [-v]
Runs every case with plain Python values (None is null) and reports every case
whose expected result differs from the model's.

Modelled: every verb of the cases (window derives `derive … [by …] sort …`, `take N by`,
sort keys that are expressions), `case(… => …, else => …)`, date arithmetic (d ± n,
d1 - d2, add_months, date_trunc, today(), now()). Where SPEC §2 leaves a behaviour open
(an overflow in a row that a later filter removes), the model takes the engines' choice and
says so where it does.
"""
import calendar
import datetime as dt
import fractions
import math
import pathlib
import re
import statistics
import sys
from decimal import Decimal, ROUND_HALF_UP, localcontext

import validate

INT_MIN, INT_MAX = -2**63, 2**63 - 1


class RexError(Exception):
    pass


# ---------------------------------------------------------------- lexer
TOKEN = re.compile(r"""
 (?P<ws>\s+|\#[^\n]*)
|(?P<dt>@\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)
|(?P<date>@\d{4}-\d{2}-\d{2})
|(?P<num>\d+\.\d*(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+|\d+)
|(?P<str>"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*')
|(?P<bq>`[^`]*`)
|(?P<id>[A-Za-z_][A-Za-z_0-9]*)
|(?P<op>==|!=|<=|>=|=>|[-+*/%<>=(),|.])
""", re.X)


def lex(text):
    out, i = [], 0
    while i < len(text):
        m = TOKEN.match(text, i)
        if not m:
            raise RexError(f"bad character {text[i]!r}")
        i = m.end()
        kind = m.lastgroup
        v = m.group()
        if kind == "ws":
            continue
        if kind == "str":
            v = re.sub(r"\\(.)", lambda e: {"n": "\n"}.get(e.group(1), e.group(1)), v[1:-1])
        elif kind == "bq":
            kind, v = "id", v[1:-1]
            out.append(("qid", v))
            continue
        out.append((kind, v))
    out.append(("eof", None))
    return out


# ---------------------------------------------------------------- parser
VERBS = {"filter", "select", "derive", "drop", "rename", "summarize", "sort", "take", "distinct", "join", "append"}
AGGS = {"count", "count_distinct", "sum", "mean", "min", "max", "sd", "var", "median", "any", "all"}


class Parser:
    def __init__(self, tokens):
        self.t, self.i = tokens, 0

    def peek(self, k=0):
        return self.t[self.i + k]

    def next(self):
        tok = self.t[self.i]
        self.i += 1
        return tok

    def accept(self, v):
        if self.peek()[1] == v and self.peek()[0] in ("op", "id"):
            self.i += 1
            return True
        return False

    def expect(self, v):
        if not self.accept(v):
            raise RexError(f"expected {v!r}, got {self.peek()}")

    def name(self):
        kind, v = self.next()
        if kind not in ("id", "qid"):
            raise RexError(f"expected a name, got {v!r}")
        return v

    # statements
    def statement(self):
        if self.peek() == ("id", "let"):
            self.next()
            n = self.name()
            self.expect("=")
            return ("let", n, self.pipeline())
        if self.peek() == ("id", "def"):
            self.next()
            n = self.name()
            self.expect("(")
            params = []
            while not self.accept(")"):
                params.append(self.name())
                self.accept(",")
            self.expect("=")
            if self.peek()[0] == "id" and self.peek()[1] in VERBS:
                return ("defverb", n, params, self.verbs())
            return ("defexpr", n, params, self.expr())
        return ("run", self.pipeline())

    def pipeline(self):
        if self.accept("("):
            src = self.pipeline()
            self.expect(")")
        elif self.accept("table"):
            src = ("table", self.name())
        else:
            src = ("ref", self.name())
        steps = []
        while self.accept("|"):
            steps.append(self.verb())
        return ("pipe", src, steps)

    def verbs(self):
        steps = [self.verb()]
        while self.accept("|"):
            steps.append(self.verb())
        return steps

    def items(self, allow_plain=True):
        out = []
        while True:
            if self.peek(1) == ("op", "=") and self.peek()[0] in ("id", "qid"):
                n = self.name()
                self.next()
                out.append((n, self.expr()))
            else:
                e = self.expr()
                if e[0] != "col":
                    raise RexError("an item needs a name")
                out.append((e[1], e))
            if not self.accept(","):
                return out

    def names(self):
        out = [self.name()]
        while self.accept(","):
            out.append(self.name())
        return out

    def by(self):
        if self.accept("by"):
            return self.names()
        return []

    def verb(self):
        kind, v = self.next()
        if v == "filter":
            return ("filter", self.expr())
        if v == "select":
            return ("select", self.items())
        if v == "derive":
            # derive N = E, … [by G…] [sort K1, -K2]: with sort, a window derive (SPEC §2)
            items = self.items()
            by = self.by()
            return ("derive", items, by, self.sort_keys() if self.accept("sort") else None)
        if v == "drop":
            return ("drop", self.names())
        if v == "rename":
            pairs = []
            while True:
                new = self.name()
                self.expect("=")
                pairs.append((new, self.name()))
                if not self.accept(","):
                    return ("rename", pairs)
        if v == "summarize":
            items = self.items()
            return ("summarize", items, self.by())
        if v == "sort":
            return ("sort", self.sort_keys())
        if v == "take":
            # take N [offset M] | take N by G1, G2; N may be a def parameter's name
            kind, n = self.next()
            n = int(n) if kind == "num" else n
            off, by = 0, None
            if self.accept("offset"):
                off = int(self.next()[1])
            elif self.accept("by"):
                by = self.names()
            return ("take", n, off, by)
        if v == "distinct":
            cols = []
            if self.peek()[0] in ("id", "qid"):
                cols = self.names()
            return ("distinct", cols)
        if v == "join":
            how = "inner"
            if self.peek()[1] in ("inner", "left", "full"):
                how = self.next()[1]
            rel = self.relation()
            self.expect("on")
            save = self.i
            try:
                keys = self.names()
                if self.peek()[1] in (")", "|") or self.peek()[0] == "eof":
                    return ("join", how, rel, ("keys", keys))
            except RexError:
                pass
            self.i = save
            return ("join", how, rel, ("expr", self.expr()))
        if v == "append":
            return ("append", self.relation())
        if kind == "id" and self.peek() == ("op", "("):
            self.next()
            args = []
            while not self.accept(")"):
                args.append(self.expr())
                self.accept(",")
            return ("call", v, args)
        raise RexError(f"unknown verb {v}")

    def sort_keys(self):
        """Sort keys are expressions; a leading '-' always means descending (SPEC §2)."""
        keys = []
        while True:
            desc = self.accept("-")
            keys.append((self.expr(), desc))
            if not self.accept(","):
                return keys

    def relation(self):
        if self.accept("("):
            p = self.pipeline()
            self.expect(")")
            return p
        if self.accept("table"):
            return ("pipe", ("table", self.name()), [])
        return ("pipe", ("ref", self.name()), [])

    # expressions
    def expr(self):
        e = self.conj()
        while self.accept("or"):
            e = ("or", e, self.conj())
        return e

    def conj(self):
        e = self.neg()
        while self.accept("and"):
            e = ("and", e, self.neg())
        return e

    def neg(self):
        if self.accept("not"):
            return ("not", self.neg())
        return self.comparison()

    def comparison(self):
        e = self.additive()
        kind, v = self.peek()
        if kind == "op" and v in ("==", "!=", "<", "<=", ">", ">="):
            self.next()
            return ("cmp", v, e, self.additive())
        if v == "is":
            self.next()
            negated = self.accept("not")
            self.expect("null")
            return ("isnull", e, negated)
        if v == "in" or (v == "not" and self.peek(1)[1] == "in"):
            negated = self.accept("not")
            self.expect("in")
            self.expect("(")
            items = []
            while not self.accept(")"):
                items.append(self.expr())
                self.accept(",")
            return ("in", e, items, negated)
        if v == "between":
            self.next()
            lo = self.additive()
            self.expect("and")
            return ("between", e, lo, self.additive())
        return e

    def additive(self):
        e = self.mult()
        while self.peek() in (("op", "+"), ("op", "-")):
            e = ("arith", self.next()[1], e, self.mult())
        return e

    def mult(self):
        e = self.unary()
        while self.peek() in (("op", "*"), ("op", "/"), ("op", "%")):
            e = ("arith", self.next()[1], e, self.unary())
        return e

    def unary(self):
        if self.accept("-"):
            return ("negate", self.unary())
        return self.primary()

    def primary(self):
        kind, v = self.next()
        if kind == "num":
            return ("lit", int(v), "int") if re.fullmatch(r"\d+", v) else ("lit", float(v), "float")
        if kind == "str":
            return ("lit", v, "text")
        if kind in ("date", "dt"):
            try:  # a day that does not exist is an error
                if kind == "date":
                    return ("lit", dt.date.fromisoformat(v[1:]), "date")
                return ("lit", dt.datetime.fromisoformat(v[1:]), "datetime")
            except ValueError:
                raise RexError(f"no such date {v}")
        if kind == "op" and v == "(":
            e = self.expr()
            self.expect(")")
            return e
        if kind == "qid":
            return ("col", v)
        if kind == "id":
            if v in ("true", "false"):
                return ("lit", v == "true", "bool")
            if v == "null":
                return ("lit", None, "null")
            if v == "case" and self.peek() == ("op", "("):
                return self.case()
            if v in ("this", "that") and self.peek() == ("op", "."):
                self.next()
                return ("side", v, self.name())
            if self.peek() == ("op", "("):
                self.next()
                args = []
                while not self.accept(")"):
                    args.append(self.expr())
                    self.accept(",")
                return ("fn", v, args)
            return ("col", v)
        raise RexError(f"unexpected {v!r}")

    def case(self):
        """case(C1 => V1, …, else => V) -> ("case", [(C, V)…], V or None)"""
        self.expect("(")
        branches, other = [], None
        while not self.accept(")"):
            if self.accept("else"):
                self.expect("=>")
                other = self.expr()
            else:
                c = self.expr()
                self.expect("=>")
                branches.append((c, self.expr()))
            self.accept(",")
        return ("case", branches, other)


# ---------------------------------------------------------------- values
def check_int(v):
    if v is not None and not (INT_MIN <= v <= INT_MAX):
        raise RexError("integer overflow")
    return v


def unify(a, b):
    if a == "null":
        return b
    if b == "null" or a == b:
        return a
    if {a, b} == {"int", "float"}:
        return "float"
    raise RexError(f"types {a} and {b} do not agree")


def cmp3(op, a, b):
    if a is None or b is None:
        return None
    if isinstance(a, float) != isinstance(b, float) and not isinstance(a, (bool, str)) and not isinstance(b, (bool, str)):
        a, b = float(a), float(b)  # int widens to float (SPEC §2)
    return {"==": a == b, "!=": a != b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def and3(a, b):
    if a is False or b is False:
        return False
    if a is None or b is None:
        return None
    return True


def or3(a, b):
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def not3(a):
    return None if a is None else not a


def rex_round(x, n=0):
    """round(x, n): half away from zero on the shortest decimal form of x (SPEC §2); a negative
    n rounds to tens, hundreds…; an int stays an int (exact, no overflow on the way: only a
    result beyond 64 bits is one); a float rounded to zero is 0.0, not -0.0."""
    if x is None or n is None:
        return None
    # Digits beyond ±400 change nothing more: every double lies between 1e-400 and 1e400, and
    # every int below 1e19.
    n = max(-400, min(400, n))
    if isinstance(x, int):
        if n >= 0:
            return x
        q = 10 ** -n
        r = (abs(x) + q // 2) // q * q
        return check_int(-r if x < 0 else r)
    with localcontext() as ctx:
        ctx.prec = 1000  # every digit of any double, so quantize never runs out of precision
        d = Decimal(repr(x))
        if d.as_tuple().exponent >= -n:
            return x + 0.0  # already has no more than n decimals (-0.0 is 0.0)
        q = d.quantize(Decimal(1).scaleb(-n), rounding=ROUND_HALF_UP)
    r = float(q) + 0.0  # + 0.0 turns -0.0 into 0.0
    return None if math.isinf(r) else r  # beyond the float range: null (SPEC §2)


def to_int(x):
    if x is None:
        return None
    if isinstance(x, bool):
        return int(x)
    if isinstance(x, int):
        return x
    if isinstance(x, float):
        return check_int(int(x))
    if not re.fullmatch(r"[-+]?\d+", x):
        return None
    v = int(x)
    return v if INT_MIN <= v <= INT_MAX else None  # text outside the type's range is null (SPEC §2)


def to_float(x):
    if x is None:
        return None
    if isinstance(x, str):
        if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?", x):
            return None
        return fin(float(x))  # beyond the range (1e999) is null, underflow (1e-400) is 0
    return float(x)


def to_date(x):
    if x is None:
        return None
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", x):
        return None
    try:
        return dt.date.fromisoformat(x)
    except ValueError:
        return None


def substr(s, start, length=None):
    if s is None or start is None:
        return None
    start = max(start, 1)
    if length is None:
        return s[start - 1:]
    if length < 0:
        return ""
    return s[start - 1:start - 1 + length]


def nn(f):
    """Null in, null out."""
    return lambda *a: None if any(v is None for v in a) else f(*a)


def fin(x):
    """A float result that is infinite or undefined is null (SPEC §2); others unchanged."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    return x


def fl(f, domain=lambda *a: True):
    """A float function: null outside its domain, on overflow, or when infinite."""
    def run(*a):
        if not domain(*a):
            return None
        try:
            return fin(float(f(*a)))
        except OverflowError:
            return None
    return nn(run)


def float_text(x):
    """text(float): the shortest round-trip digits; exponential (d.ddde±XX) when
    |x| > 2**53 or |x| < 1e-4 (x != 0), else positional with at least one decimal."""
    s = repr(x)
    if 2.0 ** 53 < abs(x) < 1e16:
        whole = s.lstrip("-").split(".")[0]
        digits = whole.rstrip("0")
        s = ("-" if x < 0 else "") + digits[0] + ("." + digits[1:] if len(digits) > 1 else "") + "e+%02d" % (len(whole) - 1)
    return s


def text_of(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        return float_text(v)
    if isinstance(v, dt.datetime):
        s = v.isoformat()
        return s.rstrip("0") if "." in s else s  # the fraction without trailing zeros
    return v.isoformat() if hasattr(v, "isoformat") else str(v)


# ---------------------------------------------------------------- dates
DATE_MIN, DATE_MAX = dt.date.min.toordinal(), dt.date.max.toordinal()  # 0001-01-01 .. 9999-12-31


def add_days(d, n):
    """d + n days; a result outside 0001-01-01..9999-12-31 is an error, as an overflow (SPEC §2)."""
    o = d.toordinal() + n
    if not DATE_MIN <= o <= DATE_MAX:
        raise RexError("date overflow: the result is outside 0001-01-01..9999-12-31")
    return dt.date.fromordinal(o)


def add_months(d, n):
    """add_months(d, n): the day is clamped to the target month's last day (SPEC §2)."""
    m = d.year * 12 + d.month - 1 + n
    y, mo = divmod(m, 12)
    if not 1 <= y <= 9999:
        raise RexError("date overflow: the result is outside 0001-01-01..9999-12-31")
    return dt.date(y, mo + 1, min(d.day, calendar.monthrange(y, mo + 1)[1]))


TRUNC_UNITS = ("year", "quarter", "month", "week", "day")


def date_trunc(unit, d):
    """The first day of the unit (weeks start on Monday); a datetime stays a datetime at midnight."""
    day = d.date() if isinstance(d, dt.datetime) else d
    if unit == "year":
        day = day.replace(month=1, day=1)
    elif unit == "quarter":
        day = day.replace(month=3 * ((day.month - 1) // 3) + 1, day=1)
    elif unit == "month":
        day = day.replace(day=1)
    elif unit == "week":
        day = add_days(day, -day.weekday())
    return dt.datetime.combine(day, dt.time()) if isinstance(d, dt.datetime) else day


FUNCS = {
    "abs": (nn(abs), lambda t: t[0]),
    "round": (rex_round, lambda t: t[0]),
    "floor": (nn(lambda x: x if isinstance(x, int) else float(math.floor(x))), lambda t: t[0]),
    "ceil": (nn(lambda x: x if isinstance(x, int) else float(math.ceil(x))), lambda t: t[0]),
    "sqrt": (fl(math.sqrt, lambda x: x >= 0), lambda t: "float"),
    "exp": (fl(math.exp), lambda t: "float"),
    "ln": (fl(math.log, lambda x: x > 0), lambda t: "float"),
    "log10": (fl(math.log10, lambda x: x > 0), lambda t: "float"),
    "power": (fl(lambda a, b: math.pow(float(a), float(b)),
                 lambda a, b: not (a == 0 and b < 0) and not (a < 0 and float(b) != math.trunc(b))),
              lambda t: "float"),
    "lower": (nn(str.lower), lambda t: "text"),
    "upper": (nn(str.upper), lambda t: "text"),
    "length": (nn(len), lambda t: "int"),
    "trim": (nn(lambda s: s.strip(" ")), lambda t: "text"),
    "substr": (substr, lambda t: "text"),
    "contains": (nn(lambda s, x: x in s), lambda t: "bool"),
    "starts_with": (nn(lambda s, x: s.startswith(x)), lambda t: "bool"),
    "ends_with": (nn(lambda s, x: s.endswith(x)), lambda t: "bool"),
    "replace": (nn(lambda s, a, b: s if a == "" else s.replace(a, b)), lambda t: "text"),
    "concat": (nn(lambda *a: "".join(a)), lambda t: "text"),
    "year": (nn(lambda d: d.year), lambda t: "int"),
    "month": (nn(lambda d: d.month), lambda t: "int"),
    "day": (nn(lambda d: d.day), lambda t: "int"),
    "hour": (nn(lambda d: d.hour), lambda t: "int"),
    "weekday": (nn(lambda d: d.isoweekday()), lambda t: "int"),
    "int": (to_int, lambda t: "int"),
    "float": (to_float, lambda t: "float"),
    "text": (nn(text_of), lambda t: "text"),
    "date": (to_date, lambda t: "date"),
    "add_months": (nn(add_months), lambda t: "date"),
    "date_trunc": (nn(date_trunc), lambda t: t[1]),
}

# Window functions: only in a derive with sort (SPEC §2); result types.
WINDOW = {
    "row_number": lambda t: "int", "rank": lambda t: "int", "dense_rank": lambda t: "int",
    "lag": lambda t: t[0], "lead": lambda t: t[0],
    "cumsum": lambda t: t[0], "cummin": lambda t: t[0], "cummax": lambda t: t[0], "cummean": lambda t: "float",
}
RUNNING = {"count", "sum", "mean", "min", "max", "any", "all"}  # aggregates with a running form


def variance_beyond_range(xs):
    """SPEC §2, infinite is null: var (and sd, its square root) is null when the sum of the
    values, a squared deviation from their mean, or the sum of those squares is beyond the
    float range (exact arithmetic; cases stay clear of the boundary)."""
    top = fractions.Fraction(sys.float_info.max)
    exact = [fractions.Fraction(x) for x in xs]
    total = sum(exact)
    if abs(total) > top:
        return True
    mean = total / len(exact)
    squares = [(x - mean) ** 2 for x in exact]
    return any(q > top for q in squares) or sum(squares) > top


def aggregate(name, values, argtype):
    vals = [v for v in values if v is not None]
    if name == "count":
        return len(vals), "int"
    if name == "count_distinct":
        return len(set(vals)), "int"
    if name == "sum":
        return (check_int(sum(vals)) if argtype == "int" else fin(float(sum(vals)))) if vals else None, argtype
    if name == "mean":
        return (fin(sum(vals) / len(vals)) if vals else None), "float"
    if name in ("min", "max"):
        return ((min if name == "min" else max)(vals) if vals else None), argtype
    if name in ("sd", "var"):
        floats = [float(v) for v in vals]
        if len(floats) < 2 or variance_beyond_range(floats):
            return None, "float"
        variance = statistics.variance(floats)
        return (math.sqrt(variance) if name == "sd" else variance), "float"  # sd is the root of var
    if name == "median":
        return (float(statistics.median(vals)) if vals else None), "float"
    if name == "any":
        return (any(vals) if vals else None), "bool"
    if name == "all":
        return (all(vals) if vals else None), "bool"
    raise RexError(name)


# ---------------------------------------------------------------- evaluation
class Rel:
    def __init__(self, cols, types, rows, ordered=False):
        self.cols, self.types, self.rows, self.ordered = list(cols), list(types), [list(r) for r in rows], ordered

    def index(self, name):
        if name not in self.cols:
            raise RexError(f"unknown column '{name}'")
        return self.cols.index(name)


class Env:
    def __init__(self, tables):
        self.tables, self.lets, self.defs = tables, {}, {}
        self.in_window = False  # typing the items of a derive with sort
        self.now = dt.datetime.now().replace(microsecond=0)
        for stmt in PRELUDE:
            self.statement(Parser(lex(stmt)).statement())

    def statement(self, st):
        # today() and now(): the client's clock when the statement starts, whole seconds (SPEC §2)
        self.now = dt.datetime.now().replace(microsecond=0)
        if st[0] == "let":
            self.lets[st[1]] = st[2]
        elif st[0] in ("defverb", "defexpr"):
            self.defs[st[1]] = st
        else:
            return self.pipeline(st[1])

    def pipeline(self, p):
        _, src, steps = p
        if src[0] == "pipe":
            rel = self.pipeline(src)
        elif src[0] == "table":
            rel = self.tables[src[1]]
            rel = Rel(rel.cols, rel.types, rel.rows)
        else:
            rel = self.pipeline(self.lets[src[1]])
        for step in self.push_filters(steps):
            rel = self.verb(rel, step)
        return rel

    def push_filters(self, steps):
        """A filter that uses no column a plain derive before it makes runs before that derive,
        as the engines plan it. SPEC §2 leaves open whether an overflow in a row that a later
        filter removes raises; the model takes the order in which it does not."""
        steps = list(steps)
        moved = True
        while moved:
            moved = False
            for j in range(1, len(steps)):
                d, f = steps[j - 1], steps[j]
                if (d[0] == "derive" and f[0] == "filter" and d[3] is None
                        and not any(has_agg(self.expand(e)) for _, e in d[1])
                        and not columns(self.expand(f[1])) & {n for n, _ in d[1]}):
                    steps[j - 1], steps[j] = f, d
                    moved = True
        return steps

    # expression evaluation: row is a dict name -> value; types dict name -> type
    def expand(self, e):
        """Inline def expression functions (simultaneous, hygienic substitution)."""
        if not isinstance(e, tuple):
            return e
        if e[0] == "fn" and e[1] in self.defs:
            d = self.defs[e[1]]
            args = [self.expand(a) for a in e[2]]
            return self.expand(subst(d[3], dict(zip(d[2], args))))
        return tuple(self.expand(x) if isinstance(x, tuple) else
                     [self.expand(y) for y in x] if isinstance(x, list) else x for x in e)

    def prep(self, e, types, window=False):
        """Expands defs, checks types (window functions only when window), and widens the int
        values of a float if/case/coalesce. Returns the expression and its type."""
        e = self.expand(e)
        self.in_window = window
        try:
            t = self.typeof(e, types)
            return self.widen(e, types), t
        finally:
            self.in_window = False

    def widen(self, e, types):
        """int widens to float where a float is needed: the int values of an if, case or
        coalesce whose type is float are converted (int(if(false, f, j)) truncates float(j))."""
        if not isinstance(e, tuple) or e[0] in ("lit", "col", "side"):
            return e
        e = tuple(self.widen(x, types) if isinstance(x, tuple) else
                  [self.widen(y, types) for y in x] if isinstance(x, list) else x for x in e)

        def f(x):
            return ("fn", "float", [x]) if x is not None and self.typeof(x, types) == "int" else x
        if e[0] == "fn" and e[1] in ("if", "coalesce") and self.typeof(e, types) == "float":
            a = e[2]
            e = ("fn", e[1], a[:1] + [f(x) for x in a[1:]] if e[1] == "if" else [f(x) for x in a])
        if e[0] == "case" and self.typeof(e, types) == "float":
            e = ("case", [(c, f(v)) for c, v in e[1]], f(e[2]))
        return e

    def typeof(self, e, types):
        k = e[0]
        if k == "lit":
            return e[2]
        if k == "col":
            if e[1] not in types:
                raise RexError(f"unknown column '{e[1]}'")
            return types[e[1]]
        if k == "side":
            return types[(e[1], e[2])]
        if k in ("or", "and", "not", "cmp", "isnull", "in", "between"):
            if k in ("or", "and"):
                for x in e[1:]:
                    if self.typeof(x, types) not in ("bool", "null"):
                        raise RexError("and/or need bool")
            if k == "cmp":
                unify(self.typeof(e[2], types), self.typeof(e[3], types))
            return "bool"
        if k == "arith":
            op, a, b = e[1], self.typeof(e[2], types), self.typeof(e[3], types)
            if "datetime" in (a, b):
                raise RexError(f"operator '{op}' does not take a datetime (d + n and d - n are for dates)")
            if "date" in (a, b):
                # d + n, n + d, d - n are dates; d1 - d2 is an int count of days (SPEC §2)
                if op == "-" and a == "date" and b == "date":
                    return "int"
                if op in "+-" and a == "date" and b in ("int", "null"):
                    return "date"
                if op == "+" and b == "date" and a in ("int", "null"):
                    return "date"
                raise RexError(f"operator '{op}' cannot combine {a} and {b}")
            if "text" in (a, b) or "bool" in (a, b):
                raise RexError(f"operator '{op}' needs numbers (use concat for text)")
            if op == "%":
                if "float" in (a, b):
                    raise RexError("% needs int operands")
                return "int"
            if op == "/":
                return "float"
            return unify(a, b)
        if k == "negate":
            return self.typeof(e[1], types)
        if k == "case":
            # conditions are bools; all values one type, ints widening to float (SPEC §2)
            t = "null"
            for c, _ in e[1]:
                if self.typeof(c, types) not in ("bool", "null"):
                    raise RexError("a case condition must be a bool")
            for v in [v for _, v in e[1]] + ([e[2]] if e[2] is not None else []):
                vt = self.typeof(v, types)
                try:
                    t = unify(t, vt)
                except RexError:
                    raise RexError(f"case mixes {t} and {vt} values")
            return t
        if k == "fn":
            name, args = e[1], e[2]
            if name in WINDOW:
                if not self.in_window:
                    raise RexError(f"{name}() is a window function: it needs a derive with sort")
                if name in ("lag", "lead") and len(args) > 1 and not (
                        args[1][0] == "lit" and args[1][2] == "int" and args[1][1] > 0):
                    raise RexError(f"{name} needs a positive int literal as its row count")
            if name in AGGS and self.in_window and name not in RUNNING:
                raise RexError(f"{name} is not available as a running value")
            if (name in WINDOW or name in AGGS) and any(has_window(a) for a in args):
                raise RexError(f"a window function cannot be inside {name}()")
            if name == "date_trunc" and not (args and args[0][0] == "lit" and args[0][1] in TRUNC_UNITS):
                raise RexError("date_trunc needs a unit: \"year\", \"quarter\", \"month\", \"week\" or \"day\"")
            ts = [self.typeof(a, types) for a in args]
            if name in WINDOW:
                return WINDOW[name](ts)
            if name in AGGS:
                return aggregate(name, [], ts[0] if ts else None)[1]
            if name == "if":
                return unify(ts[1], ts[2])
            if name == "coalesce":
                t = "null"
                for x in ts:
                    t = unify(t, x)
                return t
            if name == "add_months" and ts[0] not in ("date", "null"):
                raise RexError(f"add_months needs a date, not a {ts[0]}")
            if name == "date_trunc" and ts[1] not in ("date", "datetime", "null"):
                raise RexError(f"date_trunc needs a date or datetime, not a {ts[1]}")
            if name in ("today", "now"):
                return "date" if name == "today" else "datetime"
            return FUNCS[name][1](ts)
        raise RexError(f"cannot type {e}")

    def ev(self, e, row, group=None):
        """group: (rows an aggregate runs over, their types, window) where window is
        (the group's rows in sort order, this row's position, their sort-key values) or None."""
        k = e[0]
        if k == "lit":
            return e[1]
        if k == "col":
            return row[e[1]]
        if k == "side":
            return row[(e[1], e[2])]
        if k == "or":
            return or3(self.ev(e[1], row, group), self.ev(e[2], row, group))
        if k == "and":
            return and3(self.ev(e[1], row, group), self.ev(e[2], row, group))
        if k == "not":
            return not3(self.ev(e[1], row, group))
        if k == "cmp":
            return cmp3(e[1], self.ev(e[2], row, group), self.ev(e[3], row, group))
        if k == "isnull":
            isn = self.ev(e[1], row, group) is None
            return not isn if e[2] else isn
        if k == "in":
            x = self.ev(e[1], row, group)
            vals = [self.ev(v, row, group) for v in e[2]]
            r = False
            for v in vals:
                r = or3(r, cmp3("==", x, v))
            return not3(r) if e[3] else r
        if k == "between":
            x = self.ev(e[1], row, group)
            return and3(cmp3(">=", x, self.ev(e[2], row, group)), cmp3("<=", x, self.ev(e[3], row, group)))
        if k == "arith":
            a, b = self.ev(e[2], row, group), self.ev(e[3], row, group)
            if a is None or b is None:
                return None
            op = e[1]
            if isinstance(a, dt.date) or isinstance(b, dt.date):  # date arithmetic (typed above)
                if isinstance(a, dt.date) and isinstance(b, dt.date):
                    return a.toordinal() - b.toordinal()
                if isinstance(a, dt.date):
                    return add_days(a, b if op == "+" else -b)
                return add_days(b, a)
            if op == "/":
                return None if b == 0 else fin(a / b)
            if op == "%":
                if b == 0:
                    return None
                r = abs(a) % abs(b)
                return -r if a < 0 else r
            r = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b}[op]()
            return check_int(r) if isinstance(r, int) else fin(r)
        if k == "negate":
            v = self.ev(e[1], row, group)
            return None if v is None else (check_int(-v) if isinstance(v, int) else -v)
        if k == "case":
            # the first true condition wins (null and false are skipped); conditions after it
            # and values of other branches are not computed (SPEC §2)
            for c, v in e[1]:
                if self.ev(c, row, group) is True:
                    return self.ev(v, row, group)
            return None if e[2] is None else self.ev(e[2], row, group)
        if k == "fn":
            name, args = e[1], e[2]
            if name in WINDOW:
                ordered, pos, keys = group[2]
                if name == "row_number":
                    return pos + 1
                if name == "rank":  # equal keys share a rank; the next one skips (1, 2, 2, 4)
                    return keys.index(keys[pos]) + 1
                if name == "dense_rank":  # no gaps (1, 2, 2, 3)
                    return len(set(keys[:pos + 1]))
                if name in ("lag", "lead"):  # null past the group's edge
                    n = args[1][1] if len(args) > 1 else 1
                    j = pos - n if name == "lag" else pos + n
                    return self.ev(args[0], ordered[j]) if 0 <= j < len(ordered) else None
                # cumsum/cummean/cummin/cummax: over the non-null values so far
                agg = {"cumsum": "sum", "cummean": "mean", "cummin": "min", "cummax": "max"}[name]
                return aggregate(agg, [self.ev(args[0], r) for r in ordered[:pos + 1]],
                                 self.typeof(args[0], group[1]))[0]
            if name in AGGS:
                rows, types, _ = group
                vals = [self.ev(args[0], r) for r in rows] if args else [1] * len(rows)
                t = self.typeof(args[0], types) if args else None
                return aggregate(name, vals, t)[0]
            if name == "if":
                c = self.ev(args[0], row, group)
                return self.ev(args[1] if c is True else args[2], row, group)
            if name == "coalesce":
                for a in args:
                    v = self.ev(a, row, group)
                    if v is not None:
                        return v
                return None
            if name == "today":
                return self.now.date()
            if name == "now":
                return self.now
            return FUNCS[name][0](*[self.ev(a, row, group) for a in args])
        raise RexError(f"cannot evaluate {e}")

    def order(self, dicts, keys):
        """The row indices in the order of the sort keys ('-' descending, nulls last in both
        directions; SPEC §2), stable, and each row's key values."""
        vals = [tuple(self.ev(e, d) for e, _ in keys) for d in dicts]
        idx = list(range(len(dicts)))
        for j in reversed(range(len(keys))):
            nonnull = [i for i in idx if vals[i][j] is not None]
            nulls = [i for i in idx if vals[i][j] is None]
            nonnull.sort(key=lambda i: vals[i][j], reverse=keys[j][1])
            idx = nonnull + nulls
        return idx, vals

    def verb(self, rel, step):
        k = step[0]
        types = dict(zip(rel.cols, rel.types))
        dicts = [dict(zip(rel.cols, r)) for r in rel.rows]
        if k == "call":
            d = self.defs[step[1]]
            args = [self.expand(a) for a in step[2]]
            m = dict(zip(d[2], args))
            for s in d[3]:
                rel = self.verb(rel, subst_verb(s, m))
            return rel
        if k == "filter":
            e, t = self.prep(step[1], types)
            if t not in ("bool", "null"):
                raise RexError("filter needs a bool")
            return Rel(rel.cols, rel.types, [r for r, d in zip(rel.rows, dicts) if self.ev(e, d) is True], rel.ordered)
        if k == "select":
            items = [(n, self.prep(e, types)) for n, e in step[1]]
            return Rel([n for n, _ in items], [t for _, (_, t) in items],
                       [[self.ev(e, d) for _, (e, _) in items] for d in dicts], rel.ordered)
        if k == "derive":
            _, items, by, sortkeys = step
            for b in by:
                rel.index(b)
            window = sortkeys is not None
            cols, tys, rows = list(rel.cols), list(rel.types), [list(r) for r in rel.rows]
            gkeys = [tuple(d[b] for b in by) for d in dicts]  # null keys form one group
            if window:
                # each group of `by` in the order of the sort keys; rows keep their input order
                idx, keyvals = self.order(dicts, [(self.prep(e, types)[0], desc) for e, desc in sortkeys])
                windows = {}
                for i in idx:
                    windows.setdefault(gkeys[i], []).append(i)
            for n, e in items:
                # later items see earlier ones (derive r = rank(), best = r == 1)
                cur_types = dict(zip(cols, tys))
                cur = [dict(zip(cols, r)) for r in rows]
                e, t = self.prep(e, cur_types, window)
                if window:
                    # aggregates are running values over the rows so far (ROWS frame)
                    vals = [None] * len(rows)
                    for members in windows.values():
                        ordered = [cur[i] for i in members]
                        kv = [keyvals[i] for i in members]
                        for pos, i in enumerate(members):
                            vals[i] = self.ev(e, cur[i], (ordered[:pos + 1], cur_types, (ordered, pos, kv)))
                elif has_agg(e):
                    # whole-input (or per-group) aggregates, repeated on every row
                    groups = {}
                    for g, d in zip(gkeys, cur):
                        groups.setdefault(g, []).append(d)
                    vals = [self.ev(e, d, (groups[g], cur_types, None)) for g, d in zip(gkeys, cur)]
                else:
                    vals = [self.ev(e, d) for d in cur]
                if n in cols:
                    i = cols.index(n)
                    tys[i] = t
                    for r, v in zip(rows, vals):
                        r[i] = v
                else:
                    cols.append(n)
                    tys.append(t)
                    for r, v in zip(rows, vals):
                        r.append(v)
            return Rel(cols, tys, rows, rel.ordered)
        if k == "drop":
            keep = [c for c in rel.cols if c not in step[1]]
            for c in step[1]:
                rel.index(c)
            return self.verb(rel, ("select", [(c, ("col", c)) for c in keep]))
        if k == "rename":
            m = {old: new for new, old in step[1]}
            for old in m:
                rel.index(old)
            return Rel([m.get(c, c) for c in rel.cols], rel.types, rel.rows, rel.ordered)
        if k == "summarize":
            items = [(n, self.prep(e, types)) for n, e in step[1]]
            by = step[2]
            for b in by:
                rel.index(b)
            groups = {}
            for d in dicts:
                groups.setdefault(tuple(d[b] for b in by), []).append(d)
            if not by and not groups:
                groups[()] = []  # without by, one row, also of an empty input
            rows = []
            for key, members in groups.items():
                keyrow = dict(zip(by, key))
                rows.append(list(key) + [self.ev(e, keyrow, (members, types, None)) for _, (e, _) in items])
            return Rel(list(by) + [n for n, _ in items], [types[b] for b in by] + [t for _, (_, t) in items], rows)
        if k == "sort":
            idx, _ = self.order(dicts, [(self.prep(e, types)[0], desc) for e, desc in step[1]])
            return Rel(rel.cols, rel.types, [rel.rows[i] for i in idx], True)
        if k == "take":
            _, n, off, by = step
            if by is None:
                return Rel(rel.cols, rel.types, rel.rows[off:off + n], rel.ordered)
            # take N by G…: the first N rows of each group in the current order (SPEC §2)
            for b in by:
                rel.index(b)
            seen, rows = {}, []
            for r, d in zip(rel.rows, dicts):
                g = tuple(d[b] for b in by)
                seen[g] = seen.get(g, 0) + 1
                if seen[g] <= n:
                    rows.append(r)
            return Rel(rel.cols, rel.types, rows, rel.ordered)
        if k == "distinct":
            if step[1]:
                rel = self.verb(rel, ("select", [(c, ("col", c)) for c in step[1]]))
            seen, rows = set(), []
            for r in rel.rows:
                if tuple(r) not in seen:
                    seen.add(tuple(r))
                    rows.append(r)
            return Rel(rel.cols, rel.types, rows, rel.ordered)
        if k == "append":
            other = self.pipeline(step[1])
            if sorted(other.cols) != sorted(rel.cols):
                raise RexError("append: missing or extra columns")
            rows = list(rel.rows)
            for r in other.rows:
                d = dict(zip(other.cols, r))
                rows.append([d[c] for c in rel.cols])
            for c, t in zip(rel.cols, rel.types):
                if other.types[other.cols.index(c)] != t:
                    raise RexError(f"append: the appended column '{c}' has another type")
            return Rel(rel.cols, rel.types, rows)
        if k == "join":
            return self.join(rel, step)
        raise RexError(f"verb {k}")

    def join(self, left, step):
        _, how, relp, cond = step
        right = self.pipeline(relp)
        if cond[0] == "keys":
            keys = cond[1]
            for kname in keys:
                left.index(kname), right.index(kname)
            rest = [c for c in right.cols if c not in keys]
            clash = set(left.cols) & set(rest)
            cols = [c + "_left" if c in clash else c for c in left.cols] + [c + "_right" if c in clash else c for c in rest]
            types = list(left.types) + [right.types[right.cols.index(c)] for c in rest]
            if how == "full":
                # a full join's key is coalesce(left, right): an int and a float key give a float
                for kname in keys:
                    i = left.cols.index(kname)
                    types[i] = unify(left.types[i], right.types[right.cols.index(kname)])

            def match(l, r):
                return all(l[left.cols.index(kk)] is not None and l[left.cols.index(kk)] == r[right.cols.index(kk)] for kk in keys)

            def combine(l, r):
                lv = l if l is not None else [None] * len(left.cols)
                rv = r if r is not None else [None] * len(right.cols)
                out = []
                for c, v, t in zip(left.cols, lv, types):
                    if c in keys and l is None:
                        v = rv[right.cols.index(c)]
                    if c in keys and t == "float" and v is not None:
                        v = float(v)
                    out.append(v)
                return out + [rv[right.cols.index(c)] for c in rest]
        else:
            e = self.expand(cond[1])
            clash = set(left.cols) & set(right.cols)
            cols = [c + "_left" if c in clash else c for c in left.cols] + [c + "_right" if c in clash else c for c in right.cols]
            types = list(left.types) + list(right.types)
            tys = {}
            for c, t in zip(left.cols, left.types):
                tys[("this", c)] = t
            for c, t in zip(right.cols, right.types):
                tys[("that", c)] = t
            e, _ = self.prep(resolve_sides(e, left.cols, right.cols), tys)

            def match(l, r):
                d = {("this", c): v for c, v in zip(left.cols, l)}
                d.update({("that", c): v for c, v in zip(right.cols, r)})
                return self.ev(e, d) is True

            def combine(l, r):
                return (l if l is not None else [None] * len(left.cols)) + (r if r is not None else [None] * len(right.cols))
        rows, used = [], set()
        for l in left.rows:
            hit = False
            for j, r in enumerate(right.rows):
                if match(l, r):
                    rows.append(combine(l, r))
                    used.add(j)
                    hit = True
            if not hit and how in ("left", "full"):
                rows.append(combine(l, None))
        if how == "full":
            for j, r in enumerate(right.rows):
                if j not in used:
                    rows.append(combine(None, r))
        return Rel(cols, types, rows)


def resolve_sides(e, lcols, rcols):
    if not isinstance(e, tuple):
        return e
    if e[0] == "col":
        inl, inr = e[1] in lcols, e[1] in rcols
        if inl and inr:
            raise RexError(f"ambiguous column '{e[1]}'")
        if not (inl or inr):
            raise RexError(f"unknown column '{e[1]}'")
        return ("side", "this" if inl else "that", e[1])
    return tuple(resolve_sides(x, lcols, rcols) if isinstance(x, tuple) else
                 [resolve_sides(y, lcols, rcols) for y in x] if isinstance(x, list) else x for x in e)


def columns(e):
    """The column names an expression uses."""
    if not isinstance(e, tuple):
        return set()
    if e[0] == "col":
        return {e[1]}
    return set().union(*[columns(x) if isinstance(x, tuple) else
                         set().union(*map(columns, x)) if isinstance(x, list) else set() for x in e])


def calls_any(e, names):
    """True when expression ``e`` calls one of the functions ``names`` anywhere."""
    if not isinstance(e, tuple):
        return False
    if e[0] == "fn" and e[1] in names:
        return True
    return any(calls_any(x, names) if isinstance(x, tuple) else any(calls_any(y, names) for y in x)
               if isinstance(x, list) else False for x in e)


def has_window(e):
    return calls_any(e, WINDOW)


def has_agg(e):
    return calls_any(e, AGGS)


def subst(e, m):
    """Replaces parameter columns by argument expressions, all at once."""
    if not isinstance(e, tuple):
        return e
    if e[0] == "col" and e[1] in m:
        return m[e[1]]
    return tuple(subst(x, m) if isinstance(x, tuple) else [subst(y, m) for y in x] if isinstance(x, list) else x for x in e)


def subst_name(n, m):
    a = m.get(n)
    return a[1] if a is not None and a[0] == "col" else n


def subst_verb(s, m):
    k = s[0]
    if k in ("filter",):
        return (k, subst(s[1], m))
    if k in ("select",):
        return (k, [(subst_name(n, m), subst(e, m)) for n, e in s[1]])
    if k in ("derive", "summarize"):
        out = (k, [(subst_name(n, m), subst(e, m)) for n, e in s[1]], [subst_name(b, m) for b in s[2]])
        if k == "derive":
            out += (None if s[3] is None else [(subst(e, m), d) for e, d in s[3]],)
        return out
    if k == "sort":
        return (k, [(subst(e, m), d) for e, d in s[1]])
    if k == "take":
        n = m[s[1]][1] if isinstance(s[1], str) else s[1]
        return (k, n, s[2], None if s[3] is None else [subst_name(b, m) for b in s[3]])
    if k in ("drop", "distinct"):
        return (k, [subst_name(n, m) for n in s[1]])
    if k == "call":
        return (k, s[1], [subst(a, m) for a in s[2]])
    return s


PRELUDE = [
    "def head(n) = take n",
    "def top(n, col) = sort -col | take n",
    "def count_by(col) = summarize n = count() by col | sort -n",
    "def freq(col) = summarize n = count() by col | derive percent = 100.0 * n / sum(n)",
]


# ---------------------------------------------------------------- cases
def convert(v, t):
    if v is None or (t == "float" and math.isnan(float(v))):
        return None  # SPEC: a float NaN read from any source becomes null
    return {"int": int, "float": float, "text": str, "bool": lambda x: x == "true",
            "date": dt.date.fromisoformat, "datetime": dt.datetime.fromisoformat}[t](v)


def load_table(lines):
    lines = [l for l in lines if l.strip()]
    header = validate.cells(lines[0])
    cols = [h.rpartition(":")[0] for h in header]
    types = [h.rpartition(":")[2] for h in header]
    rows = [[convert(v, t) for v, t in zip(validate.cells(l), types)] for l in lines[1:]]
    return Rel(cols, types, rows)


def read_cases(path):
    cases, case, section, arg, body, shared = [], None, None, "", [], {}

    def finish():
        nonlocal section, body
        if case is not None and section is not None:
            if section == "data":
                shared[arg] = load_table(body)
                case["data"][arg] = shared[arg]
            elif section == "use":
                case["data"][arg] = shared[arg]
            elif section == "pipeline":
                case["pipeline"] = "\n".join(body).strip()
            elif section == "expect":
                case["expect"] = "error" if arg == "error" else load_table(body)
                case["error"] = "\n".join(body).strip() if arg == "error" else None
            elif section == "not":
                engine, _, reason = arg.partition(":")
                case["not"][engine.strip()] = reason.strip()
        section, body = None, []

    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("=== "):
            finish()
            if case:
                cases.append(case)
            case = {"name": line[4:].strip(), "data": {}, "not": {}}
        elif line.startswith("--- "):
            finish()
            w = line[4:].split(" ", 1)
            section, arg = w[0], (w[1].strip() if len(w) > 1 else "")
            if section in ("use", "not"):
                finish()
        elif section is not None:
            body.append(line)
    finish()
    if case:
        cases.append(case)
    return cases


def same(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    return type(a) == type(b) and a == b or (a is None and b is None)


def key(row):
    return [(0, "") if v is None else (1, "%.9e" % v) if isinstance(v, (int, float)) and not isinstance(v, bool) else (2, repr(v)) for v in row]


def run_case(c):
    env = Env(c["data"])
    statements = re.split(r"\n(?!\s*\|)", c["pipeline"])
    result = None
    for s in statements:
        if s.strip():
            p = Parser(lex(s))
            st = p.statement()
            if p.peek()[0] != "eof":
                raise RexError(f"unexpected {p.peek()[1]!r} after the statement")
            result = env.statement(st)
    return result


def main():
    verbose = "-v" in sys.argv
    root = pathlib.Path(__file__).parent / "cases"
    bad = total = unmodelled = 0
    for path in sorted(root.glob("*.rexcase")):
        for c in read_cases(path):
            total += 1
            try:
                got = run_case(c)
                err = None
            except RexError as e:
                got, err = None, str(e)
            except Exception as e:
                # A construct the model does not know (a function or verb missing here):
                # counted apart, not as a disagreement.
                unmodelled += 1
                if verbose:
                    print(f"not modelled {path.name}: {c['name']}: {type(e).__name__}: {e}")
                continue
            exp = c["expect"]
            problem = None
            if exp == "error":
                if err is None:
                    problem = "expected an error, model gave a result"
            elif err is not None:
                problem = "model error: " + err
            else:
                if got.cols != exp.cols or [t if t != "null" else None for t in got.types] != exp.types:
                    problem = f"header: model {list(zip(got.cols, got.types))} expected {list(zip(exp.cols, exp.types))}"
                else:
                    g, e = got.rows, exp.rows
                    ordered = re.search(r"\|\s*(sort|top|count_by)\b", c["pipeline"]) is not None
                    if not ordered:
                        g, e = sorted(g, key=key), sorted(e, key=key)
                    if len(g) != len(e) or not all(all(same(x, y) for x, y in zip(r, s)) for r, s in zip(g, e)):
                        problem = f"rows: model {g} expected {e}"
            if problem:
                bad += 1
                print(f"{path.name}: {c['name']}: {problem}")
            elif verbose:
                print(f"ok {path.name}: {c['name']}")
    print(f"{total - bad - unmodelled} of {total} cases agree with the model; {unmodelled} use what it does not"
          " model (-v lists them)")
    return 1 if bad or unmodelled else 0


if __name__ == "__main__":
    sys.exit(main())
