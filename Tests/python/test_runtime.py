"""Unit tests of prelude/rex_runtime.py: the SPEC §2 semantics in pandas.

Run with: /usr/bin/python3 -m unittest discover -s Tests/python
"""

import datetime
import math
import os
import sys
import unittest

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "prelude"))
import rex_runtime as _rex  # noqa: E402


def ints(*values):
    return pd.Series(pd.array(list(values), dtype="Int64"))


def floats(*values):
    return pd.Series(pd.array(list(values), dtype="Float64"))


def texts(*values):
    return pd.Series(pd.array(list(values), dtype="string"))


def bools(*values):
    return pd.Series(pd.array(list(values), dtype="boolean"))


def dates(*texts_):
    """A date column as the runtime holds it: Int32 day numbers."""
    return pd.Series(pd.array([None if t is None else _rex.date(t) for t in texts_], dtype="Int32"))


def datetimes(*texts_):
    """A datetime column as the runtime holds it: Int64 microseconds."""
    return pd.Series(pd.array([None if t is None else _rex.datetime(t) for t in texts_], dtype="Int64"))


def day(text):
    return _rex.date(text)


def values(s):
    """A Series as a list with None for null."""
    return [None if _rex.is_na(v) else v for v in s.astype(object).tolist()]


class NullLogicTests(unittest.TestCase):
    def test_three_valued_and_or_not(self):
        a = bools(True, True, True, False, False, False, None, None, None)
        b = bools(True, False, None, True, False, None, True, False, None)
        self.assertEqual(values(a & b), [True, False, None, False, False, False, None, False, None])
        self.assertEqual(values(a | b), [True, True, True, True, False, None, True, None, None])
        self.assertEqual(values(_rex.not_(a)), [False] * 3 + [True] * 3 + [None] * 3)
        self.assertEqual(values(_rex.and_(a, b)), values(a & b))
        self.assertEqual(values(_rex.or_(a, b)), values(a | b))

    def test_scalar_logic(self):
        self.assertIs(_rex.and_(False, _rex.NA), False)
        self.assertIs(_rex.or_(True, _rex.NA), True)
        self.assertIs(_rex.and_(True, _rex.NA), _rex.NA)
        self.assertIs(_rex.not_(_rex.NA), _rex.NA)
        self.assertIs(_rex.not_(True), False)

    def test_null_equals_null_is_null(self):
        self.assertEqual(values(ints(1, None) == ints(None, None)), [None, None])
        self.assertEqual(values(_rex.eq(ints(1, 2), None)), [None, None])
        self.assertIs(_rex.eq(_rex.NA, _rex.NA), _rex.NA)

    def test_true_drops_false_and_null(self):
        mask = _rex.true(bools(True, False, None))
        self.assertEqual(mask.tolist(), [True, False, False])
        df = pd.DataFrame({"a": ints(1, 2, 3)})
        self.assertEqual(len(df[_rex.true(True, df)]), 3)
        self.assertEqual(len(df[_rex.true(_rex.NA, df)]), 0)

    def test_comparisons_with_nulls_are_null(self):
        self.assertEqual(values(ints(1, None, 3) < 2), [True, None, False])
        self.assertEqual(values(texts("a", None, "B", "@") > "A"), [True, None, True, False])

    def test_text_comparison_is_by_code_point(self):
        self.assertEqual(values(texts("a", "B", "é") < "b"), [True, True, False])

    def test_date_comparison_with_nulls(self):
        r = dates("2024-01-01", None, "2024-03-01") < _rex.date("2024-02-01")
        self.assertEqual(values(r), [True, None, False])
        self.assertEqual(values(_rex.not_(r)), [False, None, True])

    def test_is_null(self):
        self.assertEqual(values(_rex.is_null(ints(1, None))), [False, True])
        self.assertEqual(values(_rex.is_not_null(texts("", None))), [True, False])


class InListTests(unittest.TestCase):
    def test_in_with_null_in_list(self):
        x = ints(1, 2, None)
        self.assertEqual(values(_rex.isin(x, [1, _rex.NA])), [True, None, None])

    def test_not_in_with_null_is_never_true(self):
        x = ints(1, 2, None)
        self.assertEqual(values(_rex.not_in(x, [1, _rex.NA])), [False, None, None])

    def test_not_in_without_null(self):
        x = ints(1, 2, None)
        self.assertEqual(values(_rex.not_in(x, [1, 3])), [False, True, None])

    def test_in_with_column_items(self):
        x = ints(1, 2, 3)
        self.assertEqual(values(_rex.isin(x, [ints(1, 5, None), 2])), [True, True, None])

    def test_scalar_in(self):
        self.assertIs(_rex.isin(1, [1, _rex.NA]), True)
        self.assertIs(_rex.isin(2, [1, _rex.NA]), _rex.NA)


