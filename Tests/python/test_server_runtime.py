"""Unit tests of prelude/rex_server.py, the part of rex that runs inside a server's Python."""
import base64
import importlib.util
import json
import pathlib
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("rex_server", str(ROOT / "prelude" / "rex_server.py"))
server = importlib.util.module_from_spec(spec)
spec.loader.exec_module(server)

RECORDS = [
    {"x": 1.5, "n": 1, "s": "a", "d": "2024-01-31"},
    {"x": None, "n": 2, "s": None, "d": None},
    {"x": 3.0, "n": 3, "s": "b", "d": "1899-12-31"},
]
COLUMNS = ["x", "n", "s", "d"]
TYPES = ["float", "int", "text", "date"]


class ServerRuntimeTests(unittest.TestCase):
    def run_step(self, code):
        return json.loads(server.main(RECORDS, {"columns": COLUMNS, "types": TYPES, "code": code}).decode("utf-8"))

    def test_frame_keeps_nulls_and_types(self):
        df = server.frame(RECORDS, COLUMNS, TYPES)
        self.assertEqual(list(df.columns), COLUMNS)
        self.assertTrue(df["x"].isna()[1])
        self.assertEqual(str(df["n"].dtype), "int64")
        self.assertIsNone(df["s"][1])
        self.assertEqual(str(df["d"][2].date()), "1899-12-31")

    def test_table_payload(self):
        out = self.run_step("print('hello')\nresult = df[['n', 's']]")
        self.assertEqual(out["kind"], "table")
        self.assertEqual(out["columns"], ["n", "s"])
        self.assertEqual(out["types"], ["int", "text"])
        self.assertEqual(out["rows"], [[1, "a"], [2, None], [3, "b"]])
        self.assertEqual(out["printed"], "hello\n")

    def test_value_and_none_payloads(self):
        self.assertEqual(self.run_step("result = int(df['n'].sum())"), {"printed": "", "kind": "value", "type": "int", "value": 6})
        self.assertEqual(self.run_step("result = 'x'")["value"], "x")
        self.assertEqual(self.run_step("x = 1")["kind"], "none")

    def test_plot_payload_is_a_png(self):
        out = self.run_step("result = plot(df, 'scatter', ['n', 'x'], {'title': 'T'})")
        self.assertEqual(out["kind"], "image")
        png = base64.b64decode(out["png"])
        self.assertEqual(png[:8], b"\x89PNG\r\n\x1a\n")
        for kind, args, options in [("hist", ["x"], {"bins": 3}), ("bar", ["s", "x"], {}), ("line", ["n", "x"], {}),
                                    ("box", ["x"], {}), ("matrix", [], {})]:
            figure = server.plot(server.frame(RECORDS, COLUMNS, TYPES), kind, args, options)
            self.assertEqual(server.figure_png(figure)[:4], b"\x89PNG", kind)

    def test_unknown_column_is_an_error(self):
        with self.assertRaises(ValueError):
            self.run_step("result = plot(df, 'hist', ['nope'], {})")


if __name__ == "__main__":
    unittest.main()
