"""The Jupyter kernel's HTML tables (SPEC §5; prelude/jupyter/rex_kernel.py): floats as
rex's terminal shows them (the `display` texts rex sends, honouring `:set digits`), decimal
points aligned, NULL shown, the maxrows cut; the linmod report as rex prints it."""

import importlib.util
import os
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SPEC = importlib.util.spec_from_file_location(
    "rex_kernel", os.path.join(HERE, "..", "..", "prelude", "jupyter", "rex_kernel.py"))
rex_kernel = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(rex_kernel)


class FloatRuleTests(unittest.TestCase):
    def test_display_texts_from_rex(self):
        # rex sends float cells as its terminal shows them (`display`); the kernel only aligns them.
        texts = rex_kernel.cell_texts("float", [1.5, None, 10.25, 0.6666666666666666],
                                      ["1.5", None, "10.25", "0.6667"])
        self.assertEqual(texts, ["1.5\u2007\u2007\u2007", None, "10.25\u2007\u2007", "0.6667"])
        self.assertEqual(rex_kernel.cell_texts("float", [2e16], ["2.0e+16"]), ["2.0e+16"])
        self.assertEqual(rex_kernel.cell_texts("bool", [True, None]), ["true", None])

    def test_message_display_is_used(self):
        message = {"columns": [{"name": "r", "type": "float"}, {"name": "s", "type": "text"}],
                   "rows": [[0.6666666666666666, "a"]], "tail": [], "row_count": 1, "truncated": False,
                   "display": {"rows": [["0.6667", None]], "tail": []}}
        self.assertIn(">0.6667</td>", rex_kernel.table_html(message))
        self.assertNotIn("0.66666", rex_kernel.table_html(message))

    def test_linmod_report_preformatted(self):
        message = {"formula": "y ~ x", "context": "local", "coefficients": [], "fit": {},
                   "text": "Linear model: y ~ x <1>\nR\u00b2: 0.929\n"}
        self.assertEqual(rex_kernel.linmod_html(message),
                         '<pre class="rex-linmod">Linear model: y ~ x &lt;1&gt;\nR\u00b2: 0.929\n</pre>')

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