class ArithmeticTests(unittest.TestCase):
    def test_division_is_float(self):
        self.assertEqual(_rex.div(7, 2), 3.5)
        r = _rex.div(ints(7, -7, None), ints(2, 2, 2))
        self.assertEqual(str(r.dtype), "Float64")
        self.assertEqual(values(r), [3.5, -3.5, None])

    def test_division_by_zero_is_null(self):
        self.assertIs(_rex.div(1, 0), _rex.NA)
        self.assertEqual(values(_rex.div(ints(1, 0), ints(0, 0))), [None, None])
        self.assertEqual(values(_rex.div(floats(1.5), 0.0)), [None])

    def test_modulo_takes_sign_of_dividend(self):
        self.assertEqual(_rex.mod(-7, 3), -1)
        self.assertEqual(_rex.mod(7, -3), 1)
        r = _rex.mod(ints(-7, 7, -7, 7, None), ints(3, 3, -3, -3, 3))
        self.assertEqual(values(r), [-1, 1, -1, 1, None])
        self.assertEqual(str(r.dtype), "Int64")

    def test_modulo_by_zero_is_null(self):
        self.assertIs(_rex.mod(5, 0), _rex.NA)
        self.assertEqual(values(_rex.mod(ints(5, 6), 0)), [None, None])

    def test_modulo_extremes(self):
        self.assertEqual(values(_rex.mod(ints(_rex.INT_MIN), -1)), [0])

    def test_int_overflow_is_an_error(self):
        with self.assertRaises(_rex.RexError):
            _rex.add(ints(2 ** 62, 1), ints(2 ** 62, 1))
        with self.assertRaises(_rex.RexError):
            _rex.mul(ints(2 ** 32), 2 ** 32)
        with self.assertRaises(_rex.RexError):
            _rex.sub(ints(_rex.INT_MIN), 1)
        with self.assertRaises(_rex.RexError):
            _rex.neg(ints(_rex.INT_MIN))
        with self.assertRaises(_rex.RexError):
            _rex.add(_rex.INT_MAX, 1)

    def test_int_arithmetic_near_the_limits_is_exact(self):
        r = _rex.add(ints(_rex.INT_MAX - 1, None), 1)
        self.assertEqual(values(r), [_rex.INT_MAX, None])
        self.assertEqual(values(_rex.mul(ints(-(2 ** 31)), 2 ** 32)), [_rex.INT_MIN])

    def test_overflow_ignores_null_rows(self):
        r = _rex.add(ints(None, 1), ints(_rex.INT_MAX, 1))
        self.assertEqual(values(r), [None, 2])

    def test_float_arithmetic_keeps_nulls(self):
        self.assertEqual(values(_rex.add(floats(1.5, None), 1)), [2.5, None])


class RoundingAndConversionTests(unittest.TestCase):
    def test_round_half_away_from_zero(self):
        self.assertEqual(_rex.round(2.5), 3)
        self.assertEqual(_rex.round(-2.5), -3)
        self.assertEqual(_rex.round(0.5), 1)
        self.assertEqual(_rex.round(1.5), 2)

    def test_round_uses_shortest_decimal_form(self):
        self.assertEqual(_rex.round(2.675, 2), 2.68)
        self.assertEqual(_rex.round(1.005, 2), 1.01)
        self.assertEqual(_rex.round(-2.675, 2), -2.68)
        self.assertEqual(values(_rex.round(floats(2.675, None, 0.125), 2)), [2.68, None, 0.13])

    def test_vectorised_round_agrees_with_decimal_rounding(self):
        rng = np.random.default_rng(7)
        vals = np.concatenate([rng.normal(0, 100, 3000), np.round(rng.normal(0, 10, 3000), 2) + 0.005,
                               rng.integers(-1000, 1000, 3000) / 8.0, [2.675, 1.005, -0.5, 5e15 + 0.5, 1e300]])
        for n in (0, 1, 2, 3):
            fast = _rex.round(pd.Series(pd.array(vals, dtype="Float64")), n).to_numpy(dtype=float)
            slow = [_rex._round_one(float(v), n) for v in vals]
            self.assertEqual(list(fast), slow)

    def test_round_negative_digits_and_ints(self):
        self.assertEqual(_rex.round(1250.0, -2), 1300.0)
        r = _rex.round(ints(1250, -1250, 7), -2)
        self.assertEqual(values(r), [1300, -1300, 0])
        self.assertEqual(str(r.dtype), "Int64")

    def test_int_truncates_toward_zero(self):
        r = _rex.to_int(floats(2.7, -2.7, None))
        self.assertEqual(values(r), [2, -2, None])
        self.assertEqual(str(r.dtype), "Int64")
        with self.assertRaises(_rex.RexError):
            _rex.to_int(floats(1e19))

    def test_int_of_text(self):
        self.assertEqual(values(_rex.to_int(texts("12", "-3", " 3", "12abc", "abc", "3.7", "", None))),
                         [12, -3, None, None, None, None, None, None])

    def test_float_of_text(self):
        self.assertEqual(values(_rex.to_float(texts("1.5", "1e3", "-.5", "abc", "nan", "inf", None))),
                         [1.5, 1000.0, -0.5, None, None, None, None])

    def test_date_of_text(self):
        r = _rex.to_date(texts("2024-02-29", "2023-02-29", "x", None))
        self.assertEqual(values(r), [day("2024-02-29"), None, None, None])
        self.assertEqual(str(r.dtype), "Int32")

    def test_conversions_keep_the_rows_of_a_filtered_frame(self):
        s = texts("x", "2024-02-29", "y", "1899-12-31")
        kept = s[_rex.true(_rex.is_not_null(_rex.to_date(s)))]
        self.assertEqual(list(kept.index), [1, 3])
        self.assertEqual(values(_rex.year(_rex.to_date(kept, "text"), "date")), [2024, 1899])
        self.assertEqual(values(_rex.to_int(texts("1", "2")[1:])), [2])

    def test_dates_outside_datetime64_range(self):
        r = _rex.to_date(texts("0001-01-01", "9999-12-31", "0000-01-01", "2023-02-29", "2024-13-01", None), "text")
        self.assertEqual(values(r), [-719162, 2932896, None, None, None, None])
        self.assertEqual(values(_rex.year(r, "date")), [1, 9999, None, None, None, None])
        self.assertEqual(values(_rex.to_text(r, "date")), ["0001-01-01", "9999-12-31", None, None, None, None])

    def test_text_of_values(self):
        self.assertEqual(values(_rex.to_text(ints(1, None))), ["1", None])
        self.assertEqual(values(_rex.to_text(bools(True, False))), ["true", "false"])
        self.assertEqual(values(_rex.to_text(floats(2.5, 0.1))), ["2.5", "0.1"])


