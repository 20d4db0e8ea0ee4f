"""Local fetch the usual way: pyodbc fetchall into a DataFrame, then the aggregates of the rex
pipeline `table bench_big | summarize n = count(), i_max = max(i), f_sum = sum(f),
t_n = count(t), d_max = max(d)`, printed as CSV.

usage: python3 fetch_pyodbc.py CONNECTION-STRING
"""
import sys

import pandas
import pyodbc

connection = pyodbc.connect(sys.argv[1], autocommit=True)
cursor = connection.cursor()
cursor.execute("SELECT i, f, t, d FROM bench_big")
rows = cursor.fetchall()
df = pandas.DataFrame.from_records(rows, columns=[c[0] for c in cursor.description])
result = pandas.DataFrame({
    "n": [len(df)], "i_max": [df["i"].max()], "f_sum": [df["f"].sum()],
    "t_n": [df["t"].count()], "d_max": [df["d"].dropna().max()],
})
result.to_csv(sys.stdout, index=False)
