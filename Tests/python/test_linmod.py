"""Unit tests of prelude/rex_linmod.py (issue 14): no-intercept fits as R's summary.lm,
R's choice of aliased columns, and the NIST StRD problems in Tests/nist/.

Run with: /usr/bin/python3 -m unittest discover -s Tests/python
"""

import json
import math
import os
import sys
import unittest

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "prelude"))
import rex_runtime  # noqa: E402,F401  (rex_linmod imports it)
import rex_linmod as _lm  # noqa: E402

NIST = os.path.join(HERE, "..", "nist")


def floats(values):
    return pd.Series(pd.array([float(v) for v in values], dtype="Float64"))


def lre(est, cert):
    err = abs(est) if cert == 0 else abs(est - cert) / abs(cert)
    return 15.0 if err == 0 else min(15.0, -math.log10(err))


class NoInterceptTests(unittest.TestCase):
    def test_noint1_as_r(self):
        data = pd.read_csv(os.path.join(NIST, "NoInt1.csv"))
        df = pd.DataFrame({"y": floats(data["y"]), "x": floats(data["x"])})
        table, fit = _lm.linmod_fit(df, "y", ["x"], intercept=False)
        self.assertEqual(list(table["Term"]), ["x"])
        self.assertAlmostEqual(fit["r_squared"], 0.99936549229866, places=13)
        self.assertAlmostEqual(fit["adj_r_squared"], 0.99930204, places=8)
        self.assertAlmostEqual(fit["f"], 15750.25, places=2)
        self.assertEqual((fit["f_df1"], fit["f_df2"]), (1, 10))

    def test_first_text_predictor_gets_every_level(self):
        df = pd.DataFrame({"y": floats([1, 2, 3, 4]), "g": pd.array(["a", "b", "a", "b"], dtype="string"),
                           "x": floats([0, 0, 1, 1])})
        table, _ = _lm.linmod_fit(df, "y", ["g", "x"], intercept=False)
        self.assertEqual(list(table["Term"]), ["ga", "gb", "x"])


class AliasedTests(unittest.TestCase):
    def test_r_names_the_later_column(self):
        df = pd.DataFrame({"y": floats([1, 3, 2, 5, 4]), "x1": floats([1, 2, 3, 4, 6]), "x2": floats([2, 1, 0, 3, 1])})
        df["x3"] = df["x1"] + df["x2"]
        with self.assertRaisesRegex(rex_runtime.RexError, r"^linmod: x3 is a linear combination of x1, x2"):
            _lm.linmod_fit(df, "y", ["x1", "x2", "x3"])
        with self.assertRaisesRegex(rex_runtime.RexError, r"^linmod: x2 is a linear combination of x3, x1"):
            _lm.linmod_fit(df, "y", ["x3", "x1", "x2"])


class NISTTests(unittest.TestCase):
    def test_every_problem(self):
        with open(os.path.join(NIST, "certified.json")) as f:
            cert = json.load(f)
        for name, c in cert.items():
            data = pd.read_csv(os.path.join(NIST, name + ".csv"))
            cols, xs = {"y": floats(data["y"])}, []
            for t in c["terms"]:
                if t == "1":
                    continue
                key = t.replace("^", "")
                cols[key] = floats(data["x"] ** int(t[2:])) if t.startswith("x^") else floats(data[t])
                xs.append(key)
            table, fit = _lm.linmod_fit(pd.DataFrame(cols), "y", xs, intercept="1" in c["terms"])
            goal = 7 if name == "Filip" else 6 if name in ("Wampler4", "Wampler5") else 9
            digits = min([lre(a, b) for a, b in zip(table["Estimate"], c["estimates"])]
                         + [lre(a, b) for a, b in zip(table["StdError"], c["std_errors"])]
                         + [lre(fit["r_squared"], c["r_squared"]), lre(fit["residual_se"], c["residual_sd"])])
            self.assertGreaterEqual(digits, goal, name)


if __name__ == "__main__":
    unittest.main()