class MathTests(unittest.TestCase):
    def test_domain_errors_are_null(self):
        self.assertEqual(values(_rex.sqrt(floats(4.0, -1.0, None))), [2.0, None, None])
        self.assertEqual(values(_rex.ln(floats(1.0, 0.0, -1.0))), [0.0, None, None])
        self.assertEqual(values(_rex.log10(ints(100, 0))), [2.0, None])
        self.assertIs(_rex.sqrt(-4), _rex.NA)
        self.assertIs(_rex.power(0, -1), _rex.NA)
        self.assertEqual(_rex.power(2, -1), 0.5)

    def test_abs_floor_ceil(self):
        self.assertEqual(values(_rex.abs(ints(-3, None))), [3, None])
        self.assertEqual(values(_rex.floor(floats(-1.5, 1.5))), [-2.0, 1.0])
        self.assertEqual(values(_rex.ceil(floats(-1.5, 1.5))), [-1.0, 2.0])
        with self.assertRaises(_rex.RexError):
            _rex.abs(ints(_rex.INT_MIN))


class TextTests(unittest.TestCase):
    def test_length_counts_trailing_spaces(self):
        self.assertEqual(values(_rex.length(texts("ab  ", "", None, "é"))), [4, 0, None, 1])

    def test_trim_spaces_only(self):
        self.assertEqual(values(_rex.trim(texts("  a b  ", "\ta\n", None))), ["a b", "\ta\n", None])

    def test_substr(self):
        s = texts("hello", None)
        self.assertEqual(values(_rex.substr(s, 2, 3)), ["ell", None])
        self.assertEqual(values(_rex.substr(s, 0, 3)), ["hel", None])
        self.assertEqual(values(_rex.substr(s, -5, 2)), ["he", None])
        self.assertEqual(values(_rex.substr(s, 2, -1)), ["", None])
        self.assertEqual(values(_rex.substr(s, 3)), ["llo", None])
        self.assertEqual(values(_rex.substr(s, 9, 2)), ["", None])

    def test_contains_is_literal(self):
        s = texts("50%_off", "a_b", None)
        self.assertEqual(values(_rex.contains(s, "%_")), [True, False, None])
        self.assertEqual(values(_rex.starts_with(s, "50%")), [True, False, None])
        self.assertEqual(values(_rex.ends_with(s, "_b")), [False, True, None])
        self.assertEqual(values(_rex.contains(s, ".*")), [False, False, None])

    def test_replace_with_empty_pattern_changes_nothing(self):
        s = texts("abc", None)
        self.assertEqual(values(_rex.replace(s, "", "x")), ["abc", None])
        self.assertEqual(values(_rex.replace(s, "b", "")), ["ac", None])
        self.assertEqual(values(_rex.replace(texts("a.a"), ".", "-")), ["a-a"])

    def test_concat_null_if_any_null(self):
        self.assertEqual(values(_rex.concat(texts("a", "b"), "-", texts("x", None))), ["a-x", None])
        self.assertEqual(values(_rex.concat(texts("n"), ints(3))), ["n3"])

    def test_lower_upper(self):
        self.assertEqual(values(_rex.upper(texts("abc", None))), ["ABC", None])
        self.assertEqual(values(_rex.lower(texts("ÀB"))), ["àb"])


class DateTests(unittest.TestCase):
    def test_parts(self):
        d = datetimes("2024-01-01T08:30:00", None, "2024-03-03T00:00:00")
        self.assertEqual(values(_rex.year(d, "datetime")), [2024, None, 2024])
        self.assertEqual(values(_rex.month(d, "datetime")), [1, None, 3])
        self.assertEqual(values(_rex.day(d, "datetime")), [1, None, 3])
        self.assertEqual(values(_rex.hour(d, "datetime")), [8, None, 0])
        self.assertEqual(values(_rex.weekday(d, "datetime")), [1, None, 7])  # Monday, Sunday

    def test_parts_of_out_of_range_dates(self):
        d = dates("0001-01-01", None, "9999-12-31")
        self.assertEqual(values(_rex.year(d, "date")), [1, None, 9999])
        self.assertEqual(values(_rex.weekday(d, "date")), [1, None, 5])

    def test_civil_conversion_matches_python_over_the_whole_range(self):
        days = np.arange(-719162, 2932897, dtype="int64")
        y, m, d = _rex._civil_from_days(days)
        self.assertTrue((_rex._days_from_civil(y, m, d) == days).all())
        for k in list(range(-719162, -719162 + 800)) + list(range(-1000, 1000, 7)) + list(range(2932896 - 800, 2932897)):
            expected = datetime.date(1970, 1, 1) + datetime.timedelta(days=k)
            self.assertEqual((y[k + 719162], m[k + 719162], d[k + 719162]), (expected.year, expected.month, expected.day))
        weekdays = _rex.weekday(pd.Series(pd.array(days[::997].astype("int32"), dtype="Int32")), "date")
        expected = [(datetime.date(1970, 1, 1) + datetime.timedelta(days=int(k))).isoweekday() for k in days[::997]]
        self.assertEqual(values(weekdays), expected)

    def test_text_of_dates_and_datetimes(self):
        self.assertEqual(values(_rex.to_text(dates("0001-01-01", None, "2024-02-29"), "date")),
                         ["0001-01-01", None, "2024-02-29"])
        self.assertEqual(values(_rex.to_text(datetimes("0001-01-01T00:00:00", "9999-12-31T23:59:59.000001"), "datetime")),
                         ["0001-01-01T00:00:00", "9999-12-31T23:59:59.000001"])
        self.assertEqual(_rex.to_text(_rex.date("9999-12-31"), "date"), "9999-12-31")

    def test_date_of_datetime_floors_before_1970(self):
        r = _rex.to_date(datetimes("1969-12-31T23:00:00", "0001-01-01T12:00:00"), "datetime")
        self.assertEqual(values(r), [day("1969-12-31"), day("0001-01-01")])

    def test_coalesce_if_and_in_on_far_dates(self):
        d = dates("2262-04-12", None, "0001-01-01")
        self.assertEqual(values(_rex.coalesce(d, _rex.date("2000-01-01"), type_name="date")),
                         [day("2262-04-12"), day("2000-01-01"), day("0001-01-01")])
        self.assertEqual(values(_rex.if_(_rex.is_null(d), _rex.date("9999-12-31"), d, "date")),
                         [day("2262-04-12"), day("9999-12-31"), day("0001-01-01")])
        self.assertEqual(values(_rex.isin(d, [_rex.date("0001-01-01")])), [False, None, True])

    def test_min_max_and_sort_of_far_dates(self):
        d = dates("2262-04-12", None, "0001-01-01", "9999-12-31")
        self.assertEqual(values(_rex.min(d)), [day("0001-01-01")])
        self.assertEqual(values(_rex.max(d)), [day("9999-12-31")])
        self.assertEqual(str(_rex.max(d).dtype), "Int32")
        df = pd.DataFrame({"d": d})
        self.assertEqual(values(_rex.sort(df, [(df["d"], False)])["d"]),
                         [day("0001-01-01"), day("2262-04-12"), day("9999-12-31"), None])

    def test_user_frame_shows_datetime64_or_objects(self):
        df = pd.DataFrame({"d": dates("2024-01-01", None), "t": datetimes("2024-01-01T08:00:00", None)})
        user = _rex.user_frame(df, {"d": "date", "t": "datetime"})
        self.assertEqual(str(user["d"].dtype), "datetime64[ns]")
        self.assertEqual(user["t"][0], pd.Timestamp("2024-01-01 08:00"))
        far = _rex.user_frame(pd.DataFrame({"d": dates("0001-01-01", None)}), {"d": "date"})
        self.assertEqual(far["d"].tolist(), [datetime.date(1, 1, 1), None])


