#!/usr/bin/env python3
"""Runs the @script of a rex sp_execute_external_script batch as SQL Server would.

Usage: run_external_script.py SCRIPT_FILE INPUT_JSON

INPUT_JSON describes the input query's result: {"columns": [[name, sqltype], ...],
"rows": [[...], ...]}. The frame `df` is built the way SQL Server 2019's Python bridge
builds InputDataSet: bigint/int as float64 when a value is NULL (bigint always), NULL as
NaN/None, bit as bool (object with None when NULL), date as datetime64, nvarchar as
object str (None for NULL), float as float64 — no nullable dtypes. The script runs
with the OUTPUT parameters `meta` and `png` set to None, like the bridge does; it is
first parsed as Python 3.7 (feature_version), as SQL Server 2019 runs it.

Prints one JSON object: meta (the text), png (base64 or null), output (OutputDataSet:
columns and rows, every cell as str or null).
"""
import ast
import base64
import json
import sys

import numpy as np
import pandas as pd


def input_frame(description):
    data = {}
    names = [name for name, _ in description["columns"]]
    for index, (name, sqltype) in enumerate(description["columns"]):
        values = [row[index] for row in description["rows"]]
        if sqltype in ("bigint", "float"):
            data[name] = pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
        elif sqltype == "int":
            if any(v is None for v in values):
                data[name] = pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")
            else:
                data[name] = pd.Series(values, dtype="int32")
        elif sqltype == "bit":
            data[name] = pd.Series(values, dtype="object" if any(v is None for v in values) else "bool")
        elif sqltype == "date":
            data[name] = pd.to_datetime(pd.Series(values, dtype="object"))
        elif sqltype == "nvarchar":
            data[name] = pd.Series(values, dtype="object")
        else:
            raise ValueError("no such input type in SQL Server's Python bridge: %s" % sqltype)
    return pd.DataFrame(data, columns=names)


def main():
    script = open(sys.argv[1], encoding="utf-8").read()
    ast.parse(script, feature_version=(3, 7))
    with open(sys.argv[2], encoding="utf-8") as f:
        description = json.load(f)
    scope = {"df": input_frame(description), "meta": None, "png": None, "__name__": "__main__"}
    exec(compile(script, "<string>", "exec"), scope)
    out = scope.get("OutputDataSet")
    output = None
    if isinstance(out, pd.DataFrame) and len(out.columns) > 0:
        for column in out.columns:
            if out[column].dtype != object:
                raise TypeError("OutputDataSet column %s is %s, not object" % (column, out[column].dtype))
        rows = [[None if v is None else str(v) for v in row] for row in out.itertuples(index=False, name=None)]
        output = {"columns": [str(c) for c in out.columns], "rows": rows}
    png = scope.get("png")
    print(json.dumps({
        "meta": scope.get("meta"),
        "png": None if png is None else base64.b64encode(png).decode("ascii"),
        "output": output,
    }))


if __name__ == "__main__":
    main()
