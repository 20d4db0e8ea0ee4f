"""The Jupyter kernel's HTML number rule (SPEC §5; prelude/jupyter/rex_kernel.py):
at most 10 significant digits, one decimal kept, exponents beyond 1e15 or below 1e-5,
decimal points aligned, NULL shown."""

import importlib.util
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location(
    "rex_kernel", os.path.join(HERE, "..", "..", "prelude", "jupyter", "rex_kernel.py"))
rex_kernel = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(rex_kernel)


class FloatRuleTests(unittest.TestCase):
    def test_significant_digits(self):
        f = rex_kernel.format_float
        self.assertEqual(f(6.587999999999998), "6.588")
        self.assertEqual(f(3.0), "3.0")
        self.assertEqual(f(-0.1), "-0.1")
        self.assertEqual(f(5.843333333333334), "5.843333333")
        self.assertEqual(f(0.0), "0.0")
        self.assertEqual(f(1.5e-20), "1.5e-20")
        self.assertEqual(f(2e15), "2e15")
        self.assertEqual(f(-1.25e16), "-1.25e16")
        self.assertEqual(f(123456.0), "123456.0")

    def test_alignment_and_null(self):
        texts = rex_kernel.cell_texts("float", [1.5, None, 10.25, 3.0])
        self.assertEqual(texts, ["1.5\u2007", None, "10.25", "3.0\u2007"])
        self.assertEqual(rex_kernel.cell_texts("bool", [True, None]), ["true", None])

    def test_html_cut_and_null(self):
        message = {"columns": [{"name": "x", "type": "int"}], "rows": [[1], [None]], "tail": [[9]],
                   "row_count": 10, "truncated": True}
        html = rex_kernel.table_html(message)
        self.assertIn("<th>x</th>", html)
        self.assertIn(">int</th>", html)
        self.assertIn('<span style="color:#888">NULL</span>', html)
        self.assertIn("\u2026 7 more rows \u2026", html)
        self.assertIn("10 rows \u00d7 1 column", html)
        text = rex_kernel.table_text(message)
        self.assertEqual(text.split("\n"), ["x", "int", "   1", "NULL", "\u2026 7 more rows \u2026", "   9", "10 rows \u00d7 1 column"])


if __name__ == "__main__":
    unittest.main()