class ConditionalTests(unittest.TestCase):
    def test_if_gives_b_when_false_or_null(self):
        c = bools(True, False, None)
        self.assertEqual(values(_rex.if_(c, 1, 2, "int")), [1, 2, 2])
        self.assertEqual(values(_rex.if_(c, ints(10, 20, 30), None, "int")), [10, None, None])

    def test_coalesce(self):
        self.assertEqual(values(_rex.coalesce(ints(None, 2, None), ints(1, 5, None), 9, type_name="int")),
                         [1, 2, 9])
        self.assertEqual(_rex.coalesce(_rex.NA, 3), 3)


class AggregateTests(unittest.TestCase):
    def test_empty_and_all_null_aggregates(self):
        empty = ints()
        nulls = ints(None, None)
        for s in (empty, nulls):
            self.assertEqual(values(_rex.count(s)), [0])
            self.assertEqual(values(_rex.sum(s)), [None])
            self.assertEqual(values(_rex.mean(s)), [None])
            self.assertEqual(values(_rex.min(s)), [None])
            self.assertEqual(values(_rex.max(s)), [None])
            self.assertEqual(values(_rex.median(s)), [None])
            self.assertEqual(values(_rex.sd(s)), [None])
            self.assertEqual(values(_rex.var(s)), [None])
            self.assertEqual(values(_rex.count_distinct(s)), [0])
        self.assertEqual(values(_rex.any(bools(None))), [None])
        self.assertEqual(values(_rex.all(bools())), [None])

    def test_count_rows(self):
        df = pd.DataFrame({"x": ints(1, None, 3)})
        self.assertEqual(values(_rex.count(df=df)), [3])
        self.assertEqual(values(_rex.count(df["x"])), [2])
        self.assertEqual(values(_rex.count(df=df.iloc[0:0])), [0])

    def test_sample_statistics(self):
        s = floats(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0, None)
        self.assertAlmostEqual(values(_rex.var(s))[0], 32.0 / 7.0, places=12)
        self.assertAlmostEqual(values(_rex.sd(s))[0], math.sqrt(32.0 / 7.0), places=12)
        self.assertEqual(values(_rex.sd(floats(3.0))), [None])
        self.assertEqual(values(_rex.median(s)), [4.5])
        self.assertEqual(values(_rex.mean(ints(1, 2))), [1.5])

    def test_sum_types_and_overflow(self):
        r = _rex.sum(ints(1, None, 2))
        self.assertEqual(str(r.dtype), "Int64")
        self.assertEqual(values(r), [3])
        with self.assertRaises(_rex.RexError):
            _rex.sum(ints(_rex.INT_MAX, 1))
        self.assertEqual(values(_rex.sum(ints(_rex.INT_MAX, 1, -1))), [_rex.INT_MAX])

    def test_min_max_text_by_code_point(self):
        s = texts("b", "B", "é", None)
        self.assertEqual(values(_rex.min(s)), ["B"])
        self.assertEqual(values(_rex.max(s)), ["é"])

    def test_any_all(self):
        self.assertEqual(values(_rex.any(bools(False, None))), [False])
        self.assertEqual(values(_rex.any(bools(False, True, None))), [True])
        self.assertEqual(values(_rex.all(bools(True, None))), [True])
        self.assertEqual(values(_rex.all(bools(True, False))), [False])

    def test_grouped_aggregates_with_null_key_group(self):
        df = pd.DataFrame({"g": texts("a", "b", None, "a", None), "x": ints(1, None, 3, 4, None)})
        g = _rex.groups(df, ["g"])
        out = _rex.frame(g=g.key("g"), n=_rex.count(g=g), s=_rex.sum(df["x"], g), m=_rex.mean(df["x"], g))
        rows = {(k if not _rex.is_na(k) else None): (n, s, m) for k, n, s, m in
                zip(values(out["g"]), values(out["n"]), values(out["s"]), values(out["m"]))}
        self.assertEqual(rows, {"a": (2, 5, 2.5), "b": (1, None, None), None: (2, 3, 3.0)})

    def test_group_by_on_empty_frame_gives_no_rows(self):
        df = pd.DataFrame({"g": texts(), "x": ints()})
        g = _rex.groups(df, ["g"])
        out = _rex.frame(g=g.key("g"), n=_rex.count(g=g))
        self.assertEqual(len(out), 0)

    def test_window_aggregate_spreads_to_rows(self):
        df = pd.DataFrame({"g": texts("a", "b", "a"), "n": ints(1, 2, 3)})
        g = _rex.groups(df, ["g"])
        out = _rex.derive(df, pct=_rex.div(_rex.mul(100, df["n"]), g.rows(_rex.sum(df["n"], g))))
        self.assertEqual(values(out["pct"]), [25.0, 100.0, 75.0])

    def test_count_distinct(self):
        self.assertEqual(values(_rex.count_distinct(texts("a", "a", "b", None))), [2])


class SortTests(unittest.TestCase):
    def test_nulls_last_both_directions(self):
        df = pd.DataFrame({"x": ints(2, None, 1, 3)})
        up = _rex.sort(df, [(df["x"], False)])
        down = _rex.sort(df, [(df["x"], True)])
        self.assertEqual(values(up["x"]), [1, 2, 3, None])
        self.assertEqual(values(down["x"]), [3, 2, 1, None])

    def test_text_code_point_order_and_multiple_keys(self):
        df = pd.DataFrame({"t": texts("b", "B", "a", None, "a"), "n": ints(1, 2, 3, 4, 5)})
        out = _rex.sort(df, [(df["t"], False), (df["n"], True)])
        self.assertEqual(values(out["t"]), ["B", "a", "a", "b", None])
        self.assertEqual(values(out["n"]), [2, 5, 3, 1, 4])

    def test_take_and_distinct(self):
        df = pd.DataFrame({"x": ints(1, 1, None, None, 2)})
        self.assertEqual(values(_rex.distinct(df)["x"]), [1, None, 2])
        self.assertEqual(values(_rex.take(df, 2, 1)["x"]), [1, None])


class JoinTests(unittest.TestCase):
    def setUp(self):
        self.left = pd.DataFrame({"k": ints(1, 2, None), "a": texts("x", "y", "z")})
        self.right = pd.DataFrame({"k": ints(1, None, 3), "b": texts("p", "q", "r")})
        self.out = [("k", "left", "k"), ("a", "left", "a"), ("b", "right", "b")]

    def rows(self, df):
        return sorted([tuple(values(df[c])[i] for c in df.columns) for i in range(len(df))], key=repr)

    def test_inner_join_null_keys_never_match(self):
        r = _rex.join(self.left, self.right, "inner", on=[("k", "k")], output=self.out)
        self.assertEqual(self.rows(r), [(1, "x", "p")])

    def test_left_join_keeps_unmatched_and_null_keys(self):
        r = _rex.join(self.left, self.right, "left", on=[("k", "k")], output=self.out)
        self.assertEqual(self.rows(r), sorted([(1, "x", "p"), (2, "y", None), (None, "z", None)], key=repr))

    def test_full_join_coalesced_key(self):
        out = [("k", "coalesce", "k", "k"), ("a", "left", "a"), ("b", "right", "b")]
        r = _rex.join(self.left, self.right, "full", on=[("k", "k")], output=out)
        expected = [(1, "x", "p"), (2, "y", None), (None, "z", None), (None, None, "q"), (3, None, "r")]
        self.assertEqual(self.rows(r), sorted(expected, key=repr))
        self.assertEqual(str(r["k"].dtype), "Int64")

    def test_join_with_residual_condition(self):
        left = pd.DataFrame({"x": ints(1, 5)})
        right = pd.DataFrame({"y": ints(2, 3, None)})
        r = _rex.join(left, right, "left", output=[("x", "left", "x"), ("y", "right", "y")],
                      where=lambda this, that: this["x"] < that["y"])
        self.assertEqual(self.rows(r), sorted([(1, 2), (1, 3), (5, None)], key=repr))

    def test_output_columns_of_pruned_inputs_are_left_out(self):
        left = self.left[["k"]]
        r = _rex.join(left, self.right, "inner", on=[("k", "k")], output=self.out)
        self.assertEqual(list(r.columns), ["k", "b"])
        self.assertEqual(self.rows(r), [(1, "p")])

    def test_cross_join_limit(self):
        big = pd.DataFrame({"x": ints(*range(4000))})
        with self.assertRaises(_rex.RexError):
            _rex.join(big, big, "inner", output=[("x", "left", "x")])

    def test_append(self):
        a = pd.DataFrame({"x": ints(1), "t": texts("a")})
        b = pd.DataFrame({"x": ints(None), "t": texts("b")})
        r = _rex.append(a, b)
        self.assertEqual(values(r["x"]), [1, None])
        self.assertEqual(str(r["x"].dtype), "Int64")


class FrameTests(unittest.TestCase):
    def test_frame_types_and_broadcast(self):
        df = pd.DataFrame({"x": ints(1, 2)})
        out = _rex.select(df, x=df["x"], c=_rex.const(None, "float"), t=_rex.const("a", "text"))
        self.assertEqual([str(t) for t in out.dtypes], ["Int64", "Float64", "string"])
        self.assertEqual(values(out["t"]), ["a", "a"])
        one = _rex.frame(n=_rex.count(df=df), k=_rex.const(1, "int"))
        self.assertEqual(len(one), 1)
        self.assertEqual(values(one["n"]), [2])

    def test_nullable_converts_user_frames(self):
        user = pd.DataFrame({"i": [1, 2], "f": [1.0, float("nan")], "b": [True, False],
                             "t": ["a", None], "o": [b"x", b"y"]})
        out = _rex.nullable(user)
        self.assertEqual([str(t) for t in out.dtypes], ["Int64", "Float64", "boolean", "string", "object"])
        self.assertEqual(values(out["f"]), [1.0, None])
        self.assertEqual(values(out["t"]), ["a", None])
        self.assertEqual(_rex.nullable(b"png"), b"png")

    def test_derive_replaces_in_place(self):
        df = pd.DataFrame({"a": ints(1), "b": ints(2)})
        out = _rex.derive(df, a=_rex.add(df["a"], 10), c=df["b"])
        self.assertEqual(list(out.columns), ["a", "b", "c"])
        self.assertEqual(values(out["a"]), [11])

    def test_samples_and_bindings(self):
        _rex.register_sample("tiny", lambda: pd.DataFrame({"x": ints(1)}))
        self.assertEqual(values(_rex.sample("tiny")["x"]), [1])
        _rex.register_binding("b", pd.DataFrame({"z": ints(3)}))
        self.assertEqual(values(_rex.binding("b")["z"]), [3])
        with self.assertRaises(_rex.RexError):
            _rex.sample("nope")


class SummaryTests(unittest.TestCase):
    def test_summary_table(self):
        df = pd.DataFrame({
            "x": ints(1, 2, 3, 4, None),
            "t": texts("b", "a", "b", None, "B"),
            "f": bools(True, None, False, True, True),
        })
        s = _rex.summary(df, ["x", "t", "f"])
        self.assertEqual(list(s.columns), ["Name", "Level", "Count", "Mean", "StdDev", "Min", "Max",
                                           "ValidObs", "MissingObs"])
        rows = [tuple(values(s[c])[i] for c in s.columns) for i in range(len(s))]
        sd = math.sqrt(5.0 / 3.0)
        self.assertEqual(rows[0][:3], ("x", None, None))
        self.assertAlmostEqual(rows[0][3], 2.5)
        self.assertAlmostEqual(rows[0][4], sd)
        self.assertEqual(rows[0][5:], (1.0, 4.0, 4, 1))
        self.assertEqual(rows[1:], [
            ("t", "B", 1, None, None, None, None, 1, 1),
            ("t", "a", 1, None, None, None, None, 1, 1),
            ("t", "b", 2, None, None, None, None, 2, 1),
            ("f", "false", 1, None, None, None, None, 1, 1),
            ("f", "true", 3, None, None, None, None, 3, 1),
        ])
        self.assertEqual(str(s["Count"].dtype), "Int64")

    def test_summary_all_columns_by_default(self):
        df = pd.DataFrame({"x": floats(1.0), "y": floats(None)})
        s = _rex.summary(df, [])
        self.assertEqual(values(s["Name"]), ["x", "y"])
        self.assertEqual(values(s["Mean"]), [1.0, None])
        self.assertEqual(values(s["StdDev"]), [None, None])


class LinmodTests(unittest.TestCase):
    def test_exact_fit_with_text_predictor(self):
        # y = 1 + 2 x + 3 [g == "b"] exactly: estimates exact, R² = 1.
        x = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
        g = ["a", "b", "a", "b", "a", "b"]
        y = [1 + 2 * xi + (3 if gi == "b" else 0) for xi, gi in zip(x, g)]
        df = pd.DataFrame({"y": floats(*y), "x": floats(*x), "g": texts(*g)})
        table, fit = _rex.linmod_fit(df, "y", ["x", "g"])
        self.assertEqual(values(table["Term"]), ["(Intercept)", "x", "gb"])
        for got, want in zip(values(table["Estimate"]), [1.0, 2.0, 3.0]):
            self.assertAlmostEqual(got, want, places=10)
        self.assertAlmostEqual(fit["r_squared"], 1.0, places=12)
        self.assertEqual(fit["n"], 6)
        self.assertEqual(fit["residual_df"], 3)

    def test_known_simple_regression(self):
        # Hand-computed: x = 1..5, y = (2, 4, 5, 4, 5): b1 = 0.6, b0 = 2.2, RSS = 2.4, TSS = 6,
        # sigma² = 0.8, se(b1) = sqrt(0.8/10), t = 0.6/sqrt(0.08) = 2.1213, R² = 0.6, F = t² = 4.5
        # p(t=2.1213, df=3) = 0.1240 (two-sided), same p for F(1, 3) = 4.5.
        df = pd.DataFrame({"y": ints(2, 4, 5, 4, 5, None), "x": ints(1, 2, 3, 4, 5, 6)})
        table = _rex.linmod(df, "y", ["x"])
        fit = table.attrs["rex_fit"]
        self.assertEqual(_rex.last_fit(), fit)
        est = values(table["Estimate"])
        self.assertAlmostEqual(est[0], 2.2, places=10)
        self.assertAlmostEqual(est[1], 0.6, places=10)
        self.assertAlmostEqual(values(table["StdError"])[1], math.sqrt(0.08), places=10)
        self.assertAlmostEqual(values(table["TValue"])[1], 0.6 / math.sqrt(0.08), places=10)
        self.assertAlmostEqual(values(table["PValue"])[1], 0.1240, places=4)
        self.assertAlmostEqual(fit["r_squared"], 0.6, places=10)
        self.assertAlmostEqual(fit["adj_r_squared"], 1 - 0.4 * 4 / 3, places=10)
        self.assertAlmostEqual(fit["f"], 4.5, places=10)
        self.assertAlmostEqual(fit["f_pvalue"], values(table["PValue"])[1], places=10)
        self.assertAlmostEqual(fit["residual_se"], math.sqrt(0.8), places=10)
        self.assertEqual(fit["n"], 5)

    def test_distribution_functions_against_known_values(self):
        # t(df=10) two-sided p at t=2.228139 is 0.05; F(2, 20) upper tail at 3.492828 is 0.05.
        self.assertAlmostEqual(_rex.t_pvalue(2.228139, 10), 0.05, places=6)
        self.assertAlmostEqual(_rex.f_pvalue(3.492828, 2, 20), 0.05, places=6)
        self.assertAlmostEqual(_rex.t_pvalue(0.0, 5), 1.0, places=12)
        self.assertAlmostEqual(_rex.betainc(2.0, 3.0, 0.4), 0.5248, places=10)

    def test_distribution_functions_against_scipy(self):
        try:
            from scipy import stats
        except ImportError:
            self.skipTest("scipy is not installed")
        for t, df in [(0.5, 3), (2.0, 10), (5.0, 147), (23.28, 147), (1.0, 1)]:
            self.assertAlmostEqual(_rex.t_pvalue(t, df), 2 * stats.t.sf(t, df), places=12)
        for f, d1, d2 in [(963.1, 2, 147), (1.5, 3, 10), (0.2, 1, 4)]:
            self.assertAlmostEqual(_rex.f_pvalue(f, d1, d2), stats.f.sf(f, d1, d2), places=12)

    def test_iris_matches_r_lm(self):
        # R: summary(lm(Petal.Width ~ Petal.Length + Sepal.Length, iris)) and lm(Sepal.Length ~ Species).
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "prelude", "data", "iris.csv")
        iris = pd.read_csv(path).convert_dtypes()
        table, fit = _rex.linmod_fit(iris, "Petal_Width", ["Petal_Length", "Sepal_Length"])
        expected = [(-0.008996, 0.182097, -0.049, 0.9607), (0.449376, 0.019365, 23.205, None),
                    (-0.082218, 0.041283, -1.992, 0.0483)]
        for row, (est, se, t, p) in enumerate(expected):
            self.assertAlmostEqual(values(table["Estimate"])[row], est, places=6)
            self.assertAlmostEqual(values(table["StdError"])[row], se, places=6)
            self.assertAlmostEqual(values(table["TValue"])[row], t, places=3)
            if p is not None:
                self.assertAlmostEqual(values(table["PValue"])[row], p, places=4)
        self.assertLess(values(table["PValue"])[1], 2.2e-16)
        self.assertAlmostEqual(fit["residual_se"], 0.2044, places=4)
        self.assertAlmostEqual(fit["r_squared"], 0.929, places=3)
        self.assertAlmostEqual(fit["adj_r_squared"], 0.9281, places=4)
        self.assertAlmostEqual(fit["f"], 962.1, places=1)
        self.assertEqual((fit["f_df1"], fit["f_df2"], fit["n"]), (2, 147, 150))
        species = _rex.linmod(iris, "Sepal_Length", ["Species"])
        self.assertEqual(values(species["Term"]), ["(Intercept)", "Speciesversicolor", "Speciesvirginica"])
        for got, want in zip(values(species["Estimate"]), [5.006, 0.930, 1.582]):
            self.assertAlmostEqual(got, want, places=9)
        self.assertAlmostEqual(values(species["StdError"])[1], 0.10296, places=5)
        self.assertAlmostEqual(species.attrs["rex_fit"]["r_squared"], 0.6187, places=4)

    def test_bool_predictor_is_zero_one(self):
        df = pd.DataFrame({"y": floats(1.0, 3.0, 1.5, 3.5), "f": bools(False, True, False, True),
                           "x": floats(0.0, 0.0, 1.0, 1.0)})
        table = _rex.linmod(df, "y", ["f", "x"])
        self.assertEqual(values(table["Term"]), ["(Intercept)", "f", "x"])
        for got, want in zip(values(table["Estimate"]), [1.0, 2.0, 0.5]):
            self.assertAlmostEqual(got, want, places=10)

    def test_collinear_predictors_are_an_error(self):
        df = pd.DataFrame({"y": floats(1.0, 2.0, 3.0), "a": floats(1.0, 2.0, 3.0), "b": floats(2.0, 4.0, 6.0)})
        with self.assertRaises(_rex.RexError):
            _rex.linmod(df, "y", ["a", "b"])


class PlotTests(unittest.TestCase):
    PNG = b"\x89PNG\r\n\x1a\n"

    def frame(self):
        return pd.DataFrame({"x": floats(1.0, 2.0, 3.0, None), "y": ints(3, 1, 2, 5),
                             "c": texts("a", "b", "a", None)})

    def test_every_kind_returns_png(self):
        df = self.frame()
        cases = [("scatter", ["x", "y"], {"color": "c", "title": "T"}), ("hist", ["x"], {"bins": 3}),
                 ("bar", ["c", "y"], {}), ("line", ["x", "y"], {}), ("box", ["y"], {"by": "c"}),
                 ("matrix", [], {}), ("matrix", ["x", "y"], {"width": 3, "height": 3, "dpi": 50})]
        for kind, args, options in cases:
            with self.subTest(kind=kind):
                png = _rex.plot(df, kind, args, options)
                self.assertIsInstance(png, bytes)
                self.assertTrue(png.startswith(self.PNG))

    def test_size_follows_options(self):
        png = _rex.plot(self.frame(), "scatter", ["x", "y"], {"width": 4, "height": 2, "dpi": 50})
        width = int.from_bytes(png[16:20], "big")
        height = int.from_bytes(png[20:24], "big")
        self.assertEqual((width, height), (200, 100))

    def test_empty_data_still_plots_quietly(self):
        import contextlib
        import io
        empty = self.frame().iloc[0:0]
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            for kind, args, options in [("scatter", ["x", "y"], {"color": "c"}), ("hist", ["x"], {}),
                                        ("bar", ["c", "y"], {}), ("line", ["x", "y"], {}), ("box", ["y"], {"by": "c"})]:
                with self.subTest(kind=kind):
                    self.assertTrue(_rex.plot(empty, kind, args, options).startswith(self.PNG))
        self.assertEqual(err.getvalue(), "")
        with self.assertRaises(_rex.RexError):
            _rex.plot(empty, "matrix", [], {})

    def test_unknown_column_or_kind(self):
        with self.assertRaises(_rex.RexError):
            _rex.plot(self.frame(), "scatter", ["x", "nope"], {})
        with self.assertRaises(_rex.RexError):
            _rex.plot(self.frame(), "pie", ["x"], {})


class LocalAgreementTests(unittest.TestCase):
    """Issue 12: where local pandas disagreed with the SQL engines."""

    def test_grouped_min_max_keep_big_ints(self):
        df = pd.DataFrame({"g": ints(1, 1, 2, 2, 3), "i": ints(9007199254740993, 9007199254740992,
                                                                 2 ** 63 - 1, 1, None)})
        g = _rex.groups(df, ["g"])
        self.assertEqual(values(_rex.max(df["i"], g)), [9007199254740993, 2 ** 63 - 1, None])
        self.assertEqual(values(_rex.min(df["i"], g)), [9007199254740992, 1, None])
        self.assertEqual(values(_rex.min(ints(-(2 ** 63), None))), [-(2 ** 63)])

    def test_min_max_of_text_by_code_point(self):
        df = pd.DataFrame({"g": ints(1, 1, 2, 2), "s": texts("b", "B", None, "é")})
        g = _rex.groups(df, ["g"])
        self.assertEqual(values(_rex.min(df["s"], g)), ["B", "é"])
        self.assertEqual(values(_rex.max(df["s"], g)), ["b", "é"])

    def test_sort_of_big_ints_is_exact(self):
        df = pd.DataFrame({"i": ints(9007199254740993, 9007199254740992, None, 9007199254740994)})
        self.assertEqual(values(_rex.sort(df, [(df["i"], False)])["i"]),
                         [9007199254740992, 9007199254740993, 9007199254740994, None])
        self.assertEqual(values(_rex.sort(df, [(df["i"], True)])["i"]),
                         [9007199254740994, 9007199254740993, 9007199254740992, None])

    def test_join_of_int_and_float_keys_widens_the_int(self):
        left = pd.DataFrame({"i": ints(9007199254740993, 1)})
        right = pd.DataFrame({"f": floats(9007199254740992.0, 1.0)})
        r = _rex.join(left, right, "inner", on=[("i", "f")], output=[("i", "left", "i"), ("f", "right", "f")])
        self.assertEqual(sorted(values(r["i"])), [1, 9007199254740993])
        self.assertEqual(values(ints(9007199254740993) == floats(9007199254740992.0)), [True])

    def test_text_of_float_is_the_csv_form(self):
        cases = {1e15: "1000000000000000.0", 1e16: "1e+16", 1e-7: "1e-07", 0.1 + 0.2: "0.30000000000000004",
                 -0.0: "-0.0", 1e308: "1e+308", 5e-324: "5e-324", 9.5e15: "9.5e+15",
                 2.0 ** 53: "9007199254740992.0", -(2.0 ** 53 + 2): "-9.007199254740994e+15",
                 9999999999999998.0: "9.999999999999998e+15", 0.0001: "0.0001", 9.999e-05: "9.999e-05",
                 100.0: "100.0", 1.7976931348623157e308: "1.7976931348623157e+308"}
        r = _rex.to_text(floats(*cases.keys()), "float")
        self.assertEqual(values(r), list(cases.values()))
        self.assertEqual(_rex.to_text(9.5e15, "float"), "9.5e+15")

    def test_float_text_round_trips(self):
        rng = np.random.default_rng(12)
        bits = rng.integers(0, 2 ** 63, size=20000, dtype=np.int64)
        vals = bits.view("float64")
        vals = vals[np.isfinite(vals)]
        for v, text in zip(vals.tolist(), _rex._float_texts(vals)):
            self.assertEqual(float(text), v)

    def test_infinite_float_results_are_null(self):
        f = floats(1e306, 2.0)
        self.assertEqual(values(_rex.mul(f, 1e306)), [None, 2e306])
        self.assertEqual(values(_rex.add(f, floats(1.797e308, 1.0))), [None, 3.0])
        self.assertEqual(values(_rex.exp(floats(1000.0, 0.0))), [None, 1.0])
        self.assertEqual(values(_rex.div(f, 1e-307)), [None, 2.0 / 1e-307])
        self.assertEqual(values(_rex.power(floats(-8.0, 0.0, 10.0, 2.0), floats(0.5, -1.0, 400.0, 3.0))),
                         [None, None, None, 8.0])
        self.assertIs(_rex.add(1e308, 1e308), _rex.NA)
        self.assertIs(_rex.mul(1e308, 10), _rex.NA)
        self.assertIs(_rex.exp(1000.0), _rex.NA)
        self.assertIs(_rex.power(0, -1), _rex.NA)
        self.assertEqual(_rex.mul(1e-300, 1e-300), 0.0)
        self.assertEqual(values(_rex.sum(floats(1e308, 1e308))), [None])
        self.assertEqual(values(_rex.to_float(texts("1e999"))), [None])

    def test_var_and_sd_near_1e8(self):
        x = floats(*[100000000.0 + k * 0.1 for k in range(10)])
        self.assertAlmostEqual(_rex.var(x).iloc[0] / 0.09166666732894052, 1.0, delta=1e-12)
        self.assertAlmostEqual(_rex.sd(x).iloc[0] / 0.30276503650345843, 1.0, delta=1e-12)
        self.assertEqual(values(_rex.var(floats(1.0, None))), [None])
        self.assertEqual(values(_rex.mean(floats(None))), [None])

    def test_date_of_text_in_a_list_raises_no_warning(self):
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            r = _rex.isin(_rex.to_date("2024-02-29", "text"), [_rex.date("2024-02-29")])
            self.assertIs(bool(r), True)
            d = dates("2024-02-29", None)
            self.assertEqual(values(_rex.isin(d, [_rex.to_date("2024-02-29", "text")])), [True, None])

    def test_warnings_go_to_the_process_stderr(self):
        import io
        import warnings
        captured = io.StringIO()
        saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = captured
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always")
                warnings.showwarning = _rex._show_warning
                warnings.warn("rex test warning", FutureWarning)
        finally:
            sys.stdout, sys.stderr = saved
        self.assertEqual(captured.getvalue(), "")


class LazyBranchTests(unittest.TestCase):
    def test_if_evaluates_a_branch_only_on_its_rows(self):
        df = pd.DataFrame({"i": ints(2 ** 62, 3), "c": bools(False, True)})
        r = _rex.if_(df["c"], lambda d: _rex.mul(d["i"], d["i"]), df["i"], "int", frame=df)
        self.assertEqual(values(r), [2 ** 62, 9])
        r = _rex.if_(_rex.not_(True), lambda d: _rex.mul(d["i"], d["i"]), _rex.NA, "int", frame=df)
        self.assertEqual(values(r), [None, None])

    def test_coalesce_evaluates_later_arguments_only_where_null(self):
        df = pd.DataFrame({"i": ints(2 ** 62, None), "j": ints(2 ** 62, 4)})
        r = _rex.coalesce(df["i"], lambda d: _rex.mul(d["j"], d["j"]), type_name="int", frame=df)
        self.assertEqual(values(r), [2 ** 62, 16])


if __name__ == "__main__":
    unittest.main()
